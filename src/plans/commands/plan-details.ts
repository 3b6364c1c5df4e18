/**
 * Creating a plan and changing its details: the input checked against its schema, then against
 * the partnership's records (its inspections, its current members), for the page and the API alike.
 */
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  settle,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { findMember } from '../../platform/directory/directory.js';
import { findInspection } from '../../inspections/index.js';
import { PlanChange, PlanInput } from '../inputs.js';
import * as repo from '../plan-repository.js';
import { createPlan as insertPlan, editPlanDetails } from '../plan-service.js';

/**
 * Ids that must name the partnership's own records. Only what changes is checked: an owner who
 * has since left may stay on a plan, but cannot be chosen anew.
 */
async function referenceProblems(
  { db, tenant }: CommandContext,
  input: repo.PlanInput,
  current?: repo.PlanRow,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.coversDevelopment && input.kind !== 'post_inspection' && input.kind !== 'strategic')
    problems.push({
      field: 'coversDevelopment',
      text: 'Only a post-inspection improvement plan or a SEND strategic plan answers areas for development',
    });
  if (input.inspectionId && input.inspectionId !== current?.inspection_id) {
    if (!(await findInspection(db, tenant, input.inspectionId)))
      problems.push({
        field: 'inspectionId',
        text: 'Select an inspection from the list',
        detail: 'inspectionId is not an inspection of this partnership',
      });
  }
  if (input.ownerUserId && input.ownerUserId !== current?.owner_user_id) {
    const owner = await findMember(db, tenant, input.ownerUserId);
    if (!owner || owner.disabled_at)
      problems.push({
        field: 'ownerUserId',
        text: 'Select the owner from the list',
        detail: 'ownerUserId is not a current member',
      });
  }
  return problems;
}

export async function createPlan(
  context: CommandContext,
  raw: unknown,
): Promise<Result<repo.PlanRow>> {
  const parsed = parseInput(PlanInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const input: repo.PlanInput = {
    kind: parsed.value.kind,
    title: parsed.value.title,
    inspectionId: parsed.value.inspectionId ?? null,
    ownerUserId: parsed.value.ownerUserId ?? null,
    coversDevelopment: parsed.value.coversDevelopment ?? false,
  };
  const problems = await referenceProblems(context, input);
  if (problems.length) return invalid(...problems);
  const { db, actor, tenant } = context;
  const created = await insertPlan(db, actor, tenant, input);
  return ok((await repo.findPlan(db, tenant, created.id))!);
}

/** The change as it was asked for, and the plan it was asked of: both go on a conflict page. */
export type PlanDetailsConflict = { current: repo.PlanRow; asked: repo.PlanInput };

export async function changePlanDetails(
  context: CommandContext,
  planId: string,
  raw: unknown,
): Promise<Result<repo.PlanRow, PlanDetailsConflict>> {
  const parsed = parseInput(PlanChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { db, actor, tenant } = context;
  const current = await repo.findPlan(db, tenant, planId);
  if (!current) return notFound;
  const change = parsed.value;
  const input: repo.PlanInput = {
    kind: change.kind ?? current.kind,
    title: change.title ?? current.title,
    inspectionId: change.inspectionId === undefined ? current.inspection_id : change.inspectionId,
    ownerUserId: change.ownerUserId === undefined ? current.owner_user_id : change.ownerUserId,
    coversDevelopment: change.coversDevelopment ?? current.covers_development,
  };
  const problems = await referenceProblems(context, input, current);
  if (problems.length) return invalid(...problems);
  return settle(async () => {
    const edit = await editPlanDetails(db, actor, tenant, planId, input, change.version);
    if (edit.outcome === 'not-found') return notFound;
    if (edit.outcome === 'conflict') return conflict({ current: edit.current, asked: input });
    return ok((await repo.findPlan(db, tenant, planId))!);
  });
}
