import type { Db, Queryable } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { findInspection } from './inspection-repository.js';
import { deleteInspection, inspectionDependants } from './removal-repository.js';
import { InspectionRuleError } from './inspection-service.js';
import { recordAudit } from '../platform/audit/record.js';

/** PostgreSQL's foreign-key violation: something added later still points at the row. */
export function isStillReferenced(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23503';
}

/** Why an inspection cannot be deleted, or null: removeInspection refuses with the same words. */
export async function inspectionRemovalProblem(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<string | null> {
  const { findings, plans } = await inspectionDependants(q, tenant, id);
  if (plans > 0) return 'A plan is linked to this inspection. It cannot be deleted.';
  if (findings > 0) return 'This inspection has findings. Delete its findings first.';
  return null;
}

/**
 * Deletes an inspection recorded by mistake. Nothing is cascaded: an inspection with findings or
 * a plan is refused, so the history a plan answers can never disappear with it.
 */
export async function removeInspection(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      const current = await findInspection(tx, tenant, id);
      if (!current) return false;
      const problem = await inspectionRemovalProblem(tx, tenant, id);
      if (problem) throw new InspectionRuleError('inspection', problem);
      await deleteInspection(tx, tenant, id);
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'inspection',
        entityId: id,
        action: 'delete',
        before: current,
      });
      return true;
    });
  } catch (error) {
    if (isStillReferenced(error))
      throw new InspectionRuleError('inspection', 'Other records still refer to this inspection.');
    throw error;
  }
}
