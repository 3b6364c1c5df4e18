// Identification rates by school, district and locality from a census's per-school counts, with
// England's figure for comparison. Pure.
import { isCount, type NeedCode, type ProvisionCounts, type SchoolCensusCounts } from './census.js';

export interface SchoolGeography {
  district: string | null;
  locality: string | null;
  /** Shown instead of the URN when given. */
  schoolName?: string;
}

/** Which pupils count in the numerator: one primary need, or any SEN. */
export type NeedSelection = NeedCode | 'any SEN';

/**
 * 'all pupils': everyone on roll. 'pupils with SEN': pupils with the chosen provision (E, K or
 * E+K), so e.g. ASD among pupils with an EHC plan gives the DfE's "share of EHC plans" measure.
 */
export type RateDenominator = 'all pupils' | 'pupils with SEN';

export type ProvisionFilter = 'E' | 'K' | 'E and K';

/** England's figure for the same measure: counts (preferred) or a rate as a proportion 0–1. */
export type EnglandFigure = { numerator: number; denominator: number } | { rate: number };

export interface IdentificationRateOptions {
  need: NeedSelection;
  denominator: RateDenominator;
  provision: ProvisionFilter;
  england?: EnglandFigure;
}

/** Shaped so it can be passed straight to a funnel plot ({id, name, numerator, denominator}). */
export interface RateUnit {
  id: string;
  name: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator as a proportion; null when the denominator is 0. */
  rate: number | null;
  /** rate minus England's rate (proportion, so 0.012 = 1.2 percentage points); null if unknown. */
  differenceFromEngland: number | null;
}

export interface SchoolRateUnit extends RateUnit {
  districtId: string;
  localityId: string;
}

export interface EnglandComparison {
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  /** Partnership rate minus England rate. */
  difference: number | null;
  /** Partnership rate divided by England rate. */
  ratio: number | null;
}

export interface IdentificationRates {
  options: IdentificationRateOptions;
  schools: SchoolRateUnit[];
  districts: RateUnit[];
  localities: RateUnit[];
  partnership: RateUnit;
  england: EnglandComparison | null;
  /**
   * Pupils with the chosen provision whose primary need was not recorded. When a single need is
   * chosen these pupils cannot be in the numerator, so a large number here understates rates.
   */
  notRecorded: number;
  /** Schools put in the "Unassigned" district or locality, and why. */
  unassigned: {
    notInGeography: string[];
    withoutDistrict: string[];
    withoutLocality: string[];
  };
}

export const UNASSIGNED_ID = '(unassigned)';
export const UNASSIGNED_NAME = 'Unassigned';

function rateOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function englandComparison(
  figure: EnglandFigure,
  partnershipRate: number | null,
): EnglandComparison {
  let comparison: EnglandComparison;
  if ('rate' in figure) {
    if (!(figure.rate >= 0 && figure.rate <= 1)) {
      throw new RangeError(
        `The England rate must be a proportion from 0 to 1 (got ${String(figure.rate)}); divide a percentage by 100.`,
      );
    }
    comparison = {
      numerator: null,
      denominator: null,
      rate: figure.rate,
      difference: null,
      ratio: null,
    };
  } else {
    if (!isCount(figure.numerator) || !isCount(figure.denominator)) {
      throw new RangeError('England numerator and denominator must be whole numbers of 0 or more.');
    }
    comparison = {
      numerator: figure.numerator,
      denominator: figure.denominator,
      rate: rateOf(figure.numerator, figure.denominator),
      difference: null,
      ratio: null,
    };
  }
  if (comparison.rate !== null && partnershipRate !== null) {
    comparison.difference = partnershipRate - comparison.rate;
    comparison.ratio = comparison.rate > 0 ? partnershipRate / comparison.rate : null;
  }
  return comparison;
}

function pick(counts: ProvisionCounts, provision: ProvisionFilter): number {
  if (provision === 'E') return counts.E;
  if (provision === 'K') return counts.K;
  return counts.E + counts.K;
}

/**
 * Identification rates for one need (or any SEN) by school, district, locality and the whole
 * partnership, with England for comparison. Numerators and denominators are returned so a funnel
 * plot can use them directly. Schools not in the geography go to an "Unassigned" district and
 * locality, and are listed.
 */
export function identificationRates(
  schools: readonly SchoolCensusCounts[],
  geography: ReadonlyMap<string, SchoolGeography>,
  options: IdentificationRateOptions,
): IdentificationRates {
  const { need, denominator: denominatorKind, provision } = options;
  const districts = new Map<string, { name: string; numerator: number; denominator: number }>();
  const localities = new Map<string, { name: string; numerator: number; denominator: number }>();
  const unassigned: IdentificationRates['unassigned'] = {
    notInGeography: [],
    withoutDistrict: [],
    withoutLocality: [],
  };
  const schoolUnits: Omit<SchoolRateUnit, 'differenceFromEngland'>[] = [];
  let notRecorded = 0;

  const addTo = (
    groups: Map<string, { name: string; numerator: number; denominator: number }>,
    name: string | null,
    numerator: number,
    denominator: number,
  ): string => {
    const trimmed = name?.trim() ?? '';
    const id = trimmed === '' ? UNASSIGNED_ID : trimmed;
    const group = groups.get(id) ?? {
      name: trimmed === '' ? UNASSIGNED_NAME : trimmed,
      numerator: 0,
      denominator: 0,
    };
    group.numerator += numerator;
    group.denominator += denominator;
    groups.set(id, group);
    return id;
  };

  for (const school of schools) {
    const numerator =
      need === 'any SEN' ? pick(school.sen, provision) : pick(school.needs[need], provision);
    const denominator =
      denominatorKind === 'all pupils' ? school.totalPupils : pick(school.sen, provision);
    notRecorded += pick(school.notRecorded, provision);

    const place = geography.get(school.schoolUrn);
    if (place === undefined) unassigned.notInGeography.push(school.schoolUrn);
    else {
      if (!place.district?.trim()) unassigned.withoutDistrict.push(school.schoolUrn);
      if (!place.locality?.trim()) unassigned.withoutLocality.push(school.schoolUrn);
    }
    const districtId = addTo(districts, place?.district ?? null, numerator, denominator);
    const localityId = addTo(localities, place?.locality ?? null, numerator, denominator);
    schoolUnits.push({
      id: school.schoolUrn,
      name: place?.schoolName?.trim() || school.schoolUrn,
      numerator,
      denominator,
      rate: rateOf(numerator, denominator),
      districtId,
      localityId,
    });
  }

  let totalNumerator = 0;
  let totalDenominator = 0;
  for (const unit of schoolUnits) {
    totalNumerator += unit.numerator;
    totalDenominator += unit.denominator;
  }
  const partnershipRate = rateOf(totalNumerator, totalDenominator);
  const england =
    options.england === undefined ? null : englandComparison(options.england, partnershipRate);
  const englandRate = england?.rate ?? null;
  const differenceFromEngland = (rate: number | null): number | null =>
    rate === null || englandRate === null ? null : rate - englandRate;

  const groupUnits = (
    groups: Map<string, { name: string; numerator: number; denominator: number }>,
  ): RateUnit[] =>
    [...groups]
      .map(([id, group]) => {
        const rate = rateOf(group.numerator, group.denominator);
        return { id, ...group, rate, differenceFromEngland: differenceFromEngland(rate) };
      })
      // Alphabetical, with Unassigned last so it reads as a remainder.
      .sort((a, b) =>
        a.id === UNASSIGNED_ID
          ? 1
          : b.id === UNASSIGNED_ID
            ? -1
            : a.name.localeCompare(b.name, 'en', { numeric: true }),
      );

  return {
    options,
    schools: schoolUnits.map((unit) => ({
      ...unit,
      differenceFromEngland: differenceFromEngland(unit.rate),
    })),
    districts: groupUnits(districts),
    localities: groupUnits(localities),
    partnership: {
      id: 'partnership',
      name: 'Partnership',
      numerator: totalNumerator,
      denominator: totalDenominator,
      rate: partnershipRate,
      differenceFromEngland: differenceFromEngland(partnershipRate),
    },
    england,
    notRecorded,
    unassigned,
  };
}
