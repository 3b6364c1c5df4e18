import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Membership, Role } from '../identity/types.js';
import { sendNotFound } from '../web/errors.js';

declare const tenantBrand: unique symbol;

/**
 * The partnership a request may touch, proven by the signed-in person's live membership.
 * Repositories that read or write partnership data take a Tenant, and only this module makes
 * one, so a query cannot reach a partnership the request was not admitted to.
 */
export type Tenant = Membership & { readonly [tenantBrand]: true };

/** The route parameter that marks a URL as partnership-scoped: pages and API alike. */
export const PARTNERSHIP_PARAM = 'partnership';

/** Read-only roles: they see the partnership's pages and change nothing. */
export const READ_ONLY_ROLES: readonly Role[] = ['viewer', 'forum', 'adviser'];

/**
 * The one place tenancy is enforced, run before every handler. A partnership-scoped URL whose
 * partnership the person is not a live member of answers 404, exactly as if it did not exist;
 * a member whose role the route does not allow gets 403.
 */
export async function enforceTenancy(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  request.tenant = null;
  const params = request.params as Record<string, string> | undefined;
  const slug = params?.[PARTNERSHIP_PARAM];
  if (slug === undefined) return;
  const membership = request.user?.memberships.find((m) => m.slug === slug);
  if (!membership) return sendNotFound(reply);
  request.tenant = membership as Tenant;
  const allowed = request.routeOptions.config.roles;
  if (allowed && !allowed.includes(membership.role)) {
    return reply.forbidden();
  }
}

/**
 * For the CLI and backups, which act outside any request: the caller has already established
 * the right to act on this partnership (shell access to the server).
 */
export function systemTenant(partnership: { id: string; slug: string; name: string }): Tenant {
  return {
    partnershipId: partnership.id,
    slug: partnership.slug,
    partnershipName: partnership.name,
    role: 'admin',
    // Nothing outside a request reuses rendered pages.
    dataVersion: 'none',
  } as Tenant;
}
