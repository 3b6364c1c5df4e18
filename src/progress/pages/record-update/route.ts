// Recording an update: the form is on the action's page, which shows again with any errors.
import { FORM, formErrors, sendPageResult, submitForm } from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, userOf, type App } from '../../../platform/web/request.js';
import { renderActionPage } from '../../../plans/index.js';
import { recordActionUpdate } from '../../commands/updates.js';
import { UpdateInput } from '../../inputs.js';
import { actionPath } from '../paths.js';
import { readUpdateForm } from '../update-form.js';

export function recordUpdatePage(app: App): void {
  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/updates',
    // Who may record is the command's rule (a lead only on their own action), as in the API.
    { schema: { params: paramsSchema('planId', 'actionId'), body: FORM } },
    async (request, reply) => {
      const form = readUpdateForm(UpdateInput, request.body);
      // A proposed due date the form could not read (30 February) stops it before the command.
      const result = await submitForm(form, UpdateInput, () =>
        recordActionUpdate(commandContext(request), userOf(request), request.params, form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply.flash('Update recorded.').redirect(actionPath(request, request.params), 303);
        case 'invalid':
          return renderActionPage(
            app,
            request,
            reply,
            { values: form.values, ...formErrors(form, result.problems).toView() },
            400,
          );
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
