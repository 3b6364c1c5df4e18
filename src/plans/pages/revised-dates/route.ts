import { FORM, sendPageResult } from '../../../platform/web/form-input.js';
import { field } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { decideDueDate } from '../../commands/actions.js';
import { listPendingChanges } from '../../due-date-repository.js';
import { ADMIN, base } from '../shared.js';

/**
 * The revised due dates waiting for an admin's approval, and the decision on one (posted from this
 * list or from the action's page, where it goes back to).
 */
export function revisedDatesPage(app: App): void {
  app.get(
    '/p/:partnership/plans/revised-dates',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) =>
      reply.page('plans/pages/revised-dates/revised-dates.njk', {
        title: 'Revised dates waiting for approval',
        pending: await listPendingChanges(app.db, tenantOf(request)),
        backLink: base(request),
      }),
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/due-date-changes/:changeId/decision',
    {
      config: ADMIN,
      schema: { params: paramsSchema('planId', 'actionId', 'changeId'), body: FORM },
    },
    async (request, reply) => {
      const { planId, actionId, changeId } = request.params;
      const decision = field(request.body, 'decision');
      const result = await decideDueDate(
        commandContext(request),
        planId,
        { actionId, changeId },
        decision ? { decision } : {},
      );
      if (result.kind === 'invalid')
        return reply.page(
          'platform/layout/error.njk',
          { title: 'Choose approve or reject', message: result.problems[0]!.text },
          400,
        );
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      const back =
        field(request.body, 'returnTo') === 'list'
          ? `${base(request)}/revised-dates`
          : `${base(request)}/${planId}/actions/${actionId}#due-dates`;
      return reply
        .flash(decision === 'approve' ? 'New due date approved.' : 'New due date rejected.')
        .redirect(back, 303);
    },
  );
}
