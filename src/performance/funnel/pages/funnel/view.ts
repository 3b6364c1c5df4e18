// What the funnel page shows, from identification rates: the units of the chosen level, those too
// small to analyse, the rows of the table (flagged first) and the overdispersion note. Pure.
import type { IdentificationRates, RateUnit } from '../../../census/index.js';
import type { Level } from '../../../census/index.js';
import type { FunnelAnalysis, FunnelLabel, FunnelUnitResult } from '../../funnel.js';

export function unitsOfLevel(rates: IdentificationRates, level: Level): RateUnit[] {
  if (level === 'district') return rates.districts;
  if (level === 'locality') return rates.localities;
  return rates.schools;
}

/** Units with fewer pupils than the minimum are left out: tiny units flag on a single pupil. */
export function splitByMinimum(
  units: readonly RateUnit[],
  minPupils: number,
): { included: RateUnit[]; tooSmall: RateUnit[] } {
  const included: RateUnit[] = [];
  const tooSmall: RateUnit[] = [];
  for (const unit of units) (unit.denominator < minPupils ? tooSmall : included).push(unit);
  return { included, tooSmall };
}

const LABEL_ORDER: Record<FunnelLabel, number> = {
  'High (0.001)': 0,
  'Low (0.001)': 1,
  'High (0.025)': 2,
  'Low (0.025)': 3,
  'Not significant': 4,
};

/** Flagged units first (most extreme first), then by rate, highest first. */
export function orderForTable(units: readonly FunnelUnitResult[]): FunnelUnitResult[] {
  return [...units].sort(
    (a, b) =>
      LABEL_ORDER[a.label] - LABEL_ORDER[b.label] ||
      b.rate - a.rate ||
      a.name.localeCompare(b.name, 'en', { numeric: true }),
  );
}

export function limitsOf(unit: FunnelUnitResult) {
  return unit.limitsUsed === 'exact' ? unit.exactLimits : unit.adjustedLimits;
}

/** One plain sentence on overdispersion and which limits the labels use. */
export function overdispersionNote(analysis: FunnelAnalysis): string {
  const { phi, tau2 } = analysis.overdispersion;
  const figures = `φ = ${phi.toFixed(2)}, τ² = ${tau2.toPrecision(3)}`;
  if (analysis.units.length === 0) return 'There are no units to compare.';
  if (analysis.limitsUsed === 'overdispersion-adjusted')
    return `The units vary more than chance alone would explain (${figures}), so the labels use limits widened for this overdispersion: a unit is flagged only if it stands out from that wider spread.`;
  return `Chance alone explains the spread between units (${figures}), so the labels use exact binomial limits.`;
}
