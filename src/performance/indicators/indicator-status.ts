// Where one indicator stands, for the dashboard, the indicator page and the API: the latest value,
// the change since the one before, the RAG rating, the target that counts now and England's latest.
// Pure: the pages hand it rows; nothing here reads the database or the clock.

import { comparePeriods, parsePeriod, type Frequency, type Period } from './periods.js';
import {
  formatNumber,
  formatValue,
  latestChange,
  ragFor,
  UNIT_DECIMALS,
  type Direction,
  type Polarity,
  type Rag,
  type RagBasis,
  type RagThresholds,
  type Target,
  type Unit,
  validateThresholds,
} from './rag.js';

export interface DatedTarget {
  value: number;
  /** ISO date by which it should be met. */
  dueOn: string;
}

/**
 * The target that counts today: the first one not yet due (due today or later); once every
 * target has passed, the last of them. Null without targets.
 */
export function currentTarget(targets: readonly DatedTarget[], today: string): Target | null {
  const sorted = [...targets].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const chosen = sorted.find((t) => t.dueOn >= today) ?? sorted.at(-1);
  return chosen ? { value: chosen.value, date: chosen.dueOn } : null;
}

/**
 * The four bounds an indicator stores. `green` and `amber` are the bounds that count when higher
 * or lower is better (green from / amber from, or green up to / amber up to), and the lower ends of
 * the bands when neither is; `greenUpper` and `amberUpper` are the bands' upper ends, only ever set
 * where neither higher nor lower is better (the database checks it).
 */
export interface ThresholdColumns {
  green: number | null;
  amber: number | null;
  greenUpper: number | null;
  amberUpper: number | null;
}

export const NO_THRESHOLDS: ThresholdColumns = {
  green: null,
  amber: null,
  greenUpper: null,
  amberUpper: null,
};

/** The columns of an indicator row, by the names the rest of the code uses. */
export function columnsOfRow(row: {
  green_threshold: number | null;
  amber_threshold: number | null;
  green_upper: number | null;
  amber_upper: number | null;
}): ThresholdColumns {
  return {
    green: row.green_threshold,
    amber: row.amber_threshold,
    greenUpper: row.green_upper,
    amberUpper: row.amber_upper,
  };
}

/** Every bound as RagThresholds by polarity, dropping none: what checking and the form need. */
export function thresholdsByPolarity(polarity: Polarity, c: ThresholdColumns): RagThresholds {
  if (polarity === 'higher_is_better') return { greenFrom: c.green, amberFrom: c.amber };
  if (polarity === 'lower_is_better') return { greenTo: c.green, amberTo: c.amber };
  return { greenFrom: c.green, greenTo: c.greenUpper, amberFrom: c.amber, amberTo: c.amberUpper };
}

/**
 * The thresholds that rate an indicator, or null without a green bound (it is then rated against
 * its target, if any). Where neither is better, both ends of the green band are needed.
 */
export function thresholdsFromColumns(
  polarity: Polarity,
  columns: ThresholdColumns,
): RagThresholds | null {
  if (columns.green === null) return null;
  if (polarity === 'neither' && columns.greenUpper === null) return null;
  return thresholdsByPolarity(polarity, columns);
}

export function columnsFromThresholds(
  polarity: Polarity,
  thresholds: RagThresholds | null,
): ThresholdColumns {
  if (!thresholds) return { ...NO_THRESHOLDS };
  const n = (v: number | null | undefined) => v ?? null;
  if (polarity === 'higher_is_better') {
    return { ...NO_THRESHOLDS, green: n(thresholds.greenFrom), amber: n(thresholds.amberFrom) };
  }
  if (polarity === 'lower_is_better') {
    return { ...NO_THRESHOLDS, green: n(thresholds.greenTo), amber: n(thresholds.amberTo) };
  }
  return {
    green: n(thresholds.greenFrom),
    amber: n(thresholds.amberFrom),
    greenUpper: n(thresholds.greenTo),
    amberUpper: n(thresholds.amberTo),
  };
}

const COLUMN_OF: Record<Polarity, Partial<Record<keyof RagThresholds, keyof ThresholdColumns>>> = {
  higher_is_better: { greenFrom: 'green', amberFrom: 'amber' },
  lower_is_better: { greenTo: 'green', amberTo: 'amber' },
  neither: { greenFrom: 'green', amberFrom: 'amber', greenTo: 'greenUpper', amberTo: 'amberUpper' },
};

/**
 * Checks bounds given as columns (as the API takes them) with the same rules as the form,
 * naming the column each error is about. Upper ends are refused unless neither is better.
 */
export function checkThresholdColumns(
  polarity: Polarity,
  columns: ThresholdColumns,
  unit: Unit,
): { column: keyof ThresholdColumns; text: string }[] {
  if (polarity !== 'neither') {
    const upper = (['greenUpper', 'amberUpper'] as const).filter((c) => columns[c] !== null);
    if (upper.length) {
      return upper.map((column) => ({
        column,
        text: 'Only an indicator where neither higher nor lower is better has a band with an upper end: leave it out or null',
      }));
    }
  }
  return validateThresholds(polarity, thresholdsByPolarity(polarity, columns), unit).map((e) => ({
    column: COLUMN_OF[polarity][e.field as keyof RagThresholds] ?? 'green',
    text: e.text,
  }));
}

/** An indicator's thresholds in words for its page, or null when it is not rated by thresholds. */
export function thresholdsInWords(
  polarity: Polarity,
  unit: Unit,
  columns: ThresholdColumns,
): string | null {
  const t = thresholdsFromColumns(polarity, columns);
  if (!t) return null;
  const show = (n: number | null | undefined) =>
    n === null || n === undefined ? null : formatValue(n, unit, { trim: true });
  if (polarity === 'higher_is_better') {
    const amber = show(t.amberFrom);
    return `Green from ${show(t.greenFrom)}${amber ? `, amber from ${amber}` : ''}, otherwise red`;
  }
  if (polarity === 'lower_is_better') {
    const amber = show(t.amberTo);
    return `Green up to ${show(t.greenTo)}${amber ? `, amber up to ${amber}` : ''}, otherwise red`;
  }
  const amberFrom = show(t.amberFrom);
  const amberTo = show(t.amberTo);
  const amber = amberFrom && amberTo ? `, amber from ${amberFrom} to ${amberTo}` : '';
  return `Green from ${show(t.greenFrom)} to ${show(t.greenTo)}${amber}, otherwise red`;
}

/** 'New EHC plans issued within 20 weeks' → 'new-ehc-plans-issued-within-20-weeks'. */
export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'indicator';
}

/** A code from the name that no other indicator of the partnership has: adds -2, -3… if needed. */
export function codeFromName(name: string, taken: ReadonlySet<string>): string {
  const base = slugFromName(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, 64 - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Codes as imports and the API use them: lower-case letters, digits and hyphens. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface SeriesValue {
  /** A canonical period key, read with the indicator's frequency. */
  period: string;
  value: number | null;
}

export interface PeriodValue {
  period: Period;
  value: number;
  /** The value as people read it: '46.4%'. */
  text: string;
}

export interface IndicatorStatus {
  latest: PeriodValue | null;
  previous: PeriodValue | null;
  direction: Direction;
  /** 'Improving', 'Worsening', 'No change', 'Not judged', or null when there is nothing to compare. */
  directionText: string | null;
  /** 'Down 3.9 points from 50.3% (2023)'; null without two comparable values. */
  changeText: string | null;
  rag: Rag | null;
  basis: RagBasis | null;
  target: Target | null;
  targetText: string | null;
  england: PeriodValue | null;
}

export const RAG_FILTERS = ['red', 'amber', 'green', 'none'] as const;
export type RagFilter = (typeof RAG_FILTERS)[number];
export const RAG_FILTER_LABELS: Record<RagFilter, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  none: 'Not rated',
};

/** What a rating was judged by, in words shown after its tag ("Amber", then this). */
export const RAG_BASIS_TEXT: Record<RagBasis, string> = {
  thresholds: 'Rated by its thresholds',
  target: 'Rated against its target',
};

const DIRECTION_TEXT: Record<Direction, string> = {
  improving: 'Improving',
  worsening: 'Worsening',
  'no change': 'No change',
  'not comparable': 'Not judged',
};

/** Values whose period can be read, with their periods, oldest first; unreadable keys are skipped. */
export function readSeries(
  values: readonly SeriesValue[],
  frequency: Frequency,
  unit: Unit,
): PeriodValue[] {
  const out: PeriodValue[] = [];
  for (const v of values) {
    if (typeof v.value !== 'number' || !Number.isFinite(v.value)) continue;
    const parsed = parsePeriod(v.period, frequency);
    if (!parsed.ok) continue;
    out.push({ period: parsed.period, value: v.value, text: formatValue(v.value, unit) });
  }
  return out.sort((a, b) => comparePeriods(a.period, b.period));
}

function rounded(value: number, unit: Unit): number {
  const factor = 10 ** UNIT_DECIMALS[unit];
  return Math.round(value * factor) / factor;
}

function changeWords(previous: PeriodValue, latest: PeriodValue, unit: Unit): string {
  const difference = rounded(latest.value, unit) - rounded(previous.value, unit);
  const from = `from ${previous.text} (${previous.period.shortLabel})`;
  if (Math.abs(difference) < 0.5 * 10 ** -UNIT_DECIMALS[unit]) return `No change ${from}`;
  const way = difference > 0 ? 'Up' : 'Down';
  const size =
    unit === 'percent'
      ? `${formatNumber(Math.abs(difference), UNIT_DECIMALS[unit])} points`
      : formatValue(Math.abs(difference), unit);
  return `${way} ${size} ${from}`;
}

export function indicatorStatus(input: {
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  thresholds: RagThresholds | null;
  target: Target | null;
  values: readonly SeriesValue[];
  england?: readonly SeriesValue[];
}): IndicatorStatus {
  const { unit, polarity, frequency, target } = input;
  const ours = readSeries(input.values, frequency, unit);
  const change = latestChange(ours, polarity, unit, frequency);
  const latest = change.latest
    ? (ours.find((v) => v.period === change.latest?.period) ?? null)
    : null;
  const previous = change.previous
    ? (ours.find((v) => v.period === change.previous?.period) ?? null)
    : null;
  const comparable =
    latest !== null && previous !== null && latest.period.kind === previous.period.kind;
  const { rag, basis } = ragFor(latest?.value ?? null, polarity, {
    thresholds: input.thresholds,
    target,
  });
  const england = readSeries(input.england ?? [], frequency, unit).at(-1) ?? null;
  return {
    latest,
    previous,
    direction: change.direction,
    directionText: comparable ? DIRECTION_TEXT[change.direction] : null,
    changeText: comparable ? changeWords(previous, latest, unit) : null,
    rag,
    basis,
    target,
    targetText: target ? targetText(target, unit) : null,
    england,
  };
}

export function targetText(target: Target, unit: Unit): string {
  const value = formatValue(target.value, unit, { trim: true });
  if (!target.date) return value;
  const [year, month, day] = target.date.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, day ?? 1));
  const when = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
  return `${value} by ${when}`;
}

export function ragFilterOf(rag: Rag | null): RagFilter {
  return rag ?? 'none';
}

/**
 * A small line of the partnership's own values for a dashboard row. Decorative (aria-hidden):
 * the row states the latest value and the change in words, and the indicator page has the full
 * chart with its table. Empty string when there are fewer than two values.
 */
export function renderSparkline(values: readonly PeriodValue[]): string {
  const points = values.slice(-12);
  if (points.length < 2) return '';
  const width = 120;
  const height = 32;
  const pad = 4;
  const numbers = points.map((p) => p.value);
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const span = max - min || 1;
  const xy = points.map((p, i) => {
    const x = pad + (i * (width - 2 * pad)) / (points.length - 1);
    const y =
      max === min ? height / 2 : height - pad - ((p.value - min) / span) * (height - 2 * pad);
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10] as const;
  });
  const last = xy.at(-1)!;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-sparkline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true" focusable="false">` +
    `<polyline fill="none" stroke="#1d70b8" stroke-width="2" points="${xy.map(([x, y]) => `${x},${y}`).join(' ')}"/>` +
    `<circle cx="${last[0]}" cy="${last[1]}" r="3" fill="#1d70b8"/></svg>`
  );
}

/**
 * A definition's paragraphs, with "Numerator: …" and "Denominator: …" (as the starter set writes
 * them) lifted out, so the page can show them as what is counted and what it is out of.
 */
export function splitDefinition(text: string): {
  paragraphs: string[];
  counted: string | null;
  outOf: string | null;
} {
  const split = {
    paragraphs: [] as string[],
    counted: null as string | null,
    outOf: null as string | null,
  };
  for (const paragraph of text.split(/\n\s*\n/).filter((p) => p.trim() !== '')) {
    const term = /^\s*(numerator|denominator)\s*:\s*(\S[\s\S]*)$/i.exec(paragraph);
    const which = term?.[1]?.toLowerCase() === 'numerator' ? 'counted' : 'outOf';
    if (term && split[which] === null) split[which] = term[2]!.trim();
    else split.paragraphs.push(paragraph);
  }
  return split;
}
