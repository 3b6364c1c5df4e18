// Matching a header row to a spec: which file column holds each spec column, and what is missing,
// given twice or not used.
import { clip } from './cell-problem.js';
import type { ColumnDef, ColumnSpec } from './column-spec.js';
import { normaliseHeader } from './header-names.js';
import { columnLetter, headerText } from './header-row.js';
import type { RawCell, RowError } from './types.js';

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
