// Date-only arithmetic on 'YYYY-MM-DD' strings. Days are counted from 1970-01-01 in UTC so that no
// local time zone or daylight saving change can shift a date.

const MS_PER_DAY = 86_400_000;

// The Easter algorithm is only valid for the Gregorian calendar, and ISO strings here have 4-digit years.
/** English month names, January first: the one list every date message and label uses. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export const MIN_YEAR = 1583;
export const MAX_YEAR = 9999;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface ParsedDate {
  year: number;
  /** Days since 1970-01-01. */
  day: number;
}

export function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(
      `Unsupported year ${String(year)}: expected a whole number from ${MIN_YEAR} to ${MAX_YEAR}`,
    );
  }
}

export function parseIsoDate(value: string): ParsedDate {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const dayOfMonth = Number(match?.[3]);
  const ms = Date.UTC(year, month - 1, dayOfMonth);
  const date = new Date(ms);
  // Date.UTC silently rolls 2023-02-30 over to 2 March, so a round trip catches impossible dates.
  if (
    match === null ||
    Number.isNaN(ms) ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== dayOfMonth
  ) {
    throw new RangeError(
      `Invalid date ${JSON.stringify(value)}: expected a real calendar date written as YYYY-MM-DD`,
    );
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(
      `Unsupported date ${JSON.stringify(value)}: years must be from ${MIN_YEAR} to ${MAX_YEAR}`,
    );
  }
  return { year, day: ms / MS_PER_DAY };
}

export function dayNumber(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday, as Date#getUTCDay. */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps pre-1970 days positive.
  return (((day + 4) % 7) + 7) % 7;
}
