// Reading the indicator form: posted fields to the commands' input, or errors for the
// GOV.UK error summary. Pure: the routes pass the body, the commands check the input.

import type { TObject } from 'typebox';
import { invalid, type FieldProblem, type Result } from '../../../../platform/commands/result.js';
import type { ReadForm } from '../../../../platform/web/form-input.js';
import { field, fieldList, FormErrors, type FormBody } from '../../../../platform/web/forms.js';
import type { Frequency } from '../../periods.js';
import { POLARITIES, readNumber, type Polarity, type RagThresholds, type Unit } from '../../rag.js';
import { columnsOfRow, thresholdsByPolarity } from '../../indicator-status.js';
import { checkIndicator, inFormOrder, recordOf } from '../../commands/indicators.js';
import type { IndicatorInput as IndicatorRecord } from '../../indicator-service.js';
import { IndicatorInput } from '../../inputs.js';

export const THRESHOLD_FIELDS = ['greenFrom', 'amberFrom', 'greenTo', 'amberTo'] as const;
type ThresholdField = (typeof THRESHOLD_FIELDS)[number];

const THRESHOLD_NAMES: Record<ThresholdField, string> = {
  greenFrom: 'Green from',
  amberFrom: 'Amber from',
  greenTo: 'Green up to',
  amberTo: 'Amber up to',
};

/** The form's four bounds as the API's columns, by polarity (the inverse of boundsOfColumns). */
function columnsOfBounds(polarity: Polarity | undefined, b: RagThresholds) {
  const n = (v: number | null | undefined) => v ?? null;
  if (polarity === 'lower_is_better')
    return {
      greenThreshold: n(b.greenTo),
      amberThreshold: n(b.amberTo),
      greenUpTo: n(b.greenFrom),
      amberUpTo: n(b.amberFrom),
    };
  return {
    greenThreshold: n(b.greenFrom),
    amberThreshold: n(b.amberFrom),
    greenUpTo: n(b.greenTo),
    amberUpTo: n(b.amberTo),
  };
}

/**
 * The indicator form read into the input of the indicator commands (IndicatorInput or
 * IndicatorChange): the bounds, typed as people type numbers, become the API's columns by the
 * polarity. A bound that is not a number is the form's own problem; the commands check the rest.
 */
export function readIndicatorFields(body: FormBody | undefined): ReadForm {
  const values: Record<string, unknown> = {
    name: field(body, 'name'),
    code: field(body, 'code').toLowerCase(),
    definition: field(body, 'definition'),
    unit: field(body, 'unit'),
    polarity: field(body, 'polarity'),
    frequency: field(body, 'frequency'),
    source: field(body, 'source'),
    ownerUserId: field(body, 'ownerUserId'),
    greenFrom: field(body, 'greenFrom'),
    amberFrom: field(body, 'amberFrom'),
    greenTo: field(body, 'greenTo'),
    amberTo: field(body, 'amberTo'),
    actionIds: fieldList(body, 'actionIds'),
    findingIds: fieldList(body, 'findingIds'),
    version: field(body, 'version'),
  };
  const text = (name: string) => values[name] as string;
  const problems: FieldProblem[] = [];
  const bounds: RagThresholds = {};
  for (const name of THRESHOLD_FIELDS) {
    if (text(name) === '') continue;
    const value = readNumber(text(name));
    if (value === undefined)
      problems.push({ field: name, text: `${THRESHOLD_NAMES[name]} must be a number` });
    else bounds[name] = value;
  }
  const version = Number(text('version'));
  return {
    input: {
      name: text('name'),
      code: text('code'),
      definition: text('definition'),
      unit: text('unit'),
      polarity: text('polarity'),
      frequency: text('frequency'),
      source: text('source'),
      ownerUserId: text('ownerUserId') || null,
      ...columnsOfBounds(
        POLARITIES.find((p) => p === text('polarity')),
        bounds,
      ),
      actionIds: values.actionIds,
      findingIds: values.findingIds,
      // A new indicator's form has no version: left out, not empty.
      ...(text('version') === ''
        ? {}
        : { version: Number.isInteger(version) ? version : text('version') }),
    },
    values,
    problems,
    dates: [],
  };
}

/**
 * The form checked as far as it can be without the database (the partnership's records, codes in
 * use): its errors added to `errors`, and the indicator as the service saves it when there are none.
 */
export function readIndicatorForm(
  body: FormBody | undefined,
  errors: FormErrors,
): { values: Record<string, unknown>; input?: IndicatorRecord } {
  const form = readIndicatorFields(body);
  const checked = checkIndicator(IndicatorInput, form.input);
  for (const e of indicatorFormErrors(form, checked.problems).list) errors.add(e.field, e.text);
  if (errors.any || !checked.value) return { values: form.values };
  return {
    values: form.values,
    input: recordOf(checked.value, { actionIds: [], findingIds: [] }),
  };
}

/**
 * The problems to show on the form, in its order: its own first, then the command's. The links
 * have one message, above the actions and findings.
 */
export function indicatorFormErrors(
  form: ReadForm,
  problems: readonly FieldProblem[] = [],
): FormErrors {
  const errors = new FormErrors();
  const all = [...form.problems, ...problems].map((p) =>
    p.field === 'findingIds' ? { ...p, field: 'actionIds' } : p,
  );
  for (const p of inFormOrder(all)) errors.add(p.field, p.text);
  return errors;
}

/** The form's values for an indicator as saved. */
export function indicatorFormValues(
  indicator: {
    name: string;
    code: string;
    definition: string;
    unit: Unit;
    polarity: Polarity;
    frequency: Frequency;
    source: string;
    owner_user_id: string | null;
    green_threshold: number | null;
    amber_threshold: number | null;
    green_upper: number | null;
    amber_upper: number | null;
    version: number;
  },
  links: { actionIds: string[]; findingIds: string[] },
): Record<string, unknown> {
  const show = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  // Every bound the polarity reads, even a stray one that would not rate alone.
  const bounds = thresholdsByPolarity(indicator.polarity, columnsOfRow(indicator));
  return {
    name: indicator.name,
    code: indicator.code,
    definition: indicator.definition,
    unit: indicator.unit,
    polarity: indicator.polarity,
    frequency: indicator.frequency,
    source: indicator.source,
    ownerUserId: indicator.owner_user_id ?? '',
    greenFrom: show(bounds.greenFrom),
    amberFrom: show(bounds.amberFrom),
    greenTo: show(bounds.greenTo),
    amberTo: show(bounds.amberTo),
    actionIds: links.actionIds,
    findingIds: links.findingIds,
    version: String(indicator.version),
  };
}

/**
 * Runs an indicator command on the form's input, unless a bound is not a number: then nothing
 * runs, and the command's own checks (those that need no database) add what else is wrong, so
 * every problem shows at once.
 */
export async function submitIndicatorForm<T, C>(
  form: ReadForm,
  schema: TObject,
  run: () => Promise<Result<T, C>>,
): Promise<Result<T, C>> {
  if (!form.problems.length) return run();
  return invalid(...checkIndicator(schema, form.input).problems);
}

/** The indicator commands' one refusal, a code another indicator has, shown beside the code. */
export function codeTakenErrors(form: ReadForm, message: string): FormErrors {
  return indicatorFormErrors(form, [{ field: 'code', text: message }]);
}
