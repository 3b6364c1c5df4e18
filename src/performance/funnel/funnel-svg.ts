/**
 * Server-side SVG of a funnel plot: no script, accessible name and description, markers told apart
 * by shape as well as colour, line styles told apart by dash pattern, GOV.UK colours that meet
 * WCAG 2.2 non-text contrast (3:1) on white.
 */
import {
  classifyRate,
  funnelCurve,
  type FunnelAnalysis,
  type FunnelLabel,
  type FunnelLimitSet,
  type FunnelLimits,
  type FunnelUnitResult,
} from './funnel.js';

export interface FunnelSvgOptions {
  /** Prefix for element ids; make it unique when a page shows more than one plot. */
  idPrefix?: string;
  title?: string;
  /** What a unit is called in the description, e.g. 'school' / 'schools'. */
  unitSingular?: string;
  unitPlural?: string;
  /** x axis, e.g. 'Pupils on roll'. */
  xLabel?: string;
  /** y axis, e.g. 'Pupils with MLD (%)'. */
  yLabel?: string;
  /** Which limits to draw; defaults to the set the labels used, so plot and labels agree. */
  limits?: FunnelLimitSet;
  /** How many names to list per flagged group in the description before "and N more". */
  maxNamesListed?: number;
}

const WIDTH = 720;
const HEIGHT = 420;
const PLOT = { left: 64, right: WIDTH - 24, top: 16, bottom: 312 };

// GOV.UK colours; each is at least 3:1 against white (#505a5f 7.0, #1d70b8 5.2, #d4351c 4.9,
// #00703c 6.3, #0b0c0c 19.6).
const BLACK = '#0b0c0c';
const DARK_GREY = '#505a5f';
const BLUE = '#1d70b8';
const RED = '#d4351c';
const GREEN = '#00703c';

type MarkerStyle = { colour: string; shape: 'dot' | 'up' | 'down'; filled: boolean };

/** High is not necessarily worse (polarity depends on the measure), so red/blue, not red/green. */
const MARKERS: Record<FunnelLabel, MarkerStyle> = {
  'Not significant': { colour: DARK_GREY, shape: 'dot', filled: true },
  'High (0.025)': { colour: RED, shape: 'up', filled: false },
  'High (0.001)': { colour: RED, shape: 'up', filled: true },
  'Low (0.025)': { colour: BLUE, shape: 'down', filled: false },
  'Low (0.001)': { colour: BLUE, shape: 'down', filled: true },
};

/** Drawing order: flagged markers on top of the crowd. */
const DRAW_ORDER: readonly FunnelLabel[] = [
  'Not significant',
  'High (0.025)',
  'Low (0.025)',
  'High (0.001)',
  'Low (0.001)',
];

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One decimal place is finer than a screen pixel at this viewBox and keeps paths short. */
function coord(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatPercent(proportion: number, decimals = 1): string {
  return `${(proportion * 100).toFixed(decimals)}%`;
}

/** 1, 2 or 5 × a power of ten, at least `rough`. */
function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  const factor = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return factor * power;
}

/** Ticks from 0 up to a round maximum covering `max`. */
function ticksFromZero(max: number, roughCount: number): { step: number; ticks: number[] } {
  const step = niceStep(max / roughCount);
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step * 1e-9; i++) ticks.push(i * step);
  return { step, ticks };
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

function listNames(names: readonly string[], max: number): string {
  const shown = names.slice(0, Math.max(0, max));
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Plain-text summary of the plot; also useful as a caption next to it. */
export function describeFunnel(analysis: FunnelAnalysis, options: FunnelSvgOptions = {}): string {
  const singular = options.unitSingular ?? 'unit';
  const pluralForm = options.unitPlural ?? `${singular}s`;
  const maxNames = options.maxNamesListed ?? 5;
  const limitSet = options.limits ?? analysis.limitsUsed;
  const sentences: string[] = [];

  if (analysis.p0 === null || analysis.units.length === 0) {
    sentences.push(`No ${pluralForm} to plot.`);
  } else {
    const against = analysis.p0Source === 'target' ? 'a target rate' : 'an overall rate';
    sentences.push(
      `${plural(analysis.units.length, singular, pluralForm)} plotted against ${against} of ` +
        `${formatPercent(analysis.p0)}, with ${
          limitSet === 'exact' ? 'exact binomial' : 'overdispersion-adjusted'
        } 95% and 99.8% limits.`,
    );
    const namesBy = (label: FunnelLabel): string[] =>
      analysis.units.filter((u) => labelFor(u, limitSet) === label).map((u) => u.name);
    const groups: [FunnelLabel, string][] = [
      ['High (0.001)', 'above the 99.8% limit'],
      ['High (0.025)', 'above the 95% limit but not the 99.8% limit'],
      ['Low (0.025)', 'below the 95% limit but not the 99.8% limit'],
      ['Low (0.001)', 'below the 99.8% limit'],
    ];
    for (const [label, where] of groups) {
      const names = namesBy(label);
      sentences.push(
        names.length === 0
          ? `No ${pluralForm} ${where}.`
          : `${plural(names.length, singular, pluralForm)} ${where}: ${listNames(names, maxNames)}.`,
      );
    }
    sentences.push(
      `${plural(namesBy('Not significant').length, singular, pluralForm)} within the limits.`,
    );
  }
  if (analysis.excluded.length > 0) {
    sentences.push(
      `${plural(analysis.excluded.length, singular, pluralForm)} not plotted (no denominator or ` +
        `invalid figures).`,
    );
  }
  return sentences.join(' ');
}

/** A unit's label against the limits being drawn, so markers always agree with the curves. */
function labelFor(unit: FunnelUnitResult, limitSet: FunnelLimitSet): FunnelLabel {
  if (unit.limitsUsed === limitSet) return unit.label;
  return classifyRate(unit.rate, limitSet === 'exact' ? unit.exactLimits : unit.adjustedLimits);
}

function markerPath(shape: MarkerStyle['shape'], x: number, y: number): string {
  switch (shape) {
    case 'dot':
      // A zero-length line with round caps draws a dot in a dozen characters.
      return `M${coord(x)} ${coord(y)}h0`;
    case 'up':
      return `M${coord(x)} ${coord(y - 5.5)}l5.5 9h-11z`;
    case 'down':
      return `M${coord(x)} ${coord(y + 5.5)}l5.5 -9h-11z`;
  }
}

function markerAttributes(style: MarkerStyle): string {
  if (style.shape === 'dot') {
    return `fill="none" stroke="${style.colour}" stroke-width="6" stroke-linecap="round"`;
  }
  return style.filled
    ? `fill="${style.colour}" stroke="${style.colour}" stroke-width="1"`
    : `fill="#ffffff" stroke="${style.colour}" stroke-width="1.5"`;
}

/** Marker for the legend, drawn at (x, y). */
function legendMarker(style: MarkerStyle, x: number, y: number): string {
  return `<path d="${markerPath(style.shape, x, y)}" ${markerAttributes(style)}/>`;
}

function safeId(prefix: string): string {
  const cleaned = prefix.replace(/[^A-Za-z0-9_-]/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `funnel${cleaned}`;
}

export function renderFunnelSvg(analysis: FunnelAnalysis, options: FunnelSvgOptions = {}): string {
  const id = safeId(options.idPrefix ?? 'funnel');
  const title = options.title ?? 'Funnel plot';
  const xLabel = options.xLabel ?? 'Denominator';
  const yLabel = options.yLabel ?? 'Rate (%)';
  const limitSet = options.limits ?? analysis.limitsUsed;
  const description = describeFunnel(analysis, options);

  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc" ` +
    `font-family="&quot;GDS Transport&quot;, arial, sans-serif" font-size="13" fill="${BLACK}">` +
    `<title id="${id}-title">${escapeXml(title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`;

  const { p0, units } = analysis;
  if (p0 === null || units.length === 0) {
    return (
      `${open}<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">` +
      `No data to plot</text></svg>`
    );
  }

  const curve = funnelCurve(analysis);
  const limitsAt = (point: { exact: FunnelLimits; adjusted: FunnelLimits }): FunnelLimits =>
    limitSet === 'exact' ? point.exact : point.adjusted;

  // Scale to the units and to the limits at a typical size: the limits of the very smallest
  // units can reach 100% and would squash everything else; curves are clipped to the plot.
  const sizes = units.map((u) => u.denominator).sort((a, b) => a - b);
  const medianSize = sizes[Math.floor(sizes.length / 2)] ?? 1;
  const typical = curve.reduce(
    (best, point) =>
      Math.abs(point.denominator - medianSize) < Math.abs(best.denominator - medianSize)
        ? point
        : best,
    curve[0] ?? { denominator: medianSize, exact: zeroLimits(), adjusted: zeroLimits() },
  );
  const highestRate = Math.max(p0, limitsAt(typical).upper998, ...units.map((u) => u.rate));
  const yAxis = ticksFromZero(Math.min(1, Math.max(highestRate * 1.05, 0.01)), 5);
  const yMax = yAxis.ticks[yAxis.ticks.length - 1] ?? 1;
  const xAxis = ticksFromZero(Math.max(sizes[sizes.length - 1] ?? 1, 1), 6);
  const xMax = xAxis.ticks[xAxis.ticks.length - 1] ?? 1;

  const toX = (n: number): number => PLOT.left + (n / xMax) * (PLOT.right - PLOT.left);
  const toY = (rate: number): number => PLOT.bottom - (rate / yMax) * (PLOT.bottom - PLOT.top);

  const parts: string[] = [open];
  parts.push(
    `<defs><clipPath id="${id}-clip"><rect x="${PLOT.left}" y="${PLOT.top}" ` +
      `width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}"/></clipPath></defs>`,
  );

  // Grid and ticks.
  const yDecimals = Math.max(0, -Math.floor(Math.log10(yAxis.step * 100) + 1e-9));
  const grid: string[] = [];
  const tickLabels: string[] = [];
  for (const value of yAxis.ticks) {
    const y = coord(toY(value));
    grid.push(`M${PLOT.left} ${y}H${PLOT.right}`);
    tickLabels.push(
      `<text x="${PLOT.left - 8}" y="${y}" dy="0.32em" text-anchor="end">` +
        `${(value * 100).toFixed(yDecimals)}</text>`,
    );
  }
  for (const value of xAxis.ticks) {
    const x = coord(toX(value));
    grid.push(`M${x} ${PLOT.bottom}v5`);
    tickLabels.push(
      `<text x="${x}" y="${PLOT.bottom + 20}" text-anchor="middle">${formatCount(value)}</text>`,
    );
  }
  parts.push(`<path d="${grid.join('')}" stroke="#b1b4b6" stroke-width="1" fill="none"/>`);
  parts.push(
    `<path d="M${PLOT.left} ${PLOT.top}V${PLOT.bottom}H${PLOT.right}" stroke="${BLACK}" ` +
      `stroke-width="1" fill="none"/>`,
  );
  parts.push(`<g font-size="12">${tickLabels.join('')}</g>`);
  parts.push(
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 40}" text-anchor="middle">` +
      `${escapeXml(xLabel)}</text>`,
    `<text transform="translate(16 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" ` +
      `text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );

  // Limit curves and the overall rate.
  const line = (pick: (limits: FunnelLimits) => number): string =>
    curve
      .map(
        (point, i) =>
          `${i === 0 ? 'M' : 'L'}${coord(toX(point.denominator))} ${coord(toY(pick(limitsAt(point))))}`,
      )
      .join('');
  const curves95 = `${line((l) => l.lower95)}${line((l) => l.upper95)}`;
  const curves998 = `${line((l) => l.lower998)}${line((l) => l.upper998)}`;
  parts.push(
    `<g clip-path="url(#${id}-clip)" fill="none">` +
      `<path d="M${PLOT.left} ${coord(toY(p0))}H${PLOT.right}" stroke="${GREEN}" stroke-width="2"/>` +
      `<path d="${curves95}" stroke="${DARK_GREY}" stroke-width="1.5" stroke-dasharray="8 4"/>` +
      `<path d="${curves998}" stroke="${BLACK}" stroke-width="2" stroke-dasharray="0.1 4" ` +
      `stroke-linecap="round"/>` +
      `</g>`,
  );

  // Points: one path per label keeps 600 schools to a few kilobytes.
  for (const label of DRAW_ORDER) {
    const style = MARKERS[label];
    const d = units
      .filter((u) => labelFor(u, limitSet) === label)
      .map((u) => markerPath(style.shape, toX(u.denominator), toY(u.rate)))
      .join('');
    if (d) parts.push(`<path d="${d}" ${markerAttributes(style)}/>`);
  }

  // Legend, two rows: lines, then markers.
  const legendY1 = 376;
  const legendY2 = 402;
  parts.push(
    `<g font-size="12">` +
      `<path d="M${PLOT.left} ${legendY1}h28" stroke="${GREEN}" stroke-width="2"/>` +
      `<text x="${PLOT.left + 34}" y="${legendY1}" dy="0.32em">` +
      `${analysis.p0Source === 'target' ? 'Target rate' : 'Overall rate'} ${formatPercent(p0)}</text>` +
      `<path d="M${PLOT.left + 170} ${legendY1}h28" stroke="${DARK_GREY}" stroke-width="1.5" ` +
      `stroke-dasharray="8 4"/>` +
      `<text x="${PLOT.left + 204}" y="${legendY1}" dy="0.32em">95% limits</text>` +
      `<path d="M${PLOT.left + 290} ${legendY1}h28" stroke="${BLACK}" stroke-width="2" ` +
      `stroke-dasharray="0.1 4" stroke-linecap="round"/>` +
      `<text x="${PLOT.left + 324}" y="${legendY1}" dy="0.32em">99.8% limits` +
      `${limitSet === 'exact' ? '' : ' (both adjusted for overdispersion)'}</text>`,
  );
  const legendOrder: readonly FunnelLabel[] = [
    'High (0.001)',
    'High (0.025)',
    'Not significant',
    'Low (0.025)',
    'Low (0.001)',
  ];
  legendOrder.forEach((label, i) => {
    const x = PLOT.left + 6 + i * 128;
    parts.push(
      legendMarker(MARKERS[label], x, legendY2),
      `<text x="${x + 12}" y="${legendY2}" dy="0.32em">${escapeXml(label)}</text>`,
    );
  });
  parts.push(`</g></svg>`);
  return parts.join('');
}

function zeroLimits(): FunnelLimits {
  return { lower998: 0, lower95: 0, upper95: 0, upper998: 0 };
}
