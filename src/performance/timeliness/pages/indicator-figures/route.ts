// Recording a case set's yearly figures as the indicator's values: a page that shows what will be
// recorded and replaced, then the POST that records it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM, readForm } from '../../../../platform/web/form-input.js';
import {
  commandContext,
  paramsSchema,
  tenantOf,
  type App,
} from '../../../../platform/web/request.js';
import { todayInLondon } from '../../../../platform/web/today.js';
import { formatValue } from '../../../indicators/index.js';
import { recordTimelinessFigures } from '../../commands/indicator-figures.js';
import {
  loadIndicatorFigures,
  type FigureRow,
  type HeldValues,
  type IndicatorFiguresPage,
} from '../../indicator-figures-service.js';
import { yearsInWords, yearsKey } from '../../indicator-figures.js';
import { IndicatorFiguresInput } from '../../inputs.js';
import { ADMIN, base, noCaseSet, PATH, STARTER_NAME } from '../shared.js';

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

function heldText(held: HeldValues | null): string {
  if (held === null) return 'Nothing held';
  const byArea =
    held.byArea > 0
      ? `${count(held.byArea)} ${held.byArea === 1 ? 'value' : 'values'} by area`
      : '';
  if (held.partnership === null) return byArea;
  const value =
    held.partnership.value === null ? 'Suppressed' : formatValue(held.partnership.value, 'percent');
  return byArea ? `${value}, and ${byArea}` : value;
}

const OUTCOMES: Record<FigureRow['status'], string> = {
  record: 'Recorded',
  'year not over': 'Not recorded: the year is not over',
  'no plans without an exception': 'Not recorded: every plan issued that year had an exception',
};

/** The confirmation page's rows as text. */
function figureRows(figures: readonly FigureRow[]) {
  return figures.map((f) => ({
    year: f.status === 'year not over' ? `${f.year} to date` : String(f.year),
    numerator: count(f.numerator),
    denominator: count(f.denominator),
    percent: f.value === null ? '–' : formatValue(f.value, 'percent'),
    held: f.status === 'record' ? heldText(f.held) : '–',
    outcome:
      f.status === 'record' && f.held !== null
        ? 'Recorded, replacing what is held'
        : OUTCOMES[f.status],
  }));
}

function renderFigures(
  request: FastifyRequest,
  reply: FastifyReply,
  page: IndicatorFiguresPage,
  options: { changed?: boolean; status?: number } = {},
) {
  const slug = tenantOf(request).slug;
  const notOver = page.figures.find((f) => f.status === 'year not over');
  return reply.page(
    'performance/timeliness/pages/indicator-figures/indicator-figures.njk',
    {
      title: `Use the figures of ‘${page.caseSet.label}’ for the indicator`,
      ...page,
      rows: figureRows(page.figures),
      years: yearsKey(page.toRecord),
      yearsText: yearsInWords(page.toRecord.map((f) => f.year)),
      replacedText: yearsInWords(page.replaced.map((h) => h.periodKey)),
      notOverYear: notOver?.year,
      changed: options.changed ?? false,
      starterName: STARTER_NAME,
      indicatorsHref: `/p/${slug}/performance/indicators`,
      indicatorHref: page.indicator
        ? `/p/${slug}/performance/indicators/${page.indicator.id}`
        : undefined,
      action: `${base(request)}/case-sets/${page.caseSet.id}/indicator`,
      backLink: `${base(request)}?set=${page.caseSet.id}`,
    },
    options.status ?? 200,
  );
}

export function indicatorFiguresPage(app: App): void {
  app.get(
    `${PATH}/case-sets/:setId/indicator`,
    { config: ADMIN, schema: { params: paramsSchema('setId') } },
    async (request, reply) => {
      const page = await loadIndicatorFigures(app.db, tenantOf(request), request.params.setId, {
        today: todayInLondon(),
      });
      if (!page) return noCaseSet(request, reply, true);
      return renderFigures(request, reply, page);
    },
  );

  app.post(
    `${PATH}/case-sets/:setId/indicator`,
    { config: ADMIN, schema: { params: paramsSchema('setId'), body: FORM } },
    async (request, reply) => {
      const { setId } = request.params;
      const today = todayInLondon();
      const form = readForm(IndicatorFiguresInput, request.body);
      const result = await recordTimelinessFigures(commandContext(request), setId, form.input, {
        today,
      });
      switch (result.kind) {
        case 'ok': {
          const recorded = result.value;
          const years = yearsInWords(recorded.recorded.map((f) => f.year));
          const replaced =
            recorded.replacedPeriods.length > 0
              ? ` They replace the values held for ${yearsInWords(recorded.replacedPeriods)}.`
              : '';
          return reply
            .flash(
              `Values for ${years} recorded from the EHC case set ‘${recorded.caseSetLabel}’.${replaced}`,
            )
            .redirect(
              `/p/${tenantOf(request).slug}/performance/indicators/${recorded.indicator.id}`,
              303,
            );
        }
        case 'conflict':
          return renderFigures(request, reply, result.current, { changed: true, status: 409 });
        case 'invalid': {
          // The page's only field is the hidden confirmation: show the figures as they are now.
          const page = await loadIndicatorFigures(app.db, tenantOf(request), setId, { today });
          if (!page) return noCaseSet(request, reply, true);
          return renderFigures(request, reply, page, { changed: true, status: 409 });
        }
        default:
          return noCaseSet(request, reply, true);
      }
    },
  );
}
