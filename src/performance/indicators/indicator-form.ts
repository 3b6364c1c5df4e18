// Reading the indicator and target forms: posted fields to checked input, or errors for the GOV.UK
// error summary. Pure: the routes pass the body, the service gets the input.

import {
  dateInput,
  field,
  fieldList,
  type FormErrors,
  isId,
  optionalId,
  optionalText,
  requireChoice,
  requireText,
  type FormBody,
} from '../../platform/web/forms.js';
import { FREQUENCIES, type Frequency } from './periods.js';
import {
  POLARITIES,
  UNITS,
  validateThresholds,
  type Polarity,
  type RagThresholds,
  type Unit,
} from './rag.js';
import {
  CODE_PATTERN,
  columnsFromThresholds,
  columnsOfRow,
  thresholdsByPolarity,
} from './indicator-status.js';

export type IndicatorInput = {
  name: string;
  /** Empty: made from the name. */
  code: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  source: string;
  ownerUserId: string | null;
  /** The bounds as stored: see ThresholdColumns for what each means by polarity. */
  green: number | null;
  amber: number | null;
  /** The upper ends of the bands, only where neither is better; left out, there are none. */
  greenUpper?: number | null;
  amberUpper?: number | null;
  actionIds: string[];
  findingIds: string[];
};

export const THRESHOLD_FIELDS = ['greenFrom', 'amberFrom', 'greenTo', 'amberTo'] as const;
type ThresholdField = (typeof THRESHOLD_FIELDS)[number];

const THRESHOLD_NAMES: Record<ThresholdField, string> = {
  greenFrom: 'Green from',
  amberFrom: 'Amber from',
  greenTo: 'Green up to',
  amberTo: 'Amber up to',
};

/** A number as people type it: '46.4', '1,234', '60%'. Undefined when it is not a number. */
export function readNumber(text: string): number | undefined {
  const cleaned = text.replace(/[,\s%]/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

export function readIndicatorForm(
  body: FormBody,
  errors: FormErrors,
): { values: Record<string, unknown>; input?: IndicatorInput } {
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
  requireText(errors, 'name', text('name'), { label: 'the indicator’s name', max: 300 });
  if (text('code') !== '' && !CODE_PATTERN.test(text('code')))
    errors.add(
      'code',
      'Code must be up to 64 lower-case letters, digits and hyphens, starting with a letter or digit, like ehcp-within-20-weeks',
    );
  optionalText(errors, 'definition', text('definition'), { label: 'the definition', max: 10000 });
  const unit = requireChoice(errors, 'unit', text('unit'), UNITS, 'Select the unit');
  const polarity = requireChoice(
    errors,
    'polarity',
    text('polarity'),
    POLARITIES,
    'Select whether higher or lower is better',
  );
  const frequency = requireChoice(
    errors,
    'frequency',
    text('frequency'),
    FREQUENCIES,
    'Select how often it is reported',
  );
  optionalText(errors, 'source', text('source'), { label: 'the source', max: 500 });
  optionalId(errors, 'ownerUserId', text('ownerUserId'), 'Select the owner from the list');

  const thresholds: RagThresholds = {};
  for (const name of THRESHOLD_FIELDS) {
    if (text(name) === '') continue;
    const value = readNumber(text(name));
    if (value === undefined) errors.add(name, `${THRESHOLD_NAMES[name]} must be a number`);
    else thresholds[name] = value;
  }
  // Every field is on the page whatever the polarity (it works without JavaScript); the rules
  // say which ones the polarity reads, and name any that it does not.
  if (polarity) {
    for (const e of validateThresholds(polarity, thresholds, unit)) errors.add(e.field, e.text);
  }
  if (
    [...(values.actionIds as string[]), ...(values.findingIds as string[])].some((id) => !isId(id))
  )
    errors.add('actionIds', 'Select actions and findings from the lists');
  if (errors.any || !unit || !polarity || !frequency) return { values };
  return {
    values,
    input: {
      name: text('name'),
      code: text('code'),
      definition: text('definition'),
      unit,
      polarity,
      frequency,
      source: text('source'),
      ownerUserId: text('ownerUserId') || null,
      ...columnsFromThresholds(polarity, thresholds),
      actionIds: values.actionIds as string[],
      findingIds: values.findingIds as string[],
    },
  };
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

export function readTargetForm(
  body: FormBody,
  errors: FormErrors,
  unit: Unit,
): { values: Record<string, unknown>; input?: { value: number; dueOn: string; note: string } } {
  const values: Record<string, unknown> = {
    targetValue: field(body, 'targetValue'),
    targetNote: field(body, 'targetNote'),
  };
  const raw = values.targetValue as string;
  const value = raw === '' ? undefined : readNumber(raw);
  if (raw === '') errors.add('targetValue', 'Enter the target');
  else if (value === undefined) errors.add('targetValue', 'Target must be a number');
  else if (unit === 'percent' && (value < 0 || value > 100))
    errors.add('targetValue', 'Target must be between 0 and 100');
  else if (unit !== 'number' && value < 0) errors.add('targetValue', 'Target must be 0 or more');
  const due = dateInput(body, 'targetDate', errors, {
    label: 'the target date',
    required: true,
  });
  values.targetDate = due.parts;
  optionalText(errors, 'targetNote', values.targetNote as string, { label: 'the note', max: 500 });
  if (errors.any || value === undefined || !due.iso) return { values };
  return { values, input: { value, dueOn: due.iso, note: values.targetNote as string } };
}
