/** Adding and removing an action's success measures, for the page and the API alike. */
import { parseInput } from '../../platform/commands/input.js';
import {
  invalid,
  notFound,
  ok,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import { MeasureInput } from '../inputs.js';
import * as repo from '../plan-repository.js';
import { addMeasure as insertMeasure, removeMeasure as deleteMeasure } from '../plan-service.js';

export async function addMeasure(
  { db, actor, tenant }: CommandContext,
  planId: string,
  actionId: string,
  raw: unknown,
): Promise<Result<{ actionId: string }>> {
  if (!(await repo.findAction(db, tenant, planId, actionId))) return notFound;
  const parsed = parseInput(MeasureInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const added = await insertMeasure(db, actor, tenant, planId, actionId, {
    text: parsed.value.text,
    target: parsed.value.target ?? null,
    targetDate: parsed.value.targetDate ?? null,
  });
  return added ? ok({ actionId }) : notFound;
}

/** Removes a success measure; updates that reported a figure against it keep the figure. */
export async function removeMeasure(
  { db, actor, tenant }: CommandContext,
  planId: string,
  actionId: string,
  measureId: string,
): Promise<Result<{ actionId: string }>> {
  const measures = await repo.listMeasures(db, tenant, planId);
  if (!measures.some((m) => m.id === measureId && m.action_id === actionId)) return notFound;
  await deleteMeasure(db, actor, tenant, actionId, measureId);
  return ok({ actionId });
}
