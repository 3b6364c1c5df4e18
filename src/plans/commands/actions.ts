/**
 * Adding, changing, moving and deleting actions and sub-actions: the input checked against its
 * schema, then against the partnership's records (the plan's priorities, its current members who
 * can record updates, its organisations), for the page and the API alike.
 */
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  forbidden,
  invalid,
  notFound,
  ok,
  refused,
  settle,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { findMember, listOrganisations } from '../../platform/directory/directory.js';
import { ActionChange, ActionInput, ActionMove, DueDateDecision } from '../inputs.js';
import * as repo from '../plan-repository.js';
import { leadProblem } from '../plan-rules.js';
import {
  addAction as insertAction,
  editAction,
  moveAction as moveActionInPlan,
} from '../plan-service.js';
import { removeAction } from '../removal-service.js';
import { decideProposal, recordDueDateChange, waitsForApproval } from '../slippage-service.js';
import { DUE_DATE_REASON_NEEDED, dueDateChangeNeedsReason } from '../slippage-rules.js';

type ActionFields = Omit<ActionInput, 'version'>;

const toRepoInput = (input: ActionFields): repo.ActionInput => ({
  priorityId: input.priorityId,
  parentActionId: input.parentActionId ?? null,
  title: input.title,
  description: input.description ?? '',
  category: input.category,
  leadUserId: input.leadUserId ?? null,
  leadOrganisationId: input.leadOrganisationId ?? null,
  partnerIds: input.partnerIds ?? [],
  startDate: input.startDate ?? null,
  dueDate: input.dueDate ?? null,
});

const notAnOrganisation = (id: string) => `${id} is not an organisation of this partnership`;

/**
 * Ids that must name the partnership's own records, and the dates' order. A lead who has since
 * left (or lost the role to record updates) may stay on an action being changed, but cannot be
 * chosen anew. The lead organisation and every partner are checked in one query, however many.
 */
async function referenceProblems(
  { db, tenant }: CommandContext,
  planId: string,
  input: repo.ActionInput,
  current?: repo.ActionRow,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (!(await repo.listPriorities(db, tenant, planId)).some((p) => p.id === input.priorityId))
    problems.push({
      field: 'priorityId',
      text: 'Select a priority of this plan',
      detail: 'priorityId is not a priority of this plan',
    });
  if (input.leadUserId && input.leadUserId !== current?.lead_user_id) {
    const lead = await findMember(db, tenant, input.leadUserId);
    const text = leadProblem(lead);
    if (text)
      problems.push({
        field: 'leadUserId',
        text,
        ...(!lead || lead.disabled_at ? { detail: 'leadUserId is not a current member' } : {}),
      });
  }
  if (input.leadOrganisationId || input.partnerIds.length) {
    // Postgres reads a UUID in either case; so does this.
    const own = new Set((await listOrganisations(db, tenant)).map((o) => o.id.toLowerCase()));
    const foreign = (id: string) => !own.has(id.toLowerCase());
    if (input.leadOrganisationId && foreign(input.leadOrganisationId))
      problems.push({
        field: 'leadOrganisationId',
        text: 'Select the lead organisation from the list',
        detail: notAnOrganisation(input.leadOrganisationId),
      });
    const partner = input.partnerIds.find(foreign);
    if (partner)
      problems.push({
        field: 'partnerIds',
        text: 'Select partner organisations from the list',
        detail: notAnOrganisation(partner),
      });
  }
  if (input.startDate && input.dueDate && input.dueDate < input.startDate)
    problems.push({
      field: 'dueDate',
      text: 'The due date must be the same as or after the start date',
    });
  return problems;
}

/** Adds an action (or, with a parent, a sub-action), numbered last in its group. */
export async function addAction(
  context: CommandContext,
  planId: string,
  raw: unknown,
): Promise<Result<{ id: string }>> {
  const { db, actor, tenant } = context;
  if (!(await repo.findPlan(db, tenant, planId))) return notFound;
  const parsed = parseInput(ActionInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const input = toRepoInput(parsed.value);
  const problems = await referenceProblems(context, planId, input);
  if (problems.length) return invalid(...problems);
  return settle(async () => {
    const created = await insertAction(db, actor, tenant, planId, input);
    return created ? ok(created) : notFound;
  });
}

/** The change as it was asked for, and the action it was asked of: both go on a conflict page. */
export type ActionConflict = { current: repo.ActionRow; asked: repo.ActionInput };

/**
 * Changes every field of an action. A new priority or parent puts it (with its sub-actions) at
 * the end of its new group.
 */
export async function changeAction(
  context: CommandContext,
  planId: string,
  actionId: string,
  raw: unknown,
): Promise<Result<{ id: string; dueDate?: 'pending' }, ActionConflict>> {
  const { db, actor, tenant } = context;
  const current = await repo.findAction(db, tenant, planId, actionId);
  if (!current) return notFound;
  const parsed = parseInput(ActionChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const input = toRepoInput(parsed.value);
  const reason = parsed.value.dueDateReason ?? '';
  const problems = await referenceProblems(context, planId, input, current);
  if (dueDateChangeNeedsReason(current.due_date, input.dueDate) && !reason)
    problems.push({ field: 'dueDateReason', text: DUE_DATE_REASON_NEEDED });
  if (problems.length) return invalid(...problems);
  // Where a revised date waits for an admin, the rest of the change applies and the date waits.
  const pending = await waitsForApproval(db, tenant, current.due_date, input.dueDate);
  const saved = pending ? { ...input, dueDate: current.due_date } : input;
  return settle(async () => {
    const edit = await editAction(
      db,
      actor,
      tenant,
      planId,
      actionId,
      saved,
      parsed.value.version,
      async (tx, before) => {
        if (dueDateChangeNeedsReason(before.due_date, input.dueDate))
          await recordDueDateChange(tx, actor, tenant, {
            actionId,
            from: before.due_date,
            to: input.dueDate,
            reason,
            state: pending ? 'pending' : 'applied',
            updateId: null,
            changedBy: actor.userId,
          });
      },
    );
    if (edit.outcome === 'not-found') return notFound;
    if (edit.outcome === 'conflict') return conflict({ current: edit.current, asked: input });
    return ok(pending ? { id: actionId, dueDate: 'pending' as const } : { id: actionId });
  });
}

/** An admin approves or rejects a revised due date waiting for approval. */
export async function decideDueDate(
  { db, actor, tenant }: CommandContext,
  planId: string,
  ids: { actionId: string; changeId: string },
  raw: unknown,
): Promise<Result<{ id: string }>> {
  if (tenant.role !== 'admin') return forbidden;
  if (!(await repo.findAction(db, tenant, planId, ids.actionId))) return notFound;
  const parsed = parseInput(DueDateDecision, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const approve = parsed.value.decision === 'approve';
  return settle(async () => {
    const outcome = await db.transaction((tx) =>
      decideProposal(tx, actor, tenant, ids.actionId, ids.changeId, approve),
    );
    if (outcome === 'not-found') return notFound;
    if (outcome === 'settled') return refused('This revised date has already been decided');
    return ok({ id: ids.actionId });
  });
}

/**
 * Moves an action up or down among its siblings (a sub-action among its action's sub-actions),
 * or to the end of another priority of the plan, where a sub-action becomes an action of its own.
 */
export async function moveAction(
  context: CommandContext,
  planId: string,
  actionId: string,
  raw: unknown,
): Promise<Result<{ id: string }>> {
  const { db, actor, tenant } = context;
  if (!(await repo.findAction(db, tenant, planId, actionId))) return notFound;
  const parsed = parseInput(ActionMove, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { direction, toPriorityId } = parsed.value;
  if (
    toPriorityId &&
    !(await repo.listPriorities(db, tenant, planId)).some((p) => p.id === toPriorityId)
  )
    return invalid({
      field: 'toPriorityId',
      text: 'Select a priority of this plan',
      detail: 'toPriorityId is not a priority of this plan',
    });
  return settle(async () => {
    await moveActionInPlan(db, actor, tenant, planId, actionId, {
      ...(direction ? { direction } : {}),
      ...(toPriorityId ? { toPriorityId } : {}),
    });
    return ok({ id: actionId });
  });
}

/**
 * Deletes an action created by mistake, with its success measures; refused once it has progress
 * updates or while it has sub-actions.
 */
export async function deleteAction(
  { db, actor, tenant }: CommandContext,
  planId: string,
  actionId: string,
): Promise<Result<{ id: string }>> {
  return settle(async () =>
    (await removeAction(db, actor, tenant, planId, actionId)) ? ok({ id: actionId }) : notFound,
  );
}
