// School census SEN counts: need types, provision codes, aggregation of pupil-level or school-level
// records into per-school counts, and identification rates by school, district and locality.
// Pure: the caller reads the files and feeds typed records in.

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

/** DfE primary type of need codes, in the order the DfE lists them (DS added January 2025). */
export const NEED_CODES = [
  'SPLD',
  'MLD',
  'SLD',
  'PMLD',
  'SEMH',
  'SLCN',
  'HI',
  'VI',
  'MSI',
  'PD',
  'ASD',
  'OTH',
  'NSA',
  'DS',
] as const;

export type NeedCode = (typeof NEED_CODES)[number];

export interface NeedType {
  code: NeedCode;
  name: string;
  /** Code and name together, e.g. "MLD — Moderate learning difficulty". */
  label: string;
  /** NSA may only be recorded for pupils on SEN support (K). */
  senSupportOnly: boolean;
  /** First census (YYYY-MM-DD, first of the month) that collected this need type, if not always. */
  collectedFrom: string | null;
}

export const NEED_NAMES: Readonly<Record<NeedCode, string>> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Visual impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
  NSA: 'SEN support but no specialist assessment of type of need',
  DS: 'Down syndrome',
};

/** The spring 2025 census (January 2025) is the first with Down syndrome as a need type. */
export const DOWN_SYNDROME_COLLECTED_FROM = '2025-01-01';

export const NEED_TYPES: readonly NeedType[] = NEED_CODES.map((code) => ({
  code,
  name: NEED_NAMES[code],
  label: `${code} — ${NEED_NAMES[code]}`,
  senSupportOnly: code === 'NSA',
  collectedFrom: code === 'DS' ? DOWN_SYNDROME_COLLECTED_FROM : null,
}));

export function needLabel(code: NeedCode): string {
  return `${code} — ${NEED_NAMES[code]}`;
}

export function isNeedCode(value: unknown): value is NeedCode {
  return typeof value === 'string' && NEED_INDEX.has(value);
}

export const PROVISION_CODES = ['E', 'K', 'N'] as const;

export type ProvisionCode = (typeof PROVISION_CODES)[number];

/** The two provision codes that mean a pupil has special educational needs. */
export type SenProvisionCode = 'E' | 'K';

export const PROVISION_NAMES: Readonly<Record<ProvisionCode, string>> = {
  E: 'Education, health and care plan',
  K: 'SEN support',
  N: 'No special educational need',
};

export function provisionLabel(code: ProvisionCode): string {
  return `${code} — ${PROVISION_NAMES[code]}`;
}

// Index of each need code in the count arrays. A Map, not an object, so that a stray value such
// as "constructor" from a file can never match an inherited property.
const NEED_INDEX: ReadonlyMap<string, number> = new Map(NEED_CODES.map((code, i) => [code, i]));

// ---------------------------------------------------------------------------------------------
// Normalisers
// ---------------------------------------------------------------------------------------------

// Reduces a label to lower-case words: "Profound & Multiple Learning Difficulties" and
// "profound and multiple learning difficulty" give the same key.
function normaliseWords(value: string): string {
  return value
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => SINGULAR_WORDS.get(word) ?? word)
    .join(' ');
}

const SINGULAR_WORDS: ReadonlyMap<string, string> = new Map([
  ['difficulties', 'difficulty'],
  ['disabilities', 'disability'],
  ['impairments', 'impairment'],
  ['needs', 'need'],
  ['communications', 'communication'],
  ['disorders', 'disorder'],
  ['conditions', 'condition'],
]);

// Names seen in census extracts, DfE statistics tables and local spreadsheets. Each is stored
// under its normalised key, so case, punctuation and plurals do not matter.
const NEED_ALIASES: ReadonlyArray<readonly [string, NeedCode]> = [
  ['specific learning difficulty', 'SPLD'],
  ['moderate learning difficulty', 'MLD'],
  ['severe learning difficulty', 'SLD'],
  ['profound and multiple learning difficulty', 'PMLD'],
  ['profound multiple learning difficulty', 'PMLD'],
  ['social emotional and mental health', 'SEMH'],
  ['social emotional mental health', 'SEMH'],
  ['speech language and communication need', 'SLCN'],
  ['speech language and communication', 'SLCN'],
  ['speech language communication need', 'SLCN'],
  ['hearing impairment', 'HI'],
  ['visual impairment', 'VI'],
  ['vision impairment', 'VI'],
  ['multi sensory impairment', 'MSI'],
  ['multisensory impairment', 'MSI'],
  ['physical disability', 'PD'],
  ['autistic spectrum disorder', 'ASD'],
  ['autism spectrum disorder', 'ASD'],
  ['autistic spectrum condition', 'ASD'],
  ['autism spectrum condition', 'ASD'],
  ['autism', 'ASD'],
  ['asc', 'ASD'],
  ['other difficulty disability', 'OTH'],
  ['other difficulty or disability', 'OTH'],
  ['other difficulty and disability', 'OTH'],
  ['other', 'OTH'],
  ['sen support but no specialist assessment of type of need', 'NSA'],
  ['no specialist assessment of type of need', 'NSA'],
  ['no specialist assessment', 'NSA'],
  ['down syndrome', 'DS'],
  ['downs syndrome', 'DS'],
];

const NEED_BY_KEY: ReadonlyMap<string, NeedCode> = new Map([
  ...NEED_CODES.map((code) => [code.toLowerCase(), code] as const),
  ...NEED_CODES.map((code) => [normaliseWords(NEED_NAMES[code]), code] as const),
  ...NEED_ALIASES.map(([alias, code]) => [normaliseWords(alias), code] as const),
]);

/**
 * Turns a need type as written in a file ("ASD", "asd", "Autism", "SpLD", "Moderate Learning
 * Difficulties", "MLD — Moderate learning difficulty") into its DfE code. Returns null for blanks
 * and anything not recognised, so the caller can report the value rather than guess.
 */
export function normaliseNeedCode(value: string | null | undefined): NeedCode | null {
  if (typeof value !== 'string') return null;
  const key = normaliseWords(value);
  if (key === '') return null;
  const direct = NEED_BY_KEY.get(key);
  if (direct !== undefined) return direct;
  // "MLD - Moderate learning difficulty" or "ASD (autism)": accept only if the code and the rest
  // agree, so "MLD - Severe learning difficulty" stays unknown instead of silently picking one.
  const [first, ...rest] = key.split(' ');
  const byCode = first === undefined ? undefined : NEED_BY_KEY.get(first);
  if (byCode === undefined || rest.length === 0) return null;
  const byName = NEED_BY_KEY.get(rest.join(' '));
  return byName === byCode ? byCode : null;
}

const PROVISION_BY_KEY: ReadonlyMap<string, ProvisionCode> = new Map([
  ['e', 'E'],
  ['k', 'K'],
  ['n', 'N'],
  ['ehc plan', 'E'],
  ['ehcp', 'E'],
  ['education health and care plan', 'E'],
  ['sen support', 'K'],
  ['no sen', 'N'],
  ['no special educational need', 'N'],
  ['none', 'N'],
]);

/**
 * Turns a provision as written in a file ("E", "k", "EHC plan", "SEN support", "No SEN") into
 * E, K or N; null when not recognised. Pre-2014 codes (S, A, P) are deliberately not mapped.
 */
export function normaliseProvisionCode(value: string | null | undefined): ProvisionCode | null {
  if (typeof value !== 'string') return null;
  const key = normaliseWords(value);
  const direct = PROVISION_BY_KEY.get(key);
  if (direct !== undefined) return direct;
  const [first, ...rest] = key.split(' ');
  const byCode = first === undefined ? undefined : PROVISION_BY_KEY.get(first);
  if (byCode === undefined || rest.length === 0) return null;
  return PROVISION_BY_KEY.get(rest.join(' ')) === byCode ? byCode : null;
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

export interface ProvisionCounts {
  /** Pupils with an EHC plan. */
  E: number;
  /** Pupils on SEN support. */
  K: number;
}

export interface SchoolCensusCounts {
  schoolUrn: string;
  /** All pupils on roll, including those with no SEN (N). */
  totalPupils: number;
  /** Pupils with SEN, by provision. */
  sen: ProvisionCounts;
  /** Pupils with SEN by primary type of need, split by provision. */
  needs: Record<NeedCode, ProvisionCounts>;
  /** Pupils with SEN whose primary need was not recorded (normal outside the spring census). */
  notRecorded: ProvisionCounts;
}

export interface Rejection {
  message: string;
  rows: number;
}

export interface CensusResult {
  /** One entry per school, ordered by URN. */
  schools: SchoolCensusCounts[];
  /** Records accepted into the counts. */
  acceptedRows: number;
  /** Records refused by validation, by message (in the order first seen). */
  rejections: Rejection[];
}

export interface CensusOptions {
  /**
   * Census date (YYYY-MM-DD). When given, DS (Down syndrome) is refused in censuses before
   * January 2025, when it was not yet a need type. Unset means DS is accepted.
   */
  censusDate?: string;
}

// ---------------------------------------------------------------------------------------------
// Count storage shared by both aggregators
// ---------------------------------------------------------------------------------------------

// One Float64Array per school (float so no count can overflow), laid out as:
// [total, E, K, E by need… E not recorded, K by need… K not recorded]
const NEED_SLOTS = NEED_CODES.length + 1;
const NOT_RECORDED = NEED_CODES.length;
const TOTAL_SLOT = 0;
const E_SLOT = 1;
const K_SLOT = 2;
const E_NEEDS = 3;
const K_NEEDS = E_NEEDS + NEED_SLOTS;
const SLOT_COUNT = K_NEEDS + NEED_SLOTS;

class CountStore {
  private readonly bySchool = new Map<string, Float64Array>();
  private readonly rejectionCounts = new Map<string, number>();
  accepted = 0;

  has(urn: string): boolean {
    return this.bySchool.has(urn);
  }

  countsFor(urn: string): Float64Array {
    let counts = this.bySchool.get(urn);
    if (counts === undefined) {
      counts = new Float64Array(SLOT_COUNT);
      this.bySchool.set(urn, counts);
    }
    return counts;
  }

  reject(message: string): void {
    this.rejectionCounts.set(message, (this.rejectionCounts.get(message) ?? 0) + 1);
  }

  result(): CensusResult {
    const urns = [...this.bySchool.keys()].sort(compareUrns);
    const schools = urns.map((urn) => toSchoolCounts(urn, this.bySchool.get(urn)!));
    const rejections = [...this.rejectionCounts].map(([message, rows]) => ({ message, rows }));
    return { schools, acceptedRows: this.accepted, rejections };
  }
}

function toSchoolCounts(schoolUrn: string, counts: Float64Array): SchoolCensusCounts {
  const slot = (i: number): number => counts[i] ?? 0;
  const needs = {} as Record<NeedCode, ProvisionCounts>;
  NEED_CODES.forEach((code, i) => {
    needs[code] = { E: slot(E_NEEDS + i), K: slot(K_NEEDS + i) };
  });
  return {
    schoolUrn,
    totalPupils: slot(TOTAL_SLOT),
    sen: { E: slot(E_SLOT), K: slot(K_SLOT) },
    needs,
    notRecorded: { E: slot(E_NEEDS + NOT_RECORDED), K: slot(K_NEEDS + NOT_RECORDED) },
  };
}

// URNs are digit strings; numeric collation keeps "99999" before "100000".
function compareUrns(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function downSyndromeAllowed(options: CensusOptions | undefined): boolean {
  const date = options?.censusDate;
  return date === undefined || date >= DOWN_SYNDROME_COLLECTED_FROM;
}

// ---------------------------------------------------------------------------------------------
// Pupil-level records
// ---------------------------------------------------------------------------------------------

export interface PupilRow {
  schoolUrn: string;
  provision: ProvisionCode;
  /** Primary (rank 1) type of need; null when none is recorded. */
  primaryNeed: NeedCode | null;
}

// Fixed strings so that rejecting millions of rows allocates nothing; the caller adds the row
// number when showing them.
export const PUPIL_ROW_MESSAGES = {
  missingUrn: 'The school URN is missing.',
  unknownProvision:
    'The SEN provision must be E (EHC plan), K (SEN support) or N (no special educational need).',
  unknownNeed: 'The primary type of need is not a DfE need type code.',
  needWithoutSen:
    'The pupil is recorded as N (no special educational need) but has a primary type of need.',
  nsaWithEhcPlan:
    'NSA (SEN support but no specialist assessment) cannot be recorded for a pupil with an EHC plan (E).',
  downSyndromeTooEarly: 'DS (Down syndrome) was not a need type before the January 2025 census.',
} as const;

/**
 * Checks one pupil record. Returns a message to attach to the row, or null when it is valid.
 * E or K with no primary need is valid (counted as "not recorded").
 */
export function validatePupilRow(row: PupilRow, options?: CensusOptions): string | null {
  return pupilRowProblem(row, downSyndromeAllowed(options));
}

function pupilRowProblem(row: PupilRow, dsAllowed: boolean): string | null {
  const { schoolUrn, provision, primaryNeed } = row;
  if (typeof schoolUrn !== 'string' || schoolUrn === '') return PUPIL_ROW_MESSAGES.missingUrn;
  if (provision !== 'E' && provision !== 'K' && provision !== 'N') {
    return PUPIL_ROW_MESSAGES.unknownProvision;
  }
  if (primaryNeed === null) return null;
  if (!NEED_INDEX.has(primaryNeed)) return PUPIL_ROW_MESSAGES.unknownNeed;
  if (provision === 'N') return PUPIL_ROW_MESSAGES.needWithoutSen;
  if (primaryNeed === 'NSA' && provision === 'E') return PUPIL_ROW_MESSAGES.nsaWithEhcPlan;
  if (primaryNeed === 'DS' && !dsAllowed) return PUPIL_ROW_MESSAGES.downSyndromeTooEarly;
  return null;
}

/**
 * Counts pupil-level census records fed one at a time. Keeps one small array per school and never
 * the records themselves, so a 9-million-row census needs memory for the schools only.
 * Invalid records are left out of every count (including the total) and tallied by message.
 */
export class PupilCensusAggregator {
  private readonly store = new CountStore();
  private readonly dsAllowed: boolean;
  // Census files are usually sorted by school: remembering the last school skips most lookups.
  private lastUrn: string | null = null;
  private lastCounts: Float64Array | null = null;

  constructor(options?: CensusOptions) {
    this.dsAllowed = downSyndromeAllowed(options);
  }

  /** Adds one record. Returns null if counted, or the reason it was refused. */
  add(row: PupilRow): string | null {
    const problem = pupilRowProblem(row, this.dsAllowed);
    if (problem !== null) {
      this.store.reject(problem);
      return problem;
    }
    let counts = this.lastCounts;
    if (counts === null || row.schoolUrn !== this.lastUrn) {
      counts = this.store.countsFor(row.schoolUrn);
      this.lastUrn = row.schoolUrn;
      this.lastCounts = counts;
    }
    counts[TOTAL_SLOT]! += 1;
    const provision = row.provision;
    if (provision !== 'N') {
      const need = row.primaryNeed;
      const needIndex = need === null ? NOT_RECORDED : NEED_INDEX.get(need)!;
      if (provision === 'E') {
        counts[E_SLOT]! += 1;
        counts[E_NEEDS + needIndex]! += 1;
      } else {
        counts[K_SLOT]! += 1;
        counts[K_NEEDS + needIndex]! += 1;
      }
    }
    this.store.accepted += 1;
    return null;
  }

  result(): CensusResult {
    return this.store.result();
  }
}

// ---------------------------------------------------------------------------------------------
// School-level records
// ---------------------------------------------------------------------------------------------

/** Pupil counts by primary type of need; absent codes count as 0. */
export type NeedCountRecord = Partial<Record<NeedCode, number>>;

/** One school's census in aggregate, as published or as exported by a management information system. */
export interface SchoolLevelRow {
  schoolUrn: string;
  /** All pupils on roll, with or without SEN. */
  totalPupils: number;
  /** Pupils with an EHC plan (E) and on SEN support (K). */
  sen: ProvisionCounts;
  /**
   * Pupils by primary need within each provision. Pupils in sen.E or sen.K not covered here are
   * counted as "not recorded".
   */
  needs: { E: NeedCountRecord; K: NeedCountRecord };
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Checks one school-level record on its own (duplicates are caught by the aggregator). Returns a
 * message naming the school, or null when valid.
 */
export function validateSchoolRow(row: SchoolLevelRow, options?: CensusOptions): string | null {
  const { schoolUrn } = row;
  if (typeof schoolUrn !== 'string' || schoolUrn === '') return 'The school URN is missing.';
  const school = `School ${schoolUrn}`;
  if (!isCount(row.totalPupils)) {
    return `${school}: the total number of pupils must be a whole number of 0 or more.`;
  }
  for (const provision of ['E', 'K'] as const) {
    const provisionCount = row.sen?.[provision];
    if (!isCount(provisionCount)) {
      return `${school}: the number of pupils with ${provisionLabel(provision)} must be a whole number of 0 or more.`;
    }
    let needTotal = 0;
    for (const [code, count] of Object.entries(row.needs?.[provision] ?? {})) {
      if (!isNeedCode(code)) {
        return `${school}: "${code}" is not a DfE need type code.`;
      }
      if (count === undefined || count === 0) continue;
      if (!isCount(count)) {
        return `${school}: the number of ${provision} pupils with primary need ${code} must be a whole number of 0 or more.`;
      }
      if (code === 'NSA' && provision === 'E') {
        return `${school}: NSA (SEN support but no specialist assessment) cannot be recorded for pupils with an EHC plan (E).`;
      }
      if (code === 'DS' && !downSyndromeAllowed(options)) {
        return `${school}: DS (Down syndrome) was not a need type before the January 2025 census.`;
      }
      needTotal += count;
    }
    if (needTotal > provisionCount) {
      return `${school}: the ${provision} pupils by primary need add up to ${needTotal}, more than the ${provisionCount} pupils recorded with ${provisionLabel(provision)}.`;
    }
  }
  if (row.sen.E + row.sen.K > row.totalPupils) {
    return `${school}: ${row.sen.E + row.sen.K} pupils with SEN is more than the ${row.totalPupils} pupils on roll.`;
  }
  return null;
}

/**
 * Collects school-level census records into the same result as {@link PupilCensusAggregator}.
 * A second record for the same school is refused rather than summed: two rows for one school
 * almost always mean a file was appended twice or two censuses were mixed.
 */
export class SchoolCensusAggregator {
  private readonly store = new CountStore();
  private readonly options: CensusOptions | undefined;

  constructor(options?: CensusOptions) {
    this.options = options;
  }

  /** Adds one school. Returns null if counted, or the reason it was refused. */
  add(row: SchoolLevelRow): string | null {
    let problem = validateSchoolRow(row, this.options);
    if (problem === null && this.store.has(row.schoolUrn)) {
      problem = `School ${row.schoolUrn} appears more than once; each school must have exactly one row. The later row was not counted.`;
    }
    if (problem !== null) {
      this.store.reject(problem);
      return problem;
    }
    const counts = this.store.countsFor(row.schoolUrn);
    counts[TOTAL_SLOT] = row.totalPupils;
    counts[E_SLOT] = row.sen.E;
    counts[K_SLOT] = row.sen.K;
    for (const [provision, offset] of [
      ['E', E_NEEDS],
      ['K', K_NEEDS],
    ] as const) {
      let recorded = 0;
      NEED_CODES.forEach((code, i) => {
        const count = row.needs[provision][code] ?? 0;
        counts[offset + i] = count;
        recorded += count;
      });
      counts[offset + NOT_RECORDED] = row.sen[provision] - recorded;
    }
    this.store.accepted += 1;
    return null;
  }

  result(): CensusResult {
    return this.store.result();
  }
}
