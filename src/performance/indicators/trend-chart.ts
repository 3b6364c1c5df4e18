// Server-rendered SVG line chart of an indicator's trend, and the same data as a table for the
// GOV.UK table under it. No client script: the chart is an image with a text equivalent (title,
// desc and the table), and series differ by dash pattern and marker shape, not colour alone.

import {
  comparePeriods,
  PERIOD_KIND_FOR_FREQUENCY,
  periodContaining,
  periodInSentence,
  periodsFromTo,
  monthAndYear,
  toPeriod,
  type Frequency,
  type Period,
  type PeriodKind,
} from './periods.js';
import {
  formatNumber,
  formatValue,
  summariseIndicator,
  UNIT_LABELS,
  type Polarity,
  type Target,
  type Unit,
} from './rag.js';

export const BENCHMARK_KINDS = ['england', 'region', 'statistical_neighbours'] as const;
export type BenchmarkKind = (typeof BENCHMARK_KINDS)[number];

export const BENCHMARK_LABELS: Record<BenchmarkKind, string> = {
  england: 'England',
  region: 'Region',
  statistical_neighbours: 'Statistical neighbours',
};

export interface SeriesPoint {
  /** Any accepted period form; read with the indicator's frequency. */
  period: string;
  value: number | null;
}

export interface BenchmarkSeries {
  kind: BenchmarkKind;
  /** Defaults to 'England', 'Region' or 'Statistical neighbours'; e.g. 'North East'. */
  label?: string;
  points: readonly SeriesPoint[];
}

export interface TrendInput {
  indicatorName: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  /** The partnership's own series; label e.g. 'Durham'. */
  ours: { label: string; points: readonly SeriesPoint[] };
  benchmarks?: readonly BenchmarkSeries[];
  target?: Target | null;
}

export interface TrendChartOptions {
  /** Prefix for the title and desc ids; must be unique on the page. */
  id?: string;
  /** Start the value axis at zero (the default), so small changes are not exaggerated. */
  yFromZero?: boolean;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

export interface SeriesStyle {
  colour: string;
  /** SVG stroke-dasharray; null for a solid line. */
  dash: string | null;
  marker: MarkerShape;
  width: number;
}

/**
 * GOV.UK colours with at least 3:1 contrast against white (WCAG 2.2 non-text contrast). GOV.UK
 * orange (#f47738) is about 2.6:1, so it is not used.
 */
export const SERIES_STYLES: Record<'ours' | BenchmarkKind | 'target', SeriesStyle> = {
  ours: { colour: '#1d70b8', dash: null, marker: 'circle', width: 3 },
  england: { colour: '#0b0c0c', dash: '12 6', marker: 'square', width: 2 },
  region: { colour: '#4c2c92', dash: '2 6', marker: 'triangle', width: 2.5 },
  statistical_neighbours: { colour: '#00703c', dash: '12 5 2 5', marker: 'diamond', width: 2 },
  target: { colour: '#d4351c', dash: '5 4', marker: 'cross', width: 2 },
};

/** WCAG contrast ratio between two '#rrggbb' colours. */
export function contrastRatio(first: string, second: string): number {
  const luminance = (hex: string): number => {
    const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const [r = 0, g = 0, b = 0] = channels.map((c) =>
      c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
    );
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
}

// XML 1.0 cannot hold most control characters, U+FFFE, U+FFFF or unpaired surrogates; one
// would make the SVG invalid, so they are dropped (surrogates become U+FFFD).
function xmlCharacters(text: string): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    if (control || code === 0xfffe || code === 0xffff) continue;
    out += code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : character;
  }
  return out;
}

/** Text safe inside SVG or HTML elements and attributes. */
export function escapeXml(text: string): string {
  return xmlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

interface PreparedSeries {
  key: 'ours' | BenchmarkKind;
  label: string;
  style: SeriesStyle;
  /** Values by period identity; periods given without a value are absent. */
  values: Map<string, number>;
}

interface Prepared {
  axis: Period[];
  series: PreparedSeries[];
  target: Target | null;
  /** Where a dated target sits on the axis, when it is on it. */
  targetPeriod: Period | null;
}

// Academic and financial 2024-25 share a key, so identity includes the kind.
function identity(period: Period): string {
  return `${period.kind}:${period.key}`;
}

// An axis longer than this is drawn from the periods that have data, without filling gaps.
const MAX_FILLED_AXIS = 400;

function prepare(input: TrendInput): Prepared {
  const seen = new Set<BenchmarkKind>();
  for (const benchmark of input.benchmarks ?? []) {
    if (seen.has(benchmark.kind)) throw new RangeError(`Two ${benchmark.kind} benchmark series`);
    seen.add(benchmark.kind);
  }
  const periods = new Map<string, Period>();
  const readSeries = (
    key: PreparedSeries['key'],
    label: string,
    points: readonly SeriesPoint[],
  ): PreparedSeries => {
    const values = new Map<string, number>();
    const given = new Set<string>();
    for (const point of points) {
      const period = toPeriod(point.period, input.frequency);
      const id = identity(period);
      if (given.has(id)) {
        throw new RangeError(`${label} has two values for ${period.label}`);
      }
      given.add(id);
      periods.set(id, period);
      if (typeof point.value === 'number' && Number.isFinite(point.value)) {
        values.set(id, point.value);
      }
    }
    return { key, label, style: SERIES_STYLES[key], values };
  };
  const series = [
    readSeries('ours', input.ours.label, input.ours.points),
    ...BENCHMARK_KINDS.flatMap((kind) => {
      const benchmark = input.benchmarks?.find((b) => b.kind === kind);
      return benchmark
        ? [readSeries(kind, benchmark.label ?? BENCHMARK_LABELS[kind], benchmark.points)]
        : [];
    }),
  ];

  const target = input.target && Number.isFinite(input.target.value) ? { ...input.target } : null;
  let sorted = [...periods.values()].sort(comparePeriods);
  const kinds = new Set(sorted.map((p) => p.kind));
  const axisKind: PeriodKind =
    kinds.size === 1 && sorted[0] ? sorted[0].kind : PERIOD_KIND_FOR_FREQUENCY[input.frequency];
  let targetPeriod: Period | null = null;
  const first = sorted[0];
  if (target?.date && first) {
    const candidate = periodContaining(target.date, axisKind);
    // A target dated before the data starts is still drawn as a line, but not given a slot.
    if (comparePeriods(candidate, first) >= 0) {
      targetPeriod = candidate;
      if (!periods.has(identity(candidate))) sorted = [...sorted, candidate].sort(comparePeriods);
    }
  }
  const last = sorted.at(-1);
  if (kinds.size === 1 && first && last) {
    try {
      sorted = periodsFromTo(first, last, MAX_FILLED_AXIS);
    } catch {
      // Too long to fill: keep only the periods that were given.
    }
  }
  return { axis: sorted, series, target, targetPeriod };
}

// Layout in viewBox units. The legend has room for three rows of two entries; the plot's top
// moves up when it has fewer.
const WIDTH = 720;
const HEIGHT = 440;
const PLOT = { left: 76, right: 696, bottom: 380 };
const X_INSET = 24;
const FONT = 'font-family="GDS Transport, arial, sans-serif"';
const TEXT_COLOUR = '#0b0c0c';
const GRID_COLOUR = '#b1b4b6';

function coord(n: number): string {
  return String(Math.round(n * 10) / 10);
}

interface Scale {
  min: number;
  max: number;
  ticks: number[];
  decimals: number;
}

function decimalsOf(step: number): number {
  let decimals = 0;
  while (
    decimals < 6 &&
    Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9
  ) {
    decimals++;
  }
  return decimals;
}

/** Round ticks (1, 2, 2.5 or 5 times a power of ten) covering the values. */
function valueScale(values: number[], unit: Unit, fromZero: boolean): Scale {
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (fromZero) {
    low = Math.min(low, 0);
    high = Math.max(high, 0);
  }
  if (high - low < 1e-9) {
    // All values (nearly) equal, so there is no range to divide: give the line room.
    const pad = Math.abs(high) * 0.1 > 1e-6 ? Math.abs(high) * 0.1 : 1;
    low = fromZero && low >= 0 ? 0 : low - pad;
    high += pad;
  }
  const rough = (high - low) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / magnitude;
  let step =
    (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10) * magnitude;
  // Counts and days are whole numbers: no ticks between them.
  if ((unit === 'count' || unit === 'days') && step < 1) step = 1;
  const min = Math.floor(low / step + 1e-9) * step;
  const max = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 2; i++) {
    ticks.push(Number((min + i * step).toFixed(10)));
  }
  return { min, max, ticks, decimals: decimalsOf(step) };
}

function tickLabel(value: number, unit: Unit, decimals: number): string {
  const text = formatNumber(value, decimals);
  return unit === 'percent' ? `${text}%` : text;
}

function markerSvg(shape: MarkerShape, x: number, y: number, colour: string): string {
  const outline = `stroke="#ffffff" stroke-width="1"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${coord(x)}" cy="${coord(y)}" r="5" fill="${colour}" ${outline}/>`;
    case 'square':
      return `<rect x="${coord(x - 4.5)}" y="${coord(y - 4.5)}" width="9" height="9" fill="${colour}" ${outline}/>`;
    case 'triangle':
      return `<path d="M${coord(x)} ${coord(y - 6)}L${coord(x + 6)} ${coord(y + 4.5)}L${coord(x - 6)} ${coord(y + 4.5)}Z" fill="${colour}" ${outline}/>`;
    case 'diamond':
      return `<path d="M${coord(x)} ${coord(y - 6.5)}L${coord(x + 6.5)} ${coord(y)}L${coord(x)} ${coord(y + 6.5)}L${coord(x - 6.5)} ${coord(y)}Z" fill="${colour}" ${outline}/>`;
    case 'cross':
      return `<path d="M${coord(x - 5)} ${coord(y - 5)}L${coord(x + 5)} ${coord(y + 5)}M${coord(x + 5)} ${coord(y - 5)}L${coord(x - 5)} ${coord(y + 5)}" stroke="${colour}" stroke-width="3" stroke-linecap="round"/>`;
  }
}

function lineAttributes(style: SeriesStyle): string {
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  return `fill="none" stroke="${style.colour}" stroke-width="${style.width}" stroke-linecap="round" stroke-linejoin="round"${dash}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function targetText(target: Target, unit: Unit): string {
  const by = target.date ? ` by ${monthAndYear(target.date)}` : '';
  return `${formatValue(target.value, unit, { trim: true })}${by}`;
}

function chartTitle(input: TrendInput, prepared: Prepared): string {
  const names = prepared.series.map((s) => s.label);
  return `${input.indicatorName}: ${listInWords(names)}`;
}

function seriesPoints(series: PreparedSeries, axis: Period[]): { period: Period; value: number }[] {
  return axis.flatMap((period) => {
    const value = series.values.get(identity(period));
    return value === undefined ? [] : [{ period, value }];
  });
}

function chartDescription(input: TrendInput, prepared: Prepared): string {
  const { axis, series, target } = prepared;
  const [ours, ...benchmarks] = series;
  const anyValue = series.some((s) => s.values.size > 0);
  if (!ours || !anyValue) {
    const targetPart = target ? ` Target ${targetText(target, input.unit)}.` : '';
    return `No values have been recorded for ${input.indicatorName} yet.${targetPart}`;
  }
  const valued = axis.filter((p) => series.some((s) => s.values.has(identity(p))));
  const first = valued[0];
  const last = valued.at(-1);
  const parts: string[] = [];
  if (first && last) {
    parts.push(
      first === last
        ? `Line chart for ${periodInSentence(first)}.`
        : `Line chart from ${periodInSentence(first)} to ${periodInSentence(last)}.`,
    );
  }
  const ourPoints = seriesPoints(ours, axis);
  if (ourPoints.length === 0) {
    parts.push(`${ours.label}: no values recorded yet.`);
    if (target) parts.push(`Target ${targetText(target, input.unit)}.`);
  } else {
    const summary = summariseIndicator({
      unit: input.unit,
      polarity: input.polarity,
      frequency: input.frequency,
      values: ourPoints,
      target,
    });
    parts.push(`${ours.label}: ${summary}`);
    if (ourPoints.length >= 3) {
      const highest = ourPoints.reduce((a, b) => (b.value > a.value ? b : a));
      const lowest = ourPoints.reduce((a, b) => (b.value < a.value ? b : a));
      parts.push(
        `Highest ${formatValue(highest.value, input.unit)} in ${periodInSentence(highest.period)}; lowest ${formatValue(lowest.value, input.unit)} in ${periodInSentence(lowest.period)}.`,
      );
    }
    const firstOurs = axis.findIndex((p) => ours.values.has(identity(p)));
    const lastOurs = axis.findLastIndex((p) => ours.values.has(identity(p)));
    const gaps = axis
      .slice(firstOurs, lastOurs + 1)
      .filter((p) => !ours.values.has(identity(p)))
      .map(periodInSentence);
    if (gaps.length > 0) {
      const shown = gaps.length > 5 ? [...gaps.slice(0, 5), `${gaps.length - 5} more`] : gaps;
      parts.push(`No value for ${listInWords(shown)}: the line has a gap.`);
    }
  }
  for (const benchmark of benchmarks) {
    const latest = seriesPoints(benchmark, axis).at(-1);
    if (latest) {
      parts.push(
        `${benchmark.label}: ${formatValue(latest.value, input.unit)} in ${periodInSentence(latest.period)}.`,
      );
    }
  }
  return parts.join(' ');
}

function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `chart-${cleaned}`;
}

/**
 * The trend as an accessible SVG string: role="img" labelled by its title and a desc that
 * summarises the trend in words. Missing periods break the line; a lone value is a marker.
 * Throws a RangeError for a period that cannot be read or given twice in one series.
 */
export function renderTrendChart(input: TrendInput, options: TrendChartOptions = {}): string {
  const prepared = prepare(input);
  const { axis, series, target, targetPeriod } = prepared;
  const id = safeId(options.id ?? 'trend-chart');
  const title = chartTitle(input, prepared);
  const desc = chartDescription(input, prepared);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-trend-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" ${FONT} font-size="14">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
  );

  // Legend: two columns, entries in series order, then the target.
  const legend: { label: string; style: SeriesStyle }[] = series.map((s) => ({
    label: s.label,
    style: s.style,
  }));
  if (target) {
    legend.push({ label: `Target ${targetText(target, input.unit)}`, style: SERIES_STYLES.target });
  }
  legend.forEach((entry, i) => {
    const x = 16 + (i % 2) * 352;
    const y = 24 + Math.floor(i / 2) * 26;
    out.push(
      `<line x1="${x}" y1="${y}" x2="${x + 40}" y2="${y}" ${lineAttributes(entry.style)}/>`,
      markerSvg(entry.style.marker, x + 20, y, entry.style.colour),
      `<text x="${x + 50}" y="${y}" dy="0.35em" fill="${TEXT_COLOUR}">${escapeXml(truncate(entry.label, 40))}</text>`,
    );
  });

  // The plot starts below the legend, however many rows it has.
  const legendRows = Math.ceil(legend.length / 2);
  const unitTitleY = 24 + (legendRows - 1) * 26 + 36;
  const plot = { ...PLOT, top: unitTitleY + 20 };

  const values = series.flatMap((s) => [...s.values.values()]);
  if (values.length === 0) {
    out.push(
      `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="${GRID_COLOUR}"/>`,
      `<text x="${(plot.left + plot.right) / 2}" y="${(plot.top + plot.bottom) / 2}" text-anchor="middle" fill="${TEXT_COLOUR}" font-size="16">No values yet</text>`,
      '</svg>',
    );
    return out.join('\n');
  }

  const scale = valueScale(
    target ? [...values, target.value] : values,
    input.unit,
    options.yFromZero ?? true,
  );
  const yOf = (v: number): number =>
    plot.bottom - ((v - scale.min) / (scale.max - scale.min)) * (plot.bottom - plot.top);
  const xOf = (index: number): number =>
    axis.length === 1
      ? (plot.left + plot.right) / 2
      : plot.left + X_INSET + (index * (plot.right - plot.left - 2 * X_INSET)) / (axis.length - 1);

  // Value axis: unit title, gridlines and tick labels.
  out.push(
    `<text x="8" y="${unitTitleY}" fill="${TEXT_COLOUR}" font-weight="bold">${escapeXml(UNIT_LABELS[input.unit])}</text>`,
  );
  for (const tick of scale.ticks) {
    const y = coord(yOf(tick));
    const isZero = tick === 0 && scale.min < 0;
    out.push(
      `<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="${isZero ? TEXT_COLOUR : GRID_COLOUR}" stroke-width="1"/>`,
      `<text x="${plot.left - 8}" y="${y}" dy="0.35em" text-anchor="end" fill="${TEXT_COLOUR}">${escapeXml(tickLabel(tick, input.unit, scale.decimals))}</text>`,
    );
  }
  out.push(
    `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="${TEXT_COLOUR}"/>`,
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="${TEXT_COLOUR}"/>`,
  );

  // Period axis: a tick for every period, labels thinned so they never overlap; the latest
  // period is always labelled.
  const longest = Math.max(...axis.map((p) => p.shortLabel.length));
  const labelWidth = longest * 7.5 + 12;
  const slots = Math.max(1, Math.floor((plot.right - plot.left) / labelWidth));
  const every = Math.ceil(axis.length / slots);
  axis.forEach((period, i) => {
    const x = xOf(i);
    out.push(
      `<line x1="${coord(x)}" y1="${plot.bottom}" x2="${coord(x)}" y2="${plot.bottom + 6}" stroke="${TEXT_COLOUR}"/>`,
    );
    if ((axis.length - 1 - i) % every !== 0) return;
    const half = (period.shortLabel.length * 7.5) / 2;
    const anchor = x + half > WIDTH - 4 ? 'end' : x - half < 4 ? 'start' : 'middle';
    out.push(
      `<text x="${coord(x)}" y="${plot.bottom + 24}" text-anchor="${anchor}" fill="${TEXT_COLOUR}">${escapeXml(period.shortLabel)}</text>`,
    );
  });

  if (target) {
    const y = coord(yOf(target.value));
    out.push(
      `<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" ${lineAttributes(SERIES_STYLES.target)}/>`,
    );
    const index = targetPeriod ? axis.findIndex((p) => identity(p) === identity(targetPeriod)) : -1;
    if (index >= 0) {
      out.push(markerSvg('cross', xOf(index), yOf(target.value), SERIES_STYLES.target.colour));
    }
  }

  // Benchmarks first so the partnership's own line is drawn on top.
  for (const s of [...series.slice(1), ...series.slice(0, 1)]) {
    const segments: string[][] = [];
    let current: string[] = [];
    axis.forEach((period, i) => {
      const value = s.values.get(identity(period));
      if (value === undefined) {
        if (current.length > 0) segments.push(current);
        current = [];
      } else {
        current.push(`${coord(xOf(i))} ${coord(yOf(value))}`);
      }
    });
    if (current.length > 0) segments.push(current);
    const path = segments
      .filter((segment) => segment.length > 1)
      .map((segment) => `M${segment.join('L')}`)
      .join('');
    if (path) out.push(`<path d="${path}" ${lineAttributes(s.style)}/>`);
    axis.forEach((period, i) => {
      const value = s.values.get(identity(period));
      if (value !== undefined) {
        out.push(markerSvg(s.style.marker, xOf(i), yOf(value), s.style.colour));
      }
    });
  }
  out.push('</svg>');
  return out.join('\n');
}

export interface TrendTableCell {
  text: string;
  format?: 'numeric';
}

export interface TrendTable {
  caption: string;
  /** For the govukTable macro's head, rows and firstCellIsHeader: true. */
  head: TrendTableCell[];
  rows: TrendTableCell[][];
  /** The same rows as numbers, benchmarks in head order. */
  data: {
    period: Period;
    ours: number | null;
    benchmarks: (number | null)[];
    target: number | null;
  }[];
}

/** What a cell says when a series has no value for the period. */
export const NO_VALUE_TEXT = 'No data';

/**
 * The chart's data as a table, oldest period first: period, our value, each benchmark, target.
 * Only periods with at least one value appear. The target, like its line on the chart, is shown
 * on every row.
 */
export function trendTable(input: TrendInput): TrendTable {
  const { axis, series, target } = prepare(input);
  const [ours, ...benchmarks] = series;
  const head: TrendTableCell[] = [
    { text: 'Period' },
    ...series.map((s): TrendTableCell => ({ text: s.label, format: 'numeric' })),
  ];
  if (target) {
    const by = target.date ? ` (by ${monthAndYear(target.date)})` : '';
    head.push({ text: `Target${by}`, format: 'numeric' });
  }
  const cell = (value: number | null | undefined): TrendTableCell => ({
    text: value === null || value === undefined ? NO_VALUE_TEXT : formatValue(value, input.unit),
    format: 'numeric',
  });
  const data = axis
    .filter((period) => series.some((s) => s.values.has(identity(period))))
    .map((period) => ({
      period,
      ours: ours?.values.get(identity(period)) ?? null,
      benchmarks: benchmarks.map((b) => b.values.get(identity(period)) ?? null),
      target: target ? target.value : null,
    }));
  const rows = data.map((row) => [
    { text: row.period.label },
    cell(row.ours),
    ...row.benchmarks.map(cell),
    ...(target
      ? [
          {
            text: formatValue(target.value, input.unit, { trim: true }),
            format: 'numeric' as const,
          },
        ]
      : []),
  ]);
  return { caption: `${input.indicatorName}: values by period`, head, rows, data };
}
