import type { Db } from '../db/db.js';
import type { Actor, CurrentUser } from '../auth/types.js';
import type { Tenant } from '../tenancy/tenancy.js';
import { recordAudit } from '../audit/audit-repository.js';
import { findAction, type ActionRow } from '../plans/plan-repository.js';
import {
  closeRound,
  currentRound,
  findRound,
  insertRound,
  insertUpdate,
  lockRoundsOf,
  openRounds,
  roundTitles,
  updateRoundDue,
  type OpenRoundSummary,
  type UpdateInput,
} from './progress-repository.js';
import { isRoundNameTaken, ragContradiction, ROLES_THAT_UPDATE_ANY_ACTION } from './round-rules.js';

/** Whether this role may update any action, not only the ones the person leads. */
export function updatesAnyAction(tenant: Pick<Tenant, 'role'>): boolean {
  return (ROLES_THAT_UPDATE_ANY_ACTION as readonly string[]).includes(tenant.role);
}

/** Who may record progress on an action: admins and contributors, and the action's own lead. */
export function canUpdateAction(
  tenant: Tenant,
  user: CurrentUser,
  action: Pick<ActionRow, 'lead_user_id'>,
): boolean {
  return updatesAnyAction(tenant) || (tenant.role === 'lead' && action.lead_user_id === user.id);
}

/** Why a round cannot be opened: another is open, or the name is used already. */
export class RoundRuleError extends Error {
  constructor(
    readonly reason: 'round-open' | 'duplicate-name',
    message: string,
    readonly openRound?: OpenRoundSummary,
  ) {
    super(message);
  }
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
  // The form and the API refuse a contradiction with a message; this guards every other caller.
  const contradiction = ragContradiction(input.status, input.rag);
  if (contradiction) throw new Error(contradiction);
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
    await lockRoundsOf(tx, tenant);
    const [open] = await openRounds(tx, tenant);
    if (open)
      throw new RoundRuleError(
        'round-open',
        `${open.title} is still open. Close it before you open a new round`,
        open,
      );
    if (isRoundNameTaken(input.title, await roundTitles(tx, tenant)))
      throw new RoundRuleError(
        'duplicate-name',
        `There is already a round called ${input.title}. Give this round a different name`,
      );
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

/** Moves an open round's due date; `expectedDueOn` is the date the admin saw, to catch a clash. */
export async function changeRoundDue(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
  input: { dueOn: string; expectedDueOn: string },
): Promise<'ok' | 'not-found' | 'closed' | 'stale'> {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, tenant, id);
    if (!round) return 'not-found';
    if (round.closed_at) return 'closed';
    if (!(await updateRoundDue(tx, tenant, id, input.dueOn, input.expectedDueOn))) return 'stale';
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'update round',
      entityId: id,
      action: 'update',
      before: { dueOn: round.due_on },
      after: { dueOn: input.dueOn },
    });
    return 'ok';
  });
}
