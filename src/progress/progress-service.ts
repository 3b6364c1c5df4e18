import { canUpdateAction, reviseDueDate, type UpdateRow } from '../plans/index.js';
import { findAction, type ActionRow } from '../plans/index.js';
import { recordAudit } from '../platform/audit/record.js';
import type { Db } from '../platform/db/db.js';
import type { Actor, CurrentUser } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import {
  closeRound,
  findRound,
  findUpdate,
  followLatestUpdate,
  holdRoundOpen,
  insertRound,
  insertUpdate,
  lockAction,
  livePlans,
  lockRoundsOf,
  openRoundCovering,
  openRounds,
  roundTitles,
  saveCorrection,
  updateRoundDue,
  type RoundRow,
  type UpdateInput,
} from './progress-repository.js';
import {
  CORRECTION_RULE,
  isRoundNameTaken,
  overlapRefusal,
  ragContradiction,
} from './round-rules.js';
import {
  conflict,
  forbidden,
  invalid,
  notFound,
  ok,
  problem,
  refused,
  type Result,
} from '../platform/commands/result.js';

/**
 * Who may correct an update: a partnership admin, or the person who wrote it while their role
 * still lets them update the action. Whether its round is still open is checked separately.
 */
export function canCorrectUpdate(
  tenant: Tenant,
  user: CurrentUser,
  action: Pick<ActionRow, 'lead_user_id'>,
  update: Pick<UpdateRow, 'author_user_id'>,
): boolean {
  if (tenant.role === 'admin') return true;
  return update.author_user_id === user.id && canUpdateAction(tenant, user, action);
}

function sameAsRecorded(update: UpdateRow, input: UpdateInput): boolean {
  const recordedValue = update.measure_value === null ? null : Number(update.measure_value);
  return (
    update.status === input.status &&
    update.rag === input.rag &&
    update.narrative === input.narrative &&
    update.measure_id === input.measureId &&
    recordedValue === input.measureValue
  );
}

/**
 * Corrects an update while its round is open (a closed round's updates are what the board saw),
 * if it is still at `version`; refused once its round is closed, a conflict (with the update as it
 * now is) when someone else corrected it first. The audit entry records before and after, and
 * renews the partnership's data version, so cached plan pages and the overview show it.
 */
export async function correctUpdate(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  user: CurrentUser,
  ids: { planId: string; actionId: string; updateId: string },
  input: UpdateInput,
  version: number,
): Promise<Result<void, UpdateRow>> {
  const contradiction = ragContradiction(input.status, input.rag);
  if (contradiction) return problem('rag', contradiction);
  return db.transaction(async (tx): Promise<Result<void, UpdateRow>> => {
    // Lock the action first: an update recorded meanwhile waits, so the action's status is then
    // taken from whichever update really is the latest.
    await lockAction(tx, tenant, ids.actionId);
    const action = await findAction(tx, tenant, ids.planId, ids.actionId);
    if (!action) return notFound;
    const current = await findUpdate(tx, tenant, ids.actionId, ids.updateId);
    if (!current) return notFound;
    if (!canCorrectUpdate(tenant, user, action, current)) return forbidden;
    if (!current.round_id || !(await holdRoundOpen(tx, tenant, current.round_id)))
      return refused(
        current.round_title
          ? `${current.round_title} is closed. ${CORRECTION_RULE}`
          : `This update was recorded when no round was open. ${CORRECTION_RULE}`,
      );
    if (current.version !== version) return conflict(current);
    // Saving the form unchanged corrects nothing: no "Corrected" line, no audit entry.
    if (sameAsRecorded(current, input)) return ok(undefined);
    if (!(await saveCorrection(tx, tenant, current.id, version, user.id, input)))
      return conflict(current);
    await followLatestUpdate(tx, tenant, ids.actionId, current.id, input);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'action update',
      entityId: current.id,
      action: 'update',
      before: {
        action_id: ids.actionId,
        status: current.status,
        rag: current.rag,
        narrative: current.narrative,
        measure_id: current.measure_id,
        measure_value: current.measure_value === null ? null : Number(current.measure_value),
      },
      after: {
        action_id: ids.actionId,
        status: input.status,
        rag: input.rag,
        narrative: input.narrative,
        measure_id: input.measureId,
        measure_value: input.measureValue,
      },
    });
    return ok(undefined);
  });
}

/**
 * Records an update on an action (admins and contributors on any action, a lead on their own),
 * counting towards the open round that covers the action's plan. Its input is checked by the command (recordActionUpdate).
 */
export async function recordUpdate(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  user: CurrentUser,
  planId: string,
  actionId: string,
  input: UpdateInput,
  /** A new due date proposed with the update: it applies, or waits for an admin (reviseDueDate). */
  proposal?: { to: string; reason: string },
): Promise<Result<{ id: string }>> {
  const contradiction = ragContradiction(input.status, input.rag);
  if (contradiction) return problem('rag', contradiction);
  return db.transaction(async (tx): Promise<Result<{ id: string }>> => {
    // Lock the action first, as a correction does: updates sent together take turns, so the
    // action's status and RAG end as those of the update saved last, which is its latest.
    await lockAction(tx, tenant, actionId);
    const action = await findAction(tx, tenant, planId, actionId);
    if (!action) return notFound;
    if (!canUpdateAction(tenant, user, action)) return forbidden;
    const round = await openRoundCovering(tx, tenant, actionId);
    const created = await insertUpdate(tx, tenant, actionId, round?.id ?? null, user.id, input);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'action update',
      entityId: created.id,
      action: 'create',
      before: { status: action.status, rag: action.rag },
      after: { action_id: actionId, round_id: round?.id ?? null, ...input },
    });
    if (proposal)
      await reviseDueDate(tx, actor, tenant, action, { ...proposal, updateId: created.id });
    return ok(created);
  });
}

/** A chosen plan that is not a live plan of the partnership: for the page and the API alike. */
export const PLAN_CHOICE_PROBLEM = {
  field: 'planIds',
  text: 'Select plans from the list',
  detail: 'planIds must be ids of the partnership’s live plans (not closed)',
};

/** A new round: opened on `openedOn`, for the live plans in `planIds`, or every plan if none. */
export type NewRound = { title: string; openedOn: string; dueOn: string; planIds?: string[] };

/**
 * Opens a round, unless an open round already covers one of its plans (a round for every plan
 * covers them all) or the name is used already: refused, in words for the page and the API. The
 * round opens on `openedOn`: today, except in demo data. A plan that is not a live plan of the
 * partnership (closed meanwhile, or another's) is a problem with the choice of plans.
 */
export async function startRound(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: NewRound,
): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx): Promise<Result<{ id: string }>> => {
    await lockRoundsOf(tx, tenant);
    const asked = new Set(input.planIds ?? []);
    const plans = (await livePlans(tx, tenant)).filter((p) => asked.has(p.id));
    if (plans.length < asked.size) return invalid(PLAN_CHOICE_PROBLEM);
    const open = (await openRounds(tx, tenant)).map((r) => ({ ...r, allPlans: r.all_plans }));
    const overlap = overlapRefusal({ allPlans: plans.length === 0, plans }, open);
    if (overlap) return refused(overlap);
    if (isRoundNameTaken(input.title, await roundTitles(tx, tenant)))
      return refused(
        `There is already a round called ${input.title}. Give this round a different name`,
      );
    const planIds = plans.map((p) => p.id);
    const created = await insertRound(tx, tenant, { ...input, planIds, createdBy: actor.userId });
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'update round',
      entityId: created.id,
      action: 'open',
      after: {
        title: input.title,
        openedOn: input.openedOn,
        dueOn: input.dueOn,
        covers: planIds.length ? 'chosen plans' : 'every live plan',
        ...(planIds.length ? { planIds } : {}),
      },
    });
    return ok(created);
  });
}

/** Opens a round for demo data and tests, where a refusal is a mistake in the data. */
export async function openRound(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: NewRound,
): Promise<{ id: string }> {
  const result = await startRound(db, actor, tenant, input);
  if (result.kind !== 'ok') throw new Error(`Round not opened: ${JSON.stringify(result)}`);
  return result.value;
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

/**
 * Moves an open round's due date; `expectedDueOn` is the date the admin saw, so a clash with
 * someone else's change is a conflict (with the round as it now is). Refused once it is closed.
 */
export async function changeRoundDue(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
  input: { dueOn: string; version: number },
): Promise<Result<void, RoundRow>> {
  const closed = refused('This round is closed');
  return db.transaction(async (tx): Promise<Result<void, RoundRow>> => {
    const round = await findRound(tx, tenant, id);
    if (!round) return notFound;
    if (round.closed_at) return closed;
    if (!(await updateRoundDue(tx, tenant, id, input.dueOn, input.version))) {
      // Closed meanwhile, or someone else moved the date: say which.
      const now = await findRound(tx, tenant, id);
      return !now ? notFound : now.closed_at ? closed : conflict(now);
    }
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'update round',
      entityId: id,
      action: 'update',
      before: { dueOn: round.due_on },
      after: { dueOn: input.dueOn },
    });
    return ok(undefined);
  });
}
