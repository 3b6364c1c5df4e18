import type { Db, Queryable } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { isStillReferenced } from '../inspections/index.js';
import { listPlanKeyDates } from '../deadlines/index.js';
import { findAction, findPlan, listPriorities, lockPlanNumbering } from './plan-repository.js';
import { refused, RuleBroken } from '../platform/commands/result.js';
import * as removal from './removal-repository.js';
import * as inclusions from './inclusion-repository.js';
import { includedElsewhereProblem } from './inclusion-rules.js';
import { recordAudit, recordCascadedDeletes } from '../platform/audit/record.js';

/*
 * Deletes for things created by mistake. Nothing with history is cascaded: a plan with priorities
 * or a frozen version, a priority with actions, and an action with progress updates or
 * sub-actions are refused (RuleBroken with a refusal); delete the children first. A plan whose status has
 * changed keeps that history too. Links (a priority's findings, an action's partners)
 * and an action's own success measures go with their owner.
 */

/** A row still referred to by a table added later is refused too, never a 500. */
async function guarded<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isStillReferenced(error))
      throw new RuleBroken(refused(`Other records still refer to this ${what}.`));
    throw error;
  }
}

/**
 * Why each thing cannot be deleted, or null when it can. The delete functions below refuse with
 * these same messages, and the confirmation pages show them before offering a button.
 */
export async function planRemovalProblem(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<string | null> {
  const { priorities, versions, events } = await removal.planDependants(q, tenant, planId);
  if (versions > 0)
    return 'This plan has been signed off or submitted, so its versions are kept. Close it instead.';
  if (events > 0)
    return 'This plan’s status has been changed, and that history is kept. Close it instead.';
  if (priorities > 0) return 'This plan has priorities. Delete them first.';
  return null;
}

export async function priorityRemovalProblem(
  q: Queryable,
  tenant: Tenant,
  priorityId: string,
): Promise<string | null> {
  if ((await removal.countPriorityActions(q, tenant, priorityId)) > 0)
    return 'This priority has actions. Delete them or move them to another priority first.';
  if ((await inclusions.countHostedInclusions(q, tenant, priorityId)) > 0)
    return 'This priority shows actions included from other plans. Remove them from this plan first.';
  return includedElsewhereProblem(
    'priority',
    'deleted',
    await inclusions.plansIncludingPriority(q, tenant, priorityId),
  );
}

export async function actionRemovalProblem(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
): Promise<string | null> {
  if ((await removal.countActionUpdates(q, tenant, actionId)) > 0)
    return 'This action has progress updates, which are kept as its history. It cannot be deleted.';
  if ((await removal.countSubActions(q, tenant, actionId)) > 0)
    return 'This action has sub-actions. Delete them or make them actions of their own first.';
  return includedElsewhereProblem(
    'action',
    'deleted',
    await inclusions.plansIncludingAction(q, tenant, actionId),
  );
}

export async function removePlan(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
): Promise<boolean> {
  return guarded('plan', () =>
    db.transaction(async (tx) => {
      await removal.lockPlanForDelete(tx, tenant, planId);
      const current = await findPlan(tx, tenant, planId);
      if (!current) return false;
      const problem = await planRemovalProblem(tx, tenant, planId);
      if (problem) throw new RuleBroken(refused(problem));
      // Its dates set by others go with it (the table cascades): each is audited as deleted.
      const keyDates = await listPlanKeyDates(tx, tenant, planId);
      await removal.deletePlan(tx, tenant, planId);
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'plan',
        entityId: planId,
        action: 'delete',
        before: current,
      });
      await recordCascadedDeletes(tx, actor, tenant.partnershipId, 'key date', keyDates);
      return true;
    }),
  );
}

export async function removePriority(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  priorityId: string,
): Promise<boolean> {
  return guarded('priority', () =>
    db.transaction(async (tx) => {
      // Lock the priority (after the plan), so an action added meanwhile waits, not slips in.
      await lockPlanNumbering(tx, tenant, planId);
      await tx.query('SELECT 1 FROM priorities WHERE partnership_id = $1 AND id = $2 FOR UPDATE', [
        tenant.partnershipId,
        priorityId,
      ]);
      const current = (await listPriorities(tx, tenant, planId)).find((p) => p.id === priorityId);
      if (!current) return false;
      const problem = await priorityRemovalProblem(tx, tenant, priorityId);
      if (problem) throw new RuleBroken(refused(problem));
      await removal.deletePriority(tx, tenant, planId, priorityId);
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'priority',
        entityId: priorityId,
        action: 'delete',
        before: { plan_id: planId, ...current },
      });
      return true;
    }),
  );
}

export async function removeAction(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  actionId: string,
): Promise<boolean> {
  return guarded('action', () =>
    db.transaction(async (tx) => {
      // Lock the action (after the plan, in the order adding takes them): an update saved between
      // the check and the delete would otherwise go with it (updates cascade); now it waits.
      await lockPlanNumbering(tx, tenant, planId);
      await tx.query('SELECT 1 FROM actions WHERE partnership_id = $1 AND id = $2 FOR UPDATE', [
        tenant.partnershipId,
        actionId,
      ]);
      const current = await findAction(tx, tenant, planId, actionId);
      if (!current) return false;
      const problem = await actionRemovalProblem(tx, tenant, actionId);
      if (problem) throw new RuleBroken(refused(problem));
      await removal.deleteAction(tx, tenant, planId, actionId);
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'action',
        entityId: actionId,
        action: 'delete',
        before: current,
      });
      return true;
    }),
  );
}
