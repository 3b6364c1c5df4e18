// Why a cell was refused, and how a cell is shown in the message that says so.
import { defaultMarkers } from './column-spec.js';
import type { RawCell } from './types.js';

/** Why a cell was refused: what readDate, readPeriod and the other cell readers return. */
export class CellProblem {
  constructor(
    readonly message: string,
    readonly expected: string,
  ) {}
}

const MAX_SHOWN = 60;

/** Text for a message: on one line, cut to 60 characters. */
export function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
}

/** A cell as quoted in a message: ‘12.5’, ‘2024-01-31’. */
export function show(cell: RawCell): string {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? 'an invalid date' : `‘${isoDate(cell)}’`;
  return `‘${clip(String(cell))}’`;
}

/** “‘x’ is not a <what>”, or, for a suppression marker, that the column does not take one. */
export function notA(text: string, what: string): string {
  if (defaultMarkers.has(text.toLowerCase())) {
    return `${show(text)} marks a suppressed or unavailable value, which this column does not accept; it needs a ${what}.`;
  }
  return `${show(text)} is not a ${what}.`;
}

/** Text that looks like a formula where a value should be. */
export function formulaProblem(text: string, expected: string): CellProblem {
  return new CellProblem(
    `${show(text)} looks like a spreadsheet formula, not a value. Save the calculated values instead.`,
    expected,
  );
}

/** What kind of value a cell holds, in words. */
export function describe(cell: RawCell): string {
  if (cell instanceof Date) return 'a date';
  if (typeof cell === 'boolean') return 'TRUE or FALSE';
  if (typeof cell === 'number') return 'a number';
  return 'text';
}

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A Date's UTC calendar day as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
