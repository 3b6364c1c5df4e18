/**
 * Recording England's figures with a census: the input checked against its schema and read as
 * percentages, then recorded (or found unchanged), for the page and a later API alike.
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
import { readPercentage } from '../census-query.js';
import type { CensusRow } from '../census-repository.js';
import { findCensus, recordEnglandFigures } from '../census-service.js';
import { EHC_PLAN_PROBLEM, EnglandFiguresInput, SEN_SUPPORT_PROBLEM } from '../inputs.js';

export type EnglandFiguresRecorded = {
  census: Pick<CensusRow, 'id' | 'label'>;
  /** False when the figures were already recorded as they are: nothing was written. */
  saved: boolean;
};

export async function recordEngland(
  { db, actor, tenant }: CommandContext,
  censusId: string,
  raw: unknown,
): Promise<Result<EnglandFiguresRecorded>> {
  const parsed = parseInput(EnglandFiguresInput, raw);
  const problems: FieldProblem[] = parsed.ok ? [] : parsed.problems;
  let senSupport: number | null | undefined;
  let ehcPlan: number | null | undefined;
  if (parsed.ok) {
    const read = (typed: string | null) => (typed === null ? null : readPercentage(typed));
    senSupport = read(parsed.value.senSupport);
    ehcPlan = read(parsed.value.ehcPlan);
    if (senSupport === undefined) problems.push({ field: 'senSupport', text: SEN_SUPPORT_PROBLEM });
    if (ehcPlan === undefined) problems.push({ field: 'ehcPlan', text: EHC_PLAN_PROBLEM });
  }
  if (problems.length || senSupport === undefined || ehcPlan === undefined)
    return (await findCensus(db, tenant, censusId)) ? invalid(...problems) : notFound;
  const result = await recordEnglandFigures(db, actor, tenant, censusId, { senSupport, ehcPlan });
  if (result.status === 'gone') return notFound;
  return ok({ census: result.census, saved: result.status === 'saved' });
}
