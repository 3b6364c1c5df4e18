/**
 * Recording a case set's complete years as the timeliness indicator's values: the input checked
 * against its schema, then recorded when the years are still those confirmed, for the page and a
 * later API alike. A stale confirmation answers `conflict` with the figures as they are now.
 */
import { parseInput } from '../../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  type CommandContext,
  type Result,
} from '../../../platform/commands/result.js';
import {
  recordIndicatorFigures,
  type IndicatorFiguresPage,
  type RecordFiguresResult,
} from '../indicator-figures-service.js';
import { IndicatorFiguresInput } from '../inputs.js';

export type FiguresRecorded = Extract<RecordFiguresResult, { outcome: 'recorded' }>;

export async function recordTimelinessFigures(
  { db, actor, tenant }: CommandContext,
  caseSetId: string,
  raw: unknown,
  options: { today: string },
): Promise<Result<FiguresRecorded, IndicatorFiguresPage>> {
  const parsed = parseInput(IndicatorFiguresInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const result = await recordIndicatorFigures(db, actor, tenant, caseSetId, {
    today: options.today,
    years: parsed.value.years,
  });
  switch (result.outcome) {
    case 'gone':
      return notFound;
    case 'changed':
      return conflict(result.page);
    case 'recorded':
      return ok(result);
  }
}
