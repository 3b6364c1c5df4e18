/**
 * Funnel plots for comparing schools or districts fairly (Spiegelhalter 2005, "Funnel plots for
 * comparing institutional performance", Statistics in Medicine 24:1185–1202).
 *
 * Pure: no I/O. Each unit's rate r/n is compared with control limits around the overall rate p0
 * that narrow as n grows: exact binomial limits, and limits widened for overdispersion (extra
 * variation between units that chance alone does not explain, usual in real data).
 */
import {
  assertProbability,
  assertTrials,
  clampProportion,
  exactBinomialLimit,
} from './binomial.js';

export interface FunnelUnitInput {
  id: string;
  name: string;
  /** Pupils with the characteristic, e.g. pupils recorded with MLD. */
  numerator: number;
  /** Pupils it is out of, e.g. all pupils on roll. */
  denominator: number;
}

/** Control limits as proportions (0–1). */
export interface FunnelLimits {
  lower998: number;
  lower95: number;
  upper95: number;
  upper998: number;
}

export type FunnelLabel =
  'High (0.001)' | 'High (0.025)' | 'Not significant' | 'Low (0.025)' | 'Low (0.001)';

export const FUNNEL_LABELS: readonly FunnelLabel[] = [
  'High (0.001)',
  'High (0.025)',
  'Not significant',
  'Low (0.025)',
  'Low (0.001)',
];

export type FunnelLimitSet = 'exact' | 'overdispersion-adjusted';

export interface FunnelUnitResult extends FunnelUnitInput {
  rate: number;
  /** (asin √rate − asin √p0) · 2√n, before winsorising. */
  zScore: number;
  exactLimits: FunnelLimits;
  adjustedLimits: FunnelLimits;
  limitsUsed: FunnelLimitSet;
  label: FunnelLabel;
}

export type FunnelExclusionReason =
  'zero-denominator' | 'invalid-number' | 'numerator-exceeds-denominator' | 'duplicate-id';

export interface FunnelExcludedUnit {
  unit: FunnelUnitInput;
  reason: FunnelExclusionReason;
  message: string;
}

export interface Overdispersion {
  /** Mean of the winsorised squared z-scores; about 1 when chance explains the spread. */
  phi: number;
  /** Additive between-unit variance on the arcsine scale; 0 when there is no overdispersion. */
  tau2: number;
  detected: boolean;
}

export interface FunnelAnalysis {
  /** null only when no unit could be analysed and no target rate was given. */
  p0: number | null;
  p0Source: 'data' | 'target';
  units: FunnelUnitResult[];
  excluded: FunnelExcludedUnit[];
  overdispersion: Overdispersion;
  limitsUsed: FunnelLimitSet;
}

export interface FunnelOptions {
  /** Compare with a fixed rate (e.g. England's) instead of the units' own overall rate. */
  targetRate?: number;
  /** 'auto' (default): overdispersion-adjusted limits when τ² > 0, otherwise exact limits. */
  labelWith?: 'auto' | FunnelLimitSet;
}

/** Standard normal quantiles for 0.975 and 0.999. */
export const Z_95 = 1.959963984540054;
export const Z_998 = 3.090232306167813;

/** One-sided tail probabilities of the two limit pairs. */
const TAIL_95 = 0.025;
const TAIL_998 = 0.001;

/** The four exact limits for a unit of size n. */
export function exactLimits(n: number, p0: number): FunnelLimits {
  return {
    lower998: exactBinomialLimit(n, p0, TAIL_998),
    lower95: exactBinomialLimit(n, p0, TAIL_95),
    upper95: exactBinomialLimit(n, p0, 1 - TAIL_95),
    upper998: exactBinomialLimit(n, p0, 1 - TAIL_998),
  };
}

// ---------------------------------------------------------------------------------------------
// Overdispersion (arcsine scale)

/** Arcsine-scale z-score of r/n against p0: variance-stabilised, so s = 1/(2√n) for every p0. */
export function arcsineZScore(numerator: number, denominator: number, p0: number): number {
  const y = Math.asin(Math.sqrt(numerator / denominator));
  const y0 = Math.asin(Math.sqrt(p0));
  return (y - y0) * 2 * Math.sqrt(denominator);
}

/**
 * Percentile by linear interpolation between order statistics (the R/numpy default, "type 7").
 * `sorted` must be ascending and non-empty.
 */
function percentile(sorted: readonly number[], fraction: number): number {
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - below);
}

/**
 * Replaces values below the `fraction` percentile by that percentile and values above the
 * (1 − fraction) percentile by that one, so a few wild units cannot inflate φ on their own.
 */
export function winsorise(values: readonly number[], fraction = 0.1): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const low = percentile(sorted, fraction);
  const high = percentile(sorted, 1 - fraction);
  return values.map((v) => Math.min(high, Math.max(low, v)));
}

/**
 * φ = mean of winsorised z², and the additive random-effects variance
 * τ² = max(0, (Iφ − (I − 1)) / (Σw − Σw²/Σw)) with w = 1/s² = 4n (Spiegelhalter 2005).
 */
export function estimateOverdispersion(
  zScores: readonly number[],
  denominators: readonly number[],
): Overdispersion {
  const count = zScores.length;
  if (count !== denominators.length) {
    throw new RangeError('zScores and denominators must be the same length');
  }
  if (count === 0) return { phi: 0, tau2: 0, detected: false };
  const winsorised = winsorise(zScores, 0.1);
  const phi = winsorised.reduce((sum, z) => sum + z * z, 0) / count;
  let sumW = 0;
  let sumW2 = 0;
  for (const n of denominators) {
    const w = 4 * n;
    sumW += w;
    sumW2 += w * w;
  }
  const spread = sumW - sumW2 / sumW;
  // One unit (spread 0) carries no information about between-unit variation.
  const tau2 = spread > 0 ? Math.max(0, (count * phi - (count - 1)) / spread) : 0;
  return { phi, tau2, detected: tau2 > 0 };
}

/** sin² of an arcsine-scale value; angles outside [0, π/2] are clamped, as sin² folds back. */
function fromArcsine(angle: number): number {
  const clamped = Math.min(Math.PI / 2, Math.max(0, angle));
  const s = Math.sin(clamped);
  return clampProportion(s * s);
}

/** Limits y0 ± z·√(s² + τ²) on the arcsine scale, mapped back to proportions. */
export function adjustedLimits(n: number, p0: number, tau2: number): FunnelLimits {
  assertTrials(n);
  assertProbability(p0, 'p0');
  const y0 = Math.asin(Math.sqrt(p0));
  const spread = Math.sqrt(1 / (4 * n) + Math.max(0, tau2));
  return {
    lower998: fromArcsine(y0 - Z_998 * spread),
    lower95: fromArcsine(y0 - Z_95 * spread),
    upper95: fromArcsine(y0 + Z_95 * spread),
    upper998: fromArcsine(y0 + Z_998 * spread),
  };
}

// ---------------------------------------------------------------------------------------------
// Labels and analysis

/** A rate exactly on a limit counts as inside. */
export function classifyRate(rate: number, limits: FunnelLimits): FunnelLabel {
  if (rate > limits.upper998) return 'High (0.001)';
  if (rate > limits.upper95) return 'High (0.025)';
  if (rate < limits.lower998) return 'Low (0.001)';
  if (rate < limits.lower95) return 'Low (0.025)';
  return 'Not significant';
}

function validate(units: readonly FunnelUnitInput[]): {
  valid: FunnelUnitInput[];
  excluded: FunnelExcludedUnit[];
} {
  const valid: FunnelUnitInput[] = [];
  const excluded: FunnelExcludedUnit[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    const { numerator: r, denominator: n } = unit;
    if (!Number.isSafeInteger(r) || !Number.isSafeInteger(n) || r < 0 || n < 0) {
      excluded.push({
        unit,
        reason: 'invalid-number',
        message: 'Numerator and denominator must be whole numbers of 0 or more.',
      });
    } else if (n === 0) {
      excluded.push({
        unit,
        reason: 'zero-denominator',
        message: 'Denominator is 0, so there is no rate to compare.',
      });
    } else if (r > n) {
      excluded.push({
        unit,
        reason: 'numerator-exceeds-denominator',
        message: 'Numerator is larger than the denominator.',
      });
    } else if (seen.has(unit.id)) {
      excluded.push({
        unit,
        reason: 'duplicate-id',
        message: 'Another unit with the same ID is already included.',
      });
    } else {
      seen.add(unit.id);
      valid.push(unit);
    }
  }
  return { valid, excluded };
}

/**
 * Compares each unit's rate with funnel limits around p0. Units that cannot be analysed (n = 0,
 * bad numbers, duplicate IDs) are listed in `excluded` rather than throwing.
 */
export function analyseFunnel(
  units: readonly FunnelUnitInput[],
  options: FunnelOptions = {},
): FunnelAnalysis {
  const { targetRate, labelWith = 'auto' } = options;
  if (targetRate !== undefined) assertProbability(targetRate, 'targetRate');
  const { valid, excluded } = validate(units);

  let totalR = 0;
  let totalN = 0;
  for (const unit of valid) {
    totalR += unit.numerator;
    totalN += unit.denominator;
  }
  const p0 = targetRate ?? (totalN > 0 ? totalR / totalN : null);
  const p0Source = targetRate === undefined ? 'data' : 'target';
  if (p0 === null) {
    return {
      p0,
      p0Source,
      units: [],
      excluded,
      overdispersion: { phi: 0, tau2: 0, detected: false },
      limitsUsed: labelWith === 'overdispersion-adjusted' ? labelWith : 'exact',
    };
  }

  const zScores = valid.map((u) => arcsineZScore(u.numerator, u.denominator, p0));
  const overdispersion = estimateOverdispersion(
    zScores,
    valid.map((u) => u.denominator),
  );
  const limitsUsed: FunnelLimitSet =
    labelWith === 'auto'
      ? overdispersion.detected
        ? 'overdispersion-adjusted'
        : 'exact'
      : labelWith;

  // Many units share a size; exact limits cost a short summation each, so reuse them.
  const exactBySize = new Map<number, FunnelLimits>();
  const results = valid.map((unit, index): FunnelUnitResult => {
    const n = unit.denominator;
    let exact = exactBySize.get(n);
    if (!exact) {
      exact = exactLimits(n, p0);
      exactBySize.set(n, exact);
    }
    const adjusted = adjustedLimits(n, p0, overdispersion.tau2);
    const rate = unit.numerator / n;
    return {
      id: unit.id,
      name: unit.name,
      numerator: unit.numerator,
      denominator: n,
      rate,
      zScore: zScores[index] ?? 0,
      exactLimits: exact,
      adjustedLimits: adjusted,
      limitsUsed,
      label: classifyRate(rate, limitsUsed === 'exact' ? exact : adjusted),
    };
  });

  return { p0, p0Source, units: results, excluded, overdispersion, limitsUsed };
}

// ---------------------------------------------------------------------------------------------
// Curves and exports

export interface FunnelCurvePoint {
  denominator: number;
  exact: FunnelLimits;
  adjusted: FunnelLimits;
}

export interface FunnelCurveOptions {
  /** Roughly how many points; default 100. */
  points?: number;
  minDenominator?: number;
  maxDenominator?: number;
}

/**
 * Limits across denominators from the smallest to the largest unit (or the given range), for
 * drawing the funnel. Half the points are spaced on a log scale (the funnel changes fastest at
 * small n) and half linearly, so the curves look smooth on either kind of axis.
 */
export function funnelCurve(
  analysis: Pick<FunnelAnalysis, 'p0' | 'units' | 'overdispersion'>,
  options: FunnelCurveOptions = {},
): FunnelCurvePoint[] {
  const { p0, units, overdispersion } = analysis;
  if (p0 === null) return [];
  const sizes = units.map((u) => u.denominator);
  const low = Math.max(1, Math.ceil(options.minDenominator ?? Math.min(...sizes)));
  const high = Math.max(low, Math.floor(options.maxDenominator ?? Math.max(...sizes)));
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
  const points = Math.max(2, Math.round(options.points ?? 100));
  const half = Math.max(2, Math.ceil(points / 2));

  const denominators = new Set<number>([low, high]);
  const logLow = Math.log(low);
  const logStep = (Math.log(high) - logLow) / (half - 1);
  const linearStep = (high - low) / (half - 1);
  for (let i = 1; i < half - 1; i++) {
    denominators.add(Math.round(Math.exp(logLow + i * logStep)));
    denominators.add(Math.round(low + i * linearStep));
  }
  return [...denominators]
    .filter((n) => n >= low && n <= high)
    .sort((a, b) => a - b)
    .map((n) => ({
      denominator: n,
      exact: exactLimits(n, p0),
      adjusted: adjustedLimits(n, p0, overdispersion.tau2),
    }));
}

export const FUNNEL_CSV_HEADER = [
  'ID',
  'Name',
  'Numerator',
  'Denominator',
  'Rate (%)',
  'Lower 99.8% limit (%)',
  'Lower 95% limit (%)',
  'Upper 95% limit (%)',
  'Upper 99.8% limit (%)',
  'Limits used',
  'Label',
] as const;

export type FunnelCsvRow = [
  id: string,
  name: string,
  numerator: number,
  denominator: number,
  ratePercent: number,
  lower998Percent: number,
  lower95Percent: number,
  upper95Percent: number,
  upper998Percent: number,
  limitsUsed: string,
  label: FunnelLabel,
];

/**
 * Rows for the units outside their limits (not significant ones left out), in input order.
 * Rates and limits are percentages rounded to `decimals` places; text a spreadsheet would run as
 * a formula (= + - @ …) gets a leading single quote, as the plan exports do.
 */
export function flaggedUnitCsvRows(
  analysis: Pick<FunnelAnalysis, 'units'>,
  decimals = 2,
): FunnelCsvRow[] {
  const percent = (proportion: number): number => roundTo(proportion * 100, decimals);
  return analysis.units
    .filter((u) => u.label !== 'Not significant')
    .map((u) => {
      const limits = u.limitsUsed === 'exact' ? u.exactLimits : u.adjustedLimits;
      return [
        neutraliseFormula(u.id),
        neutraliseFormula(u.name),
        u.numerator,
        u.denominator,
        percent(u.rate),
        percent(limits.lower998),
        percent(limits.lower95),
        percent(limits.upper95),
        percent(limits.upper998),
        u.limitsUsed === 'exact' ? 'Exact binomial' : 'Adjusted for overdispersion',
        u.label,
      ];
    });
}

function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r\n＝＋－＠]/.test(value) ? `'${value}` : value;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
