import type { Db } from '../db/db.js';
import type { Actor } from '../auth/types.js';
import type { Tenant } from '../tenancy/tenancy.js';
import { recordAudit } from '../audit/audit-repository.js';
import { isStillReferenced } from '../inspections/removal-service.js';
import { findAction, findPlan, listPriorities } from './plan-repository.js';
import { PlanRuleError } from './plan-service.js';
import * as removal from './removal-repository.js';

/*
 * Deletes for things created by mistake. Nothing with history is cascaded: a plan with priorities
 * or a frozen version, a priority with actions, and an action with progress updates or
 * sub-actions are refused (PlanRuleError); delete the children first. Links (a priority's findings, an action's partners)
 * and an action's own success measures go with their owner.
 */

/** A row still referred to by a table added later is refused too, never a 500. */
async function guarded<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isStillReferenced(error))
      throw new PlanRuleError(what, `Other records still refer to this ${what}.`);
    throw error;
  }
}

export async function removePlan(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
): Promise<boolean> {
  return guarded('plan', () =>
    db.transaction(async (tx) => {
      const current = await findPlan(tx, tenant, planId);
      if (!current) return false;
      const { priorities, versions } = await removal.planDependants(tx, tenant, planId);
      if (versions > 0)
        throw new PlanRuleError(
          'plan',
          'This plan has been signed off or submitted, so its versions are kept. Close it instead.',
        );
      if (priorities > 0)
        throw new PlanRuleError('plan', 'This plan has priorities. Delete them first.');
      await removal.deletePlan(tx, tenant, planId);
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'plan',
        entityId: planId,
        action: 'delete',
        before: current,
      });
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
      const current = (await listPriorities(tx, tenant, planId)).find((p) => p.id === priorityId);
      if (!current) return false;
      if ((await removal.countPriorityActions(tx, tenant, priorityId)) > 0)
        throw new PlanRuleError(
          'priority',
          'This priority has actions. Delete them or move them to another priority first.',
        );
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
      const current = await findAction(tx, tenant, planId, actionId);
      if (!current) return false;
      if ((await removal.countActionUpdates(tx, tenant, actionId)) > 0)
        throw new PlanRuleError(
          'action',
          'This action has progress updates, which are kept as its history. It cannot be deleted.',
        );
      if ((await removal.countSubActions(tx, tenant, actionId)) > 0)
        throw new PlanRuleError(
          'action',
          'This action has sub-actions. Delete them or make them actions of their own first.',
        );
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
