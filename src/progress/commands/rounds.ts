/**
 * Opening an update round, moving its due date and closing it: for the page and the API alike.
 */
import { parseInput } from '../../platform/commands/input.js';
import {
  invalid,
  notFound,
  ok,
  refused,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { todayInLondon } from '../../platform/web/today.js';
import { inSchemaOrder, RoundDueChange, RoundInput, validFields } from '../inputs.js';
import { findRound, type RoundRow } from '../progress-repository.js';
import { changeRoundDue, finishRound, startRound } from '../progress-service.js';

/** Updates are due today or later: a date already past would make every action late at once. */
function dueProblems(dueOn: unknown, today: string): FieldProblem[] {
  return typeof dueOn === 'string' && dueOn < today
    ? [{ field: 'dueOn', text: 'The date updates are due must be today or in the future' }]
    : [];
}

/**
 * Opens a round today (admins), for every live plan or the plans chosen, unless an open round
 * already covers one of its plans or its name is taken (refused).
 */
export async function openUpdateRound(
  context: CommandContext,
  raw: unknown,
): Promise<Result<RoundRow>> {
  const today = todayInLondon();
  const parsed = parseInput(RoundInput, raw);
  const problems = parsed.ok ? [] : parsed.problems;
  const known = parsed.ok ? parsed.value : validFields(RoundInput, raw, problems);
  problems.push(...dueProblems(known.dueOn, today));
  if (!parsed.ok || problems.length) return invalid(...inSchemaOrder(RoundInput, problems));
  const { db, actor, tenant } = context;
  const result = await startRound(db, actor, tenant, { ...parsed.value, openedOn: today });
  if (result.kind !== 'ok') return result;
  return ok((await findRound(db, tenant, result.value.id))!);
}

/**
 * Moves an open round's due date (admins), as of the version the editor read: a clash with
 * someone else's change is a conflict.
 */
export async function changeRoundDueDate(
  context: CommandContext,
  roundId: string,
  raw: unknown,
): Promise<Result<RoundRow, RoundRow>> {
  const parsed = parseInput(RoundDueChange, raw);
  const problems = parsed.ok ? [] : parsed.problems;
  const known = parsed.ok ? parsed.value : validFields(RoundDueChange, raw, problems);
  problems.push(...dueProblems(known.dueOn, todayInLondon()));
  if (!parsed.ok || problems.length) return invalid(...inSchemaOrder(RoundDueChange, problems));
  const { db, actor, tenant } = context;
  const result = await changeRoundDue(db, actor, tenant, roundId, {
    dueOn: parsed.value.dueOn,
    version: parsed.value.version,
  });
  if (result.kind !== 'ok') return result;
  return ok((await findRound(db, tenant, roundId))!);
}

/** Closes a round (admins); later updates count towards the next. A closed one stays closed. */
export async function closeUpdateRound(
  context: CommandContext,
  roundId: string,
): Promise<Result<RoundRow>> {
  const { db, actor, tenant } = context;
  const found = await findRound(db, tenant, roundId);
  if (!found) return notFound;
  const already = refused('This round is already closed');
  if (found.closed_at) return already;
  if (!(await finishRound(db, actor, tenant, roundId))) return already;
  return ok((await findRound(db, tenant, roundId))!);
}
