import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.js';
import type { Config } from '../config/config.js';
import type { CurrentUser } from './types.js';
import { userForApiToken, userForSession } from './identity-repository.js';

export const SESSION_COOKIE = 'sendboard_session';

/**
 * Whether the request is for the API, judged as the router matched it: by the route's own path
 * when one matched, else by the decoded path. Never by the raw URL, or `/%61pi/v1/…` would reach
 * an API route as a page request, with its session cookie.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route !== undefined && route !== '*' && route !== '/*') return route.startsWith('/api/');
  return decodedPath(request.url).startsWith('/api/');
}

function decodedPath(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * On PGlite only this process writes, so who a session belongs to can be remembered until the
 * next write of any kind (signing out, disabling someone, a role change all write) and for at
 * most 30 seconds, so idle sessions are still touched and expire. Saves the one query a busy
 * page would otherwise make. On PostgreSQL every request asks the database.
 */
const REMEMBER_SESSION_MS = 30_000;
type RememberedSession = { user: CurrentUser; generation: number; until: number };

/** Loads who is asking: a bearer token on the API, the session cookie on pages. Never both. */
export function loadIdentity(db: Db, config: Config) {
  const remembered = new Map<string, RememberedSession>();
  const sessionUser = async (sessionId: string): Promise<CurrentUser | undefined> => {
    const generation = db.writeGeneration;
    if (generation === undefined) return userForSession(db, sessionId, config.sessionIdleMinutes);
    const now = Date.now();
    const known = remembered.get(sessionId);
    if (known && known.generation === generation && known.until > now) return known.user;
    const user = await userForSession(db, sessionId, config.sessionIdleMinutes);
    remembered.delete(sessionId);
    // Only an answer read with no write before or during it is kept.
    if (user && db.writeGeneration === generation) {
      if (remembered.size >= 1000) remembered.clear();
      remembered.set(sessionId, { user, generation, until: now + REMEMBER_SESSION_MS });
    }
    return user;
  };
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
      request.user = (await sessionUser(sessionId)) ?? null;
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
