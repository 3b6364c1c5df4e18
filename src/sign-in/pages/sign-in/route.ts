import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, sendPageResult } from '../../../platform/web/form-input.js';
import type { App } from '../../../platform/web/request.js';
import { readPasswordForm } from '../../../people/index.js';
import { signIn } from '../../commands/sign-in.js';
import { SignInInput } from '../../inputs.js';
import { startSession } from '../../session.js';

/** Only same-site paths: never let returnTo send someone to another website. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/** The page asked for before signing in; other query keys are allowed, and ignored. */
const SignInQuery = Type.Object({ returnTo: Type.Optional(Type.String()) });

const renderSignIn = (
  reply: FastifyReply,
  view: { values: Record<string, unknown>; returnTo: string },
  errors?: FormErrors,
  status = 200,
) =>
  reply.page(
    'sign-in/pages/sign-in/sign-in.njk',
    { title: 'Sign in to Sendboard', ...view, ...(errors?.toView() ?? {}) },
    status,
  );

/** Signing in with an email address and password; repeated failures lock the account. */
export function signInPage(app: App): void {
  app.get(
    '/sign-in',
    { config: { access: 'public' }, schema: { querystring: SignInQuery } },
    (request, reply) => {
      if (request.user) return reply.redirect('/', 303);
      return renderSignIn(reply, { values: {}, returnTo: safeReturnTo(request.query.returnTo) });
    },
  );

  app.post(
    '/sign-in',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: app.config.signIn.ratePerMinute,
          timeWindow: '1 minute',
        },
      },
      schema: { body: FORM },
    },
    async (request, reply) => {
      const form = readPasswordForm(SignInInput, request.body, ['password']);
      // Where to go next is the page's, not the command's: taken as posted, never trimmed.
      const view = { values: form.values, returnTo: safeReturnTo(request.body.returnTo) };
      const result = await signIn(app.db, app.config, form.input, request.id);
      switch (result.kind) {
        case 'ok':
          await startSession(app, reply, result.value.userId);
          return reply.redirect(view.returnTo, 303);
        case 'invalid':
          return renderSignIn(reply, view, formErrors(form, result.problems), 400);
        case 'refused':
          // Locked: said beside the email address, as too many requests.
          return renderSignIn(
            reply,
            view,
            formErrors(form, [{ field: 'email', text: result.message }]),
            429,
          );
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
