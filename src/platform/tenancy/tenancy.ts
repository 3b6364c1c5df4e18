import type { Membership, Role } from '../identity/types.js';

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

/**
 * For a calendar feed, which calendars fetch without signing in: the secret in the feed's
 * address proves the right to read this partnership's dates, and nothing more (a viewer).
 */
export function calendarFeedTenant(partnership: {
  id: string;
  slug: string;
  name: string;
}): Tenant {
  return { ...systemTenant(partnership), role: 'viewer' } as Tenant;
}
