import type { Db } from '../db/db.js';
import type { Actor, CurrentUser } from '../auth/types.js';
import type { Tenant } from '../tenancy/tenancy.js';
import { recordAudit } from '../audit/audit-repository.js';
import { findAction, type ActionRow } from '../plans/plan-repository.js';
import {
  closeRound,
  currentRound,
  insertRound,
  insertUpdate,
  type UpdateInput,
} from './progress-repository.js';

/** Who may record progress on an action: admins and contributors, and the action's own lead. */
export function canUpdateAction(
  tenant: Tenant,
  user: CurrentUser,
  action: Pick<ActionRow, 'lead_user_id'>,
): boolean {
  return (
    tenant.role === 'admin' ||
    tenant.role === 'contributor' ||
    (tenant.role === 'lead' && action.lead_user_id === user.id)
  );
}

export async function recordUpdate(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  user: CurrentUser,
  planId: string,
  actionId: string,
  input: UpdateInput,
): Promise<'ok' | 'not-found' | 'forbidden'> {
  return db.transaction(async (tx) => {
    const action = await findAction(tx, tenant, planId, actionId);
    if (!action) return 'not-found';
    if (!canUpdateAction(tenant, user, action)) return 'forbidden';
    const round = await currentRound(tx, tenant);
    const created = await insertUpdate(tx, tenant, actionId, round?.id ?? null, user.id, input);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'action update',
      entityId: created.id,
      action: 'create',
      before: { status: action.status, rag: action.rag },
      after: { action_id: actionId, round_id: round?.id ?? null, ...input },
    });
    return 'ok';
  });
}

export async function openRound(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: { title: string; openedOn: string; dueOn: string },
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const created = await insertRound(tx, tenant, { ...input, createdBy: actor.userId });
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'update round',
      entityId: created.id,
      action: 'open',
      after: input,
    });
    return created;
  });
}

export async function finishRound(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await closeRound(tx, tenant, id))) return false;
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'update round',
      entityId: id,
      action: 'close',
    });
    return true;
  });
}
