/**
 * Adding an indicator and changing it (its definition, RAG bounds, owner and links to actions and
 * findings): the input checked against its schema, then by the RAG rules, then against the
 * partnership's records, for the page and the API alike.
 */
import type { TObject } from 'typebox';
import { parseInput } from '../../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  settle,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../../platform/commands/result.js';
import * as repo from '../indicator-repository.js';
import {
  createIndicator as insertIndicator,
  editIndicator,
  indicatorLinkIds,
  type IndicatorInput as IndicatorRecord,
} from '../indicator-service.js';
import { checkThresholdColumns, CODE_PATTERN, type ThresholdColumns } from '../indicator-status.js';
import {
  CODE_MESSAGE,
  CODE_RULE,
  IndicatorChange,
  IndicatorInput,
  LINKS_MESSAGE,
} from '../inputs.js';
import {
  POLARITIES,
  UNITS,
  validateThresholds,
  type Polarity,
  type RagThresholds,
} from '../rag.js';

/** The API's name of each bound column. */
const API_NAME: Record<keyof ThresholdColumns, string> = {
  green: 'greenThreshold',
  amber: 'amberThreshold',
  greenUpper: 'greenUpTo',
  amberUpper: 'amberUpTo',
};

/**
 * The bound columns as the form's four fields, by polarity. A column the polarity does not read
 * (an upper end where higher or lower is better) becomes the field the form would have had it in,
 * so the rules name it as the form does ("Remove green up to: …").
 */
export function boundsOfColumns(polarity: Polarity, c: ThresholdColumns): RagThresholds {
  if (polarity === 'higher_is_better')
    return { greenFrom: c.green, amberFrom: c.amber, greenTo: c.greenUpper, amberTo: c.amberUpper };
  if (polarity === 'lower_is_better')
    return { greenTo: c.green, amberTo: c.amber, greenFrom: c.greenUpper, amberFrom: c.amberUpper };
  return { greenFrom: c.green, greenTo: c.greenUpper, amberFrom: c.amber, amberTo: c.amberUpper };
}

/** Where each problem goes on the form, in its order: the summary lists them as the fields appear. */
const FORM_ORDER = [
  'name',
  'code',
  'definition',
  'unit',
  'polarity',
  'frequency',
  'source',
  'ownerUserId',
  'greenFrom',
  'amberFrom',
  'greenTo',
  'amberTo',
  'actionIds',
  'findingIds',
  'version',
];

/** One problem a field, the first kept, in the form's order. */
export function inFormOrder(problems: readonly FieldProblem[]): FieldProblem[] {
  const kept: FieldProblem[] = [];
  for (const p of problems) if (!kept.some((k) => k.field === p.field)) kept.push(p);
  const at = (field: string) => {
    const i = FORM_ORDER.indexOf(field);
    return i < 0 ? FORM_ORDER.length : i;
  };
  return kept.sort((a, b) => at(a.field) - at(b.field));
}

type Checked = { problems: FieldProblem[]; value?: IndicatorInput };

const isBound = (v: unknown): v is number | null | undefined =>
  v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));

/**
 * Everything wrong with an indicator that needs no database: its schema, its code and its bounds
 * by the RAG rules. Every field is checked that can be, so a form shows all its problems at once;
 * the API's 400 names the first (its words, for bounds, naming every column at fault).
 */
export function checkIndicator(schema: TObject, raw: unknown): Checked {
  const parsed = parseInput(schema, raw);
  const problems: FieldProblem[] = parsed.ok ? [] : [...parsed.problems];
  const input = (parsed.ok ? parsed.value : raw) as Record<string, unknown>;
  const failed = (field: string) => problems.some((p) => p.field === field);

  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (!failed('code') && code && !CODE_PATTERN.test(code))
    problems.push({ field: 'code', text: CODE_MESSAGE, detail: `body/code ${CODE_RULE}` });

  const polarity = POLARITIES.find((p) => p === input.polarity);
  const unit = UNITS.find((u) => u === input.unit);
  const columns = {
    green: input.greenThreshold,
    amber: input.amberThreshold,
    greenUpper: input.greenUpTo,
    amberUpper: input.amberUpTo,
  };
  if (polarity && Object.values(columns).every(isBound)) {
    const c = Object.fromEntries(
      Object.entries(columns).map(([k, v]) => [k, v ?? null]),
    ) as unknown as ThresholdColumns;
    const forPeople = validateThresholds(polarity, boundsOfColumns(polarity, c), unit);
    if (forPeople.length) {
      const forApi = unit
        ? checkThresholdColumns(polarity, c, unit)
            .map((p) => `body/${API_NAME[p.column]}: ${p.text}`)
            .join('; ')
        : '';
      for (const p of forPeople)
        problems.push({ field: p.field, text: p.text, detail: forApi || p.text });
    }
  }
  if (problems.length) return { problems: inFormOrder(problems) };
  return { problems, value: parsed.ok ? (parsed.value as IndicatorInput) : undefined };
}

/** The first id that is not the partnership's own: refused, never silently dropped. */
async function referenceProblems(
  { db, tenant }: CommandContext,
  input: IndicatorRecord,
): Promise<FieldProblem[]> {
  const userIds = input.ownerUserId ? [input.ownerUserId.toLowerCase()] : [];
  const actionIds = input.actionIds.map((id) => id.toLowerCase());
  const findingIds = input.findingIds.map((id) => id.toLowerCase());
  if (userIds.length + actionIds.length + findingIds.length === 0) return [];
  const held = await repo.heldIds(db, tenant, { userIds, actionIds, findingIds });
  const problems: FieldProblem[] = [];
  const owner = userIds.find((id) => !held.has(id));
  if (owner)
    problems.push({
      field: 'ownerUserId',
      text: 'Select the owner from the list',
      detail: `body/ownerUserId: ${owner} is not a member of this partnership`,
    });
  const action = actionIds.find((id) => !held.has(id));
  if (action)
    problems.push({
      field: 'actionIds',
      text: LINKS_MESSAGE,
      detail: `body/actionIds: this partnership has no action ${action}`,
    });
  const finding = findingIds.find((id) => !held.has(id));
  if (finding)
    problems.push({
      field: 'findingIds',
      text: LINKS_MESSAGE,
      detail: `body/findingIds: this partnership has no finding ${finding}`,
    });
  return problems;
}

/** The checked input as the service saves it, with links from `links` where it leaves them out. */
export function recordOf(
  value: IndicatorInput,
  links: { actionIds: string[]; findingIds: string[] },
): IndicatorRecord {
  return {
    name: value.name,
    code: value.code ?? '',
    definition: value.definition ?? '',
    unit: value.unit,
    polarity: value.polarity,
    frequency: value.frequency,
    source: value.source ?? '',
    ownerUserId: value.ownerUserId ?? null,
    green: value.greenThreshold ?? null,
    amber: value.amberThreshold ?? null,
    greenUpper: value.greenUpTo ?? null,
    amberUpper: value.amberUpTo ?? null,
    actionIds: value.actionIds ?? links.actionIds,
    findingIds: value.findingIds ?? links.findingIds,
  };
}

/** Adds an indicator at the end of the catalogue. A code already in use is refused. */
export async function createIndicator(
  context: CommandContext,
  raw: unknown,
): Promise<Result<{ id: string; code: string }>> {
  const checked = checkIndicator(IndicatorInput, raw);
  if (!checked.value) return invalid(...checked.problems);
  const input = recordOf(checked.value, { actionIds: [], findingIds: [] });
  const problems = await referenceProblems(context, input);
  if (problems.length) return invalid(...problems);
  const { db, actor, tenant } = context;
  return settle(async () => ok(await insertIndicator(db, actor, tenant, input)));
}

/** The indicator as someone else saved it, for the conflict page (and the API's currentVersion). */
export type IndicatorConflict = repo.IndicatorRow;

/**
 * Changes an indicator: every field replaced, links left out kept. A stale version is a conflict;
 * a code another indicator has is refused.
 */
export async function changeIndicator(
  context: CommandContext,
  indicatorId: string,
  raw: unknown,
): Promise<Result<{ id: string }, IndicatorConflict>> {
  const checked = checkIndicator(IndicatorChange, raw);
  if (!checked.value) return invalid(...checked.problems);
  const change = checked.value as IndicatorChange;
  const { db, actor, tenant } = context;
  const links =
    change.actionIds && change.findingIds
      ? { actionIds: [], findingIds: [] }
      : await indicatorLinkIds(db, tenant, indicatorId);
  const input = recordOf(change, links);
  const problems = await referenceProblems(context, input);
  if (problems.length) return invalid(...problems);
  return settle(async () => {
    const edit = await editIndicator(db, actor, tenant, indicatorId, input, change.version);
    if (edit.outcome === 'not-found') return notFound;
    if (edit.outcome === 'conflict') return conflict(edit.current);
    return ok({ id: indicatorId });
  });
}
