import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import { field, FormErrors } from '../../../platform/web/forms.js';
import { pageCacheKey } from '../../../platform/web/page-cache.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { changePlanStatus } from '../../commands/plan-status.js';
import { StatusChange } from '../../inputs.js';
import * as rules from '../../plan-rules.js';
import { ADMIN, base } from '../shared.js';
import { planBody } from './view.js';
import { filterKey, isFiltered, readFilter, type ActionFilter } from '../../action-filters.js';

/** The filters a plan page may be asked for; a value it does not know is ignored (readFilter). */
const FILTER_QUERY = Type.Object({
  rag: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(Type.String({ maxLength: 100 })),
  overdue: Type.Optional(Type.String({ maxLength: 100 })),
  slipped: Type.Optional(Type.String({ maxLength: 100 })),
  lead: Type.Optional(Type.String({ maxLength: 100 })),
  organisation: Type.Optional(Type.String({ maxLength: 100 })),
});

/** A plan's page, and its form to change the plan's status. */
export function planPage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId',
    { schema: { params: paramsSchema('planId'), querystring: FILTER_QUERY } },
    (request, reply) =>
      renderPlan(app, request, reply, request.params.planId, {}, 200, readFilter(request.query)),
  );

  app.post(
    '/p/:partnership/plans/:planId/status',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const form = readForm(StatusChange, request.body, {
        dateLabels: { eventOn: 'the date it happened' },
      });
      // The note is cut to its length, as it always was, rather than refused.
      const note = field(request.body, 'note').slice(0, 2000);
      const to = field(request.body, 'to');
      const result = await submitForm(form, StatusChange, () =>
        changePlanStatus(commandContext(request), planId, { ...form.input, note }),
      );
      if (result.kind === 'invalid') {
        const errors = formErrors(form, result.problems, { order: StatusChange });
        return renderPlan(
          app,
          request,
          reply,
          planId,
          { statusValues: { to, note, eventOn: form.values.eventOn }, ...errors.toView() },
          400,
        );
      }
      if (result.kind === 'conflict') {
        const errors = new FormErrors();
        errors.add(
          'to',
          'Someone else changed this plan while you were looking at it. Check its status below and try again',
        );
        return renderPlan(app, request, reply, planId, errors.toView(), 409);
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      const { plan, versionNumber } = result.value;
      const frozen = versionNumber
        ? ` Version ${versionNumber} has been saved and can be read at any time.`
        : '';
      return reply
        .flash(`Plan is now: ${rules.PLAN_STATUS_LABELS[plan.status].toLowerCase()}.${frozen}`)
        .redirect(`${base(request)}/${planId}`, 303);
    },
  );
}

/** The plan page, with `extra` (a form's values and errors) when a form on it is shown again. */
function renderPlan(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  planId: string,
  extra: Record<string, unknown> = {},
  status = 200,
  filter: ActionFilter = {},
) {
  const tenant = tenantOf(request);
  const today = todayInLondon();
  // The body depends only on the partnership's data, the role, the day and the filter: reuse it
  // until one changes. A filtered view is kept under its own key, never the whole plan's.
  const id = isFiltered(filter) ? `${planId}?${filterKey(filter)}` : planId;
  const cacheKey = pageCacheKey('plan', tenant, id, today, { status, extra });
  return reply.cachedPage(
    cacheKey,
    () => planBody(app.db, tenant, planId, today, base(request), extra, filter),
    status,
  );
}
