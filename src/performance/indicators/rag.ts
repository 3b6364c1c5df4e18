// RAG ratings, direction of change and one-sentence summaries for performance indicators.
// Pure: the pages, reports and API all call these so that a value is judged the same way
// everywhere.

import type { Rag } from '../../plans/index.js';
import type { FieldError } from '../../platform/web/forms.js';
import {
  comparePeriods,
  monthAndYear,
  periodInSentence,
  toPeriod,
  type Frequency,
  type Period,
} from './periods.js';

export type { Rag };

export const UNITS = ['percent', 'count', 'weeks', 'rate_per_10000', 'days', 'number'] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_LABELS: Record<Unit, string> = {
  percent: 'Percentage',
  count: 'Count',
  weeks: 'Weeks',
  rate_per_10000: 'Rate per 10,000',
  days: 'Days',
  number: 'Number',
};

export const POLARITIES = ['higher_is_better', 'lower_is_better', 'neither'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const POLARITY_LABELS: Record<Polarity, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  neither: 'Neither higher nor lower is better',
};

/**
 * Thresholds, read by polarity:
 * - higher is better: green when value >= greenFrom, amber when >= amberFrom, otherwise red;
 * - lower is better: green when value <= greenTo, amber when <= amberTo, otherwise red;
 * - neither: green inside the band greenFrom..greenTo, amber inside amberFrom..amberTo (which
 *   contains the green band), otherwise red.
 * Amber is optional everywhere: without it a value is green or red. Nulls come from the database.
 */
export interface RagThresholds {
  greenFrom?: number | null;
  amberFrom?: number | null;
  greenTo?: number | null;
  amberTo?: number | null;
}

export interface Target {
  value: number;
  /** ISO date by which the target should be met. */
  date?: string | null;
}

/** Relative distance from a target that still counts as amber: 5% of the target value. */
export const TARGET_AMBER_TOLERANCE = 0.05;

/** The target rule in words, for help text beside any rating made against a target. */
export const TARGET_RAG_RULE =
  'Where an indicator has no RAG thresholds, it is rated against its target: green when the target is met, amber when the value is within 5% of the target (for example, between 57% and 60% for a target of 60%), red otherwise. Indicators where neither higher nor lower is better are not rated against a target.';

// Values computed from numerator and denominator carry floating-point noise (0.1 + 0.2); a value
// that equals a threshold to nine significant figures counts as on it.
function atLeast(value: number, bound: number): boolean {
  return value >= bound - 1e-9 * Math.max(1, Math.abs(bound));
}

function atMost(value: number, bound: number): boolean {
  return value <= bound + 1e-9 * Math.max(1, Math.abs(bound));
}

function given(n: number | null | undefined): n is number {
  return typeof n === 'number';
}

export function hasThresholds(thresholds: RagThresholds | null | undefined): boolean {
  if (!thresholds) return false;
  const { greenFrom, amberFrom, greenTo, amberTo } = thresholds;
  return [greenFrom, amberFrom, greenTo, amberTo].some(given);
}

/** The RAG rating of a value by thresholds, or null when the thresholds cannot rate it. */
export function ragFromThresholds(
  value: number | null | undefined,
  polarity: Polarity,
  thresholds: RagThresholds | null | undefined,
): Rag | null {
  if (!given(value) || !Number.isFinite(value) || !thresholds) return null;
  const { greenFrom, amberFrom, greenTo, amberTo } = thresholds;
  switch (polarity) {
    case 'higher_is_better':
      if (!given(greenFrom)) return null;
      if (atLeast(value, greenFrom)) return 'green';
      return given(amberFrom) && atLeast(value, amberFrom) ? 'amber' : 'red';
    case 'lower_is_better':
      if (!given(greenTo)) return null;
      if (atMost(value, greenTo)) return 'green';
      return given(amberTo) && atMost(value, amberTo) ? 'amber' : 'red';
    case 'neither':
      if (!given(greenFrom) || !given(greenTo)) return null;
      if (atLeast(value, greenFrom) && atMost(value, greenTo)) return 'green';
      return given(amberFrom) &&
        given(amberTo) &&
        atLeast(value, amberFrom) &&
        atMost(value, amberTo)
        ? 'amber'
        : 'red';
  }
}

/**
 * The RAG rating of a value against a target (see TARGET_RAG_RULE). A target of zero has no
 * amber band, since 5% of nothing is nothing.
 */
export function ragAgainstTarget(
  value: number | null | undefined,
  polarity: Polarity,
  target: Target | null | undefined,
): Rag | null {
  if (!given(value) || !Number.isFinite(value) || !target || !Number.isFinite(target.value)) {
    return null;
  }
  if (polarity === 'neither') return null;
  const met =
    polarity === 'higher_is_better' ? atLeast(value, target.value) : atMost(value, target.value);
  if (met) return 'green';
  const tolerance = Math.abs(target.value) * TARGET_AMBER_TOLERANCE;
  const shortfall = Math.abs(value - target.value);
  return tolerance > 0 && atMost(shortfall, tolerance) ? 'amber' : 'red';
}

export type RagBasis = 'thresholds' | 'target';

/** Thresholds when the indicator has them; otherwise the target; otherwise no rating. */
export function ragFor(
  value: number | null | undefined,
  polarity: Polarity,
  options: { thresholds?: RagThresholds | null; target?: Target | null },
): { rag: Rag | null; basis: RagBasis | null } {
  if (hasThresholds(options.thresholds)) {
    const rag = ragFromThresholds(value, polarity, options.thresholds);
    return { rag, basis: rag === null ? null : 'thresholds' };
  }
  const rag = ragAgainstTarget(value, polarity, options.target);
  return { rag, basis: rag === null ? null : 'target' };
}

const THRESHOLD_LABELS = {
  greenFrom: 'Green from',
  amberFrom: 'Amber from',
  greenTo: 'Green up to',
  amberTo: 'Amber up to',
} as const;
type ThresholdField = keyof typeof THRESHOLD_LABELS;
const THRESHOLD_FIELDS = Object.keys(THRESHOLD_LABELS) as ThresholdField[];

/**
 * Checks thresholds for an indicator's polarity and unit. Errors name the RagThresholds
 * property as `field`, in form order, ready for the GOV.UK error summary. No thresholds at all
 * is valid: the indicator is then rated against its target, if any.
 */
export function validateThresholds(
  polarity: Polarity,
  thresholds: RagThresholds | null | undefined,
  unit?: Unit,
): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: ThresholdField, text: string): void => {
    if (!errors.some((e) => e.field === field)) errors.push({ field, text });
  };
  if (!thresholds || !hasThresholds(thresholds)) return errors;

  const usable: Partial<Record<ThresholdField, number>> = {};
  for (const field of THRESHOLD_FIELDS) {
    const value = thresholds[field];
    if (!given(value)) continue;
    const label = THRESHOLD_LABELS[field];
    if (!Number.isFinite(value)) add(field, `${label} must be a number`);
    else if (unit === 'percent' && (value < 0 || value > 100)) {
      add(field, `${label} must be between 0 and 100`);
    } else if (unit !== undefined && unit !== 'number' && value < 0) {
      add(field, `${label} must be 0 or more`);
    } else usable[field] = value;
  }
  const { greenFrom, amberFrom, greenTo, amberTo } = usable;

  if (polarity === 'higher_is_better') {
    for (const field of ['greenTo', 'amberTo'] as const) {
      if (given(thresholds[field])) {
        add(
          field,
          `Remove ${THRESHOLD_LABELS[field].toLowerCase()}: when higher is better, enter green from and amber from`,
        );
      }
    }
    if (!given(thresholds.greenFrom)) add('greenFrom', 'Enter the value from which it is green');
    if (given(greenFrom) && given(amberFrom) && amberFrom > greenFrom) {
      add('amberFrom', 'Amber from must be the same as or lower than green from');
    }
  } else if (polarity === 'lower_is_better') {
    for (const field of ['greenFrom', 'amberFrom'] as const) {
      if (given(thresholds[field])) {
        add(
          field,
          `Remove ${THRESHOLD_LABELS[field].toLowerCase()}: when lower is better, enter green up to and amber up to`,
        );
      }
    }
    if (!given(thresholds.greenTo)) add('greenTo', 'Enter the value up to which it is green');
    if (given(greenTo) && given(amberTo) && amberTo < greenTo) {
      add('amberTo', 'Amber up to must be the same as or higher than green up to');
    }
  } else {
    if (!given(thresholds.greenFrom)) add('greenFrom', 'Enter the lowest value that is green');
    if (!given(thresholds.greenTo)) add('greenTo', 'Enter the highest value that is green');
    if (given(greenFrom) && given(greenTo) && greenTo < greenFrom) {
      add('greenTo', 'Green up to must be the same as or higher than green from');
    }
    if (given(thresholds.amberFrom) !== given(thresholds.amberTo)) {
      const missing = given(thresholds.amberFrom) ? 'amberTo' : 'amberFrom';
      add(
        missing,
        missing === 'amberTo'
          ? 'Enter the highest value that is amber, or remove amber from'
          : 'Enter the lowest value that is amber, or remove amber up to',
      );
    }
    if (given(amberFrom) && given(greenFrom) && amberFrom > greenFrom) {
      add('amberFrom', 'Amber from must be the same as or lower than green from');
    }
    if (given(amberTo) && given(greenTo) && amberTo < greenTo) {
      add('amberTo', 'Amber up to must be the same as or higher than green up to');
    }
  }
  // Form order, so the summary lists errors as the fields appear.
  return THRESHOLD_FIELDS.flatMap((field) => errors.filter((e) => e.field === field));
}

/** Decimal places shown for each unit; rates per 10,000 to 1 dp. */
export const UNIT_DECIMALS: Record<Unit, number> = {
  percent: 1,
  count: 0,
  weeks: 1,
  rate_per_10000: 1,
  days: 0,
  number: 1,
};

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Half away from zero, as people round, on the value to 15 significant figures so that
  // 46.45 (stored as 46.4499999...) shows as 46.5.
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = (Math.sign(value) * Math.round(scaled)) / factor;
  // No "-0.0": a value that rounds to zero is zero.
  return rounded === 0 ? 0 : rounded;
}

/** en-GB number with thousands separators; `trim` drops trailing zeros (60 rather than 60.0). */
export function formatNumber(value: number, decimals: number, trim = false): string {
  return new Intl.NumberFormat('en-GB', {
    minimumFractionDigits: trim ? 0 : decimals,
    maximumFractionDigits: decimals,
  }).format(roundTo(value, decimals));
}

function withUnit(text: string, unit: Unit, plural: boolean): string {
  switch (unit) {
    case 'percent':
      return `${text}%`;
    case 'weeks':
      return `${text} ${plural ? 'weeks' : 'week'}`;
    case 'days':
      return `${text} ${plural ? 'days' : 'day'}`;
    case 'rate_per_10000':
      return `${text} per 10,000`;
    default:
      return text;
  }
}

/** A number as people type it: '46.4', '1,234', '60%'. Undefined when it is not a number. */
export function readNumber(text: string): number | undefined {
  const cleaned = text.replace(/[,\s%]/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/** A value as people read it: '46.4%', '1,234', '20.5 weeks', '12.3 per 10,000'. */
export function formatValue(value: number, unit: Unit, options: { trim?: boolean } = {}): string {
  const text = formatNumber(value, UNIT_DECIMALS[unit], options.trim);
  return withUnit(text, unit, text !== '1');
}

export type Direction = 'improving' | 'worsening' | 'no change' | 'not comparable';

/**
 * Direction of change from `previous` to `latest`. Values equal at the unit's displayed
 * precision are 'no change', so the words never contradict the numbers shown. Where neither
 * direction is better, a change is 'not comparable': there is nothing to judge it by.
 */
export function directionOfChange(
  previous: number | null | undefined,
  latest: number | null | undefined,
  polarity: Polarity,
  unit: Unit = 'number',
): Direction {
  if (
    !given(previous) ||
    !given(latest) ||
    !Number.isFinite(previous) ||
    !Number.isFinite(latest)
  ) {
    return 'not comparable';
  }
  const decimals = UNIT_DECIMALS[unit];
  const difference = roundTo(latest, decimals) - roundTo(previous, decimals);
  if (Math.abs(difference) < 0.5 * 10 ** -decimals) return 'no change';
  if (polarity === 'neither') return 'not comparable';
  const better = polarity === 'higher_is_better' ? difference > 0 : difference < 0;
  return better ? 'improving' : 'worsening';
}

export interface IndicatorValue {
  /** A parsed period, or any accepted period form, read with the indicator's frequency. */
  period: string | Period;
  value: number | null;
}

export interface LatestChange {
  latest: { period: Period; value: number } | null;
  previous: { period: Period; value: number } | null;
  direction: Direction;
}

/**
 * The latest two values in period order (empty periods skipped). Values for a different kind
 * of period from the latest (a quarter beside years) are not compared.
 */
export function latestChange(
  values: readonly IndicatorValue[],
  polarity: Polarity,
  unit: Unit,
  frequency: Frequency,
): LatestChange {
  const known = values
    .filter(
      (v): v is { period: string | Period; value: number } =>
        given(v.value) && Number.isFinite(v.value),
    )
    .map((v) => ({
      period: typeof v.period === 'string' ? toPeriod(v.period, frequency) : v.period,
      value: v.value,
    }))
    .sort((a, b) => comparePeriods(a.period, b.period));
  const latest = known.at(-1) ?? null;
  const previous = known.at(-2) ?? null;
  const comparable =
    latest !== null && previous !== null && latest.period.kind === previous.period.kind;
  return {
    latest,
    previous,
    direction: comparable
      ? directionOfChange(previous.value, latest.value, polarity, unit)
      : 'not comparable',
  };
}

function changeWords(previous: number, latest: number, unit: Unit): string {
  const decimals = UNIT_DECIMALS[unit];
  const difference = roundTo(latest, decimals) - roundTo(previous, decimals);
  const way = difference > 0 ? 'up' : 'down';
  const size = Math.abs(difference);
  if (unit === 'percent') {
    return `${way} ${formatNumber(size, decimals)} points`;
  }
  const absolute = formatValue(size, unit);
  if (roundTo(previous, decimals) === 0) return `${way} ${absolute}`;
  const relative = formatNumber((size / Math.abs(roundTo(previous, decimals))) * 100, 1);
  return `${way} ${absolute} (${relative}%)`;
}

function targetWords(
  target: Target,
  polarity: Polarity,
  unit: Unit,
  latest: number | null,
): string {
  const by = target.date ? ` by ${monthAndYear(target.date)}` : '';
  const head = `Target ${formatValue(target.value, unit, { trim: true })}${by}`;
  if (polarity === 'neither' || latest === null) return `${head}.`;
  const met = ragAgainstTarget(latest, polarity, target) === 'green';
  return `${head}: ${met ? 'met' : 'not met'}.`;
}

export interface SummaryInput {
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  values: readonly IndicatorValue[];
  target?: Target | null;
}

/**
 * One plain-English sentence (two with a target) on where an indicator stands, e.g.
 * "46.4% in 2024, down 3.9 points from 50.3% in 2023 (worse). Target 60% by March 2026: not met."
 * Percentages change in points; other units by the absolute and the relative change.
 */
export function summariseIndicator(input: SummaryInput): string {
  const { unit, polarity, frequency } = input;
  const { latest, previous, direction } = latestChange(input.values, polarity, unit, frequency);
  const parts: string[] = [];
  if (latest === null) {
    parts.push('No values recorded yet.');
  } else {
    const now = `${formatValue(latest.value, unit)} in ${periodInSentence(latest.period)}`;
    const comparable = previous !== null && previous.period.kind === latest.period.kind;
    if (!comparable) {
      parts.push(`${now}.`);
    } else if (direction === 'no change') {
      parts.push(`${now}, the same as in ${periodInSentence(previous.period)}.`);
    } else {
      const judgement =
        direction === 'improving' ? ' (better)' : direction === 'worsening' ? ' (worse)' : '';
      parts.push(
        `${now}, ${changeWords(previous.value, latest.value, unit)} from ${formatValue(previous.value, unit)} in ${periodInSentence(previous.period)}${judgement}.`,
      );
    }
  }
  if (input.target && Number.isFinite(input.target.value)) {
    parts.push(targetWords(input.target, polarity, unit, latest?.value ?? null));
  }
  return parts.join(' ');
}
