/**
 * Plans inside plans: including another plan's priorities or actions by reference, and taking
 * them out again. The included rows stay where they are; only the reference is written.
 */
import { recordAudit } from '../../platform/audit/record.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  invalid,
  notFound,
  ok,
  RuleBroken,
  settle,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import type { Queryable } from '../../platform/db/db.js';
import * as inclusions from '../inclusion-repository.js';
import { inclusionProblems, type InclusionAsk } from '../inclusion-rules.js';
import { InclusionInput } from '../inputs.js';
import * as repo from '../plan-repository.js';

/**
 * Includes what is asked in the plan, inside the caller's transaction, or throws RuleBroken with
 * the field's problem. The plan's numbering lock makes two inclusions in the same plan wait for
 * each other, so neither can slip a duplicate past the other's check.
 */
export async function includeIn(
  tx: Queryable,
  { actor, tenant }: Omit<CommandContext, 'db'>,
  planId: string,
  ask: InclusionAsk,
): Promise<number> {
  await repo.lockPlanNumbering(tx, tenant, planId);
  const [found, own, current] = await Promise.all([
    inclusions.findIncludables(tx, tenant, ask.priorityIds, ask.actionIds),
    repo.listPriorities(tx, tenant, planId),
    inclusions.listInclusions(tx, tenant, planId),
  ]);
  const problems = inclusionProblems(
    planId,
    ask,
    found,
    own.map((p) => p.id),
    current,
  );
  if (problems.length) throw new RuleBroken(invalid(...problems));
  const hostPriorityId = own.find((p) => p.id === ask.hostPriorityId?.toLowerCase())?.id ?? null;
  const items = [
    ...found
      .filter((f) => f.kind === 'priority')
      .map((f) => ({ priorityId: f.id, actionId: null, hostPriorityId: null })),
    ...found
      .filter((f) => f.kind === 'action')
      .map((f) => ({ priorityId: null, actionId: f.id, hostPriorityId })),
  ];
  for (const item of items) {
    const created = await inclusions.insertInclusion(tx, tenant, planId, item, actor.userId);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'plan inclusion',
      entityId: created.id,
      action: 'create',
      after: { plan_id: planId, ...item },
    });
  }
  return items.length;
}

export async function includeInPlan(
  context: CommandContext,
  planId: string,
  raw: unknown,
): Promise<Result<{ included: number }>> {
  const { db, tenant } = context;
  if (!(await repo.findPlan(db, tenant, planId))) return notFound;
  const parsed = parseInput(InclusionInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const ask: InclusionAsk = {
    priorityIds: [...new Set(parsed.value.priorityIds ?? [])],
    actionIds: [...new Set(parsed.value.actionIds ?? [])],
    hostPriorityId: parsed.value.hostPriorityId ?? null,
  };
  return settle(async () => {
    const included = await db.transaction((tx) => includeIn(tx, context, planId, ask));
    return ok({ included });
  });
}

/** Takes an included priority or action out of the plan; it stays in its own plan as it was. */
export async function removeInclusion(
  { db, actor, tenant }: CommandContext,
  planId: string,
  inclusionId: string,
): Promise<Result<{ removed: true }>> {
  return db.transaction(async (tx) => {
    const removed = await inclusions.deleteInclusion(tx, tenant, planId, inclusionId);
    if (!removed) return notFound;
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'plan inclusion',
      entityId: inclusionId,
      action: 'delete',
      before: { plan_id: planId, ...removed },
    });
    return ok({ removed: true as const });
  });
}
