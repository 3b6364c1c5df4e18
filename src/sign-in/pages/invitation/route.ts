import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { FORM, formErrors, sendPageResult } from '../../../platform/web/form-input.js';
import type { App } from '../../../platform/web/request.js';
import { findInvitation, readPasswordForm } from '../../../people/index.js';
import { choosePassword } from '../../commands/sign-in.js';
import { ChosenPassword } from '../../inputs.js';
import { startSession } from '../../session.js';

const InvitationParams = Type.Object({ token: Type.String() });

const renderInvalid = (reply: FastifyReply) =>
  reply.page(
    'sign-in/pages/invitation/invitation-invalid.njk',
    { title: 'This link has expired or been used' },
    404,
  );

/** An invited person chooses their own password through a one-time link. */
export function invitationPage(app: App): void {
  const invitationRoute = {
    config: { access: 'public' as const },
    schema: { params: InvitationParams },
  };
  app.get('/invitation/:token', invitationRoute, async (request, reply) => {
    const invitation = await findInvitation(app.db, request.params.token);
    if (!invitation) return renderInvalid(reply);
    return reply.page('sign-in/pages/invitation/invitation.njk', {
      title: 'Choose a password',
      invitation,
    });
  });

  app.post(
    '/invitation/:token',
    { ...invitationRoute, schema: { ...invitationRoute.schema, body: FORM } },
    async (request, reply) => {
      const { token } = request.params;
      const invitation = await findInvitation(app.db, token);
      if (!invitation) return renderInvalid(reply);
      const form = readPasswordForm(ChosenPassword, request.body, ['password', 'confirmPassword']);
      const result = await choosePassword(app.db, invitation, token, form.input, request.id);
      switch (result.kind) {
        case 'ok':
          await startSession(app, reply, result.value.userId);
          return reply.flash('Your password is set. Welcome to Sendboard.').redirect('/', 303);
        case 'invalid':
          return reply.page(
            'sign-in/pages/invitation/invitation.njk',
            {
              title: 'Choose a password',
              invitation,
              ...formErrors(form, result.problems).toView(),
            },
            400,
          );
        case 'not-found':
          return renderInvalid(reply);
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
