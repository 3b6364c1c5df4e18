/**
 * The writes a revised due date makes, with their audit entries: recorded in the history (applied
 * at once, or waiting for an admin where the partnership asks for it), and an admin's decision.
 */
import { recordAudit } from '../platform/audit/record.js';
import type { Queryable } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { ActionRow } from './action-repository.js';
import * as dates from './due-date-repository.js';
import { changeNeedsApproval, dueDateChangeNeedsReason } from './slippage-rules.js';

const auditChange = (
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  id: string,
  action: string,
  after: unknown,
) =>
  recordAudit(tx, actor, {
    partnershipId: tenant.partnershipId,
    entityType: 'due date change',
    entityId: id,
    action,
    after,
  });

/** Records a change of due date in the action's history, with its audit entry. */
export async function recordDueDateChange(
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  change: dates.NewDueDateChange,
): Promise<{ id: string }> {
  const created = await dates.insertDueDateChange(tx, tenant, change);
  await auditChange(tx, actor, tenant, created.id, 'create', change);
  return created;
}

/** Whether a change of this action's due date by the tenant's member would wait for an admin. */
export async function waitsForApproval(
  tx: Queryable,
  tenant: Tenant,
  from: string | null,
  to: string | null,
): Promise<boolean> {
  if (!changeNeedsApproval(true, tenant.role, from, to)) return false;
  return dates.revisedDatesNeedApproval(tx, tenant);
}

export type Revision = { to: string | null; reason: string; updateId: string | null };

/**
 * A revised due date proposed apart from the action form (with a progress update): it applies at
 * once, or waits for an admin by the partnership's setting. A first due date needs no history.
 */
export async function reviseDueDate(
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  action: Pick<ActionRow, 'id' | 'due_date'>,
  revision: Revision,
): Promise<'unchanged' | 'applied' | 'pending'> {
  const from = action.due_date;
  if (revision.to === from) return 'unchanged';
  const pending = await waitsForApproval(tx, tenant, from, revision.to);
  if (!pending) await dates.setDueDate(tx, tenant, action.id, revision.to);
  if (dueDateChangeNeedsReason(from, revision.to) || pending)
    await recordDueDateChange(tx, actor, tenant, {
      actionId: action.id,
      from,
      to: revision.to,
      reason: revision.reason,
      state: pending ? 'pending' : 'applied',
      updateId: revision.updateId,
      changedBy: actor.userId,
    });
  else
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'action',
      entityId: action.id,
      action: 'update',
      before: { due_date: from },
      after: { dueDate: revision.to },
    });
  return pending ? 'pending' : 'applied';
}

/**
 * An admin's decision on a waiting proposal: approved, the due date becomes the proposed one (the
 * baseline stays); rejected, nothing changes but the record. False when it is no longer waiting.
 */
export async function decideProposal(
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  actionId: string,
  changeId: string,
  approve: boolean,
): Promise<'decided' | 'not-found' | 'settled'> {
  const change = await dates.lockChange(tx, tenant, actionId, changeId);
  if (!change) return 'not-found';
  if (change.state !== 'pending') return 'settled';
  await dates.decideChange(tx, tenant, changeId, approve ? 'applied' : 'rejected', actor.userId);
  if (approve) await dates.setDueDate(tx, tenant, actionId, change.to_date);
  await auditChange(tx, actor, tenant, changeId, approve ? 'approve' : 'reject', {
    action_id: actionId,
    to: change.to_date,
  });
  return 'decided';
}
