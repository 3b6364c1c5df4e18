import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.js';
import type { Config } from '../config/config.js';
import { userForApiToken, userForSession } from './identity-repository.js';

export const SESSION_COOKIE = 'sendboard_session';

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Loads who is asking: a bearer token on the API, the session cookie on pages. Never both. */
export function loadIdentity(db: Db, config: Config) {
  return async (request: FastifyRequest): Promise<void> => {
    request.user = null;
    request.sessionId = null;
    if (isApiRequest(request)) {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      if (token) request.user = (await userForApiToken(db, token)) ?? null;
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) {
      request.user = (await userForSession(db, sessionId, config.sessionIdleMinutes)) ?? null;
      if (request.user) request.sessionId = sessionId;
    }
  };
}

/** Routes are for signed-in people unless they say `access: 'public'`. */
export async function requireSignIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.routeOptions.config.access === 'public' || request.user) return;
  if (isApiRequest(request)) {
    return reply.code(401).send({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Send a personal API token as "Authorization: Bearer <token>"',
    });
  }
  const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`/sign-in${returnTo}`, 303);
}
