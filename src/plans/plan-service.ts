import type { Db, Queryable } from '../platform/db/db.js';
import { versionedEdit, type Edit } from '../platform/db/versioned.js';
import type { Actor } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { todayInLondon } from '../platform/web/today.js';
import * as inclusions from './inclusion-repository.js';
import * as repo from './plan-repository.js';
import {
  coverage,
  leadProblem,
  submissionProblem,
  NEXT_STATUSES,
  parentActionProblem,
  PLAN_STATUS_LABELS,
  VERSIONED_STATUSES,
  type PlanStatus,
} from './plan-rules.js';
import { buildSnapshot } from './plan-snapshot.js';
import { findMember } from '../platform/directory/directory.js';
import { recordAudit } from '../platform/audit/record.js';
import { invalid, refused, RuleBroken } from '../platform/commands/result.js';
import { includedElsewhereProblem } from './inclusion-rules.js';

export type { Edit };

/** A broken rule that undoes the transaction it is thrown in: the command answers `invalid`. */
export const broken = (field: string, text: string, detail?: string) =>
  new RuleBroken(invalid({ field, text, ...(detail ? { detail } : {}) }));

const audit = (
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  entityType: string,
  entityId: string,
  action: string,
  before?: unknown,
  after?: unknown,
) =>
  recordAudit(tx, actor, {
    partnershipId: tenant.partnershipId,
    entityType,
    entityId,
    action,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });

/**
 * Everything the plan page needs, in a handful of queries whatever the plan's size: its own
 * priorities and actions, and those it includes from other plans (shown and counted here too).
 */
export async function loadPlan(q: Queryable, tenant: Tenant, planId: string) {
  const [plan, priorities, actions, measures, findings, includedPriorities, includedActions] =
    await Promise.all([
      repo.findPlan(q, tenant, planId),
      repo.listPriorities(q, tenant, planId),
      repo.listActions(q, tenant, planId),
      repo.listMeasures(q, tenant, planId),
      repo.listFindingsOfPlan(q, tenant, planId),
      inclusions.listIncludedPriorities(q, tenant, planId),
      inclusions.listIncludedActions(q, tenant, planId),
    ]);
  if (!plan) return undefined;
  const actionsPerPriority = new Map<string, number>();
  const places = [
    ...actions.map((a) => a.priority_id),
    ...includedActions.map((a) => a.place_priority_id),
  ];
  for (const place of places)
    actionsPerPriority.set(place, (actionsPerPriority.get(place) ?? 0) + 1);
  const links = [...priorities, ...includedPriorities].flatMap((p) =>
    p.finding_ids.map((findingId) => ({ findingId, priorityId: p.id })),
  );
  return {
    plan,
    priorities,
    actions,
    includedPriorities,
    includedActions,
    /** Every action the plan shows, its own and included, for roll-ups and counts. */
    actionCount: actions.length + includedActions.length,
    measures,
    findings,
    coverage: coverage(
      { kind: plan.kind, coversDevelopment: plan.covers_development },
      findings,
      links,
      actionsPerPriority,
    ),
  };
}

export async function createPlan(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: repo.PlanInput,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const created = await repo.insertPlan(tx, tenant, input);
    await audit(tx, actor, tenant, 'plan', created.id, 'create', undefined, input);
    return created;
  });
}

/** What a plan's details form changes, and the rule on its inspection. */
export const INSPECTION_CHANGE_RULE =
  'The inspection can be changed only while the plan is a draft: which findings the plan must cover depends on it.';

/**
 * Changes a plan's title, kind, owner and, while it is a draft, the inspection it answers. A new
 * inspection takes the priorities' links to the old inspection's findings away with it.
 */
export async function editPlanDetails(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  input: repo.PlanInput,
  version: number,
): Promise<Edit<repo.PlanRow>> {
  return db.transaction(async (tx) => {
    const current = await repo.findPlan(tx, tenant, planId);
    if (
      current &&
      current.version === version &&
      current.status !== 'draft' &&
      input.inspectionId !== current.inspection_id
    )
      throw broken(
        'inspectionId',
        INSPECTION_CHANGE_RULE,
        `inspectionId: ${INSPECTION_CHANGE_RULE}`,
      );
    return versionedEdit(
      current,
      version,
      () => repo.updatePlanDetails(tx, tenant, planId, input, version),
      async (current) => {
        const unlinked =
          input.inspectionId !== current.inspection_id
            ? await repo.unlinkOtherFindings(tx, tenant, planId)
            : 0;
        await audit(
          tx,
          actor,
          tenant,
          'plan',
          planId,
          'update',
          {
            kind: current.kind,
            title: current.title,
            inspection_id: current.inspection_id,
            owner_user_id: current.owner_user_id,
            covers_development: current.covers_development,
          },
          {
            kind: input.kind,
            title: input.title,
            inspection_id: input.inspectionId,
            owner_user_id: input.ownerUserId,
            covers_development: input.coversDevelopment ?? false,
            ...(unlinked ? { finding_links_removed: unlinked } : {}),
          },
        );
      },
    );
  });
}

export async function addPriority(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  input: { title: string; description: string; findingIds: string[] },
): Promise<{ id: string } | undefined> {
  return db.transaction(async (tx) => {
    if (!(await repo.findPlan(tx, tenant, planId))) return undefined;
    const created = await repo.insertPriority(tx, tenant, planId, input);
    await repo.setPriorityFindings(tx, tenant, created.id, input.findingIds);
    await audit(tx, actor, tenant, 'priority', created.id, 'create', undefined, {
      plan_id: planId,
      ...input,
    });
    return created;
  });
}

export async function editPriority(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  id: string,
  input: { title: string; description: string; findingIds: string[] },
  version: number,
): Promise<Edit<repo.PriorityRow>> {
  return db.transaction(async (tx) => {
    const current = (await repo.listPriorities(tx, tenant, planId)).find((p) => p.id === id);
    if (!current) return { outcome: 'not-found' } as const;
    if (current.version !== version || !(await repo.updatePriority(tx, tenant, id, input, version)))
      return { outcome: 'conflict', current } as const;
    await repo.setPriorityFindings(tx, tenant, id, input.findingIds);
    await audit(
      tx,
      actor,
      tenant,
      'priority',
      id,
      'update',
      { title: current.title, description: current.description, finding_ids: current.finding_ids },
      input,
    );
    return { outcome: 'ok' } as const;
  });
}

export async function addAction(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  input: repo.ActionInput,
): Promise<{ id: string } | undefined> {
  return db.transaction(async (tx) => {
    // Before anything else of the plan (checkParent locks actions): see lockPlanNumbering.
    await repo.lockPlanNumbering(tx, tenant, planId);
    const priorities = await repo.listPriorities(tx, tenant, planId);
    if (!priorities.some((p) => p.id === input.priorityId))
      throw broken(
        'priorityId',
        'Select a priority of this plan',
        'priorityId is not a priority of this plan',
      );
    await checkLead(tx, tenant, input.leadUserId ?? null, null);
    await checkParent(tx, tenant, planId, null, input);
    const created = await repo.insertAction(tx, tenant, planId, input);
    await audit(tx, actor, tenant, 'action', created.id, 'create', undefined, {
      plan_id: planId,
      ...input,
    });
    return created;
  });
}

export async function editAction(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  id: string,
  input: repo.ActionInput,
  version: number,
  /** What else the edit writes in its transaction once saved (a due date change's history). */
  afterEdit?: (tx: Queryable, current: repo.ActionRow) => Promise<void>,
): Promise<Edit<repo.ActionRow>> {
  return db.transaction(async (tx) => {
    const current = await repo.findAction(tx, tenant, planId, id);
    if (current && current.version === version) {
      // A new place renumbers the plan: lock it before any action (see lockPlanNumbering). If
      // the action changed while this waited, its version no longer matches: a conflict.
      if (movesPlace(current, input)) await repo.lockPlanNumbering(tx, tenant, planId);
      if (
        input.priorityId !== current.priority_id &&
        !(await repo.listPriorities(tx, tenant, planId)).some((p) => p.id === input.priorityId)
      )
        throw broken(
          'priorityId',
          'Select a priority of this plan',
          'priorityId is not a priority of this plan',
        );
      if (movesPlace(current, input)) await refuseMoveIfIncluded(tx, tenant, id, 'priorityId');
      await checkLead(tx, tenant, input.leadUserId ?? null, current.lead_user_id);
      await checkParent(tx, tenant, planId, id, input);
    }
    return versionedEdit(
      current,
      version,
      () => repo.updateAction(tx, tenant, id, input, version),
      async (current) => {
        // A new priority or parent puts it (and its sub-actions) at the end of its new group.
        if (movesPlace(current, input))
          await repo.placeAction(tx, tenant, planId, id, {
            priorityId: input.priorityId,
            parentActionId: input.parentActionId ?? null,
          });
        await audit(tx, actor, tenant, 'action', id, 'update', current, input);
        await afterEdit?.(tx, current);
      },
    );
  });
}

/**
 * A new lead must be a current member who can record updates (leadProblem). The lead an action
 * already has may stay while other things change, as a plan's owner who has left does.
 */
async function checkLead(
  tx: Queryable,
  tenant: Tenant,
  leadUserId: string | null,
  currentLeadUserId: string | null,
): Promise<void> {
  if (!leadUserId || leadUserId === currentLeadUserId) return;
  const lead = await findMember(tx, tenant, leadUserId);
  const problem = leadProblem(lead);
  if (problem)
    throw broken(
      'leadUserId',
      problem,
      !lead || lead.disabled_at ? 'leadUserId is not a current member' : undefined,
    );
}

/**
 * Another plan that includes the action (itself, its parent or its whole priority) would lose it
 * or show it elsewhere if it moved: refused, naming those plans.
 */
async function refuseMoveIfIncluded(
  tx: Queryable,
  tenant: Tenant,
  actionId: string,
  field: string | null,
): Promise<void> {
  const plans = await inclusions.plansIncludingAction(tx, tenant, actionId);
  const problem = includedElsewhereProblem('action', 'moved to another priority', plans);
  if (!problem) return;
  throw field ? broken(field, problem, `${field}: ${problem}`) : new RuleBroken(refused(problem));
}

/** Whether an edit gives the action another priority or parent. */
const movesPlace = (current: repo.ActionRow, input: repo.ActionInput) =>
  input.priorityId !== current.priority_id ||
  (input.parentActionId ?? null) !== current.parent_action_id;

/**
 * Sub-actions go one level deep within a priority (see parentActionProblem). The actions involved
 * are locked first, so two edits cannot each make a chain the other would have refused.
 */
async function checkParent(
  tx: Queryable,
  tenant: Tenant,
  planId: string,
  actionId: string | null,
  input: { priorityId: string; parentActionId?: string | null },
): Promise<void> {
  if (!input.parentActionId) return;
  const lock = actionId ? [actionId, input.parentActionId] : [input.parentActionId];
  const places = await repo.listActionPlaces(tx, tenant, planId, lock);
  const problem = parentActionProblem(actionId, input.parentActionId, input.priorityId, places);
  if (problem) throw broken('parentActionId', problem, `parentActionId: ${problem}`);
}

export async function moveAction(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  id: string,
  move: { direction?: 'up' | 'down'; toPriorityId?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (move.toPriorityId) {
      const current = await repo.findAction(tx, tenant, planId, id);
      if (current && current.priority_id !== move.toPriorityId)
        await refuseMoveIfIncluded(tx, tenant, id, null);
    }
    await repo.moveAction(tx, tenant, planId, id, move);
    await audit(tx, actor, tenant, 'action', id, 'move', undefined, move);
  });
}

export async function addMeasure(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  actionId: string,
  input: { text: string; target: number | null; targetDate: string | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await repo.findAction(tx, tenant, planId, actionId))) return false;
    const created = await repo.insertMeasure(tx, tenant, actionId, input);
    await audit(tx, actor, tenant, 'success measure', created.id, 'create', undefined, {
      action_id: actionId,
      ...input,
    });
    return true;
  });
}

export async function removeMeasure(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  actionId: string,
  measureId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (await repo.deleteMeasure(tx, tenant, actionId, measureId))
      await audit(tx, actor, tenant, 'success measure', measureId, 'delete', {
        action_id: actionId,
      });
  });
}

/**
 * Moves the plan along its life. Submission needs every weakness covered by an action; sign-off
 * and submission freeze an immutable version to read and compare later.
 */
export async function changePlanStatus(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  planId: string,
  change: { to: PlanStatus; version: number; note: string; eventOn?: string },
): Promise<
  { outcome: 'ok'; versionNumber?: number } | { outcome: 'conflict' } | { outcome: 'not-found' }
> {
  return db.transaction(async (tx) => {
    const loaded = await loadPlan(tx, tenant, planId);
    if (!loaded) return { outcome: 'not-found' } as const;
    const { plan } = loaded;
    if (plan.version !== change.version) return { outcome: 'conflict' } as const;
    if (!NEXT_STATUSES[plan.status].includes(change.to)) {
      throw broken(
        'to',
        `A plan that is ${PLAN_STATUS_LABELS[plan.status].toLowerCase()} cannot become ${PLAN_STATUS_LABELS[change.to].toLowerCase()}`,
      );
    }
    if (change.to === 'submitted') {
      const scope = { kind: plan.kind, coversDevelopment: plan.covers_development };
      const problem = submissionProblem(scope, loaded.coverage, loaded.actionCount);
      if (problem) throw broken('to', problem);
    }
    if (!(await repo.updatePlanStatus(tx, tenant, planId, change.to, change.version)))
      return { outcome: 'conflict' } as const;
    // The dated history: deadlines read from it when the plan was submitted or judged.
    const eventOn = change.eventOn ?? todayInLondon();
    await repo.insertStatusEvent(tx, tenant, planId, {
      from: plan.status,
      to: change.to,
      eventOn,
      note: change.note,
      createdBy: actor.userId,
    });
    let versionNumber: number | undefined;
    if (VERSIONED_STATUSES.includes(change.to)) {
      const snapshot = buildSnapshot({ ...loaded, plan: { ...plan, status: change.to } });
      versionNumber = await repo.insertPlanVersion(tx, tenant, planId, {
        event: change.to,
        note: change.note,
        eventOn,
        snapshot,
        createdBy: actor.userId,
      });
    }
    await audit(
      tx,
      actor,
      tenant,
      'plan',
      planId,
      'change status',
      { status: plan.status },
      { status: change.to, note: change.note, version_number: versionNumber ?? null },
    );
    return versionNumber
      ? ({ outcome: 'ok', versionNumber } as const)
      : ({ outcome: 'ok' } as const);
  });
}
