import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { lockPlanNumbering, renumberActions } from './plan-repository.js';

/** What still hangs off a plan: priorities (and their actions), frozen versions, status history. */
export async function planDependants(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<{ priorities: number; versions: number; events: number }> {
  const rows = await q.query<{ priorities: number; versions: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM priorities WHERE partnership_id = $1 AND plan_id = $2) AS priorities,
       (SELECT count(*)::int FROM plan_versions WHERE partnership_id = $1 AND plan_id = $2) AS versions,
       (SELECT count(*)::int FROM plan_status_events WHERE partnership_id = $1 AND plan_id = $2) AS events`,
    [tenant.partnershipId, planId],
  );
  return rows[0]!;
}

/**
 * Locks the plan against new rows pointing at it (a date set by others, a status change) until it
 * is deleted: what the delete takes with it is then what was read and audited.
 */
export async function lockPlanForDelete(q: Queryable, tenant: Tenant, planId: string) {
  await q.query('SELECT 1 FROM plans WHERE partnership_id = $1 AND id = $2 FOR UPDATE', [
    tenant.partnershipId,
    planId,
  ]);
}

export async function deletePlan(q: Queryable, tenant: Tenant, planId: string): Promise<void> {
  await q.query('DELETE FROM plans WHERE partnership_id = $1 AND id = $2', [
    tenant.partnershipId,
    planId,
  ]);
}

export async function countPriorityActions(
  q: Queryable,
  tenant: Tenant,
  priorityId: string,
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM actions WHERE partnership_id = $1 AND priority_id = $2',
    [tenant.partnershipId, priorityId],
  );
  return rows[0]!.n;
}

/** Deletes a priority (its links to findings go with it) and renumbers the rest 1, 2, 3… */
export async function deletePriority(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  priorityId: string,
): Promise<void> {
  await lockPlanNumbering(q, tenant, planId);
  await q.query('DELETE FROM priorities WHERE partnership_id = $1 AND plan_id = $2 AND id = $3', [
    tenant.partnershipId,
    planId,
    priorityId,
  ]);
  await q.query(
    `UPDATE priorities p SET position = r.n FROM (SELECT id, row_number() OVER (ORDER BY position) AS n FROM priorities WHERE partnership_id = $1 AND plan_id = $2) r
     WHERE p.id = r.id AND p.position <> r.n`,
    [tenant.partnershipId, planId],
  );
}

export async function countActionUpdates(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM action_updates WHERE partnership_id = $1 AND action_id = $2',
    [tenant.partnershipId, actionId],
  );
  return rows[0]!.n;
}

/** How many sub-actions (5.1 a, 5.1 b…) an action has. */
export async function countSubActions(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM actions WHERE partnership_id = $1 AND parent_action_id = $2',
    [tenant.partnershipId, actionId],
  );
  return rows[0]!.n;
}

/** Deletes an action (its partners and success measures go with it) and renumbers its group. */
export async function deleteAction(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  actionId: string,
): Promise<void> {
  await lockPlanNumbering(q, tenant, planId);
  await q.query('DELETE FROM actions WHERE partnership_id = $1 AND plan_id = $2 AND id = $3', [
    tenant.partnershipId,
    planId,
    actionId,
  ]);
  await renumberActions(q, tenant, planId);
}
