import { bankHolidaysForYear } from './bank-holidays.js';
import {
  MAX_YEAR,
  MIN_YEAR,
  dayNumber,
  formatDay,
  parseIsoDate,
  weekdayOf,
  type ParsedDate,
} from './iso-date.js';

export interface WorkingCalendarOptions {
  /** Extra non-working days the partnership sets itself (e.g. a council's Christmas closure). */
  closures?: readonly string[];
  /** Whether closures count as non-working days. Defaults to true; false ignores them. */
  countClosures?: boolean;
}

/**
 * All dates are ISO 'YYYY-MM-DD' strings; invalid ones throw a RangeError. The methods do not use
 * `this`, so they can be destructured.
 */
export interface WorkingCalendar {
  /** Monday to Friday and neither a bank holiday nor a counted closure. */
  isWorkingDay(date: string): boolean;
  /** The n-th working day after `date` (before it when n < 0); n = 0 returns `date` unchanged. */
  addWorkingDays(date: string, n: number): string;
  /** Working days d with start < d <= end; negative when end < start. */
  workingDaysBetween(start: string, end: string): number;
  /** England and Wales bank holiday (closures are not bank holidays). */
  isBankHoliday(date: string): boolean;
  /** Bank holidays d with start <= d <= end, sorted; empty when end < start. */
  bankHolidaysBetween(start: string, end: string): string[];
  /** The closures this calendar counts, sorted and de-duplicated (empty if not counted). */
  readonly closures: readonly string[];
}

/** Per-year lookup tables, so counting and stepping cost O(1) per year rather than per day. */
interface YearIndex {
  /** Day number of 1 January. */
  start: number;
  /** workingBefore[i] = working days among the year's first i days (length = days in year + 1). */
  workingBefore: Uint16Array;
  /** Day-of-year offsets of the working days, ascending. */
  workingOffsets: Uint16Array;
}

function buildYearIndex(year: number, closures: ReadonlySet<number>): YearIndex {
  const start = dayNumber(year, 1, 1);
  const length = dayNumber(year + 1, 1, 1) - start;
  const holidays = new Set(bankHolidaysForYear(year).map((date) => parseIsoDate(date).day));
  const workingBefore = new Uint16Array(length + 1);
  const offsets: number[] = [];
  let weekday = weekdayOf(start);
  for (let offset = 0; offset < length; offset++) {
    const day = start + offset;
    const working = weekday !== 0 && weekday !== 6 && !holidays.has(day) && !closures.has(day);
    if (working) offsets.push(offset);
    workingBefore[offset + 1] = offsets.length;
    weekday = (weekday + 1) % 7;
  }
  return { start, workingBefore, workingOffsets: Uint16Array.from(offsets) };
}

function assertWholeNumber(n: number): void {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Invalid number of working days ${String(n)}: expected a whole number`);
  }
}

/** Builds a calendar of England and Wales bank holidays plus the partnership's own closures. */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const countClosures = options.countClosures ?? true;
  const closureDays = new Set<number>();
  for (const date of options.closures ?? []) {
    const parsed = parseIsoDate(date); // validate even if not counted, so bad data surfaces early
    if (countClosures) closureDays.add(parsed.day);
  }
  const closures = Object.freeze([...closureDays].sort((a, b) => a - b).map(formatDay));

  const indexes = new Map<number, YearIndex>();
  function yearIndex(year: number): YearIndex {
    let index = indexes.get(year);
    if (index === undefined) {
      if (year < MIN_YEAR || year > MAX_YEAR) {
        throw new RangeError(
          `Working-day arithmetic left the supported years ${MIN_YEAR} to ${MAX_YEAR}`,
        );
      }
      index = buildYearIndex(year, closureDays);
      indexes.set(year, index);
    }
    return index;
  }

  // Working days in the year of `date` up to and including it.
  function rankInYear({ year, day }: ParsedDate): number {
    const index = yearIndex(year);
    return index.workingBefore[day - index.start + 1]!;
  }

  function isWorkingDay(date: string): boolean {
    const parsed = parseIsoDate(date);
    const index = yearIndex(parsed.year);
    const offset = parsed.day - index.start;
    return index.workingBefore[offset + 1]! > index.workingBefore[offset]!;
  }

  function addWorkingDays(date: string, n: number): string {
    const parsed = parseIsoDate(date);
    assertWholeNumber(n);
    if (n === 0) return date;
    let year = parsed.year;
    let index = yearIndex(year);
    const offset = parsed.day - index.start;
    // `target` is the 1-based rank of the wanted day among `year`'s working days.
    let target =
      n > 0 ? index.workingBefore[offset + 1]! + n : index.workingBefore[offset]! + n + 1;
    while (target > index.workingOffsets.length) {
      target -= index.workingOffsets.length;
      index = yearIndex(++year);
    }
    while (target < 1) {
      index = yearIndex(--year);
      target += index.workingOffsets.length;
    }
    return formatDay(index.start + index.workingOffsets[target - 1]!);
  }

  function workingDaysBetween(start: string, end: string): number {
    const from = parseIsoDate(start);
    const to = parseIsoDate(end);
    // `0 - x` rather than `-x` so an empty backwards span gives 0, not -0.
    if (to.day < from.day) return 0 - workingDaysBetween(end, start);
    let count = rankInYear(to) - rankInYear(from);
    for (let year = from.year; year < to.year; year++) {
      count += yearIndex(year).workingOffsets.length;
    }
    return count;
  }

  function isBankHoliday(date: string): boolean {
    const parsed = parseIsoDate(date);
    return bankHolidaysForYear(parsed.year).includes(date);
  }

  function bankHolidaysBetween(start: string, end: string): string[] {
    const from = parseIsoDate(start);
    const to = parseIsoDate(end);
    const result: string[] = [];
    for (let year = from.year; year <= to.year; year++) {
      // ISO strings of one format sort chronologically, so plain comparison is enough.
      result.push(...bankHolidaysForYear(year).filter((date) => date >= start && date <= end));
    }
    return result;
  }

  return {
    isWorkingDay,
    addWorkingDays,
    workingDaysBetween,
    isBankHoliday,
    bankHolidaysBetween,
    closures,
  };
}

/** The plain England and Wales calendar (bank holidays only), shared by the standalone functions. */
export const englandAndWalesCalendar: WorkingCalendar = createWorkingCalendar();

export const {
  isWorkingDay,
  addWorkingDays,
  workingDaysBetween,
  isBankHoliday,
  bankHolidaysBetween,
} = englandAndWalesCalendar;
