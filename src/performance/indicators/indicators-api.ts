import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFor, paramsSchema, tenantOf } from '../../platform/web/request.js';
import { todayInLondon } from '../../platform/web/today.js';
import {
  badRequest,
  conflict,
  date,
  error,
  nullableDate,
  nullableString,
  nullableUuid,
  prepareApiScope,
  readErrors,
  refuse,
  secured,
  stale,
  text,
  uuid,
  version,
  writeErrors,
} from '../../platform/web/api-kit.js';
import { RAGS } from '../../plans/index.js';
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import * as repo from './indicator-repository.js';
import type { IndicatorInput } from './indicator-form.js';
import {
  createIndicator,
  editIndicator,
  IndicatorRuleError,
  indicatorLinkIds,
  loadDashboard,
  loadIndicator,
} from './indicator-service.js';
import {
  checkThresholdColumns,
  CODE_PATTERN,
  type IndicatorStatus,
  type PeriodValue,
  type ThresholdColumns,
} from './indicator-status.js';
import { FREQUENCIES, type Frequency } from './periods.js';
import { POLARITIES, UNITS, type Polarity, type Unit } from './rag.js';
import { BENCHMARK_KINDS } from './trend-chart.js';

const periodValue = {
  type: ['object', 'null'],
  properties: {
    period: {
      type: 'string',
      description: 'Canonical period key, like "2024", "2024-25" or "2024-03"',
    },
    label: { type: 'string', description: 'The period in words, like "2024 to 2025"' },
    value: { type: 'number' },
  },
  required: ['period', 'label', 'value'],
} as const;

// The four bounds, named as they always were for higher and lower is better, with the upper ends
// of the bands beside them for indicators where neither is.
const thresholdProperties = {
  greenThreshold: {
    type: ['number', 'null'],
    description:
      'Green from this value when higher is better; green up to it when lower is better; where neither is better, the lowest green value (the lower end of the green band)',
  },
  amberThreshold: {
    type: ['number', 'null'],
    description:
      'Amber from this value when higher is better; amber up to it when lower is better; where neither is better, the lower end of the amber band. Optional: without it a value is green or red',
  },
  greenUpTo: {
    type: ['number', 'null'],
    description:
      'Only where neither higher nor lower is better: the highest green value (the upper end of the green band), both ends included. Null otherwise',
  },
  amberUpTo: {
    type: ['number', 'null'],
    description:
      'Only where neither higher nor lower is better: the upper end of the amber band, which holds the green band. Null otherwise; given with amberThreshold or not at all',
  },
} as const;

const indicator = {
  type: 'object',
  properties: {
    id: uuid,
    code: { type: 'string', description: 'Imports name the indicator by its code' },
    name: { type: 'string' },
    definition: { type: 'string' },
    unit: { type: 'string', enum: UNITS },
    polarity: { type: 'string', enum: POLARITIES },
    frequency: { type: 'string', enum: FREQUENCIES },
    source: { type: 'string' },
    ownerUserId: nullableUuid,
    ownerName: nullableString,
    ...thresholdProperties,
    version: { type: 'integer', description: 'Send it back to change the indicator' },
    latest: periodValue,
    previous: periodValue,
    direction: {
      type: 'string',
      enum: ['improving', 'worsening', 'no change', 'not comparable'],
      description: 'From the previous value to the latest, by the polarity',
    },
    rag: { type: ['string', 'null'], enum: [...RAGS, null] },
    ragBasis: {
      type: ['string', 'null'],
      enum: ['thresholds', 'target', null],
      description:
        'Rated by the thresholds (or, where neither higher nor lower is better, the bands) when it has them, otherwise against the target',
    },
    target: {
      type: ['object', 'null'],
      description: 'The target that counts today: the next one due, or the last once all passed',
      properties: { value: { type: 'number' }, date: nullableDate },
    },
    england: periodValue,
  },
} as const;

const valuesSchema = {
  type: 'object',
  properties: {
    indicatorId: uuid,
    code: { type: 'string' },
    values: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          period: { type: 'string' },
          periodStart: date,
          periodEnd: date,
          geography: {
            type: ['object', 'null'],
            description: 'Null for the whole partnership; else the locality, district or school',
            properties: {
              kind: { type: 'string', enum: ['locality', 'district', 'school'] },
              code: { type: 'string', description: 'A school’s code is its URN' },
              name: { type: 'string' },
            },
          },
          value: { type: ['number', 'null'] },
          numerator: { type: ['number', 'null'] },
          denominator: { type: ['number', 'null'] },
        },
      },
    },
    benchmarks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          series: { type: 'string', enum: BENCHMARK_KINDS },
          period: { type: 'string' },
          periodStart: date,
          periodEnd: date,
          value: { type: 'number' },
        },
      },
    },
  },
} as const;

const toPeriodValue = (v: PeriodValue | null) =>
  v ? { period: v.period.key, label: v.period.label, value: v.value } : null;

function toIndicator({
  indicator: i,
  status,
}: {
  indicator: repo.IndicatorRow;
  status: IndicatorStatus;
}) {
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    definition: i.definition,
    unit: i.unit,
    polarity: i.polarity,
    frequency: i.frequency,
    source: i.source,
    ownerUserId: i.owner_user_id,
    ownerName: i.owner_name,
    greenThreshold: i.green_threshold,
    amberThreshold: i.amber_threshold,
    greenUpTo: i.green_upper,
    amberUpTo: i.amber_upper,
    version: i.version,
    latest: toPeriodValue(status.latest),
    previous: toPeriodValue(status.previous),
    direction: status.direction,
    rag: status.rag,
    ragBasis: status.basis,
    target: status.target ? { value: status.target.value, date: status.target.date ?? null } : null,
    england: toPeriodValue(status.england),
  };
}

const indicatorInput = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'unit', 'polarity', 'frequency'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 300 },
    code: {
      type: 'string',
      maxLength: 64,
      description:
        'Lower-case letters, digits and hyphens, like ehcp-within-20-weeks. Left out or empty: made from the name',
    },
    definition: { type: 'string', maxLength: 10000 },
    unit: { type: 'string', enum: UNITS },
    polarity: { type: 'string', enum: POLARITIES },
    frequency: { type: 'string', enum: FREQUENCIES },
    source: { type: 'string', maxLength: 500 },
    ownerUserId: { ...nullableUuid, description: 'A member of the partnership, or null' },
    ...thresholdProperties,
    actionIds: {
      type: 'array',
      items: uuid,
      maxItems: 1000,
      description: 'Plan actions it evidences. Left out when changing: the links stay as they are',
    },
    findingIds: {
      type: 'array',
      items: uuid,
      maxItems: 1000,
      description:
        'Inspection findings it evidences. Left out when changing: the links stay as they are',
    },
    version: { ...version, description: 'Required when changing: the version you read' },
  },
} as const;

type IndicatorBody = {
  name: string;
  code?: string;
  definition?: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  source?: string;
  ownerUserId?: string | null;
  greenThreshold?: number | null;
  amberThreshold?: number | null;
  greenUpTo?: number | null;
  amberUpTo?: number | null;
  actionIds?: string[];
  findingIds?: string[];
  version?: number;
};

const API_NAME: Record<keyof ThresholdColumns, string> = {
  green: 'greenThreshold',
  amber: 'amberThreshold',
  greenUpper: 'greenUpTo',
  amberUpper: 'amberUpTo',
};

/** The first id in the body that is not the partnership's own: a 400, never silently dropped. */
async function foreignIdProblem(
  q: Queryable,
  tenant: Tenant,
  input: IndicatorInput,
): Promise<string | null> {
  const userIds = input.ownerUserId ? [input.ownerUserId.toLowerCase()] : [];
  const actionIds = input.actionIds.map((id) => id.toLowerCase());
  const findingIds = input.findingIds.map((id) => id.toLowerCase());
  if (userIds.length + actionIds.length + findingIds.length === 0) return null;
  const held = await repo.heldIds(q, tenant, { userIds, actionIds, findingIds });
  const owner = userIds.find((id) => !held.has(id));
  if (owner) return `body/ownerUserId: ${owner} is not a member of this partnership`;
  const action = actionIds.find((id) => !held.has(id));
  if (action) return `body/actionIds: this partnership has no action ${action}`;
  const finding = findingIds.find((id) => !held.has(id));
  if (finding) return `body/findingIds: this partnership has no finding ${finding}`;
  return null;
}

/** The body as the service takes it, checked by the form's rules; or what is wrong with it. */
function readIndicatorBody(
  body: IndicatorBody,
  links: { actionIds: string[]; findingIds: string[] },
): { problem: string } | { input: IndicatorInput } {
  const name = text(body.name);
  if (!name) return { problem: 'Enter the indicator’s name' };
  const code = text(body.code);
  if (code && !CODE_PATTERN.test(code))
    return {
      problem:
        'body/code must be up to 64 lower-case letters, digits and hyphens, starting with a letter or digit, like ehcp-within-20-weeks',
    };
  const columns: ThresholdColumns = {
    green: body.greenThreshold ?? null,
    amber: body.amberThreshold ?? null,
    greenUpper: body.greenUpTo ?? null,
    amberUpper: body.amberUpTo ?? null,
  };
  const problems = checkThresholdColumns(body.polarity, columns, body.unit);
  if (problems.length)
    return { problem: problems.map((p) => `body/${API_NAME[p.column]}: ${p.text}`).join('; ') };
  return {
    input: {
      name,
      code,
      definition: text(body.definition),
      unit: body.unit,
      polarity: body.polarity,
      frequency: body.frequency,
      source: text(body.source),
      ownerUserId: body.ownerUserId ?? null,
      ...columns,
      actionIds: body.actionIds ?? links.actionIds,
      findingIds: body.findingIds ?? links.findingIds,
    },
  };
}

const P = '/partnerships/:partnership/indicators';
const ADMIN = { roles: ['admin'] as const };
const indicatorIdOf = (request: FastifyRequest) =>
  (request.params as { indicatorId: string }).indicatorId;

/**
 * The indicators on the dashboard, one indicator with where it stands, and every value and
 * benchmark of one; admins add and change indicators (values come in through imports).
 */
export async function indicatorsApi(app: FastifyInstance): Promise<void> {
  prepareApiScope(app);
  const tags = ['performance'];

  app.get(
    P,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'The active indicators in catalogue order, each with its latest value, change, RAG rating, current target and England’s latest figure',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: indicator }, ...readErrors },
      },
    },
    async (request) =>
      (await loadDashboard(app.db, tenantOf(request), todayInLondon())).map(toIndicator),
  );

  const one = async (tenant: Tenant, id: string) => {
    const loaded = await loadIndicator(app.db, tenant, id, todayInLondon());
    return loaded ? toIndicator(loaded) : undefined;
  };

  app.post(
    P,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Add an indicator (admins), at the end of the catalogue. Thresholds follow the polarity, as on the form: greenThreshold (and amberThreshold) when higher or lower is better; greenThreshold to greenUpTo (and amberThreshold to amberUpTo, around it) where neither is. A code already in use gets 409.',
        params: paramsSchema(),
        body: indicatorInput,
        response: { 201: indicator, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const read = readIndicatorBody(request.body as IndicatorBody, {
        actionIds: [],
        findingIds: [],
      });
      if ('problem' in read) return badRequest(reply, read.problem);
      const tenant = tenantOf(request);
      const foreign = await foreignIdProblem(app.db, tenant, read.input);
      if (foreign) return badRequest(reply, foreign);
      try {
        const created = await createIndicator(app.db, actorFor(request), tenant, read.input);
        return reply.code(201).send(await one(tenant, created.id));
      } catch (e) {
        if (e instanceof IndicatorRuleError) return refuse(reply, e.message);
        throw e;
      }
    },
  );

  app.get(
    `${P}/:indicatorId`,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'One indicator, archived or not, with its latest value, change, RAG rating, current target and England’s latest figure',
        params: paramsSchema('indicatorId'),
        response: { 200: indicator, ...readErrors },
      },
    },
    async (request, reply) =>
      (await one(tenantOf(request), indicatorIdOf(request))) ?? reply.callNotFound(),
  );

  app.put(
    `${P}/:indicatorId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change an indicator (admins). Replaces every field: a threshold left out is removed, while links left out stay. Send the version you read; a stale one gets 409, and so does a code already in use.',
        params: paramsSchema('indicatorId'),
        body: { ...indicatorInput, required: [...indicatorInput.required, 'version'] },
        response: { 200: indicator, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const body = request.body as IndicatorBody & { version: number };
      const tenant = tenantOf(request);
      const id = indicatorIdOf(request);
      const links =
        body.actionIds && body.findingIds
          ? { actionIds: [], findingIds: [] }
          : await indicatorLinkIds(app.db, tenant, id);
      const read = readIndicatorBody(body, links);
      if ('problem' in read) return badRequest(reply, read.problem);
      const foreign = await foreignIdProblem(app.db, tenant, read.input);
      if (foreign) return badRequest(reply, foreign);
      try {
        const result = await editIndicator(
          app.db,
          actorFor(request),
          tenant,
          id,
          read.input,
          body.version,
        );
        if (result.outcome === 'not-found') return reply.callNotFound();
        if (result.outcome === 'conflict')
          return stale(reply, body.version, result.current.version);
      } catch (e) {
        if (e instanceof IndicatorRuleError) return refuse(reply, e.message);
        throw e;
      }
      return one(tenant, id);
    },
  );

  app.get(
    `${P}/:indicatorId/values`,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'Every value of one indicator (the whole partnership and each locality, district and school) and its benchmark series',
        params: paramsSchema('indicatorId'),
        response: { 200: valuesSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { indicatorId } = request.params as { indicatorId: string };
      const [found, values, benchmarks] = await Promise.all([
        repo.findIndicator(app.db, tenant, indicatorId),
        repo.listValues(app.db, tenant, indicatorId),
        repo.listBenchmarks(app.db, tenant, indicatorId),
      ]);
      if (!found) return reply.callNotFound();
      return {
        indicatorId: found.id,
        code: found.code,
        values: values.map((v) => ({
          period: v.period_key,
          periodStart: v.period_start,
          periodEnd: v.period_end,
          geography:
            v.geography_kind === null
              ? null
              : { kind: v.geography_kind, code: v.geography_code, name: v.geography_name },
          value: v.value,
          numerator: v.numerator,
          denominator: v.denominator,
        })),
        benchmarks: benchmarks.map((b) => ({
          series: b.series,
          period: b.period_key,
          periodStart: b.period_start,
          periodEnd: b.period_end,
          value: b.value,
        })),
      };
    },
  );
}
