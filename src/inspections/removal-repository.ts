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

/** A date set by others as deleting its inspection takes it (and audits it). */
export type GoingKeyDate = {
  id: string;
  title: string;
  source: string;
  plan_id: string | null;
  inspection_id: string;
  due_on: string | null;
  rule_count: number | null;
  rule_unit: string | null;
  rule_event: string | null;
  met_on: string | null;
  met_note: string;
  version: number;
};

/**
 * The dates set by others that name this inspection: deleting it deletes them (key_dates
 * cascades). Read here because deadlines, which owns them, sits above inspections.
 */
export async function inspectionKeyDates(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<GoingKeyDate[]> {
  return q.query<GoingKeyDate>(
    `SELECT id, title, source, plan_id, inspection_id, due_on::text, rule_count, rule_unit,
       rule_event, met_on::text, met_note, version
     FROM key_dates WHERE partnership_id = $1 AND inspection_id = $2
     ORDER BY due_on NULLS LAST, created_at`,
    [tenant.partnershipId, id],
  );
}

/**
 * Locks the inspection against new rows pointing at it (a date set by others, a finding) until
 * it is deleted: what the delete takes with it is then what was read and audited.
 */
export async function lockInspectionForDelete(q: Queryable, tenant: Tenant, id: string) {
  await q.query('SELECT 1 FROM inspections WHERE partnership_id = $1 AND id = $2 FOR UPDATE', [
    tenant.partnershipId,
    id,
  ]);
}

export async function deleteInspection(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await q.query('DELETE FROM inspections WHERE partnership_id = $1 AND id = $2', [
    tenant.partnershipId,
    id,
  ]);
}
