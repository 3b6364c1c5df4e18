// Who can import: someone who cannot is told who can, by name, instead of how to.
import { listMembers } from '../../platform/directory/directory.js';
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';

/** The names of the partnership's current admins, for someone who is not one (else none). */
export async function importerNames(db: Queryable, tenant: Tenant): Promise<string[]> {
  if (tenant.role === 'admin') return [];
  return (await listMembers(db, tenant))
    .filter((m) => m.role === 'admin' && !m.disabled_at)
    .map((m) => m.name);
}
