import type { Role } from '../identity/types.js';
import type { Tenant } from '../tenancy/tenancy.js';

type NavEntry = { text: string; path: string; roles?: readonly Role[] };

/**
 * The partnership's sections, in order. Each capability adds its entry here when it lands,
 * so the navigation never links to a page that does not exist yet.
 */
const SECTIONS: NavEntry[] = [
  { text: 'Overview', path: '' },
  { text: 'Inspections', path: '/inspections' },
  { text: 'Plans', path: '/plans' },
  { text: 'Update rounds', path: '/rounds' },
  { text: 'Dates', path: '/dates' },
  { text: 'Risks', path: '/risks' },
  { text: 'Performance', path: '/performance' },
  { text: 'Boards', path: '/boards' },
  { text: 'Reports', path: '/reports' },
  { text: 'My actions', path: '/my-actions', roles: ['admin', 'lead', 'contributor'] },
  { text: 'People', path: '/people' },
  { text: 'Organisations', path: '/organisations' },
  { text: 'Outbox', path: '/outbox', roles: ['admin'] },
  { text: 'Audit log', path: '/audit', roles: ['admin'] },
  { text: 'Settings', path: '/settings', roles: ['admin'] },
];

export function navigationFor(
  tenant: Tenant | null,
  currentUrl: string,
): { text: string; href: string; current?: boolean; active?: boolean }[] {
  if (!tenant) return [];
  const base = `/p/${tenant.slug}`;
  const path = currentUrl.split('?')[0] ?? '';
  return SECTIONS.filter((s) => !s.roles || s.roles.includes(tenant.role)).map((s) => {
    const href = base + s.path;
    const current = path === href;
    const active = !current && s.path !== '' && path.startsWith(href + '/');
    return { text: s.text, href, ...(current ? { current } : {}), ...(active ? { active } : {}) };
  });
}
