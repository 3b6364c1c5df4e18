/**
 * Adding, changing and deleting a plan's priorities: the input checked against its schema, then
 * the findings it answers against the plan's inspection, for the page and the API alike.
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
import { PriorityChange, PriorityInput } from '../inputs.js';
import * as repo from '../plan-repository.js';
import { addPriority as insertPriority, editPriority } from '../plan-service.js';
import { removePriority } from '../removal-service.js';

type PriorityFields = { title: string; description: string; findingIds: string[] };

const toFields = (input: Omit<PriorityInput, 'version'>): PriorityFields => ({
  title: input.title,
  description: input.description ?? '',
  findingIds: input.findingIds ?? [],
});

/** A priority answers findings of the inspection its plan answers, and no other. */
async function findingProblems(
  { db, tenant }: CommandContext,
  plan: repo.PlanRow,
  findingIds: readonly string[],
): Promise<FieldProblem[]> {
  if (!findingIds.length) return [];
  const own = new Set(
    (await repo.listPlanFindings(db, tenant, plan.inspection_id)).map((f) => f.id.toLowerCase()),
  );
  const stranger = findingIds.find((id) => !own.has(id.toLowerCase()));
  return stranger
    ? [
        {
          field: 'findingIds',
          text: 'Select findings from the list',
          detail: `${stranger} is not a finding of the inspection this plan answers`,
        },
      ]
    : [];
}

export async function addPriority(
  context: CommandContext,
  planId: string,
  raw: unknown,
): Promise<Result<repo.PriorityRow>> {
  const { db, actor, tenant } = context;
  const plan = await repo.findPlan(db, tenant, planId);
  if (!plan) return notFound;
  const parsed = parseInput(PriorityInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const input = toFields(parsed.value);
  const problems = await findingProblems(context, plan, input.findingIds);
  if (problems.length) return invalid(...problems);
  const created = await insertPriority(db, actor, tenant, planId, input);
  if (!created) return notFound;
  return ok((await repo.listPriorities(db, tenant, planId)).find((p) => p.id === created.id)!);
}

/** The change as it was asked for, and the priority it was asked of: both go on a conflict page. */
export type PriorityConflict = { current: repo.PriorityRow; asked: PriorityFields };

export async function changePriority(
  context: CommandContext,
  planId: string,
  priorityId: string,
  raw: unknown,
): Promise<Result<repo.PriorityRow, PriorityConflict>> {
  const { db, actor, tenant } = context;
  const plan = await repo.findPlan(db, tenant, planId);
  if (!plan) return notFound;
  const parsed = parseInput(PriorityChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const input = toFields(parsed.value);
  const problems = await findingProblems(context, plan, input.findingIds);
  if (problems.length) return invalid(...problems);
  const edit = await editPriority(
    db,
    actor,
    tenant,
    planId,
    priorityId,
    input,
    parsed.value.version,
  );
  if (edit.outcome === 'not-found') return notFound;
  if (edit.outcome === 'conflict') return conflict({ current: edit.current, asked: input });
  return ok((await repo.listPriorities(db, tenant, planId)).find((p) => p.id === priorityId)!);
}

/** Deletes a priority created by mistake; the rest are renumbered. Refused while it has actions. */
export async function deletePriority(
  { db, actor, tenant }: CommandContext,
  planId: string,
  priorityId: string,
): Promise<Result<{ id: string }>> {
  return settle(async () =>
    (await removePriority(db, actor, tenant, planId, priorityId))
      ? ok({ id: priorityId })
      : notFound,
  );
}
