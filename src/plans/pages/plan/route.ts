import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** A plan's page, and its form to change the plan's status. */
export function planPage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId',
    { schema: { params: paramsSchema('planId') } },
    (request, reply) => renderPlan(app, request, reply, request.params.planId),
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
) {
  const tenant = tenantOf(request);
  const today = todayInLondon();
  // The body depends only on the partnership's data, the role and the day: reuse it until one changes.
  const cacheKey = pageCacheKey('plan', tenant, planId, today, { status, extra });
  return reply.cachedPage(
    cacheKey,
    () => planBody(app.db, tenant, planId, today, base(request), extra),
    status,
  );
}
