// The two shapes of school census file Sendboard reads, as column specifications, and how to tell
// them apart from the header row. Pure: no I/O.
//
// Pupil-level: one row per pupil (URN, SEN provision, primary type of need). Every other column
// (UPN, names, date of birth…) is ignored and never kept.
// School-level (wide): one row per school: URN, total pupils, pupils with an EHC plan (E) and on
// SEN support (K), and optionally one column per provision and need, like "E MLD" and "K MLD".
import {
  checkHeader,
  defineColumns,
  headerScore,
  matchesHeader,
  normaliseHeader,
  type ColumnDef,
  type ColumnSpec,
} from '../../platform/tables/columns.js';
import type { RawCell } from '../../platform/tables/types.js';
import {
  NEED_CODES,
  NEED_NAMES,
  normaliseNeedCode,
  normaliseProvisionCode,
  type NeedCode,
  type ProvisionCode,
} from './census.js';

export type CensusSource = 'pupil-level' | 'school-level';

const URN_COLUMN = {
  key: 'urn',
  label: 'URN',
  aliases: ['School URN', 'Unique reference number', 'URN of school'],
  kind: 'text',
  required: true,
  pattern: /^\d{6}$/,
  patternHint: 'the school’s 6-digit unique reference number (URN), like 100001',
} as const;

export const PUPIL_SPEC = defineColumns([
  URN_COLUMN,
  {
    key: 'provision',
    label: 'SEN provision',
    aliases: ['SENprovision', 'SEN status', 'SEN provision type', 'Provision'],
    kind: 'text',
    required: true,
    maxLength: 80,
  },
  {
    key: 'need',
    label: 'Primary SEN need',
    aliases: [
      'PrimarySENneed',
      'Primary need',
      'Primary type of need',
      'SEN primary need',
      'Primary SEN type',
      'SEN type',
      'SENtype',
      'Type of need',
    ],
    kind: 'text',
    allowBlank: true,
    maxLength: 120,
  },
] as const);

/** The school-level column for one provision and need, e.g. "E MLD". */
export function needColumnKey(provision: 'E' | 'K', code: NeedCode): string {
  return `${provision}_${code}`;
}

const PROVISION_WORDS = { E: 'EHC plan', K: 'SEN support' } as const;

const needColumns: ColumnDef[] = (['E', 'K'] as const).flatMap((provision) =>
  NEED_CODES.map((code): ColumnDef => ({
    key: needColumnKey(provision, code),
    label: `${provision} ${code}`,
    aliases: [`${PROVISION_WORDS[provision]} ${code}`],
    kind: 'integer',
    nonNegative: true,
  })),
);

export const SCHOOL_SPEC: ColumnSpec = defineColumns([
  URN_COLUMN,
  {
    key: 'totalPupils',
    label: 'Total pupils',
    aliases: ['Pupils', 'Number of pupils', 'Pupils on roll', 'Number on roll', 'Headcount'],
    kind: 'integer',
    required: true,
    nonNegative: true,
  },
  {
    key: 'senE',
    label: 'EHC plan',
    aliases: ['E', 'EHC plans', 'EHCP', 'Pupils with an EHC plan'],
    kind: 'integer',
    required: true,
    nonNegative: true,
  },
  {
    key: 'senK',
    label: 'SEN support',
    aliases: ['K', 'Pupils on SEN support'],
    kind: 'integer',
    required: true,
    nonNegative: true,
  },
  ...needColumns,
]);

/** Headers of the school-level template, in order. */
export const SCHOOL_TEMPLATE_HEADERS: readonly string[] = [
  'URN',
  'Total pupils',
  'EHC plan',
  'SEN support',
  ...(['E', 'K'] as const).flatMap((provision) =>
    NEED_CODES.filter((code) => !(provision === 'E' && code === 'NSA')).map(
      (code) => `${provision} ${code}`,
    ),
  ),
];

/** Example rows for the template and the page: two fictional schools. */
const EXAMPLES: readonly Readonly<Record<string, string | number>>[] = [
  {
    URN: '100001',
    'Total pupils': 420,
    'EHC plan': 12,
    'SEN support': 58,
    'E ASD': 5,
    'E SLCN': 4,
    'E SEMH': 3,
    'K MLD': 14,
    'K SLCN': 20,
    'K SEMH': 12,
    'K SPLD': 8,
    'K NSA': 4,
  },
  {
    URN: '100002',
    'Total pupils': 210,
    'EHC plan': 3,
    'SEN support': 30,
    'E ASD': 2,
    'E PD': 1,
    'K MLD': 9,
    'K SLCN': 10,
    'K SEMH': 6,
    'K NSA': 2,
  },
];

export const SCHOOL_TEMPLATE_EXAMPLE: readonly (readonly (string | number)[])[] = EXAMPLES.map(
  (example) => SCHOOL_TEMPLATE_HEADERS.map((header) => example[header] ?? 0),
);

export const NEED_COLUMN_HELP = NEED_CODES.map((code) => ({ code, name: NEED_NAMES[code] }));

/** True when a row could be the header of either kind of file. */
export function isCensusHeader(cells: readonly RawCell[]): boolean {
  return matchesHeader(SCHOOL_SPEC, cells) || matchesHeader(PUPIL_SPEC, cells);
}

export function censusHeaderScore(cells: readonly RawCell[]): number {
  return Math.max(headerScore(SCHOOL_SPEC, cells), headerScore(PUPIL_SPEC, cells));
}

/**
 * Which kind of file a header row belongs to: school-level when it has a total-pupils column and
 * the school-level columns, pupil-level when it has the pupil-level columns; otherwise the nearer
 * one, so its missing columns can be reported.
 */
export function detectCensusSource(headers: readonly string[], headerRow: number): CensusSource {
  const school = checkHeader(SCHOOL_SPEC, headers, headerRow);
  const pupil = checkHeader(PUPIL_SPEC, headers, headerRow);
  const hasTotal = school.columns.some((c) => c.def.key === 'totalPupils');
  if (school.errors.length === 0) return 'school-level';
  if (pupil.errors.length === 0) return 'pupil-level';
  if (hasTotal) return 'school-level';
  return pupil.columns.length >= school.columns.length - 1 ? 'pupil-level' : 'school-level';
}

/** The header as written in the file for a spec column, or the spec's label. */
export function headerFor(
  spec: ColumnSpec,
  headers: readonly string[] | undefined,
  key: string,
): string {
  const def = spec.columns.find((c) => c.key === key);
  if (!def) return key;
  const names = new Set([def.label, ...(def.aliases ?? [])].map(normaliseHeader));
  return headers?.find((h) => names.has(normaliseHeader(h))) ?? def.label;
}

// ---------------------------------------------------------------------------------------------
// Code lookups remembered per distinct value: a census file repeats a handful of values millions
// of times, so each distinct spelling is normalised once.

const MEMO_LIMIT = 2000;

export class CodeMemo<T> {
  private readonly memo = new Map<string, T | null>();
  constructor(private readonly normalise: (value: string) => T | null) {}
  get(value: string): T | null {
    let code = this.memo.get(value);
    if (code === undefined) {
      code = this.normalise(value);
      if (this.memo.size < MEMO_LIMIT) this.memo.set(value, code);
    }
    return code;
  }
}

export const provisionMemo = (): CodeMemo<ProvisionCode> =>
  new CodeMemo((value) => normaliseProvisionCode(value));
export const needMemo = (): CodeMemo<NeedCode> => new CodeMemo((value) => normaliseNeedCode(value));

export const PROVISION_EXPECTED =
  'E (EHC plan), K (SEN support) or N (no special educational need)';
export const NEED_EXPECTED = `a DfE need type code: ${NEED_CODES.join(', ')}; or blank`;
