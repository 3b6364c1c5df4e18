import type { FastifyInstance, FastifyReply } from 'fastify';
import { createSession, deleteSession } from '../platform/identity/identity-repository.js';
import { SESSION_COOKIE } from '../platform/identity/auth-hooks.js';

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
