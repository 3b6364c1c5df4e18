// A declarative column specification, and the checker that turns raw rows into typed records or
// row-level errors. Every import (indicator values, school lists, census counts, EHC cases)
// describes its columns here, so the same file quirks are handled once: headers written in other
// ways, "1,234", "12.5%", DfE suppression markers, UK dates, periods like 2024-25.
import {
  columnLetter,
  headerText,
  openTable,
  TableReadError,
  type OpenedTable,
  type ReadTableOptions,
  type TableFormat,
  type TableInput,
} from './read-table.js';
import type { CellIssue, RawCell, ReadRow, RowError } from './types.js';
import { MONTH_NAMES } from '../calendar/iso-date.js';

// ---------------------------------------------------------------------------------------------
// Specification

interface ColumnBase {
  /** The record's property name. */
  readonly key: string;
  /** The header Sendboard asks for. */
  readonly label: string;
  /** Other headers seen in the wild. Matching ignores case, spaces, punctuation and a BOM. */
  readonly aliases?: readonly string[];
  /** The column must be in the file, and each row must have a value (unless allowBlank). */
  readonly required?: boolean;
  /** A blank cell is read as null. Default: false for required columns, true for optional ones. */
  readonly allowBlank?: boolean;
  /**
   * A suppression marker ("c", "x", "z", "..", as DfE statistics use) is read as null, and the
   * record's info lists the column as suppressed. `true` takes SUPPRESSED_MARKERS.
   */
  readonly suppressed?: boolean | readonly string[];
}

export interface TextColumn extends ColumnBase {
  readonly kind: 'text';
  /** Default 1,000. */
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** Says what the pattern wants, e.g. "6 digits, like 100001". */
  readonly patternHint?: string;
}

export interface IntegerColumn extends ColumnBase {
  readonly kind: 'integer';
  readonly nonNegative?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface NumberColumn extends ColumnBase {
  readonly kind: 'number';
  /**
   * The column holds percentages: "12.5%" and 12.5 both read as 12.5, and so does an XLSX cell
   * formatted as a percentage (which holds 0.125).
   */
  readonly percent?: boolean;
  readonly nonNegative?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface DateColumn extends ColumnBase {
  readonly kind: 'date';
  /** Earliest and latest dates allowed, as YYYY-MM-DD. */
  readonly min?: string;
  readonly max?: string;
}

export type PeriodKind =
  'calendar-year' | 'academic-year' | 'financial-year' | 'month' | 'quarter' | 'financial-quarter';

export interface PeriodColumn extends ColumnBase {
  readonly kind: 'period';
  /** The kinds of period allowed; default all. */
  readonly accept?: readonly PeriodKind[];
  /** What "2024-25" means when nothing says: academic (default) or financial year. */
  readonly years?: 'academic' | 'financial';
}

export interface EnumValue {
  readonly value: string;
  readonly aliases?: readonly string[];
}

export interface EnumColumn extends ColumnBase {
  readonly kind: 'enum';
  /** Allowed values, matched ignoring case and surrounding spaces; the record holds `value`. */
  readonly values: readonly (string | EnumValue)[];
}

export interface BooleanColumn extends ColumnBase {
  readonly kind: 'boolean';
}

export type ColumnDef =
  | TextColumn
  | IntegerColumn
  | NumberColumn
  | DateColumn
  | PeriodColumn
  | EnumColumn
  | BooleanColumn;

export interface Period {
  readonly kind: PeriodKind;
  /** Canonical: "2024", "2024-25", "2024-03", "2024 Q1", "2024-25 Q1". */
  readonly label: string;
  /** First and last day, YYYY-MM-DD. */
  readonly start: string;
  readonly end: string;
}

type EnumOf<V> = V extends string ? V : V extends { readonly value: infer X } ? X : never;

export type ValueOf<C> = C extends { readonly kind: 'text' }
  ? string
  : C extends { readonly kind: 'integer' | 'number' }
    ? number
    : C extends { readonly kind: 'date' }
      ? string
      : C extends { readonly kind: 'period' }
        ? Period
        : C extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
          ? EnumOf<V>
          : C extends { readonly kind: 'boolean' }
            ? boolean
            : never;

type Nullable<C> = C extends { readonly required: true }
  ? C extends { readonly allowBlank: true } | { readonly suppressed: true | readonly string[] }
    ? null
    : never
  : null;

/** The typed record a spec produces: one property per column, keyed by `key`. */
export type RecordOf<C extends readonly ColumnDef[]> = {
  -readonly [D in C[number] as D['key']]: ValueOf<D> | Nullable<D>;
};

export interface ColumnSpec<C extends readonly ColumnDef[] = readonly ColumnDef[]> {
  readonly columns: C;
  /** Errors kept in a report; more are counted, not kept. */
  readonly maxErrors: number;
}

/** Markers meaning suppressed or not available, as DfE and ONS tables use them. */
export const SUPPRESSED_MARKERS: readonly string[] = [
  'c',
  'x',
  'z',
  'u',
  'low',
  '*',
  '..',
  ':',
  '~',
  '[c]',
  '[x]',
  '[z]',
  '[u]',
  '[low]',
  'supp',
  'suppressed',
];

/**
 * Define a spec; `const` keeps the literal keys and enum values, so records are typed. Throws on a
 * spec that contradicts itself (two columns with one key, or one header that fits two columns).
 */
export function defineColumns<const C extends readonly ColumnDef[]>(
  columns: C,
  options: { maxErrors?: number } = {},
): ColumnSpec<C> {
  const keys = new Set<string>();
  const headers = new Map<string, string>();
  for (const column of columns) {
    if (keys.has(column.key)) throw new Error(`Column key ${column.key} is used twice`);
    keys.add(column.key);
    for (const name of [column.label, ...(column.aliases ?? [])]) {
      const norm = normaliseHeader(name);
      const other = headers.get(norm);
      if (other !== undefined && other !== column.key) {
        throw new Error(`Header ${name} fits both ${other} and ${column.key}`);
      }
      headers.set(norm, column.key);
    }
  }
  return { columns, maxErrors: options.maxErrors ?? 1000 };
}

// ---------------------------------------------------------------------------------------------
// Header

/** A header as compared: lower case, letters and digits only (no spaces, _ or punctuation, no BOM). */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface HeaderCheck {
  /** Each spec column found, with the file column holding it. */
  readonly columns: readonly {
    readonly def: ColumnDef;
    readonly index: number;
    readonly header: string;
  }[];
  readonly errors: readonly RowError[];
  readonly notes: readonly string[];
  /** The number of header columns (values beyond them are reported, not read). */
  readonly width: number;
  /** Keys of optional columns the file does not have: null in every record. */
  readonly absent?: readonly string[];
}

/**
 * Match a header row to a spec: which file column holds each spec column, which required columns
 * are missing (with the closest header found), which are given twice, and which are not used.
 */
export function checkHeader(
  spec: ColumnSpec,
  headers: readonly string[],
  headerRow: number,
): HeaderCheck {
  const byName = specHeaderIndex(spec);
  const found = new Map<string, number[]>();
  const unknown: number[] = [];
  const blank: number[] = [];
  headers.forEach((header, index) => {
    if (header.trim() === '') return void blank.push(index);
    const key = byName.get(normaliseHeader(header));
    if (key === undefined) return void unknown.push(index);
    found.set(key, [...(found.get(key) ?? []), index]);
  });

  const errors: RowError[] = [];
  const notes: string[] = [];
  const columns: HeaderCheck['columns'][number][] = [];
  const absent: string[] = [];
  const listed = listHeaders(headers);
  for (const def of spec.columns) {
    const at = found.get(def.key);
    if (at === undefined) {
      if (!def.required) {
        absent.push(def.key);
        continue;
      }
      const guess = closestHeader(def, headers, unknown);
      errors.push({
        row: headerRow,
        column: def.label,
        message:
          `The column ‘${def.label}’ is missing. The header row (row ${headerRow}) has: ${listed}.` +
          (guess === undefined
            ? ''
            : ` Did you mean ‘${headers[guess]}’ (column ${columnLetter(guess)})?`),
        expected: expectedHeader(def),
      });
      continue;
    }
    const [first, ...more] = at as [number, ...number[]];
    if (more.length > 0) {
      const where = at.map((i) => `${columnLetter(i)} (‘${headers[i]}’)`).join(' and ');
      errors.push({
        row: headerRow,
        column: headers[first] ?? def.label,
        message: `Columns ${where} are all ‘${def.label}’. Keep one of them.`,
        expected: 'each column once',
      });
      continue;
    }
    columns.push({ def, index: first, header: headers[first] ?? def.label });
  }
  if (unknown.length > 0) {
    notes.push(
      `Not used: ${unknown.map((i) => `‘${headers[i]}’ (column ${columnLetter(i)})`).join(', ')}.`,
    );
  }
  if (blank.length > 0) {
    notes.push(
      `${blank.length === 1 ? 'Column' : 'Columns'} ${blank.map(columnLetter).join(', ')} in the header row ${blank.length === 1 ? 'has' : 'have'} no header, so ${blank.length === 1 ? 'it is' : 'they are'} not read. A merged header cell leaves every column it covers but the first without a header.`,
    );
  }
  return { columns, errors, notes, width: headers.length, absent };
}

/** True when a row's cells hold every required column's header (or, with none, any column's). */
export function matchesHeader(spec: ColumnSpec, cells: readonly RawCell[]): boolean {
  const present = headersPresent(spec, cells);
  const required = spec.columns.filter((c) => c.required);
  return required.length > 0 ? required.every((c) => present.has(c.key)) : present.size > 0;
}

/** How many of the spec's columns a row's cells name: the nearest row to take as the header. */
export function headerScore(spec: ColumnSpec, cells: readonly RawCell[]): number {
  return headersPresent(spec, cells).size;
}

function headersPresent(spec: ColumnSpec, cells: readonly RawCell[]): Set<string> {
  const byName = specHeaderIndex(spec);
  const present = new Set<string>();
  for (const cell of cells) {
    if (cell === null || cell === '') continue;
    const key = byName.get(normaliseHeader(headerText(cell)));
    if (key !== undefined) present.add(key);
  }
  return present;
}

const headerIndexes = new WeakMap<ColumnSpec, Map<string, string>>();

function specHeaderIndex(spec: ColumnSpec): Map<string, string> {
  let index = headerIndexes.get(spec);
  if (!index) {
    index = new Map();
    for (const def of spec.columns) {
      for (const name of [def.label, ...(def.aliases ?? [])])
        index.set(normaliseHeader(name), def.key);
    }
    headerIndexes.set(spec, index);
  }
  return index;
}

function expectedHeader(def: ColumnDef): string {
  const aliases = (def.aliases ?? []).slice(0, 3).map((a) => `‘${a}’`);
  return `a column headed ‘${def.label}’${aliases.length > 0 ? ` (or ${aliases.join(', ')})` : ''}`;
}

function listHeaders(headers: readonly string[]): string {
  const named = headers.filter((h) => h !== '');
  if (named.length === 0) return 'no headers';
  const shown = named.slice(0, 30).map((h) => `‘${clip(h)}’`);
  return named.length > 30 ? `${shown.join(', ')} and ${named.length - 30} more` : shown.join(', ');
}

/** The unused header nearest by edit distance to any of a column's names, if near enough. */
function closestHeader(
  def: ColumnDef,
  headers: readonly string[],
  candidates: readonly number[],
): number | undefined {
  let best: number | undefined;
  let bestScore = Infinity;
  const names = [def.label, ...(def.aliases ?? [])].map(normaliseHeader);
  for (const index of candidates) {
    const header = normaliseHeader(headers[index] ?? '');
    for (const name of names) {
      const distance = editDistance(name, header);
      const allowed = Math.max(1, Math.floor(Math.max(name.length, header.length) / 3));
      const contains =
        header.length > 2 && name.length > 2 && (header.includes(name) || name.includes(header));
      const score = contains ? Math.min(distance, 1) : distance;
      if ((score <= allowed || contains) && score < bestScore) {
        best = index;
        bestScore = score;
      }
    }
  }
  return best;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (URN → UNR is 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    const up = rows[i - 1] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** Why a cell was refused: what readDate, readPeriod and the other cell readers return. */
export class CellProblem {
  constructor(
    readonly message: string,
    readonly expected: string,
  ) {}
}

const MAX_SHOWN = 60;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
}

function show(cell: RawCell): string {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? 'an invalid date' : `‘${isoDate(cell)}’`;
  return `‘${clip(String(cell))}’`;
}

const NUMBER_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const HAS_DIGIT = /\d/;

/** Text that a spreadsheet would run as a formula: `=…`, `@…`, or `+`/`-` not followed by a number. */
export function looksLikeFormula(text: string): boolean {
  const first = text[0];
  if (first === '=' || first === '@') return true;
  if (first !== '+' && first !== '-') return false;
  const rest = text.replace(/%$/, '');
  return !(NUMBER_RE.test(rest) && HAS_DIGIT.test(rest));
}

function numberFromText(text: string): number | undefined {
  const s = text.replace(/\u2212/g, '-'); // a typographic minus sign
  if (!NUMBER_RE.test(s) || !HAS_DIGIT.test(s)) return undefined;
  const value = Number(s.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

const INTEGER_EXPECTED = 'a whole number, like 12 or 1,234';

function readInteger(cell: RawCell, def: IntegerColumn): number | CellProblem {
  let value: number;
  if (typeof cell === 'number') {
    // A formula's result can be 2.0000000000000004.
    const rounded = Math.round(cell);
    if (Math.abs(cell - rounded) > 1e-9) {
      return new CellProblem(`${show(cell)} is not a whole number.`, INTEGER_EXPECTED);
    }
    value = rounded;
  } else if (typeof cell === 'string') {
    const text = cell.trim();
    if (looksLikeFormula(text)) return formulaProblem(text, INTEGER_EXPECTED);
    const n = numberFromText(text);
    if (n === undefined) return new CellProblem(notA(text, 'whole number'), INTEGER_EXPECTED);
    if (!Number.isInteger(n))
      return new CellProblem(`${show(text)} is not a whole number.`, INTEGER_EXPECTED);
    value = n;
  } else {
    return new CellProblem(
      `${show(cell)} is ${describe(cell)}, not a whole number.`,
      INTEGER_EXPECTED,
    );
  }
  if (!Number.isSafeInteger(value))
    return new CellProblem(`${show(cell)} is too large.`, INTEGER_EXPECTED);
  return checkRange(value, def, INTEGER_EXPECTED);
}

function readNumber(
  cell: RawCell,
  def: NumberColumn,
  percentFormatted: boolean,
): number | CellProblem {
  const expected = def.percent ? 'a percentage, like 12.5 or 12.5%' : 'a number, like 12.5';
  let value: number;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell))
      return new CellProblem('This cell does not hold a number.', expected);
    // An XLSX cell showing 12.5% holds 0.125; round away float noise from the scaling.
    value = def.percent && percentFormatted ? Number((cell * 100).toPrecision(12)) : cell;
  } else if (typeof cell === 'string') {
    let text = cell.trim();
    if (looksLikeFormula(text)) return formulaProblem(text, expected);
    const percent = text.endsWith('%');
    if (percent) {
      if (!def.percent) {
        return new CellProblem(
          `${show(text)} is a percentage, but this column takes a plain number.`,
          'a number, like 12.5, without a % sign',
        );
      }
      text = text.slice(0, -1).trimEnd();
    }
    const n = numberFromText(text);
    if (n === undefined) return new CellProblem(notA(cell.trim(), 'number'), expected);
    value = n;
  } else {
    return new CellProblem(`${show(cell)} is ${describe(cell)}, not a number.`, expected);
  }
  return checkRange(value, def, expected);
}

function checkRange(
  value: number,
  def: { nonNegative?: boolean; min?: number; max?: number },
  expected: string,
): number | CellProblem {
  if (def.nonNegative && value < 0) {
    return new CellProblem(`${value} is negative.`, `${expected}, not below 0`);
  }
  if (def.min !== undefined && value < def.min) {
    return new CellProblem(`${value} is less than ${def.min}.`, `${expected}, at least ${def.min}`);
  }
  if (def.max !== undefined && value > def.max) {
    return new CellProblem(`${value} is more than ${def.max}.`, `${expected}, at most ${def.max}`);
  }
  return value;
}

function notA(text: string, what: string): string {
  if (defaultMarkers.has(text.toLowerCase())) {
    return `${show(text)} marks a suppressed or unavailable value, which this column does not accept; it needs a ${what}.`;
  }
  return `${show(text)} is not a ${what}.`;
}

function formulaProblem(text: string, expected: string): CellProblem {
  return new CellProblem(
    `${show(text)} looks like a spreadsheet formula, not a value. Save the calculated values instead.`,
    expected,
  );
}

function describe(cell: RawCell): string {
  if (cell instanceof Date) return 'a date';
  if (typeof cell === 'boolean') return 'TRUE or FALSE';
  if (typeof cell === 'number') return 'a number';
  return 'text';
}

function readText(cell: RawCell, def: TextColumn): string | CellProblem {
  let text: string;
  if (typeof cell === 'string') text = cell.trim();
  else if (cell instanceof Date) text = isoDate(cell);
  else if (typeof cell === 'boolean') text = cell ? 'TRUE' : 'FALSE';
  else text = String(cell);
  const max = def.maxLength ?? 1000;
  if (text.length > max) {
    return new CellProblem(
      `This text is ${text.length.toLocaleString('en-GB')} characters long; the most allowed is ${max.toLocaleString('en-GB')}.`,
      `text of at most ${max.toLocaleString('en-GB')} characters`,
    );
  }
  if (def.pattern && !def.pattern.test(text)) {
    return new CellProblem(
      `${show(text)} is not in the expected form.`,
      def.patternHint ?? `text matching ${def.pattern.source}`,
    );
  }
  return text;
}

const TRUE_WORDS = new Set(['y', 'yes', 'true', '1', 't']);
const FALSE_WORDS = new Set(['n', 'no', 'false', '0', 'f']);
const BOOLEAN_EXPECTED = 'Y or N (yes/no, true/false and 1/0 are fine too)';

function readBoolean(cell: RawCell): boolean | CellProblem {
  if (typeof cell === 'boolean') return cell;
  const word = String(cell instanceof Date ? isoDate(cell) : cell)
    .trim()
    .toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return new CellProblem(`${show(cell)} is not yes or no.`, BOOLEAN_EXPECTED);
}

interface EnumIndex {
  readonly lookup: Map<string, string>;
  readonly expected: string;
}

const enumIndexes = new WeakMap<EnumColumn, EnumIndex>();

const normaliseWord = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

function enumIndex(def: EnumColumn): EnumIndex {
  let index = enumIndexes.get(def);
  if (!index) {
    const lookup = new Map<string, string>();
    const shown: string[] = [];
    for (const v of def.values) {
      const entry = typeof v === 'string' ? { value: v } : v;
      shown.push(entry.value);
      for (const name of [entry.value, ...(entry.aliases ?? [])])
        lookup.set(normaliseWord(name), entry.value);
    }
    const list = shown.length > 20 ? `${shown.slice(0, 20).join(', ')}, …` : shown.join(', ');
    index = { lookup, expected: `one of ${list}` };
    enumIndexes.set(def, index);
  }
  return index;
}

function readEnum(cell: RawCell, def: EnumColumn): string | CellProblem {
  const index = enumIndex(def);
  const text =
    typeof cell === 'string' ? cell : String(cell instanceof Date ? isoDate(cell) : cell);
  const value = index.lookup.get(text.toLowerCase()) ?? index.lookup.get(normaliseWord(text));
  if (value !== undefined) return value;
  return new CellProblem(`${show(text.trim())} is not one of the allowed values.`, index.expected);
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS = new Map<string, number>([
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['may', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
  ['january', 1],
  ['february', 2],
  ['march', 3],
  ['april', 4],
  ['june', 6],
  ['july', 7],
  ['august', 8],
  ['september', 9],
  ['october', 10],
  ['november', 11],
  ['december', 12],
]);

const DATE_EXPECTED = 'a date like 31/01/2024, 2024-01-31 or 31 Jan 2024';
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2199;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Two-digit years as Excel reads them: 00–29 are 2000s, 30–99 are 1900s. */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DMY_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const NAMED_DATE =
  /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})$/;
const MONTH_FIRST_NAMED = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const TIME_SUFFIX =
  /(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s*(?:am|pm)?\s*(?:z|[+-]\d{2}:?\d{2})?)$/;

/** A calendar day from text, a Date cell or an Excel serial number, as YYYY-MM-DD. */
export function readDate(
  cell: RawCell,
  def: Pick<DateColumn, 'min' | 'max'> = {},
): string | CellProblem {
  let iso: string | CellProblem;
  if (cell instanceof Date) {
    iso = checkYear(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate(), show(cell));
  } else if (typeof cell === 'number') {
    iso = dateFromSerial(cell);
  } else if (typeof cell === 'string') {
    iso = dateFromText(cell.trim());
  } else {
    return new CellProblem(`${show(cell)} is ${describe(cell)}, not a date.`, DATE_EXPECTED);
  }
  if (iso instanceof CellProblem) return iso;
  if (def.min !== undefined && iso < def.min) {
    return new CellProblem(
      `${ukDate(iso)} is before ${ukDate(def.min)}.`,
      `a date on or after ${ukDate(def.min)}`,
    );
  }
  if (def.max !== undefined && iso > def.max) {
    return new CellProblem(
      `${ukDate(iso)} is after ${ukDate(def.max)}.`,
      `a date on or before ${ukDate(def.max)}`,
    );
  }
  return iso;
}

function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// Excel day 1 is 1 Jan 1900 and it counts a 29 Feb 1900 that never was (day 60).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
// Serial numbers are only taken for plausible dates, so that a year typed as 2024 (which Excel
// would show as 16/07/1905) is not read as a date.
const SERIAL_MIN = 7306; // 1 Jan 1920
const SERIAL_MAX = 109574; // 31 Dec 2199

function dateFromSerial(serial: number): string | CellProblem {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) {
    return new CellProblem(`${show(serial)} is a number, not a date.`, DATE_EXPECTED);
  }
  return isoDate(new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000));
}

function dateFromText(raw: string): string | CellProblem {
  const text = raw.toLowerCase().replace(TIME_SUFFIX, '').trim();
  let m = ISO_DATE.exec(text);
  if (m) return checkYear(Number(m[1]), Number(m[2]), Number(m[3]), show(raw));
  m = DMY_DATE.exec(text);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[3]);
    const year = fullYear(m[4] ?? '');
    if (month > 12 && day <= 12) {
      return new CellProblem(
        `${show(raw)} is not a real date: dates are read day first, and there is no month ${month}. It looks like a month-first (US) date.`,
        `${DATE_EXPECTED} (day first)`,
      );
    }
    if (month > 12) {
      return new CellProblem(
        `${show(raw)} is not a real date: there is no month ${month}.`,
        DATE_EXPECTED,
      );
    }
    return checkYear(year, month, day, show(raw));
  }
  m = NAMED_DATE.exec(text);
  if (m) {
    const month = MONTHS.get(m[2] ?? '');
    if (month !== undefined) return checkYear(fullYear(m[3] ?? ''), month, Number(m[1]), show(raw));
  }
  m = MONTH_FIRST_NAMED.exec(text);
  if (m) {
    const month = MONTHS.get(m[1] ?? '');
    if (month !== undefined) return checkYear(Number(m[3]), month, Number(m[2]), show(raw));
  }
  if (looksLikeFormula(raw)) return formulaProblem(raw, DATE_EXPECTED);
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    return new CellProblem(
      `${show(raw)} looks like an Excel date number. Format the column as a date before saving the file as CSV.`,
      DATE_EXPECTED,
    );
  }
  return new CellProblem(`${show(raw)} is not a date Sendboard can read.`, DATE_EXPECTED);
}

function checkYear(year: number, month: number, day: number, shown: string): string | CellProblem {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    return new CellProblem(`${shown} is not a date Sendboard can read.`, DATE_EXPECTED);
  }
  if (month < 1 || month > 12) {
    return new CellProblem(
      `${shown} is not a real date: there is no month ${month}.`,
      DATE_EXPECTED,
    );
  }
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return new CellProblem(
      `${shown} is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days.`,
      DATE_EXPECTED,
    );
  }
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
    return new CellProblem(
      `${shown} is not a plausible date (the year is ${year}).`,
      DATE_EXPECTED,
    );
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

// ---------------------------------------------------------------------------------------------
// Periods

const ALL_PERIODS: readonly PeriodKind[] = [
  'calendar-year',
  'academic-year',
  'financial-year',
  'month',
  'quarter',
  'financial-quarter',
];

const PERIOD_WORDS: Record<PeriodKind, string> = {
  'calendar-year': 'a calendar year like 2024',
  'academic-year': 'an academic year like 2024-25',
  'financial-year': 'a financial year like 2024-25',
  month: 'a month like 2024-03 or Mar 2024',
  quarter: 'a quarter like 2024 Q1',
  'financial-quarter': 'a financial-year quarter like Q1 2024-25',
};

function periodExpected(accept: readonly PeriodKind[]): string {
  return accept.map((k) => PERIOD_WORDS[k]).join(', or ');
}

function lastDay(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

function makePeriod(kind: PeriodKind, year: number, part = 0): Period {
  switch (kind) {
    case 'calendar-year':
      return { kind, label: `${year}`, start: `${year}-01-01`, end: `${year}-12-31` };
    case 'academic-year':
    case 'financial-year': {
      const label = `${year}-${pad((year + 1) % 100)}`;
      return kind === 'academic-year'
        ? { kind, label, start: `${year}-09-01`, end: `${year + 1}-08-31` }
        : { kind, label, start: `${year}-04-01`, end: `${year + 1}-03-31` };
    }
    case 'month':
      return {
        kind,
        label: `${year}-${pad(part)}`,
        start: `${year}-${pad(part)}-01`,
        end: lastDay(year, part),
      };
    case 'quarter': {
      const first = (part - 1) * 3 + 1;
      return {
        kind,
        label: `${year} Q${part}`,
        start: `${year}-${pad(first)}-01`,
        end: lastDay(year, first + 2),
      };
    }
    case 'financial-quarter': {
      // Q1 is April to June; Q4 is January to March of the following calendar year.
      const month = (((part - 1) * 3 + 3) % 12) + 1;
      const calendarYear = part === 4 ? year + 1 : year;
      return {
        kind,
        label: `${year}-${pad((year + 1) % 100)} Q${part}`,
        start: `${calendarYear}-${pad(month)}-01`,
        end: lastDay(calendarYear, month + 2),
      };
    }
  }
}

/** The second year of "2024-25" or "2024/2025" must follow the first. */
function followingYear(first: number, second: string): boolean {
  const n = Number(second);
  return second.length === 4 ? n === first + 1 : n === (first + 1) % 100;
}

const SPAN = String.raw`(\d{4})\s*(?:-|/|–|to)\s*(\d{2}|\d{4})`;
const YEAR_SPAN = new RegExp(
  String.raw`^(?:(ay|fy|academic year|financial year|fin year)\s*)?${SPAN}(?:\s*(academic year|financial year|ay|fy))?$`,
);
const FQ_BEFORE = new RegExp(String.raw`^q([1-4])\s*${SPAN}$`);
const FQ_AFTER = new RegExp(String.raw`^${SPAN}\s*q([1-4])$`);
const DFE_YEAR = /^(\d{4})(\d{2})$/;
const YEAR = /^(\d{4})$/;
const YEAR_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})[-/](\d{4})$/;
const NAMED_MONTH = /^([a-z]+)\.?[\s-]+(\d{4}|\d{2})$/;
const QUARTER_AFTER = /^(\d{4})\s*-?\s*q([1-4])$/;
const QUARTER_BEFORE = /^q([1-4])\s*-?\s*(\d{4})$/;

/** A reporting period from text, a Date cell (its month) or a number (a year, or DfE's 202425). */
export function readPeriod(
  cell: RawCell,
  def: Pick<PeriodColumn, 'accept' | 'years'> = {},
): Period | CellProblem {
  const accept = def.accept ?? ALL_PERIODS;
  const expected = periodExpected(accept);
  const defaultYear: PeriodKind = def.years === 'financial' ? 'financial-year' : 'academic-year';
  let period: Period | undefined;
  if (cell instanceof Date) {
    period = makePeriod('month', cell.getUTCFullYear(), cell.getUTCMonth() + 1);
  } else if (typeof cell === 'number' || typeof cell === 'string') {
    period = periodFromText(String(cell).trim().toLowerCase().replace(/\s+/g, ' '), defaultYear);
  }
  if (period === undefined) {
    if (typeof cell === 'string' && looksLikeFormula(cell.trim()))
      return formulaProblem(cell.trim(), expected);
    return new CellProblem(`${show(cell)} is not a period Sendboard can read.`, expected);
  }
  const year = Number(period.start.slice(0, period.start.indexOf('-', 1)));
  if (!(year >= EARLIEST_YEAR && year <= LATEST_YEAR)) {
    return new CellProblem(`${show(cell)} is not a plausible period.`, expected);
  }
  if (!accept.includes(period.kind)) {
    return new CellProblem(
      `${show(cell)} is ${PERIOD_WORDS[period.kind].replace(/ like .*/, '')}; this column takes ${expected}.`,
      expected,
    );
  }
  return period;
}

function periodFromText(text: string, defaultYear: PeriodKind): Period | undefined {
  // "2024-03" fits the year-span pattern too; it is a span only if the second year follows.
  let m = YEAR_SPAN.exec(text);
  if (m && followingYear(Number(m[2]), m[3] ?? '')) {
    const first = Number(m[2]);
    const word = m[1] ?? m[4];
    const kind =
      word === undefined ? defaultYear : word.startsWith('a') ? 'academic-year' : 'financial-year';
    return makePeriod(kind, first);
  }
  m = FQ_BEFORE.exec(text);
  if (m)
    return followingYear(Number(m[2]), m[3] ?? '')
      ? makePeriod('financial-quarter', Number(m[2]), Number(m[1]))
      : undefined;
  m = FQ_AFTER.exec(text);
  if (m)
    return followingYear(Number(m[1]), m[2] ?? '')
      ? makePeriod('financial-quarter', Number(m[1]), Number(m[3]))
      : undefined;
  m = YEAR.exec(text);
  if (m) return makePeriod('calendar-year', Number(m[1]));
  m = DFE_YEAR.exec(text);
  if (m)
    return followingYear(Number(m[1]), m[2] ?? '')
      ? makePeriod(defaultYear, Number(m[1]))
      : undefined;
  m = YEAR_MONTH.exec(text) ?? null;
  if (m) return monthPeriod(Number(m[1]), Number(m[2]));
  m = MONTH_YEAR.exec(text);
  if (m) return monthPeriod(Number(m[2]), Number(m[1]));
  m = NAMED_MONTH.exec(text);
  if (m) {
    const month = MONTHS.get(m[1] ?? '');
    return month === undefined ? undefined : monthPeriod(fullYear(m[2] ?? ''), month);
  }
  m = QUARTER_AFTER.exec(text);
  if (m) return makePeriod('quarter', Number(m[1]), Number(m[2]));
  m = QUARTER_BEFORE.exec(text);
  if (m) return makePeriod('quarter', Number(m[2]), Number(m[1]));
  return undefined;
}

function monthPeriod(year: number, month: number): Period | undefined {
  return month >= 1 && month <= 12 ? makePeriod('month', year, month) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Rows

/** Where a valid record came from, for the consumer. */
export interface RecordInfo {
  readonly rowNumber: number;
  /** Keys of the columns whose cell held a suppression marker (their value is null). */
  readonly suppressed: readonly string[];
}

/** Errors kept up to a cap, all of them counted, so a million bad rows do not fill memory. */
export class ErrorList {
  readonly kept: RowError[] = [];
  count = 0;
  constructor(readonly max: number) {}
  add(error: RowError): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push(error);
  }
}

const defaultMarkers = new Set(SUPPRESSED_MARKERS);
const NO_SUPPRESSED: readonly string[] = Object.freeze([]);

interface Bound {
  readonly def: ColumnDef;
  readonly key: string;
  readonly index: number;
  readonly header: string;
  readonly blankOk: boolean;
  readonly markers: ReadonlySet<string> | undefined;
  formulas: number;
}

/**
 * Checks rows against a spec once the header is known. `check` returns the record, or undefined
 * after adding the row's errors to the list.
 */
export class RowChecker<C extends readonly ColumnDef[]> {
  private readonly bound: Bound[];
  private readonly width: number;
  private readonly merged: boolean;
  private readonly absent: readonly string[];

  constructor(
    header: HeaderCheck,
    private readonly errors: ErrorList,
    format: TableFormat = 'csv',
  ) {
    this.width = header.width;
    this.merged = format === 'xlsx';
    this.absent = header.absent ?? [];
    this.bound = header.columns.map(({ def, index, header }) => ({
      def,
      key: def.key,
      index,
      header,
      blankOk: def.allowBlank ?? !def.required,
      markers:
        def.suppressed === true
          ? defaultMarkers
          : Array.isArray(def.suppressed)
            ? new Set((def.suppressed as readonly string[]).map((m) => m.toLowerCase()))
            : undefined,
      formulas: 0,
    }));
  }

  check(row: ReadRow): { record: RecordOf<C>; info: RecordInfo } | undefined {
    const record: Record<string, unknown> = {};
    for (const key of this.absent) record[key] = null;
    let suppressed: string[] | undefined;
    let bad = false;
    const cells = row.cells;
    for (const col of this.bound) {
      let cell = cells[col.index] ?? null;
      let percentFormatted = false;
      if (row.issues) {
        let problem: CellIssue | undefined;
        for (const issue of row.issues) {
          if (issue.column !== col.index) continue;
          if (issue.kind === 'formula') col.formulas++;
          else if (issue.kind === 'percent-format') percentFormatted = true;
          else problem ??= issue;
        }
        if (problem) {
          this.fail(row, col, issueProblem(problem, col.def));
          bad = true;
          continue;
        }
      }
      if (typeof cell === 'string') {
        const trimmed = cell.trim();
        if (trimmed.length === 0) cell = null;
        else if (col.markers && col.markers.has(trimmed.toLowerCase())) {
          record[col.key] = null;
          (suppressed ??= []).push(col.key);
          continue;
        }
      }
      if (cell === null) {
        if (col.blankOk) {
          record[col.key] = null;
          continue;
        }
        this.fail(row, col, this.emptyProblem(col.def));
        bad = true;
        continue;
      }
      const value = readCell(cell, col.def, percentFormatted);
      if (value instanceof CellProblem) {
        this.fail(row, col, value);
        bad = true;
      } else {
        record[col.key] = value;
      }
    }
    if (cells.length > this.width) {
      for (let i = this.width; i < cells.length; i++) {
        const extra = cells[i];
        if (
          extra === null ||
          extra === undefined ||
          (typeof extra === 'string' && extra.trim() === '')
        )
          continue;
        this.errors.add({
          row: row.rowNumber,
          column: `column ${columnLetter(i)}`,
          message: `This row has a value in column ${columnLetter(i)} (${show(extra)}), beyond the last column with a header${this.width > 0 ? ` (${columnLetter(this.width - 1)})` : ''}. A value with an unquoted comma or a missing header can cause this.`,
          expected: `no more values than there are headers (${this.width})`,
        });
        bad = true;
        break;
      }
    }
    if (bad) return undefined;
    return {
      record: record as RecordOf<C>,
      info: { rowNumber: row.rowNumber, suppressed: suppressed ?? NO_SUPPRESSED },
    };
  }

  /** Notes worth telling the user once all rows are checked. */
  notes(): string[] {
    return this.bound
      .filter((col) => col.formulas > 0)
      .map(
        (col) =>
          `${col.formulas.toLocaleString('en-GB')} ${col.formulas === 1 ? 'cell' : 'cells'} in ‘${col.header}’ held formulas; the results saved in the file were used.`,
      );
  }

  private fail(row: ReadRow, col: Bound, problem: CellProblem): void {
    this.errors.add({
      row: row.rowNumber,
      column: col.header,
      message: problem.message,
      expected: problem.expected,
    });
  }

  private emptyProblem(def: ColumnDef): CellProblem {
    return new CellProblem(
      this.merged
        ? 'This cell is empty. If it is part of a merged cell, unmerge it and fill in the value on every row.'
        : 'This cell is empty.',
      expectedFor(def),
    );
  }
}

function issueProblem(issue: CellIssue, def: ColumnDef): CellProblem {
  const expected = expectedFor(def);
  switch (issue.kind) {
    case 'formula-without-result':
      return new CellProblem(
        `This cell holds a formula (${clip(issue.detail)}) with no saved result. Open the file in Excel, let it calculate, and save it again; or paste the values in.`,
        expected,
      );
    case 'spreadsheet-error':
      return new CellProblem(
        `This cell shows a spreadsheet error (${clip(issue.detail)}).`,
        expected,
      );
    default:
      return new CellProblem(`This cell could not be read (${clip(issue.detail)}).`, expected);
  }
}

function expectedFor(def: ColumnDef): string {
  switch (def.kind) {
    case 'text':
      return def.patternHint ?? 'some text';
    case 'integer':
      return INTEGER_EXPECTED;
    case 'number':
      return def.percent ? 'a percentage, like 12.5 or 12.5%' : 'a number, like 12.5';
    case 'date':
      return DATE_EXPECTED;
    case 'period':
      return periodExpected(def.accept ?? ALL_PERIODS);
    case 'enum':
      return enumIndex(def).expected;
    case 'boolean':
      return BOOLEAN_EXPECTED;
  }
}

function readCell(
  cell: Exclude<RawCell, null>,
  def: ColumnDef,
  percentFormatted: boolean,
): unknown {
  if (cell instanceof Date && Number.isNaN(cell.getTime())) {
    return new CellProblem('This cell holds a date that is not valid.', expectedFor(def));
  }
  switch (def.kind) {
    case 'text':
      return readText(cell, def);
    case 'integer':
      return readInteger(cell, def);
    case 'number':
      return readNumber(cell, def, percentFormatted);
    case 'date':
      return readDate(cell, def);
    case 'period':
      return readPeriod(cell, def);
    case 'enum':
      return readEnum(cell, def);
    case 'boolean':
      return readBoolean(cell);
  }
}

/** Check one cell against a column, outside a table: the value, or what is wrong. */
export function checkCell(
  cell: RawCell,
  def: ColumnDef,
): { ok: true; value: unknown } | { ok: false; message: string; expected: string } {
  const errors = new ErrorList(1);
  const checker = new RowChecker(
    { columns: [{ def, index: 0, header: def.label }], errors: [], notes: [], width: 1 },
    errors,
  );
  const result = checker.check({ rowNumber: 1, cells: [cell] });
  if (result) return { ok: true, value: (result.record as Record<string, unknown>)[def.key] };
  const error = errors.kept[0];
  return { ok: false, message: error?.message ?? '', expected: error?.expected ?? '' };
}

// ---------------------------------------------------------------------------------------------
// Whole tables

export interface CheckOptions extends ReadTableOptions {
  /** Errors kept (default: the spec's maxErrors); all are counted. */
  readonly maxErrors?: number;
  /** Stop with an error after this many data rows. No limit by default. */
  readonly maxRows?: number;
}

export interface CheckReport {
  /** Non-empty data rows read after the header. */
  readonly rowsRead: number;
  /** Rows that passed and were given to the consumer. */
  readonly recordsAccepted: number;
  /** The first errors (up to maxErrors), in row order. */
  readonly errors: readonly RowError[];
  /** All errors, kept or not. Anything above 0 means the import must not be saved. */
  readonly errorCount: number;
  readonly notes: readonly string[];
  /** What was read, when the file could be opened. */
  readonly table?: {
    readonly format: TableFormat;
    readonly encoding?: string;
    readonly delimiter?: string;
    readonly sheet?: string;
    readonly headerRow: number;
    readonly headers: readonly string[];
  };
}

export type RecordConsumer<C extends readonly ColumnDef[]> = (
  record: RecordOf<C>,
  info: RecordInfo,
) => void | Promise<void>;

/**
 * Read a file and check every row against the spec, calling `onRecord` for each valid row as it
 * is read, so a caller can aggregate millions of rows without keeping them. Problems with the
 * file or its rows come back in the report; nothing the file holds makes this throw (an error
 * thrown by `onRecord` is passed on). All-or-nothing is the caller's: save only if errorCount is 0.
 * The header is found automatically (the first row with the spec's required columns, within the
 * first 20 rows) unless `headerRow` is given. Pass `errors` to count the caller's own row errors
 * (e.g. an unknown school) in the same capped list.
 */
export async function checkTable<C extends readonly ColumnDef[]>(
  input: TableInput,
  spec: ColumnSpec<C>,
  onRecord: RecordConsumer<C>,
  options: CheckOptions = {},
  errors: ErrorList = new ErrorList(options.maxErrors ?? spec.maxErrors),
): Promise<CheckReport> {
  let table: OpenedTable;
  try {
    table = await openTable(input, {
      ...options,
      isHeader:
        options.headerRow === undefined
          ? (options.isHeader ?? ((cells) => matchesHeader(spec, cells)))
          : undefined,
      scoreHeader: options.scoreHeader ?? ((cells) => headerScore(spec, cells)),
    });
  } catch (e) {
    if (!(e instanceof TableReadError)) throw e;
    errors.add(e.problem);
    return {
      rowsRead: 0,
      recordsAccepted: 0,
      errors: errors.kept,
      errorCount: errors.count,
      notes: [],
    };
  }
  return checkOpenedTable(table, spec, onRecord, options, errors);
}

/** As checkTable, for a table already opened (e.g. to show its headers first). Closes it. */
export async function checkOpenedTable<C extends readonly ColumnDef[]>(
  table: OpenedTable,
  spec: ColumnSpec<C>,
  onRecord: RecordConsumer<C>,
  options: Pick<CheckOptions, 'maxErrors' | 'maxRows'> = {},
  errors: ErrorList = new ErrorList(options.maxErrors ?? spec.maxErrors),
): Promise<CheckReport> {
  const notes: string[] = [];
  const info: CheckReport['table'] = {
    format: table.format,
    headerRow: table.headerRow,
    headers: table.headers,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    ...(table.delimiter ? { delimiter: table.delimiter } : {}),
    ...(table.sheet ? { sheet: table.sheet } : {}),
  };
  const header = checkHeader(spec, table.headers, table.headerRow);
  for (const e of header.errors) errors.add(e);
  notes.push(...header.notes);
  let rowsRead = 0;
  let accepted = 0;
  const report = (checker?: RowChecker<C>): CheckReport => ({
    rowsRead,
    recordsAccepted: accepted,
    errors: errors.kept,
    errorCount: errors.count,
    notes: [...table.notes, ...notes, ...(checker?.notes() ?? [])],
    table: { ...info, ...(table.encoding ? { encoding: table.encoding } : {}) },
  });
  if (header.errors.length > 0) {
    await table.close();
    return report();
  }
  const checker = new RowChecker<C>(header, errors, table.format);
  const maxRows = options.maxRows ?? Infinity;
  try {
    for await (const batch of table.batches()) {
      for (const row of batch) {
        rowsRead++;
        if (rowsRead > maxRows) {
          errors.add({
            row: row.rowNumber,
            column: '',
            message: `The file has more than ${maxRows.toLocaleString('en-GB')} rows of data, the most this import takes.`,
            expected: `at most ${maxRows.toLocaleString('en-GB')} rows`,
          });
          rowsRead--;
          return report(checker);
        }
        const checked = checker.check(row);
        if (!checked) continue;
        accepted++;
        const done = onRecord(checked.record, checked.info);
        if (done !== undefined) await done;
      }
    }
  } catch (e) {
    if (!(e instanceof TableReadError)) throw e;
    errors.add(e.problem);
  } finally {
    await table.close();
  }
  return report(checker);
}

/**
 * For small imports: every valid record, or none. `records` is present only when there were no
 * errors at all. Set `maxRows` to keep memory in check.
 */
export async function collectTable<C extends readonly ColumnDef[]>(
  input: TableInput,
  spec: ColumnSpec<C>,
  options: CheckOptions = {},
): Promise<CheckReport & { records?: (RecordOf<C> & { rowNumber: number })[] }> {
  const records: (RecordOf<C> & { rowNumber: number })[] = [];
  const errors = new ErrorList(options.maxErrors ?? spec.maxErrors);
  const report = await checkTable(
    input,
    spec,
    (record, info) => {
      // Once anything has failed nothing will be returned, so stop keeping records.
      if (errors.count === 0) records.push({ ...record, rowNumber: info.rowNumber });
      else records.length = 0;
    },
    options,
    errors,
  );
  return report.errorCount === 0 ? { ...report, records } : report;
}
