import type { FastifyReply } from 'fastify';
import type { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, sendPageResult } from '../../../platform/web/form-input.js';
import { actorFor, userOf, type App } from '../../../platform/web/request.js';
import { readPasswordForm } from '../../../people/index.js';
import { changeYourPassword } from '../../commands/account.js';
import { PasswordChange } from '../../inputs.js';

const renderPassword = (reply: FastifyReply, errors?: FormErrors) =>
  reply.page(
    'account/pages/password/password.njk',
    { title: 'Change your password', backLink: '/account', ...(errors?.toView() ?? {}) },
    errors ? 400 : 200,
  );

/** Changing your own password; your other sessions are signed out. */
export function passwordPage(app: App): void {
  app.get('/account/password', (_request, reply) => renderPassword(reply));

  app.post('/account/password', { schema: { body: FORM } }, async (request, reply) => {
    // Every field is a password: read as typed, never shown again.
    const form = readPasswordForm(PasswordChange, request.body, [
      'currentPassword',
      'password',
      'confirmPassword',
    ]);
    const context = { db: app.db, actor: actorFor(request) };
    const sessionId = request.sessionId ?? undefined;
    const result = await changeYourPassword(context, userOf(request), sessionId, form.input);
    switch (result.kind) {
      case 'ok':
        return reply
          .flash(
            'Your password has been changed. Any other devices signed in as you have been signed out.',
          )
          .redirect('/account', 303);
      case 'invalid':
        return renderPassword(reply, formErrors(form, result.problems));
      default:
        return sendPageResult(reply, result);
    }
  });
}
