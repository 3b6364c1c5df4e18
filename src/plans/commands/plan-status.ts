/**
 * A plan moving along its life, and a plan created by mistake deleted: for the page and the API
 * alike.
 */
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  settle,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import { todayInLondon } from '../../platform/web/today.js';
import { StatusChange } from '../inputs.js';
import * as repo from '../plan-repository.js';
import { changePlanStatus as moveAlong } from '../plan-service.js';
import { removePlan } from '../removal-service.js';

export type StatusChanged = { plan: repo.PlanRow; versionNumber: number | null };

/**
 * Submission needs every weakness covered by an action; sign-off and submission freeze a version.
 * A stale version is a conflict carrying the plan as it now is.
 */
export async function changePlanStatus(
  { db, actor, tenant }: CommandContext,
  planId: string,
  raw: unknown,
): Promise<Result<StatusChanged, repo.PlanRow>> {
  const parsed = parseInput(StatusChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { to, version, note, eventOn } = parsed.value;
  if (eventOn && eventOn > todayInLondon())
    return invalid({
      field: 'eventOn',
      text: 'The date it happened must be today or in the past',
      detail: 'eventOn cannot be in the future',
    });
  return settle(async () => {
    const result = await moveAlong(db, actor, tenant, planId, {
      to,
      version,
      note: note ?? '',
      ...(eventOn ? { eventOn } : {}),
    });
    if (result.outcome === 'not-found') return notFound;
    const plan = await repo.findPlan(db, tenant, planId);
    if (!plan) return notFound;
    if (result.outcome === 'conflict') return conflict(plan);
    return ok({ plan, versionNumber: result.versionNumber ?? null });
  });
}

/** Deletes a plan created by mistake; refused once it has priorities or a frozen version. */
export async function deletePlan(
  { db, actor, tenant }: CommandContext,
  planId: string,
): Promise<Result<{ id: string }>> {
  return settle(async () =>
    (await removePlan(db, actor, tenant, planId)) ? ok({ id: planId }) : notFound,
  );
}
