/** The SQL for an action's due date history and the proposals waiting for an admin. */
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { DueDateChangeState } from './slippage-rules.js';

export type DueDateChangeRow = {
  id: string;
  action_id: string;
  from_date: string | null;
  to_date: string | null;
  reason: string;
  state: DueDateChangeState;
  update_id: string | null;
  changed_by: string | null;
  changed_by_name: string | null;
  changed_at: Date;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
};

const CHANGE_COLUMNS = `c.id, c.action_id, c.from_date::text, c.to_date::text, c.reason, c.state, c.update_id,
  c.changed_by, cu.name AS changed_by_name, c.changed_at, c.approved_by, au.name AS approved_by_name, c.approved_at`;
const CHANGE_FROM = `action_due_date_changes c LEFT JOIN users cu ON cu.id = c.changed_by
  LEFT JOIN users au ON au.id = c.approved_by`;

export type NewDueDateChange = {
  actionId: string;
  from: string | null;
  to: string | null;
  reason: string;
  state: DueDateChangeState;
  updateId: string | null;
  changedBy: string | null;
};

export async function insertDueDateChange(
  q: Queryable,
  tenant: Tenant,
  change: NewDueDateChange,
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO action_due_date_changes (partnership_id, action_id, from_date, to_date, reason, state, update_id, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      tenant.partnershipId,
      change.actionId,
      change.from,
      change.to,
      change.reason,
      change.state,
      change.updateId,
      change.changedBy,
    ],
  );
  return rows[0]!;
}

/** An action's due date history, oldest first. */
export async function listDueDateChanges(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
): Promise<DueDateChangeRow[]> {
  return q.query<DueDateChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM ${CHANGE_FROM} WHERE c.partnership_id = $1 AND c.action_id = $2 ORDER BY c.changed_at, c.id`,
    [tenant.partnershipId, actionId],
  );
}

export type PendingChangeRow = DueDateChangeRow & {
  plan_id: string;
  plan_title: string;
  action_title: string;
  current_due_date: string | null;
};

/** Revised dates waiting for an admin, oldest first: of one plan's actions, or of all. */
export async function listPendingChanges(
  q: Queryable,
  tenant: Tenant,
  planId?: string,
): Promise<PendingChangeRow[]> {
  return q.query<PendingChangeRow>(
    `SELECT ${CHANGE_COLUMNS}, a.plan_id, p.title AS plan_title, a.title AS action_title, a.due_date::text AS current_due_date
     FROM ${CHANGE_FROM} JOIN actions a ON a.id = c.action_id JOIN plans p ON p.id = a.plan_id
     WHERE c.partnership_id = $1 AND c.state = 'pending' ${planId ? 'AND a.plan_id = $2' : ''}
     ORDER BY c.changed_at, c.id`,
    planId ? [tenant.partnershipId, planId] : [tenant.partnershipId],
  );
}

/** A proposal, locked so that two admins deciding at once settle it once. */
export async function lockChange(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
  id: string,
): Promise<DueDateChangeRow | undefined> {
  await q.query(
    'SELECT id FROM action_due_date_changes WHERE partnership_id = $1 AND action_id = $2 AND id = $3 FOR UPDATE',
    [tenant.partnershipId, actionId, id],
  );
  const rows = await q.query<DueDateChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM ${CHANGE_FROM} WHERE c.partnership_id = $1 AND c.action_id = $2 AND c.id = $3`,
    [tenant.partnershipId, actionId, id],
  );
  return rows[0];
}

/** Settles a proposal: applied (approved) or rejected, by whom and when. */
export async function decideChange(
  q: Queryable,
  tenant: Tenant,
  id: string,
  state: 'applied' | 'rejected',
  decidedBy: string | null,
): Promise<void> {
  await q.query(
    `UPDATE action_due_date_changes SET state = $3, approved_by = $4, approved_at = now()
     WHERE partnership_id = $1 AND id = $2 AND state = 'pending'`,
    [tenant.partnershipId, id, state, decidedBy],
  );
}

/** A revised due date taking effect: the baseline stays (or becomes the date, if there was none). */
export async function setDueDate(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
  dueDate: string | null,
): Promise<void> {
  await q.query(
    `UPDATE actions SET due_date = $3, baseline_due_date = coalesce(baseline_due_date, $3), version = version + 1
     WHERE partnership_id = $1 AND id = $2`,
    [tenant.partnershipId, actionId, dueDate],
  );
}

/** The partnership's setting: whether a revised due date from someone other than an admin waits. */
export async function revisedDatesNeedApproval(q: Queryable, tenant: Tenant): Promise<boolean> {
  const rows = await q.query<{ needed: boolean }>(
    'SELECT revised_dates_need_approval AS needed FROM partnership_settings WHERE partnership_id = $1',
    [tenant.partnershipId],
  );
  return rows[0]?.needed ?? false;
}
