// An indicator's page: its trend, targets and links; archiving and restoring it, and adding and
// removing targets (admins).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM, readForm, sendPageResult } from '../../../../platform/web/form-input.js';
import { pageCacheKey } from '../../../../platform/web/page-cache.js';
import { commandContext, tenantOf, type App } from '../../../../platform/web/request.js';
import { todayInLondon } from '../../../../platform/web/today.js';
import { archiveIndicator } from '../../commands/archiving.js';
import { addIndicatorTarget, removeIndicatorTarget } from '../../commands/targets.js';
import { loadIndicator } from '../../indicator-service.js';
import { columnsOfRow, splitDefinition, thresholdsInWords } from '../../indicator-status.js';
import { formatValue } from '../../rag.js';
import { TargetRemoval } from '../../inputs.js';
import { ADMIN, indicatorParams, labels, perf, RAG_RULE } from '../shared.js';
import { readTargetFields, targetFormErrors } from './target-form.js';
import { breakdownOf, chartOf } from './view.js';

const indicatorForm = { schema: { ...indicatorParams.schema, body: FORM } };

async function renderIndicator(
  request: FastifyRequest,
  reply: FastifyReply,
  indicatorId: string,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const tenant = tenantOf(request);
  const today = todayInLondon();
  const cacheKey = pageCacheKey('indicator', tenant, indicatorId, today, { status, extra });
  return reply.cachedPage(
    cacheKey,
    async () => {
      const loaded = await loadIndicator(request.server.db, tenant, indicatorId, today);
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
}

export function indicatorPage(app: App): void {
  app.get(
    '/p/:partnership/performance/indicators/:indicatorId',
    indicatorParams,
    (request, reply) => renderIndicator(request, reply, request.params.indicatorId),
  );

  for (const archived of [true, false]) {
    app.post(
      `/p/:partnership/performance/indicators/:indicatorId/${archived ? 'archive' : 'restore'}`,
      { config: ADMIN, ...indicatorParams },
      async (request, reply) => {
        const { indicatorId } = request.params;
        const result = await archiveIndicator(commandContext(request), indicatorId, archived);
        if (result.kind !== 'ok') return sendPageResult(reply, result);
        return reply
          .flash(
            !result.value.changed
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

  app.post(
    '/p/:partnership/performance/indicators/:indicatorId/targets',
    { config: ADMIN, ...indicatorForm },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const form = readTargetFields(request.body);
      const result = await addIndicatorTarget(commandContext(request), indicatorId, form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Target added.')
            .redirect(`${perf(request)}/indicators/${indicatorId}#targets`, 303);
        case 'invalid': {
          const errors = targetFormErrors(form, result.problems);
          const extra = { targetValues: form.values, ...errors.toView() };
          return renderIndicator(request, reply, indicatorId, extra, 400);
        }
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  // One form for the targets table: each Remove button names its target.
  app.post(
    '/p/:partnership/performance/indicators/:indicatorId/targets/remove',
    { config: ADMIN, ...indicatorForm },
    async (request, reply) => {
      const { indicatorId } = request.params;
      const form = readForm(TargetRemoval, request.body);
      const result = await removeIndicatorTarget(commandContext(request), indicatorId, form.input);
      if (result.kind !== 'ok' && result.kind !== 'invalid') return sendPageResult(reply, result);
      // A Remove button that names no target is taken as one already removed.
      const removed = result.kind === 'ok' && result.value.removed;
      return reply
        .flash(removed ? 'Target removed.' : 'That target had already been removed.')
        .redirect(`${perf(request)}/indicators/${indicatorId}#targets`, 303);
    },
  );
}
