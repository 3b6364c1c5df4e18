/**
 * The whole verdict on an inspection's or a finding's input, without the database: its schema,
 * then the rules between its fields. Commands start here; the pages and the letter import check
 * a form with the same functions, so all of them refuse the same inputs in the same words.
 */
import type { TObject } from 'typebox';
import { parseInput } from '../platform/commands/input.js';
import type { FieldProblem } from '../platform/commands/result.js';
import { inspectionProblems } from './inspection-rules.js';
import type { FindingInput, InspectionInput } from './inspection-repository.js';
import type { FindingChange, InspectionChange, NewFinding, NewInspection } from './inputs.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** One problem per field, the schema's first, in the schema's (the form's) order. */
function inOrder(schema: TObject, ...lists: FieldProblem[][]): FieldProblem[] {
  const order = Object.keys(schema.properties);
  const seen = new Set<string>();
  const problems = lists.flat().filter((p) => !seen.has(p.field) && seen.add(p.field));
  return problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

const isRecord = (raw: unknown): raw is Record<string, unknown> =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw);

export function checkInspection(
  schema: typeof NewInspection | typeof InspectionChange,
  raw: unknown,
): Checked<InspectionInput & { version?: number }> {
  const parsed = parseInput(schema, raw);
  const rules = isRecord(raw) ? inspectionProblems(raw) : [];
  if (!parsed.ok || rules.length)
    return { ok: false, problems: inOrder(schema, parsed.ok ? [] : parsed.problems, rules) };
  const value: NewInspection = parsed.value;
  return {
    ok: true,
    value: {
      framework: value.framework,
      kind: value.kind,
      onSiteStart: value.onSiteStart ?? null,
      onSiteEnd: value.onSiteEnd ?? null,
      publishedOn: value.publishedOn ?? null,
      team: value.team ?? '',
      outcome: value.outcome ?? null,
      wsoaRequired: value.wsoaRequired ?? null,
      outcomeText: value.outcomeText ?? '',
      followsInspectionId: value.followsInspectionId ?? null,
      ...(value.version === undefined ? {} : { version: value.version }),
    },
  };
}

export function checkFinding(
  schema: typeof NewFinding | typeof FindingChange,
  raw: unknown,
): Checked<FindingInput & { version?: number }> {
  const parsed = parseInput(schema, raw);
  if (!parsed.ok) return { ok: false, problems: inOrder(schema, parsed.problems) };
  const value: NewFinding = parsed.value;
  return {
    ok: true,
    value: {
      type: value.type,
      question: value.question ?? null,
      // As the letter words it, on one line: pasted text keeps the letter's line breaks.
      text: value.text.replace(/\s+/g, ' '),
      sufficientProgress: value.sufficientProgress ?? null,
      judgesFindingId: value.judgesFindingId ?? null,
      judgementText: (value.judgementText ?? '').replace(/\s+/g, ' '),
      responsibleBody: (value.responsibleBody ?? '').replace(/\s+/g, ' '),
      ...(value.version === undefined ? {} : { version: value.version }),
    },
  };
}

/** An input as the store takes it: the version is the command's business. */
export function withoutVersion<T extends { version?: number }>(input: T): Omit<T, 'version'> {
  const copy: Partial<T> = { ...input };
  delete copy.version;
  return copy as Omit<T, 'version'>;
}
