import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

/** What still hangs off an inspection: it can be deleted only when all are zero. */
export async function inspectionDependants(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<{ findings: number; plans: number; followers: number }> {
  const rows = await q.query<{ findings: number; plans: number; followers: number }>(
    `SELECT (SELECT count(*)::int FROM findings f WHERE f.partnership_id = $1 AND f.inspection_id = $2) AS findings,
       (SELECT count(*)::int FROM plans p WHERE p.partnership_id = $1 AND p.inspection_id = $2) AS plans,
       (SELECT count(*)::int FROM inspections i WHERE i.partnership_id = $1 AND i.follows_inspection_id = $2) AS followers`,
    [tenant.partnershipId, id],
  );
  return rows[0]!;
}

export async function deleteInspection(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await q.query('DELETE FROM inspections WHERE partnership_id = $1 AND id = $2', [
    tenant.partnershipId,
    id,
  ]);
}
