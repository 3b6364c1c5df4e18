import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

/**
 * New priorities and actions take max(position) + 1 of their group. Two such writes side by side
 * (READ COMMITTED) would not see each other's row and take the same number, so every change to a
 * plan's numbering locks the plan's row first: they then run one after another, and each
 * statement after the lock sees the rows of the one before. The plan rather than the priority,
 * because moves cross priorities and renumberActions covers the whole plan. Callers take it
 * before changing any other row of the plan, so two of them never wait on each other in a circle.
 * NO KEY UPDATE leaves reads, and inserts that only refer to the plan, free to go on.
 */
export async function lockPlanNumbering(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<void> {
  await q.query('SELECT 1 FROM plans WHERE partnership_id = $1 AND id = $2 FOR NO KEY UPDATE', [
    tenant.partnershipId,
    planId,
  ]);
}
