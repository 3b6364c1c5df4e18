import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FORM, sendPageResult } from '../../platform/web/form-input.js';
import { field, FormErrors, isId } from '../../platform/web/forms.js';
import {
  actorFor,
  commandContext,
  paramsSchema,
  tenantOf,
  typed,
} from '../../platform/web/request.js';
import { todayInLondon } from '../../platform/web/today.js';
import * as repo from './indicator-repository.js';
import { changeIndicator, createIndicator } from './commands/indicators.js';
import { renderIndicatorConflict } from './indicator-conflict.js';
import {
  codeTakenErrors,
  indicatorFormErrors,
  indicatorFormValues,
  readIndicatorFields,
  readTargetForm,
  submitIndicatorForm,
} from './indicator-form.js';
import { IndicatorChange, IndicatorInput } from './inputs.js';
import {
  addStarterSet,
  addTarget,
  indicatorLinkIds,
  linkChoices,
  loadDashboard,
  loadIndicator,
  removeTarget,
  setIndicatorArchived,
  type IndicatorPage,
} from './indicator-service.js';
import {
  RAG_BASIS_TEXT,
  RAG_FILTER_LABELS,
  RAG_FILTERS,
  ragFilterOf,
  renderSparkline,
  thresholdsInWords,
  columnsOfRow,
  splitDefinition,
  type RagFilter,
} from './indicator-status.js';
import { FREQUENCY_LABELS, parsePeriod, type Frequency } from './periods.js';
import {
  formatValue,
  POLARITY_LABELS,
  summariseIndicator,
  TARGET_RAG_RULE,
  UNIT_LABELS,
} from './rag.js';
import {
  BENCHMARK_KINDS,
  BENCHMARK_LABELS,
  renderTrendChart,
  trendTable,
  type TrendInput,
} from './trend-chart.js';
import { STARTER_INDICATORS } from './starter-set.js';
import { listMembers } from '../../platform/directory/directory.js';

const ADMIN = { roles: ['admin'] as const };
const labels = {
  units: UNIT_LABELS,
  polarities: POLARITY_LABELS,
  frequencies: FREQUENCY_LABELS,
  rags: RAG_FILTER_LABELS,
  /** What a rating was judged by, shown on its own line after the tag. */
  basis: RAG_BASIS_TEXT,
  benchmarks: BENCHMARK_LABELS,
};

const RAG_RULE =
  'An indicator with RAG thresholds is rated by them: when higher is better, green from the green threshold and amber from the amber one; when lower is better, green up to the green threshold and amber up to the amber one; red otherwise. ' +
  'Where neither higher nor lower is better (such as the share of pupils with SEN support, where being far from England either way is a concern), the thresholds are bands: green from the lowest to the highest green value, both included; amber inside the wider amber band, if it has one; red outside. Such an indicator without a band is not rated. ' +
  TARGET_RAG_RULE;

function ragFilters(query: unknown): RagFilter[] {
  const raw: unknown =
    typeof query === 'object' && query !== null ? Reflect.get(query, 'rag') : undefined;
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return RAG_FILTERS.filter((r) => list.includes(r));
}

const perf = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/performance`;
const indicatorParams = { schema: { params: paramsSchema('indicatorId') } };
const indicatorForm = { schema: { params: paramsSchema('indicatorId'), body: FORM } };

/** The indicator pages: the dashboard, the catalogue, an indicator's page and its form. */
export async function indicatorRoutes(app: FastifyInstance): Promise<void> {
  listRoutes(app);
  formRoutes(app);
  indicatorPageRoutes(app);
}

/** The dashboard, the catalogue and adding the starter set. */
function listRoutes(app: FastifyInstance): void {
  // The dashboard
  app.get(
    '/p/:partnership/performance',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const today = todayInLondon();
      const filters = ragFilters(request.query);
      const cacheKey = `performance:${tenant.partnershipId}:${tenant.dataVersion}:${tenant.role}:${today}:${filters.join(',')}`;
      return reply.cachedPage(cacheKey, async () => {
        const all = await loadDashboard(app.db, tenant, today);
        const counts = Object.fromEntries(RAG_FILTERS.map((r) => [r, 0])) as Record<
          RagFilter,
          number
        >;
        for (const row of all) counts[ragFilterOf(row.status.rag)]++;
        const shown = filters.length
          ? all.filter((row) => filters.includes(ragFilterOf(row.status.rag)))
          : all;
        return {
          template: 'performance/indicators/pages/dashboard/dashboard-body.njk',
          data: {
            title: 'Performance',
            rows: shown.map((row) => ({ ...row, sparkline: renderSparkline(row.ours) })),
            total: all.length,
            counts,
            filters,
            ragFilters: RAG_FILTERS,
            ragRule: RAG_RULE,
            labels,
          },
        };
      });
    },
  );

  // The catalogue
  app.get(
    '/p/:partnership/performance/indicators',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const indicators = await repo.listIndicators(app.db, tenant);
      const codes = new Set(indicators.map((i) => i.code));
      return reply.page('performance/indicators/pages/catalogue/list.njk', {
        title: 'Indicators',
        active: indicators.filter((i) => !i.archived_at),
        archived: indicators.filter((i) => i.archived_at),
        starterMissing: STARTER_INDICATORS.filter((s) => !codes.has(s.code)).length,
        starterTotal: STARTER_INDICATORS.length,
        labels,
      });
    },
  );

  app.post(
    '/p/:partnership/performance/indicators/starter-set',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const { added } = await addStarterSet(app.db, actorFor(request), tenantOf(request));
      return reply
        .flash(
          added.length
            ? `${added.length} starter ${added.length === 1 ? 'indicator' : 'indicators'} added, with the England figures the starter set gives.`
            : 'Every starter indicator is already in the catalogue. Nothing was added.',
        )
        .redirect(`${perf(request)}/indicators`, 303);
    },
  );
}

/** Adding an indicator and changing it. */
function formRoutes(app: FastifyInstance): void {
  const pages = typed(app);
  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FormErrors,
    indicatorId?: string,
  ) => {
    const tenant = tenantOf(request);
    const [people, choices] = await Promise.all([
      listMembers(app.db, tenant),
      linkChoices(app.db, tenant),
    ]);
    return reply.page(
      'performance/indicators/pages/form/form.njk',
      {
        title: indicatorId ? 'Change indicator' : 'Add an indicator',
        values,
        indicatorId,
        people: people.filter((p) => !p.disabled_at),
        ...choices,
        labels,
        backLink: indicatorId
          ? `${perf(request)}/indicators/${indicatorId}`
          : `${perf(request)}/indicators`,
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );
  };

  app.get(
    '/p/:partnership/performance/indicators/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderForm(request, reply, { actionIds: [], findingIds: [] }),
  );

  pages.post(
    '/p/:partnership/performance/indicators/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readIndicatorFields(request.body);
      const result = await submitIndicatorForm(form, IndicatorInput, () =>
        createIndicator(commandContext(request), form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Indicator added.')
            .redirect(`${perf(request)}/indicators/${result.value.id}`, 303);
        case 'invalid':
          return renderForm(
            request,
            reply,
            form.values,
            indicatorFormErrors(form, result.problems),
          );
        case 'refused':
          // The one refusal: a code another indicator has.
          return renderForm(request, reply, form.values, codeTakenErrors(form, result.message));
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  pages.get(
    '/p/:partnership/performance/indicators/:indicatorId/edit',
    { config: ADMIN, ...indicatorParams },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const tenant = tenantOf(request);
      const [indicator, links] = await Promise.all([
        repo.findIndicator(app.db, tenant, indicatorId),
        indicatorLinkIds(app.db, tenant, indicatorId),
      ]);
      if (!indicator) return reply.callNotFound();
      return renderForm(
        request,
        reply,
        indicatorFormValues(indicator, links),
        undefined,
        indicatorId,
      );
    },
  );

  pages.post(
    '/p/:partnership/performance/indicators/:indicatorId/edit',
    { config: ADMIN, schema: { params: paramsSchema('indicatorId'), body: FORM } },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const form = readIndicatorFields(request.body);
      const result = await submitIndicatorForm(form, IndicatorChange, () =>
        changeIndicator(commandContext(request), indicatorId, form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Indicator saved.')
            .redirect(`${perf(request)}/indicators/${indicatorId}`, 303);
        case 'invalid': {
          const errors = indicatorFormErrors(form, result.problems);
          return renderForm(request, reply, form.values, errors, indicatorId);
        }
        case 'refused': {
          const errors = codeTakenErrors(form, result.message);
          return renderForm(request, reply, form.values, errors, indicatorId);
        }
        case 'conflict':
          return renderIndicatorConflict(reply, {
            current: result.current,
            values: form.values,
            body: request.body,
            indicatorId,
            base: perf(request),
          });
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}

/** An indicator's page: its trend, targets and links; archiving and restoring it. */
function indicatorPageRoutes(app: FastifyInstance): void {
  const pages = typed(app);
  const renderIndicator = async (
    request: FastifyRequest,
    reply: FastifyReply,
    indicatorId: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const tenant = tenantOf(request);
    const today = todayInLondon();
    const cacheKey =
      status === 200 && Object.keys(extra).length === 0
        ? `indicator:${tenant.partnershipId}:${tenant.dataVersion}:${indicatorId}:${tenant.role}:${today}`
        : null;
    return reply.cachedPage(
      cacheKey,
      async () => {
        const loaded = await loadIndicator(app.db, tenant, indicatorId, today);
        if (!loaded) return null;
        return {
          template: 'performance/indicators/pages/indicator/indicator-body.njk',
          data: {
            title: loaded.indicator.name,
            ...loaded,
            ...chartOf(loaded, tenant.partnershipName),
            targets: loaded.targets.map((t) => ({
              ...t,
              valueText: formatValue(t.value, loaded.indicator.unit, { trim: true }),
            })),
            definition: splitDefinition(loaded.indicator.definition),
            thresholds: thresholdsInWords(
              loaded.indicator.polarity,
              loaded.indicator.unit,
              columnsOfRow(loaded.indicator),
            ),
            breakdown: breakdownOf(loaded),
            ragRule: RAG_RULE,
            targetValues: {},
            today,
            labels,
            backLink: `${perf(request)}/indicators`,
            ...extra,
          },
        };
      },
      status,
    );
  };

  pages.get(
    '/p/:partnership/performance/indicators/:indicatorId',
    indicatorParams,
    (request, reply) => renderIndicator(request, reply, request.params.indicatorId),
  );

  for (const archived of [true, false]) {
    pages.post(
      `/p/:partnership/performance/indicators/:indicatorId/${archived ? 'archive' : 'restore'}`,
      { config: ADMIN, ...indicatorParams },
      async (request, reply) => {
        const { indicatorId } = request.params;
        const tenant = tenantOf(request);
        if (!(await repo.findIndicator(app.db, tenant, indicatorId))) return reply.callNotFound();
        const changed = await setIndicatorArchived(
          app.db,
          actorFor(request),
          tenant,
          indicatorId,
          archived,
        );
        return reply
          .flash(
            !changed
              ? archived
                ? 'The indicator was already archived.'
                : 'The indicator was not archived.'
              : archived
                ? 'Indicator archived. It no longer shows on the dashboard; its values are kept.'
                : 'Indicator restored to the dashboard.',
          )
          .redirect(`${perf(request)}/indicators/${indicatorId}`, 303);
      },
    );
  }

  pages.post(
    '/p/:partnership/performance/indicators/:indicatorId/targets',
    { config: ADMIN, ...indicatorForm },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const tenant = tenantOf(request);
      const indicator = await repo.findIndicator(app.db, tenant, indicatorId);
      if (!indicator) return reply.callNotFound();
      const errors = new FormErrors();
      const { values, input } = readTargetForm(request.body, errors, indicator.unit);
      if (!input)
        return renderIndicator(
          request,
          reply,
          indicatorId,
          { targetValues: values, ...errors.toView() },
          400,
        );
      if (!(await addTarget(app.db, actorFor(request), tenant, indicatorId, input)))
        return reply.callNotFound();
      return reply
        .flash('Target added.')
        .redirect(`${perf(request)}/indicators/${indicatorId}#targets`, 303);
    },
  );

  // One form for the targets table: each Remove button names its target.
  pages.post(
    '/p/:partnership/performance/indicators/:indicatorId/targets/remove',
    { config: ADMIN, ...indicatorForm },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const tenant = tenantOf(request);
      if (!(await repo.findIndicator(app.db, tenant, indicatorId))) return reply.callNotFound();
      const targetId = field(request.body, 'remove');
      const removed =
        isId(targetId) &&
        (await removeTarget(app.db, actorFor(request), tenant, indicatorId, targetId));
      return reply
        .flash(removed ? 'Target removed.' : 'That target had already been removed.')
        .redirect(`${perf(request)}/indicators/${indicatorId}#targets`, 303);
    },
  );
}

/** The trend chart and its table, or a reason why there is none. */
function chartOf(loaded: IndicatorPage, partnershipName: string) {
  const { indicator, series, target } = loaded;
  const input: TrendInput = {
    indicatorName: indicator.name,
    unit: indicator.unit,
    polarity: indicator.polarity,
    frequency: indicator.frequency,
    ours: { label: partnershipName, points: series.ours },
    benchmarks: BENCHMARK_KINDS.filter((kind) => series[kind].length > 0).map((kind) => ({
      kind,
      points: series[kind],
    })),
    target,
  };
  const hasValues = BENCHMARK_KINDS.some((k) => series[k].length > 0) || series.ours.length > 0;
  if (!hasValues) return { chart: null, table: null, summary: summariseOf(loaded) };
  try {
    return {
      chart: renderTrendChart(input, { id: `trend-${indicator.id}` }),
      table: trendTable(input),
      summary: summariseOf(loaded),
    };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { chart: null, table: null, chartError: error.message, summary: summariseOf(loaded) };
  }
}

function summariseOf(loaded: IndicatorPage): string {
  const { indicator, series, target } = loaded;
  try {
    return summariseIndicator({
      unit: indicator.unit,
      polarity: indicator.polarity,
      frequency: indicator.frequency,
      values: series.ours,
      target,
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return 'The values recorded cannot be summarised: a period could not be read.';
  }
}

function periodLabel(key: string | null, frequency: Frequency): string | null {
  if (key === null) return null;
  const parsed = parsePeriod(key, frequency);
  return parsed.ok ? parsed.period.label : key;
}

const BREAKDOWN_KINDS = [
  { kind: 'locality', title: 'By locality' },
  { kind: 'district', title: 'By district' },
  { kind: 'school', title: 'By school' },
] as const;

function breakdownOf(loaded: IndicatorPage) {
  const { breakdown, indicator } = loaded;
  const show = (n: number | null) => (n === null ? 'No data' : formatValue(n, indicator.unit));
  const count = (n: number | null) =>
    n === null ? '' : new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
  return {
    period: periodLabel(breakdown[0]?.period_key ?? null, indicator.frequency),
    groups: BREAKDOWN_KINDS.map(({ kind, title }) => ({
      kind,
      title,
      rows: breakdown
        .filter((r) => r.kind === kind)
        .map((r) => ({
          ...r,
          valueText: show(r.value),
          numeratorText: count(r.numerator),
          denominatorText: count(r.denominator),
        })),
    })).filter((g) => g.rows.length > 0),
    hasCounts: breakdown.some((r) => r.numerator !== null || r.denominator !== null),
  };
}
