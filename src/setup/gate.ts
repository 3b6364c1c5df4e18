import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/db.js';
import { countUsers } from '../platform/identity/identity-repository.js';

const OPEN_PATHS = new Set(['/setup', '/health', '/accessibility', '/privacy']);
const OPEN_PREFIXES = ['/assets/', '/public/', '/api/'];

/** Until the first person exists, every page leads to "Set up Sendboard". */
export function setupGate(db: Db) {
  let hasUsers = false;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (hasUsers) return;
    const path = request.url.split('?')[0] ?? '';
    if (OPEN_PATHS.has(path) || OPEN_PREFIXES.some((p) => path.startsWith(p))) return;
    if ((await countUsers(db)) > 0) {
      hasUsers = true;
      return;
    }
    return reply.redirect('/setup', 303);
  };
}
