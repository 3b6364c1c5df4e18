/**
 * Northshire's performance data, made up but plausible: a geography of 2 localities, 3 districts
 * and 60 schools, a January school census counted by school, a few hundred requests for an EHC
 * needs assessment with their plans, and a few years of values for the starter indicators. Pure:
 * it writes the files a person would import (CSV text), and demo-imports.ts imports them through
 * the same services as the pages. Seeded, so the same date gives the same files; how many years
 * of plan history the demo has does not change them.
 */
import { NEED_CODES, type NeedCode } from '../performance/census/index.js';
import { addDays, addMonths, daysBetween, endOfMonth, firstOfMonth } from './demo-timeline.js';
import type { PersonKey, WeaknessKey } from './demo-content.js';
import { Prng } from './prng.js';

const SEED = 2016;

export type Cell = string | number | null;

/** CSV text, quoting cells that need it. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  const cell = (c: Cell) => {
    const text = c === null ? '' : String(c);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Geography: localities → districts → schools

export type DemoDistrict = { code: string; name: string; locality: string; localityCode: string };

export const DISTRICTS: readonly DemoDistrict[] = [
  { code: 'hallowmere', name: 'Hallowmere', locality: 'North and West', localityCode: 'nw' },
  { code: 'brackenford', name: 'Brackenford', locality: 'North and West', localityCode: 'nw' },
  { code: 'eastmarsh', name: 'Eastmarsh', locality: 'South and East', localityCode: 'se' },
];

type Phase = 'Primary' | 'Secondary' | 'Special';
export type DemoSchool = { urn: string; name: string; phase: Phase; district: DemoDistrict };

// Invented place names; the schools of demo-content.ts's organisations come first.
const PLACES = [
  'Alderbeck',
  'Bramblecote',
  'Cinderholm',
  'Dapplemere',
  'Elderwick',
  'Fallowgate',
  'Gorsebrook',
  'Heronsyke',
  'Ivythwaite',
  'Juniper Rise',
  'Linnetford',
  'Marramby',
  'Nettlecombe Vale',
  'Otterhythe',
  'Plovermoor',
  'Quillbeck',
  'Rowanthorpe',
  'Sedgecote',
  'Thistlewick',
  'Umberholme',
  'Vetchley Green',
  'Wyrmhill',
  'Yarrowby',
  'Ashenmoor',
  'Bittern Lane',
  'Coldharrow',
  'Dunnock Hill',
  'Emberton Moss',
  'Fieldfare',
  'Greyling Cross',
  'Hartsmere',
  'Kingfisher Row',
  'Lapwing Edge',
  'Mossthwaite',
  'Nightjar Common',
  'Oxlip',
  'Pipit Bank',
  'Redshank',
  'Sandmartin',
  'Teasel Down',
  'Wagtail Mill',
  'Whinchat',
  'Alderley Nab',
  'Bracken Howe',
  'Curlew Hythe',
  'Dipper Beck',
  'Eyebright',
  'Flaxholme',
  'Goldcrest',
  'Hawkweed',
  'Kestrelby',
  'Larchmere',
  'Merlin Brow',
  'Nuthatch',
  'Ospreyford',
  'Ptarmigan',
] as const;

/** 60 schools: 48 primary, 9 secondary, 3 special; 24, 20 and 16 in the three districts. */
export function demoSchools(): DemoSchool[] {
  const [hallowmere, brackenford, eastmarsh] = DISTRICTS as [
    DemoDistrict,
    DemoDistrict,
    DemoDistrict,
  ];
  const named: [string, Phase, DemoDistrict][] = [
    ['Fernhollow Primary School', 'Primary', hallowmere],
    ['St Cuthwin’s Church of England Primary School', 'Primary', brackenford],
    ['Kestrel Moor Academy', 'Secondary', eastmarsh],
    ['Larkspur Hill School', 'Special', hallowmere],
  ];
  const plan: [Phase, DemoDistrict, number][] = [
    ['Primary', hallowmere, 19],
    ['Secondary', hallowmere, 3],
    ['Special', hallowmere, 0],
    ['Primary', brackenford, 15],
    ['Secondary', brackenford, 3],
    ['Special', brackenford, 1],
    ['Primary', eastmarsh, 13],
    ['Secondary', eastmarsh, 2],
    ['Special', eastmarsh, 0],
  ];
  const schools: DemoSchool[] = named.map(([name, phase, district]) => ({
    urn: '',
    name,
    phase,
    district,
  }));
  let place = 0;
  for (const [phase, district, count] of plan)
    for (let i = 0; i < count; i++) {
      const where = PLACES[place++]!;
      const name =
        phase === 'Primary'
          ? `${where} ${i % 5 === 3 ? 'Infant and Junior' : 'Primary'} School`
          : phase === 'Secondary'
            ? `${where} ${i % 2 ? 'High School' : 'Academy'}`
            : `${where} School`;
      schools.push({ urn: '', name, phase, district });
    }
  // Fictional URNs from the demo's fictional LA code, 990.
  return schools.map((s, i) => ({ ...s, urn: String(990101 + i) }));
}

export function geographyCsv(schools: readonly DemoSchool[]): string {
  return toCsv([
    ['URN', 'school name', 'phase', 'district', 'district code', 'locality', 'locality code'],
    ...schools.map((s) => [
      s.urn,
      s.name,
      s.phase,
      s.district.name,
      s.district.code,
      s.district.locality,
      s.district.localityCode,
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The January school census, by school

type NeedWeights = Partial<Record<NeedCode, number>>;

// SEN support: MLD is high, as the inspection found (England is nearer one in five).
const K_NEEDS: Record<Phase, NeedWeights> = {
  Primary: { MLD: 27, SLCN: 26, SEMH: 16, SPLD: 8, ASD: 8, OTH: 4, NSA: 5, PD: 2, HI: 2, VI: 1 },
  Secondary: { MLD: 25, SLCN: 10, SEMH: 24, SPLD: 18, ASD: 9, OTH: 5, NSA: 4, PD: 2, HI: 2, VI: 1 },
  Special: { MLD: 30, SLCN: 20, SEMH: 20, ASD: 20, OTH: 10 },
};
const E_NEEDS: Record<Phase, NeedWeights> = {
  Primary: { ASD: 34, SLCN: 22, SEMH: 14, MLD: 8, SLD: 5, PD: 6, HI: 3, VI: 2, SPLD: 2, OTH: 4 },
  Secondary: { ASD: 36, SEMH: 22, SLCN: 12, MLD: 10, SPLD: 7, PD: 5, HI: 3, VI: 2, OTH: 3 },
  Special: { ASD: 38, SLD: 24, PMLD: 8, MLD: 12, SLCN: 6, SEMH: 6, PD: 4, MSI: 1, OTH: 1 },
};
// Every need but DS (Down syndrome, a code only since January 2025).
const CENSUS_NEEDS: readonly NeedCode[] = NEED_CODES.filter((code) => code !== 'DS');
// Brackenford identifies more pupils at SEN support than the others: something for the funnel.
const DISTRICT_SEN_SUPPORT: Record<string, number> = {
  hallowmere: 0.13,
  brackenford: 0.165,
  eastmarsh: 0.12,
};

export type SchoolCount = {
  school: DemoSchool;
  pupils: number;
  E: number;
  K: number;
  needs: { E: Partial<Record<NeedCode, number>>; K: Partial<Record<NeedCode, number>> };
};

/** The spring census date: the third Thursday of January, the latest on or before `today`. */
export function censusDateOn(today: string): string {
  const thirdThursday = (year: number) => {
    let day = `${year}-01-15`;
    while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 4) day = addDays(day, 1);
    return day;
  };
  const year = Number(today.slice(0, 4));
  return thirdThursday(year) <= today ? thirdThursday(year) : thirdThursday(year - 1);
}

export function censusCounts(schools: readonly DemoSchool[]): SchoolCount[] {
  const prng = new Prng(SEED).fork('census');
  const pick = (weights: NeedWeights, n: number) => {
    const counts: Partial<Record<NeedCode, number>> = {};
    for (let i = 0; i < n; i++) {
      const need = prng.weighted(weights as Record<NeedCode, number>);
      counts[need] = (counts[need] ?? 0) + 1;
    }
    return counts;
  };
  return schools.map((school, i) => {
    const pupils =
      school.phase === 'Primary'
        ? prng.int(95, 460)
        : school.phase === 'Secondary'
          ? prng.int(650, 1450)
          : prng.int(85, 190);
    let E: number;
    let K: number;
    if (school.phase === 'Special') {
      E = pupils - prng.int(0, 4);
      K = pupils - E;
    } else {
      const base = DISTRICT_SEN_SUPPORT[school.district.code]!;
      // One school far above its neighbours, one far below: the funnel plot shows them.
      const outlier = i === 17 ? 0.11 : i === 41 ? -0.07 : 0;
      const rate = Math.max(0.03, base + outlier + prng.gaussian() * 0.018);
      K = Math.round(pupils * rate);
      E = Math.round(pupils * Math.max(0.004, 0.021 + prng.gaussian() * 0.007));
    }
    return {
      school,
      pupils,
      E,
      K,
      needs: { E: pick(E_NEEDS[school.phase], E), K: pick(K_NEEDS[school.phase], K) },
    };
  });
}

export function censusCsv(counts: readonly SchoolCount[]): string {
  const needHeaders = (['E', 'K'] as const).flatMap((p) =>
    CENSUS_NEEDS.filter((n) => !(p === 'E' && n === 'NSA')).map((n) => [p, n] as const),
  );
  return toCsv([
    ['URN', 'Total pupils', 'EHC plan', 'SEN support', ...needHeaders.map(([p, n]) => `${p} ${n}`)],
    ...counts.map((c) => [
      c.school.urn,
      c.pupils,
      c.E,
      c.K,
      ...needHeaders.map(([p, n]) => c.needs[p][n] ?? 0),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Requests for an EHC needs assessment, and the plans issued

export type DemoCase = {
  ref: string;
  requestDate: string;
  issueDate: string | null;
  exception: boolean;
  need: NeedCode;
};

const CASE_NEEDS: NeedWeights = {
  ASD: 34,
  SEMH: 19,
  SLCN: 17,
  MLD: 8,
  SLD: 5,
  SPLD: 4,
  PD: 5,
  HI: 2,
  VI: 1,
  PMLD: 1,
  OTH: 4,
};

/**
 * About 12 requests a month from 1 July four years before `today`'s year, so the three calendar
 * years before this one are whole. Before `improvingFrom` about half the plans are issued within
 * 20 weeks; from then the share climbs to about 7 in 10 by `today`. Plans not yet issued by
 * `today` are open; about 1 in 25 requests has an exception to the time limit.
 */
export function demoCases(today: string, improvingFrom: string): DemoCase[] {
  const prng = new Prng(SEED).fork('ehc cases');
  const start = `${Number(today.slice(0, 4)) - 4}-07-01`;
  const span = Math.max(1, daysBetween(improvingFrom, today));
  const cases: DemoCase[] = [];
  const perYear = new Map<string, number>();
  for (let month = start; month <= today; month = addMonths(month, 1)) {
    const count = Math.max(4, Math.round(12 + prng.gaussian() * 3));
    const days = daysBetween(month, endOfMonth(month)) + 1;
    const dates = Array.from({ length: count }, () => addDays(month, prng.int(0, days - 1)))
      .filter((d) => d <= today)
      .sort();
    for (const requestDate of dates) {
      const progress = Math.min(1, Math.max(0, daysBetween(improvingFrom, requestDate) / span));
      const exception = prng.chance(0.04);
      const onTime = prng.chance(exception ? 0.15 : 0.48 + 0.25 * progress);
      const weeks = onTime
        ? 12 + Math.floor(8 * Math.sqrt(prng.next()) * 7) / 7
        : 20 + 1 / 7 + Math.min(60, -Math.log(1 - prng.next()) * 11);
      const issued = addDays(requestDate, Math.round(weeks * 7));
      const year = requestDate.slice(0, 4);
      const n = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, n);
      cases.push({
        ref: `NS-EHC-${year}-${String(n).padStart(4, '0')}`,
        requestDate,
        issueDate: issued <= today ? issued : null,
        exception,
        need: prng.weighted(CASE_NEEDS as Record<NeedCode, number>),
      });
    }
  }
  return cases;
}

export function casesCsv(cases: readonly DemoCase[]): string {
  return toCsv([
    ['Case reference', 'Request date', 'Issue date', 'Exception', 'Primary need'],
    ...cases.map((c) => [c.ref, c.requestDate, c.issueDate, c.exception ? 'Y' : 'N', c.need]),
  ]);
}

/** Plans issued in each calendar year before `today`'s within 20 weeks, exceptions left out. */
export function issuedWithin20Weeks(
  cases: readonly DemoCase[],
  today: string,
): { year: string; within: number; issued: number }[] {
  const byYear = new Map<string, { within: number; issued: number }>();
  for (const c of cases) {
    if (c.issueDate === null || c.exception || c.issueDate.slice(0, 4) >= today.slice(0, 4))
      continue;
    const entry = byYear.get(c.issueDate.slice(0, 4)) ?? { within: 0, issued: 0 };
    entry.issued++;
    if (daysBetween(c.requestDate, c.issueDate) <= 140) entry.within++;
    byYear.set(c.issueDate.slice(0, 4), entry);
  }
  return [...byYear]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([year, v]) => ({ year, ...v }))
    .filter((_, i) => i > 0); // the first year holds only the quicker plans of half a year
}

// ---------------------------------------------------------------------------------------------
// Indicator values

/** Academic year key of a date: '2025-26' for any day from September 2025 to August 2026. */
function academicYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}
const academicKey = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;

/** From `first` to `last` in `steps` steps, with noise, rounded to `decimals`. */
function trend(
  prng: Prng,
  first: number,
  last: number,
  steps: number,
  noise: number,
  decimals = 1,
): number[] {
  const f = 10 ** decimals;
  return Array.from({ length: steps }, (_, i) => {
    const base = steps === 1 ? last : first + ((last - first) * i) / (steps - 1);
    const wobble = i === steps - 1 ? 0 : prng.gaussian() * noise;
    return Math.round((base + wobble) * f) / f;
  });
}

/** The indicator values file: partnership figures over a few years, and by district where counted. */
export function indicatorValuesCsv(
  today: string,
  census: { date: string; counts: readonly SchoolCount[] },
  cases: readonly DemoCase[],
): string {
  const prng = new Prng(SEED).fork('indicator values');
  const rows: Cell[][] = [['indicator', 'period', 'area', 'value', 'numerator', 'denominator']];
  const value = (indicator: string, period: string, v: number) =>
    rows.push([indicator, period, null, v, null, null]);

  // Calendar years: plans within 20 weeks, counted from the case set, and three earlier years.
  const counted = issuedWithin20Weeks(cases, today);
  const firstCounted = Number(counted[0]?.year ?? today.slice(0, 4));
  [56.2, 51.7, 45.9].forEach((v, i) =>
    value('ehcp-issued-within-20-weeks', String(firstCounted - 3 + i), v),
  );
  for (const c of counted)
    rows.push(['ehcp-issued-within-20-weeks', c.year, null, null, c.within, c.issued]);

  // Months: the 24 before this one.
  const lastMonth = addMonths(firstOfMonth(today), -1);
  const months = Array.from({ length: 24 }, (_, i) => addMonths(lastMonth, i - 23).slice(0, 7));
  const monthly: [string, number, number, number, number][] = [
    ['autism-assessment-wait', 46, 17.6, 1.4, 1],
    ['speech-and-language-therapy-wait', 31, 16.5, 1.2, 1],
    ['post-16-send-participation', 85.9, 89.2, 0.5, 1],
    ['post-16-send-neet', 8.6, 6.4, 0.35, 1],
  ];
  for (const [code, first, last, noise, decimals] of monthly)
    trend(prng, first, last, months.length, noise, decimals).forEach((v, i) =>
      value(code, months[i]!, v),
    );

  // Academic years: the four before this one (destinations, published later, one fewer).
  const current = academicYearOf(today);
  const years = [4, 3, 2, 1].map((back) => academicKey(current - back));
  const yearly: [string, number[]][] = [
    ['persistent-absence-sen-support', [31.4, 30.2, 28.9, 27.7]],
    ['persistent-absence-ehc-plan', [38.6, 37.7, 35.9, 34.2]],
    ['suspensions-pupils-with-sen', [1862.4, 2015.9, 2231.7, 2388.2]],
    ['permanent-exclusions-pupils-with-sen', [14.1, 16.8, 18.2, 17.4]],
    ['ks2-rwm-expected-sen-support', [18.7, 20.4, 21.6, 23.2]],
    ['ks4-attainment-8-ehc-plan', [13.8, 14.2, 13.9, 14.6]],
    ['ks4-destinations-sen', [84.7, 85.5, 86.4]],
    ['send-tribunal-appeal-rate', [1.9, 2.4, 2.8, 3.1]],
  ];
  for (const [code, values] of yearly)
    values.forEach((v, i) => value(code, years[i + years.length - values.length]!, v));

  // The census: three earlier years as figures, the latest counted from the schools, by district.
  const censusYear = academicKey(academicYearOf(census.date));
  const earlier = [3, 2, 1].map((back) => academicKey(academicYearOf(census.date) - back));
  const fromCensus: [string, number[], (c: SchoolCount) => [number, number]][] = [
    ['pupils-with-sen-support', [12.6, 13.1, 13.7], (c) => [c.K, c.pupils]],
    ['pupils-with-ehc-plan', [2.4, 2.7, 3.0], (c) => [c.E, c.pupils]],
    [
      'mld-share-of-sen',
      [24.9, 25.8, 26.3],
      (c) => [(c.needs.K.MLD ?? 0) + (c.needs.E.MLD ?? 0), c.E + c.K],
    ],
  ];
  for (const [code, values, count] of fromCensus) {
    values.forEach((v, i) => value(code, earlier[i]!, v));
    const areas = [null, ...DISTRICTS.map((d) => d.code)];
    for (const area of areas) {
      let numerator = 0;
      let denominator = 0;
      for (const c of census.counts)
        if (area === null || c.school.district.code === area) {
          const [n, d] = count(c);
          numerator += n;
          denominator += d;
        }
      rows.push([code, censusYear, area, null, numerator, denominator]);
    }
  }
  return toCsv(rows);
}

// ---------------------------------------------------------------------------------------------
// Targets, owners and links

/** Targets on indicators without thresholds, so they are rated against them. */
export const DEMO_TARGETS: readonly {
  code: string;
  value: number;
  /** Months from `today` to when it is due, at the end of that month. */
  dueInMonths: number;
  note: string;
}[] = [
  {
    code: 'speech-and-language-therapy-wait',
    value: 18,
    dueInMonths: 9,
    note: 'The written statement of action: no child waits more than 18 weeks.',
  },
  {
    code: 'persistent-absence-ehc-plan',
    value: 33,
    dueInMonths: 6,
    note: 'Agreed by the SEND Improvement Board: below 33% by the end of the school year.',
  },
  {
    code: 'post-16-send-neet',
    value: 5.5,
    dueInMonths: 12,
    note: 'Preparing for adulthood strategy: in line with statistical neighbours.',
  },
];

export const targetDueOn = (today: string, months: number) =>
  endOfMonth(addMonths(firstOfMonth(today), months));

/** Indicators that evidence actions (by title) and findings, and who owns them. */
export const DEMO_LINKS: readonly {
  code: string;
  owner: PersonKey;
  actions: string[];
  findings: WeaknessKey[];
}[] = [
  {
    code: 'ehcp-issued-within-20-weeks',
    owner: 'gareth',
    actions: [
      'Increase the share of new EHC plans issued within 20 weeks',
      'Clear the backlog of EHC needs assessments open for more than 20 weeks',
    ],
    findings: ['ehcPlans'],
  },
  {
    code: 'autism-assessment-wait',
    owner: 'seun',
    actions: [
      'Redesign the neurodevelopmental pathway so autism and ADHD assessments meet NICE guidance',
      'Commission extra autism assessment capacity from an independent provider to reduce the longest waits',
    ],
    findings: ['healthWaits'],
  },
  {
    code: 'speech-and-language-therapy-wait',
    owner: 'claire',
    actions: ['Reduce waits for speech and language therapy to no more than 18 weeks'],
    findings: ['healthWaits'],
  },
  {
    code: 'mld-share-of-sen',
    owner: 'priya',
    actions: [
      'Review how schools record primary and secondary needs, and correct the school census',
    ],
    findings: ['identification'],
  },
  {
    code: 'post-16-send-neet',
    owner: 'hannah',
    actions: [
      'Track the destinations of young people with SEND at 16, 18 and 25 and report them to the Board',
    ],
    findings: ['adulthood'],
  },
];

// ---------------------------------------------------------------------------------------------
// Every file, made once for all copies

export type PerformanceFiles = {
  geography: string;
  census: { date: string; label: string; csv: string; schools: number };
  cases: { csv: string; count: number };
  values: string;
};

/**
 * The files to import. Timeliness starts improving when the plan starts (`planStart`), but no
 * earlier than 18 months before `today`, so a demo with a long history still has a story to tell.
 */
export function performanceFiles(today: string, planStart: string): PerformanceFiles {
  const schools = demoSchools();
  const date = censusDateOn(today);
  const counts = censusCounts(schools);
  const improvingFrom = [planStart, addMonths(firstOfMonth(today), -18)].sort()[1]!;
  const cases = demoCases(today, improvingFrom);
  return {
    geography: geographyCsv(schools),
    census: {
      date,
      label: `Spring census ${date.slice(0, 4)}`,
      csv: censusCsv(counts),
      schools: schools.length,
    },
    cases: { csv: casesCsv(cases), count: cases.length },
    values: indicatorValuesCsv(today, { date, counts }, cases),
  };
}
