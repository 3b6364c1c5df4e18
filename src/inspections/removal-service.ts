import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { inspectionDependants } from './removal-repository.js';

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
  const { findings, plans, followers } = await inspectionDependants(q, tenant, id);
  if (followers > 0)
    return 'A revisit or monitoring inspection follows this inspection. It cannot be deleted.';
  if (plans > 0) return 'A plan is linked to this inspection. It cannot be deleted.';
  if (findings > 0) return 'This inspection has findings. Delete its findings first.';
  return null;
}
