import type { FastifyReply, FastifyRequest } from 'fastify';
import { PARTNERSHIP_PARAM, type Tenant } from '../tenancy/tenancy.js';
import { sendNotFound } from './errors.js';

/**
 * The one place tenancy is enforced, run before every handler. A partnership-scoped URL whose
 * partnership the person is not a live member of answers 404, exactly as if it did not exist;
 * a member whose role the route does not allow gets 403.
 */
export async function enforceTenancy(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  request.tenant = null;
  const params: unknown = request.params;
  if (typeof params !== 'object' || params === null || !(PARTNERSHIP_PARAM in params)) return;
  const slug = params[PARTNERSHIP_PARAM];
  const membership = request.user?.memberships.find((m) => m.slug === slug);
  if (!membership) return sendNotFound(reply);
  request.tenant = membership as Tenant;
  const allowed = request.routeOptions.config.roles;
  if (allowed && !allowed.includes(membership.role)) {
    return reply.forbidden();
  }
}
