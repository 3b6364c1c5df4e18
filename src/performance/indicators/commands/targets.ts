/**
 * Adding a target to an indicator and removing one: the input checked against its schema, the
 * value read as people type numbers and checked against the indicator's unit, then saved with its
 * audit entry.
 */
import { parseInput } from '../../../platform/commands/input.js';
import {
  invalid,
  notFound,
  ok,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../../platform/commands/result.js';
import * as repo from '../indicator-repository.js';
import { addTarget, removeTarget } from '../indicator-service.js';
import { TARGET_NUMBER, TargetInput, TargetRemoval } from '../inputs.js';
import { readNumber, type Unit } from '../rag.js';

/** A target as the service saves it. */
export type TargetRecord = { value: number; dueOn: string; note: string };

const ORDER = Object.keys(TargetInput.properties);

/** The typed value, when its schema found nothing wrong with it. */
function typedValue(raw: unknown, problems: readonly FieldProblem[]): string | undefined {
  if (problems.some((p) => p.field === 'targetValue')) return undefined;
  const value: unknown =
    typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'targetValue') : undefined;
  return typeof value === 'string' ? value.trim() : undefined;
}

/**
 * Everything wrong with a target that needs no database, once the unit is known: every field's
 * first problem, in the form's order, or the target as the service saves it.
 */
export function checkTarget(
  raw: unknown,
  unit: Unit,
): { problems: FieldProblem[]; value?: TargetRecord } {
  const parsed = parseInput(TargetInput, raw);
  const problems = parsed.ok ? [] : [...parsed.problems];
  const typed = typedValue(raw, problems);
  const value = typed === undefined ? undefined : readNumber(typed);
  const wrong = (text: string) => problems.push({ field: 'targetValue', text });
  if (typed !== undefined && value === undefined) wrong(TARGET_NUMBER);
  else if (value !== undefined && unit === 'percent' && (value < 0 || value > 100))
    wrong('Target must be between 0 and 100');
  else if (value !== undefined && unit !== 'number' && value < 0) wrong('Target must be 0 or more');
  if (!parsed.ok || problems.length || value === undefined)
    return {
      problems: problems.sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field)),
    };
  const { targetDate, targetNote } = parsed.value;
  return { problems, value: { value, dueOn: targetDate, note: targetNote ?? '' } };
}

/** Adds a target to one of the partnership's indicators. */
export async function addIndicatorTarget(
  { db, actor, tenant }: CommandContext,
  indicatorId: string,
  raw: unknown,
): Promise<Result<{ indicatorId: string }>> {
  const indicator = await repo.findIndicator(db, tenant, indicatorId);
  if (!indicator) return notFound;
  const checked = checkTarget(raw, indicator.unit);
  if (!checked.value) return invalid(...checked.problems);
  if (!(await addTarget(db, actor, tenant, indicatorId, checked.value))) return notFound;
  return ok({ indicatorId });
}

/**
 * Removes a target of one of the partnership's indicators: `removed` is false when it had already
 * gone (a second click). A target that is not named by its id is `invalid`.
 */
export async function removeIndicatorTarget(
  { db, actor, tenant }: CommandContext,
  indicatorId: string,
  raw: unknown,
): Promise<Result<{ removed: boolean }>> {
  if (!(await repo.findIndicator(db, tenant, indicatorId))) return notFound;
  const parsed = parseInput(TargetRemoval, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  return ok({
    removed: await removeTarget(db, actor, tenant, indicatorId, parsed.value.remove),
  });
}
