// Calendar days from text (UK, ISO and named-month forms), Date cells and Excel serial numbers.
import { MONTH_NAMES } from '../calendar/iso-date.js';
import { CellProblem, describe, formulaProblem, isoDate, pad, show } from './cell-problem.js';
import type { DateColumn } from './column-spec.js';
import { looksLikeFormula } from './read-numbers.js';
import type { RawCell } from './types.js';

export const MONTHS = new Map<string, number>([
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

export const DATE_EXPECTED = 'a date like 31/01/2024, 2024-01-31 or 31 Jan 2024';
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Two-digit years as Excel reads them: 00–29 are 2000s, 30–99 are 1900s. */
export function fullYear(text: string): number {
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
