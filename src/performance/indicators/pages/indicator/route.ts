// An indicator's page: its trend, targets and links; archiving and restoring it, and adding and
// removing targets (admins).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM } from '../../../../platform/web/form-input.js';
import { field, FormErrors, isId } from '../../../../platform/web/forms.js';
import { actorFor, tenantOf, type App } from '../../../../platform/web/request.js';
import { todayInLondon } from '../../../../platform/web/today.js';
import * as repo from '../../indicator-repository.js';
import {
  addTarget,
  loadIndicator,
  removeTarget,
  setIndicatorArchived,
} from '../../indicator-service.js';
import { columnsOfRow, splitDefinition, thresholdsInWords } from '../../indicator-status.js';
import { formatValue } from '../../rag.js';
import { readTargetForm } from '../form/form-fields.js';
import { ADMIN, indicatorParams, labels, perf, RAG_RULE } from '../shared.js';
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
  const cacheKey =
    status === 200 && Object.keys(extra).length === 0
      ? `indicator:${tenant.partnershipId}:${tenant.dataVersion}:${indicatorId}:${tenant.role}:${today}`
      : null;
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

  app.post(
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
  app.post(
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
