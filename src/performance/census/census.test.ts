import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NEED_CODES,
  NEED_TYPES,
  needLabel,
  normaliseNeedCode,
  normaliseProvisionCode,
  PROVISION_CODES,
  PROVISION_NAMES,
  PUPIL_ROW_MESSAGES,
  PupilCensusAggregator,
  SchoolCensusAggregator,
  validatePupilRow,
  validateSchoolRow,
  type CensusResult,
  type NeedCode,
  type ProvisionCode,
  type PupilRow,
  type SchoolCensusCounts,
  type SchoolLevelRow,
} from './census.js';
import {
  identificationRates,
  UNASSIGNED_ID,
  UNASSIGNED_NAME,
  type SchoolGeography,
} from './identification-rates.js';
import { readPercentage, recordedEnglandFigure } from './census-query.js';

function pupil(
  schoolUrn: string,
  provision: ProvisionCode,
  primaryNeed: NeedCode | null,
): PupilRow {
  return { schoolUrn, provision, primaryNeed };
}

function aggregatePupils(rows: Iterable<PupilRow>): CensusResult {
  const aggregator = new PupilCensusAggregator();
  for (const row of rows) aggregator.add(row);
  return aggregator.result();
}

// Builds the school-level rows a management information system would export for the same pupils,
// so the two input routes can be compared.
function toSchoolRows(rows: readonly PupilRow[]): SchoolLevelRow[] {
  const bySchool = new Map<string, SchoolLevelRow>();
  for (const row of rows) {
    let school = bySchool.get(row.schoolUrn);
    if (school === undefined) {
      school = {
        schoolUrn: row.schoolUrn,
        totalPupils: 0,
        sen: { E: 0, K: 0 },
        needs: { E: {}, K: {} },
      };
      bySchool.set(row.schoolUrn, school);
    }
    school.totalPupils += 1;
    if (row.provision === 'N') continue;
    school.sen[row.provision] += 1;
    if (row.primaryNeed !== null) {
      const needs = school.needs[row.provision];
      needs[row.primaryNeed] = (needs[row.primaryNeed] ?? 0) + 1;
    }
  }
  return [...bySchool.values()];
}

function aggregateSchools(rows: Iterable<SchoolLevelRow>): CensusResult {
  const aggregator = new SchoolCensusAggregator();
  for (const row of rows) aggregator.add(row);
  return aggregator.result();
}

function school(result: CensusResult, urn: string): SchoolCensusCounts {
  const found = result.schools.find((s) => s.schoolUrn === urn);
  if (found === undefined) throw new Error(`no school ${urn}`);
  return found;
}

// Three schools, counted by hand in the comments below.
const EXAMPLE: PupilRow[] = [
  // 100001: 10 pupils; E: ASD, ASD, SLCN; K: MLD, MLD, SEMH, NSA, none recorded; N: 2.
  pupil('100001', 'E', 'ASD'),
  pupil('100001', 'E', 'ASD'),
  pupil('100001', 'E', 'SLCN'),
  pupil('100001', 'K', 'MLD'),
  pupil('100001', 'K', 'MLD'),
  pupil('100001', 'K', 'SEMH'),
  pupil('100001', 'K', 'NSA'),
  pupil('100001', 'K', null),
  pupil('100001', 'N', null),
  pupil('100001', 'N', null),
  // 100002: 8 pupils; E: MLD, none recorded; K: MLD, ASD, DS; N: 3.
  pupil('100002', 'E', 'MLD'),
  pupil('100002', 'E', null),
  pupil('100002', 'K', 'MLD'),
  pupil('100002', 'K', 'ASD'),
  pupil('100002', 'K', 'DS'),
  pupil('100002', 'N', null),
  pupil('100002', 'N', null),
  pupil('100002', 'N', null),
  // 100003: 5 pupils; K: MLD; N: 4.
  pupil('100003', 'K', 'MLD'),
  pupil('100003', 'N', null),
  pupil('100003', 'N', null),
  pupil('100003', 'N', null),
  pupil('100003', 'N', null),
];

const GEOGRAPHY = new Map<string, SchoolGeography>([
  ['100001', { district: 'Avondale', locality: 'North', schoolName: 'Avondale Primary' }],
  ['100002', { district: 'Brookfield', locality: 'North' }],
  // 100003 is deliberately missing.
]);

describe('need and provision codes', () => {
  it('lists the 14 DfE need types with plain-English labels', () => {
    expect(NEED_CODES).toHaveLength(14);
    expect(NEED_TYPES.map((t) => t.code)).toEqual([...NEED_CODES]);
    const labels = NEED_TYPES.map((t) => t.label);
    expect(labels).toContain('MLD — Moderate learning difficulty');
    expect(labels).toContain('SEMH — Social, emotional and mental health');
    expect(labels).toContain('SLCN — Speech, language and communication needs');
    expect(labels).toContain('ASD — Autistic spectrum disorder');
    expect(labels).toContain('NSA — SEN support but no specialist assessment of type of need');
    expect(needLabel('DS')).toBe('DS — Down syndrome');
  });

  it('marks NSA as SEN support only and DS as collected from January 2025', () => {
    expect(NEED_TYPES.filter((t) => t.senSupportOnly).map((t) => t.code)).toEqual(['NSA']);
    const ds = NEED_TYPES.find((t) => t.code === 'DS');
    expect(ds?.collectedFrom).toBe('2025-01-01');
  });

  it('names the provision codes', () => {
    expect(PROVISION_CODES).toEqual(['E', 'K', 'N']);
    expect(PROVISION_NAMES.E).toBe('Education, health and care plan');
    expect(PROVISION_NAMES.K).toBe('SEN support');
    expect(PROVISION_NAMES.N).toBe('No special educational need');
  });
});

describe('normaliseNeedCode', () => {
  it.each([
    ['ASD', 'ASD'],
    ['asd', 'ASD'],
    [' Autism ', 'ASD'],
    ['Autistic Spectrum Disorder', 'ASD'],
    ['autism spectrum condition', 'ASD'],
    ['Moderate Learning Difficulty', 'MLD'],
    ['moderate learning difficulties', 'MLD'],
    ['SpLD', 'SPLD'],
    ['Specific learning difficulty', 'SPLD'],
    ['Profound & Multiple Learning Difficulty', 'PMLD'],
    ['Social, Emotional and Mental Health', 'SEMH'],
    ['Speech, Language and Communications needs', 'SLCN'],
    ['Hearing Impairment', 'HI'],
    ['Visual impairment', 'VI'],
    ['Multi-Sensory Impairment', 'MSI'],
    ['Physical Disability', 'PD'],
    ['Other Difficulty/Disability', 'OTH'],
    ['SEN support but no specialist assessment of type of need', 'NSA'],
    ['nsa', 'NSA'],
    ['Down syndrome', 'DS'],
    ["Down's syndrome", 'DS'],
    ['ds', 'DS'],
    ['MLD — Moderate learning difficulty', 'MLD'],
    ['MLD - Moderate Learning Difficulties', 'MLD'],
  ])('reads %j as %s', (input, expected) => {
    expect(normaliseNeedCode(input)).toBe(expected);
  });

  it.each(['', '   ', 'Dyslexia', 'XYZ', 'MLD - Severe learning difficulty', 'constructor'])(
    'returns null for %j',
    (input) => {
      expect(normaliseNeedCode(input)).toBeNull();
    },
  );

  it('returns null for missing values', () => {
    expect(normaliseNeedCode(null)).toBeNull();
    expect(normaliseNeedCode(undefined)).toBeNull();
  });

  it('reads every label it exports back to its code', () => {
    for (const type of NEED_TYPES) {
      expect(normaliseNeedCode(type.label)).toBe(type.code);
      expect(normaliseNeedCode(type.name)).toBe(type.code);
    }
  });
});

describe('normaliseProvisionCode', () => {
  it.each([
    ['E', 'E'],
    ['e', 'E'],
    ['EHC plan', 'E'],
    ['Education, health and care plan', 'E'],
    ['K', 'K'],
    ['SEN Support', 'K'],
    ['K — SEN support', 'K'],
    ['N', 'N'],
    ['No SEN', 'N'],
  ])('reads %j as %s', (input, expected) => {
    expect(normaliseProvisionCode(input)).toBe(expected);
  });

  it.each(['S', 'A', 'P', '', 'plan'])('does not guess %j', (input) => {
    expect(normaliseProvisionCode(input)).toBeNull();
  });
});

describe('validatePupilRow', () => {
  it('accepts SEN pupils with or without a recorded need, and N without one', () => {
    expect(validatePupilRow(pupil('1', 'E', 'ASD'))).toBeNull();
    expect(validatePupilRow(pupil('1', 'E', null))).toBeNull();
    expect(validatePupilRow(pupil('1', 'K', null))).toBeNull();
    expect(validatePupilRow(pupil('1', 'K', 'NSA'))).toBeNull();
    expect(validatePupilRow(pupil('1', 'N', null))).toBeNull();
  });

  it('refuses N with a primary need', () => {
    expect(validatePupilRow(pupil('1', 'N', 'MLD'))).toBe(PUPIL_ROW_MESSAGES.needWithoutSen);
  });

  it('refuses NSA with an EHC plan', () => {
    expect(validatePupilRow(pupil('1', 'E', 'NSA'))).toBe(PUPIL_ROW_MESSAGES.nsaWithEhcPlan);
  });

  it('refuses DS before the January 2025 census only', () => {
    expect(validatePupilRow(pupil('1', 'K', 'DS'))).toBeNull();
    expect(validatePupilRow(pupil('1', 'K', 'DS'), { censusDate: '2025-01-16' })).toBeNull();
    expect(validatePupilRow(pupil('1', 'E', 'DS'), { censusDate: '2024-01-18' })).toBe(
      PUPIL_ROW_MESSAGES.downSyndromeTooEarly,
    );
  });

  it('refuses a missing URN and codes outside the lists', () => {
    expect(validatePupilRow(pupil('', 'K', null))).toBe(PUPIL_ROW_MESSAGES.missingUrn);
    expect(
      validatePupilRow({ schoolUrn: '1', provision: 'S' as ProvisionCode, primaryNeed: null }),
    ).toBe(PUPIL_ROW_MESSAGES.unknownProvision);
    expect(
      validatePupilRow({ schoolUrn: '1', provision: 'K', primaryNeed: 'BESD' as NeedCode }),
    ).toBe(PUPIL_ROW_MESSAGES.unknownNeed);
  });
});

describe('PupilCensusAggregator', () => {
  it('counts the hand-worked example', () => {
    const result = aggregatePupils(EXAMPLE);
    expect(result.acceptedRows).toBe(23);
    expect(result.rejections).toEqual([]);
    expect(result.schools.map((s) => s.schoolUrn)).toEqual(['100001', '100002', '100003']);

    const first = school(result, '100001');
    expect(first.totalPupils).toBe(10);
    expect(first.sen).toEqual({ E: 3, K: 5 });
    expect(first.needs.ASD).toEqual({ E: 2, K: 0 });
    expect(first.needs.SLCN).toEqual({ E: 1, K: 0 });
    expect(first.needs.MLD).toEqual({ E: 0, K: 2 });
    expect(first.needs.SEMH).toEqual({ E: 0, K: 1 });
    expect(first.needs.NSA).toEqual({ E: 0, K: 1 });
    expect(first.needs.HI).toEqual({ E: 0, K: 0 });
    expect(first.notRecorded).toEqual({ E: 0, K: 1 });

    const second = school(result, '100002');
    expect(second.totalPupils).toBe(8);
    expect(second.sen).toEqual({ E: 2, K: 3 });
    expect(second.needs.MLD).toEqual({ E: 1, K: 1 });
    expect(second.needs.ASD).toEqual({ E: 0, K: 1 });
    expect(second.needs.DS).toEqual({ E: 0, K: 1 });
    expect(second.notRecorded).toEqual({ E: 1, K: 0 });

    const third = school(result, '100003');
    expect(third.totalPupils).toBe(5);
    expect(third.sen).toEqual({ E: 0, K: 1 });
    expect(third.needs.MLD).toEqual({ E: 0, K: 1 });
  });

  it('leaves invalid rows out of every count and tallies them by message', () => {
    const aggregator = new PupilCensusAggregator({ censusDate: '2024-01-18' });
    expect(aggregator.add(pupil('100001', 'K', 'MLD'))).toBeNull();
    expect(aggregator.add(pupil('100001', 'E', 'NSA'))).toBe(PUPIL_ROW_MESSAGES.nsaWithEhcPlan);
    expect(aggregator.add(pupil('100001', 'N', 'ASD'))).toBe(PUPIL_ROW_MESSAGES.needWithoutSen);
    expect(aggregator.add(pupil('100001', 'E', 'NSA'))).toBe(PUPIL_ROW_MESSAGES.nsaWithEhcPlan);
    expect(aggregator.add(pupil('100001', 'K', 'DS'))).toBe(
      PUPIL_ROW_MESSAGES.downSyndromeTooEarly,
    );
    const result = aggregator.result();
    expect(result.acceptedRows).toBe(1);
    expect(result.rejections).toEqual([
      { message: PUPIL_ROW_MESSAGES.nsaWithEhcPlan, rows: 2 },
      { message: PUPIL_ROW_MESSAGES.needWithoutSen, rows: 1 },
      { message: PUPIL_ROW_MESSAGES.downSyndromeTooEarly, rows: 1 },
    ]);
    expect(school(result, '100001')).toMatchObject({ totalPupils: 1, sen: { E: 0, K: 1 } });
  });

  it('handles rows from one school arriving out of order', () => {
    const shuffled = [...EXAMPLE].reverse();
    expect(aggregatePupils(shuffled)).toEqual(aggregatePupils(EXAMPLE));
  });

  it('orders schools by URN numerically', () => {
    const result = aggregatePupils([pupil('100000', 'N', null), pupil('99999', 'N', null)]);
    expect(result.schools.map((s) => s.schoolUrn)).toEqual(['99999', '100000']);
  });

  it('counts a synthetic census of 1,000,000 pupils without keeping them', () => {
    // One mutable row object, refilled each time: the aggregator must not hold on to it.
    const row: PupilRow = { schoolUrn: '', provision: 'N', primaryNeed: null };
    const aggregator = new PupilCensusAggregator();
    const schools = 400;
    const expected = { total: 0, E: 0, K: 0, MLD: 0, notRecorded: 0 };
    let seed = 12345;
    for (let i = 0; i < 1_000_000; i++) {
      // A small linear congruential generator keeps the data the same on every run.
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      row.schoolUrn = String(100000 + (i % schools));
      const draw = seed % 100;
      if (draw < 4) {
        row.provision = 'E';
        row.primaryNeed = draw < 2 ? 'ASD' : null;
        expected.E += 1;
        if (draw >= 2) expected.notRecorded += 1;
      } else if (draw < 17) {
        row.provision = 'K';
        row.primaryNeed = draw < 10 ? 'MLD' : draw < 14 ? 'NSA' : 'SEMH';
        expected.K += 1;
        if (draw < 10) expected.MLD += 1;
      } else {
        row.provision = 'N';
        row.primaryNeed = null;
      }
      expected.total += 1;
      aggregator.add(row);
    }
    const result = aggregator.result();
    expect(result.schools).toHaveLength(schools);
    expect(result.acceptedRows).toBe(1_000_000);
    const sum = (pick: (s: SchoolCensusCounts) => number) =>
      result.schools.reduce((total, s) => total + pick(s), 0);
    expect(sum((s) => s.totalPupils)).toBe(expected.total);
    expect(sum((s) => s.sen.E)).toBe(expected.E);
    expect(sum((s) => s.sen.K)).toBe(expected.K);
    expect(sum((s) => s.needs.MLD.K)).toBe(expected.MLD);
    expect(sum((s) => s.notRecorded.E)).toBe(expected.notRecorded);
    expect(school(result, '100000').totalPupils).toBe(1_000_000 / schools);
  });
});

describe('SchoolCensusAggregator', () => {
  it('gives the same result as the pupil-level route for the same pupils', () => {
    const fromSchools = aggregateSchools(toSchoolRows(EXAMPLE));
    const fromPupils = aggregatePupils(EXAMPLE);
    expect(fromSchools.schools).toEqual(fromPupils.schools);
    expect(fromSchools.acceptedRows).toBe(3);
  });

  it('derives "not recorded" from the provision total', () => {
    const result = aggregateSchools([
      {
        schoolUrn: '1',
        totalPupils: 100,
        sen: { E: 4, K: 12 },
        needs: { E: { ASD: 3 }, K: { MLD: 5, NSA: 2 } },
      },
    ]);
    expect(result.schools[0]?.notRecorded).toEqual({ E: 1, K: 5 });
  });

  it('refuses a second row for the same school', () => {
    const aggregator = new SchoolCensusAggregator();
    const row: SchoolLevelRow = {
      schoolUrn: '100001',
      totalPupils: 10,
      sen: { E: 1, K: 2 },
      needs: { E: {}, K: {} },
    };
    expect(aggregator.add(row)).toBeNull();
    const message = aggregator.add({ ...row, totalPupils: 20 });
    expect(message).toMatch(/School 100001 appears more than once/);
    const result = aggregator.result();
    expect(result.schools).toHaveLength(1);
    expect(result.schools[0]?.totalPupils).toBe(10);
    expect(result.rejections).toEqual([{ message, rows: 1 }]);
  });

  it('refuses inconsistent counts', () => {
    const base: SchoolLevelRow = {
      schoolUrn: '100001',
      totalPupils: 10,
      sen: { E: 2, K: 3 },
      needs: { E: {}, K: {} },
    };
    expect(validateSchoolRow(base)).toBeNull();
    expect(validateSchoolRow({ ...base, needs: { E: { NSA: 1 }, K: {} } })).toMatch(/NSA/);
    expect(validateSchoolRow({ ...base, needs: { E: { NSA: 0 }, K: { NSA: 3 } } })).toBeNull();
    expect(validateSchoolRow({ ...base, needs: { E: { ASD: 2, MLD: 1 }, K: {} } })).toMatch(
      /add up to 3, more than the 2/,
    );
    expect(validateSchoolRow({ ...base, totalPupils: 4 })).toMatch(/5 pupils with SEN/);
    expect(validateSchoolRow({ ...base, totalPupils: -1 })).toMatch(/whole number/);
    expect(validateSchoolRow({ ...base, sen: { E: 1.5, K: 3 } })).toMatch(/whole number/);
    expect(
      validateSchoolRow({ ...base, needs: { E: {}, K: { BESD: 1 } as Record<string, number> } }),
    ).toMatch(/"BESD" is not a DfE need type code/);
    expect(validateSchoolRow({ ...base, schoolUrn: '' })).toMatch(/URN is missing/);
  });

  it('refuses DS before January 2025 only when the census date says so', () => {
    const row: SchoolLevelRow = {
      schoolUrn: '1',
      totalPupils: 10,
      sen: { E: 1, K: 0 },
      needs: { E: { DS: 1 }, K: {} },
    };
    expect(validateSchoolRow(row)).toBeNull();
    expect(validateSchoolRow(row, { censusDate: '2025-01-16' })).toBeNull();
    expect(validateSchoolRow(row, { censusDate: '2024-01-18' })).toMatch(/Down syndrome/);
  });
});

describe('identificationRates', () => {
  const census = aggregatePupils(EXAMPLE).schools;

  it('computes MLD among all pupils by school, district, locality and partnership', () => {
    const rates = identificationRates(census, GEOGRAPHY, {
      need: 'MLD',
      denominator: 'all pupils',
      provision: 'E and K',
      england: { numerator: 1, denominator: 25 },
    });
    expect(rates.schools.map((s) => [s.id, s.name, s.numerator, s.denominator])).toEqual([
      ['100001', 'Avondale Primary', 2, 10],
      ['100002', '100002', 2, 8],
      ['100003', '100003', 1, 5],
    ]);
    expect(rates.schools[2]).toMatchObject({
      districtId: UNASSIGNED_ID,
      localityId: UNASSIGNED_ID,
    });
    expect(rates.districts.map((d) => [d.id, d.name, d.numerator, d.denominator])).toEqual([
      ['Avondale', 'Avondale', 2, 10],
      ['Brookfield', 'Brookfield', 2, 8],
      [UNASSIGNED_ID, UNASSIGNED_NAME, 1, 5],
    ]);
    expect(rates.localities.map((d) => [d.name, d.numerator, d.denominator])).toEqual([
      ['North', 4, 18],
      [UNASSIGNED_NAME, 1, 5],
    ]);
    expect(rates.partnership).toMatchObject({ numerator: 5, denominator: 23 });
    expect(rates.partnership.rate).toBeCloseTo(5 / 23, 12);
    expect(rates.england).toMatchObject({ numerator: 1, denominator: 25, rate: 0.04 });
    expect(rates.england?.difference).toBeCloseTo(5 / 23 - 0.04, 12);
    expect(rates.england?.ratio).toBeCloseTo(5 / 23 / 0.04, 12);
    expect(rates.districts[0]?.differenceFromEngland).toBeCloseTo(0.2 - 0.04, 12);
    expect(rates.unassigned).toEqual({
      notInGeography: ['100003'],
      withoutDistrict: [],
      withoutLocality: [],
    });
    // Pupils with SEN but no need recorded: one K at 100001, one E at 100002.
    expect(rates.notRecorded).toBe(2);
  });

  it('computes ASD among pupils with an EHC plan, with null for an empty denominator', () => {
    const rates = identificationRates(census, GEOGRAPHY, {
      need: 'ASD',
      denominator: 'pupils with SEN',
      provision: 'E',
      england: { rate: 0.3 },
    });
    expect(rates.schools.map((s) => [s.numerator, s.denominator, s.rate])).toEqual([
      [2, 3, 2 / 3],
      [0, 2, 0],
      [0, 0, null],
    ]);
    expect(rates.schools[2]?.differenceFromEngland).toBeNull();
    expect(rates.partnership).toMatchObject({ numerator: 2, denominator: 5, rate: 0.4 });
    expect(rates.england).toMatchObject({ numerator: null, denominator: null, rate: 0.3 });
    expect(rates.england?.difference).toBeCloseTo(0.1, 12);
    expect(rates.notRecorded).toBe(1);
  });

  it('computes any SEN on SEN support', () => {
    const rates = identificationRates(census, GEOGRAPHY, {
      need: 'any SEN',
      denominator: 'all pupils',
      provision: 'K',
    });
    expect(rates.schools.map((s) => [s.numerator, s.denominator])).toEqual([
      [5, 10],
      [3, 8],
      [1, 5],
    ]);
    expect(rates.partnership).toMatchObject({ numerator: 9, denominator: 23 });
    expect(rates.england).toBeNull();
    expect(rates.partnership.differenceFromEngland).toBeNull();
  });

  it('puts schools with no district or locality in Unassigned and reports them', () => {
    const geography = new Map<string, SchoolGeography>([
      ['100001', { district: null, locality: 'North' }],
      ['100002', { district: 'Brookfield', locality: '  ' }],
      ['100003', { district: 'Brookfield', locality: 'South' }],
    ]);
    const rates = identificationRates(census, geography, {
      need: 'any SEN',
      denominator: 'all pupils',
      provision: 'E and K',
    });
    expect(rates.unassigned).toEqual({
      notInGeography: [],
      withoutDistrict: ['100001'],
      withoutLocality: ['100002'],
    });
    expect(rates.districts.map((d) => [d.name, d.numerator, d.denominator])).toEqual([
      ['Brookfield', 6, 13],
      [UNASSIGNED_NAME, 8, 10],
    ]);
    expect(rates.localities.map((d) => [d.name, d.numerator, d.denominator])).toEqual([
      ['North', 8, 10],
      ['South', 1, 5],
      [UNASSIGNED_NAME, 5, 8],
    ]);
  });

  it('refuses an England rate given as a percentage', () => {
    expect(() =>
      identificationRates(census, GEOGRAPHY, {
        need: 'MLD',
        denominator: 'all pupils',
        provision: 'K',
        england: { rate: 3.5 },
      }),
    ).toThrow(/proportion from 0 to 1/);
  });

  it('gives a null England rate for a zero denominator', () => {
    const rates = identificationRates(census, GEOGRAPHY, {
      need: 'MLD',
      denominator: 'all pupils',
      provision: 'K',
      england: { numerator: 0, denominator: 0 },
    });
    expect(rates.england).toMatchObject({ rate: null, difference: null, ratio: null });
  });
});

describe('properties', () => {
  const urnArb = fc.constantFrom('100001', '100002', '100003', '100004');
  const needArb = fc.option(fc.constantFrom(...NEED_CODES), { nil: null });
  const validRowArb = fc
    .record({
      schoolUrn: urnArb,
      provision: fc.constantFrom<ProvisionCode>('E', 'K', 'N'),
      primaryNeed: needArb,
    })
    .filter((row) => validatePupilRow(row) === null);
  const anyRowArb = fc.record({
    schoolUrn: urnArb,
    provision: fc.constantFrom<ProvisionCode>('E', 'K', 'N'),
    primaryNeed: needArb,
  });

  it('conserves totals: needs plus not recorded equals E plus K, and N fills the rest', () => {
    fc.assert(
      fc.property(fc.array(anyRowArb, { maxLength: 300 }), (rows) => {
        const result = aggregatePupils(rows);
        const rejected = result.rejections.reduce((sum, r) => sum + r.rows, 0);
        expect(result.acceptedRows + rejected).toBe(rows.length);
        let total = 0;
        for (const s of result.schools) {
          for (const provision of ['E', 'K'] as const) {
            const byNeed = NEED_CODES.reduce((sum, code) => sum + s.needs[code][provision], 0);
            expect(byNeed + s.notRecorded[provision]).toBe(s.sen[provision]);
          }
          expect(s.needs.NSA.E).toBe(0);
          expect(s.sen.E + s.sen.K).toBeLessThanOrEqual(s.totalPupils);
          total += s.totalPupils;
        }
        expect(total).toBe(result.acceptedRows);
      }),
    );
  });

  it('gives the same counts from pupil-level and school-level input', () => {
    fc.assert(
      fc.property(fc.array(validRowArb, { maxLength: 300 }), (rows) => {
        expect(aggregateSchools(toSchoolRows(rows)).schools).toEqual(aggregatePupils(rows).schools);
      }),
    );
  });

  it('gives a partnership rate equal to the sums over schools', () => {
    fc.assert(
      fc.property(
        fc.array(validRowArb, { maxLength: 200 }),
        fc.constantFrom<NeedCode | 'any SEN'>('any SEN', ...NEED_CODES),
        fc.constantFrom('E' as const, 'K' as const, 'E and K' as const),
        (rows, need, provision) => {
          const census = aggregatePupils(rows).schools;
          const rates = identificationRates(census, GEOGRAPHY, {
            need,
            denominator: 'pupils with SEN',
            provision,
          });
          const sumOf = (units: { numerator: number; denominator: number }[]) => [
            units.reduce((s, u) => s + u.numerator, 0),
            units.reduce((s, u) => s + u.denominator, 0),
          ];
          const expected = [rates.partnership.numerator, rates.partnership.denominator];
          expect(sumOf(rates.schools)).toEqual(expected);
          expect(sumOf(rates.districts)).toEqual(expected);
          expect(sumOf(rates.localities)).toEqual(expected);
        },
      ),
    );
  });
});

describe('England’s recorded figures', () => {
  const recorded = { england_sen_support: 13.6, england_ehc_plan: 5.3 };
  const options = (provision: 'E' | 'K' | 'E and K', need: NeedCode | 'any SEN' = 'any SEN') => ({
    need,
    provision,
    denominator: 'all pupils' as const,
  });

  it('gives the rate of the provision, or both added, for any need out of all pupils', () => {
    expect(recordedEnglandFigure(recorded, options('K'))).toEqual({ rate: 0.136 });
    expect(recordedEnglandFigure(recorded, options('E'))).toEqual({ rate: 0.053 });
    const both = recordedEnglandFigure(recorded, options('E and K'));
    expect(both && 'rate' in both ? both.rate : null).toBeCloseTo(0.189, 10);
  });

  it('gives nothing for a single need, a share of pupils with SEN or a missing figure', () => {
    expect(recordedEnglandFigure(recorded, options('K', 'MLD'))).toBeUndefined();
    expect(
      recordedEnglandFigure(recorded, { ...options('K'), denominator: 'pupils with SEN' }),
    ).toBeUndefined();
    const noPlans = { england_sen_support: 13.6, england_ehc_plan: null };
    expect(recordedEnglandFigure(noPlans, options('E'))).toBeUndefined();
    expect(recordedEnglandFigure(noPlans, options('E and K'))).toBeUndefined();
    expect(recordedEnglandFigure(noPlans, options('K'))).toEqual({ rate: 0.136 });
  });

  it('reads typed percentages: blank is none, and only 0 to 100 with up to 2 decimals', () => {
    expect(readPercentage('')).toBeNull();
    expect(readPercentage('13.6')).toBe(13.6);
    expect(readPercentage('5.35 %')).toBe(5.35);
    expect(readPercentage('100')).toBe(100);
    expect(readPercentage('0')).toBe(0);
    for (const bad of ['100.01', '-1', '13.655', 'five', '1e1', '.5', '13,6'])
      expect(readPercentage(bad), bad).toBeUndefined();
  });
});
