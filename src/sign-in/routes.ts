import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { field, FormErrors, requireEmail } from '../platform/web/forms.js';
import { FORM } from '../platform/web/form-input.js';
import { typed } from '../platform/web/request.js';
import { formatDateTime } from '../platform/web/views.js';
import { createSession, deleteSession } from '../platform/identity/identity-repository.js';
import { SESSION_COOKIE } from '../platform/identity/auth-hooks.js';
import { attemptSignIn } from './sign-in-service.js';
import { acceptInvitation, findInvitation } from '../people/index.js';
import { validateNewPassword } from '../people/index.js';

/** Starts a fresh session (a new id every sign-in, so an old cookie cannot be fixed in place). */
export async function startSession(
  app: FastifyInstance,
  reply: FastifyReply,
  userId: string,
): Promise<void> {
  const old = reply.request.cookies[SESSION_COOKIE];
  if (old) await deleteSession(app.db, old);
  const sessionId = await createSession(app.db, userId, app.config.sessionIdleMinutes);
  reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.baseUrl.startsWith('https://'),
  });
}

/** Only same-site paths: never let returnTo send someone to another website. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/** The page asked for before signing in; other query keys are allowed, and ignored. */
const SignInQuery = Type.Object({ returnTo: Type.Optional(Type.String()) });
const InvitationParams = Type.Object({ token: Type.String() });

export async function signInRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  app.get(
    '/sign-in',
    { config: { access: 'public' }, schema: { querystring: SignInQuery } },
    (request, reply) => {
      if (request.user) return reply.redirect('/', 303);
      const returnTo = safeReturnTo(request.query.returnTo);
      return reply.page('sign-in/sign-in.njk', {
        title: 'Sign in to Sendboard',
        values: {},
        returnTo,
      });
    },
  );

  app.post(
    '/sign-in',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: Number(process.env.SIGN_IN_RATE_PER_MINUTE ?? 30),
          timeWindow: '1 minute',
        },
      },
      schema: { body: FORM },
    },
    async (request, reply) => {
      const body = request.body;
      const email = field(body, 'email');
      const password = typeof body?.password === 'string' ? body.password : '';
      const returnTo = safeReturnTo(body?.returnTo);
      const errors = new FormErrors();
      requireEmail(errors, 'email', email);
      if (password === '') errors.add('password', 'Enter your password');
      else if (password.length > 256)
        errors.add('password', 'Enter a correct email address and password');
      const render = (status: number, extra: Record<string, unknown> = {}) =>
        reply.page(
          'sign-in/sign-in.njk',
          {
            title: 'Sign in to Sendboard',
            values: { email },
            returnTo,
            ...errors.toView(),
            ...extra,
          },
          status,
        );
      if (errors.any) return render(400);

      const result = await attemptSignIn(app.db, app.config, email, password, request.id);
      if (result.outcome === 'locked') {
        errors.add(
          'email',
          `You entered the wrong password too many times. Your account is locked. Try again after ${formatDateTime(result.until)}.`,
        );
        return render(429);
      }
      if (result.outcome === 'invalid') {
        errors.add('email', 'Enter a correct email address and password');
        return render(400);
      }
      await startSession(app, reply, result.userId);
      return reply.redirect(returnTo, 303);
    },
  );

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.sessionId) await deleteSession(app.db, request.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash('You have signed out.').redirect('/sign-in', 303);
  });

  // An invited person chooses their own password through a one-time link.
  const invitationRoute = {
    config: { access: 'public' as const },
    schema: { params: InvitationParams },
  };
  app.get('/invitation/:token', invitationRoute, async (request, reply) => {
    const invitation = await findInvitation(app.db, request.params.token);
    if (!invitation)
      return reply.page(
        'sign-in/invitation-invalid.njk',
        { title: 'This link has expired or been used' },
        404,
      );
    return reply.page('sign-in/invitation.njk', { title: 'Choose a password', invitation });
  });

  app.post(
    '/invitation/:token',
    { ...invitationRoute, schema: { ...invitationRoute.schema, body: FORM } },
    async (request, reply) => {
      const { token } = request.params;
      const invitation = await findInvitation(app.db, token);
      if (!invitation)
        return reply.page(
          'sign-in/invitation-invalid.njk',
          { title: 'This link has expired or been used' },
          404,
        );
      const body = request.body;
      const password = typeof body?.password === 'string' ? body.password : '';
      const confirm = typeof body?.confirmPassword === 'string' ? body.confirmPassword : '';
      const errors = new FormErrors();
      validateNewPassword(errors, password, confirm, { email: invitation.email });
      if (errors.any)
        return reply.page(
          'sign-in/invitation.njk',
          { title: 'Choose a password', invitation, ...errors.toView() },
          400,
        );
      const accepted = await acceptInvitation(app.db, token, password, request.id);
      if (!accepted)
        return reply.page(
          'sign-in/invitation-invalid.njk',
          { title: 'This link has expired or been used' },
          404,
        );
      await startSession(app, reply, accepted.userId);
      return reply.flash('Your password is set. Welcome to Sendboard.').redirect('/', 303);
    },
  );
}
