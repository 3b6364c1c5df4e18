import data from './bank-holidays-england-and-wales.json' with { type: 'json' };
import { assertSupportedYear, dayNumber, formatDay, weekdayOf } from './iso-date.js';

const SUNDAY = 0;
const MONDAY = 1;
const FRIDAY = 5;
const SATURDAY = 6;

// The shipped list wins where it exists because it carries one-off royal proclamations that no rule
// can predict; outside it we fall back to the statutory rules.
const shippedByYear = new Map<number, string[]>();
for (const date of data.dates) {
  const year = Number(date.slice(0, 4));
  const dates = shippedByYear.get(year) ?? [];
  dates.push(date);
  shippedByYear.set(year, dates);
}
for (const dates of shippedByYear.values()) dates.sort();

const shippedYears = [...shippedByYear.keys()];
/** First and last years covered by the shipped England and Wales list (2012 and 2027). */
export const SHIPPED_FIRST_YEAR = Math.min(...shippedYears);
export const SHIPPED_LAST_YEAR = Math.max(...shippedYears);

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher); returns [month, day]. */
export function easterSunday(year: number): [month: number, day: number] {
  assertSupportedYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return [Math.floor(n / 31), (n % 31) + 1];
}

function firstMondayOf(year: number, month: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((MONDAY - weekdayOf(first) + 7) % 7);
}

function lastMondayOf(year: number, month: number): number {
  const last = dayNumber(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - MONDAY + 7) % 7);
}

/**
 * England and Wales bank holidays from the standing rules alone (no proclamations), as sorted
 * ISO dates. Use {@link englandAndWalesBankHolidays} for the real list.
 */
export function computeRuleBankHolidays(year: number): string[] {
  assertSupportedYear(year);
  const days: number[] = [];

  const newYear = dayNumber(year, 1, 1);
  const newYearWeekday = weekdayOf(newYear);
  days.push(
    newYearWeekday === SATURDAY ? newYear + 2 : newYearWeekday === SUNDAY ? newYear + 1 : newYear,
  );

  const [easterMonth, easterDay] = easterSunday(year);
  const easter = dayNumber(year, easterMonth, easterDay);
  days.push(easter - 2, easter + 1);

  days.push(firstMondayOf(year, 5), lastMondayOf(year, 5), lastMondayOf(year, 8));

  // Christmas and Boxing Day each get the next weekday not already a holiday when at a weekend.
  const christmas = dayNumber(year, 12, 25);
  switch (weekdayOf(christmas)) {
    case FRIDAY:
      days.push(christmas, christmas + 3); // Boxing Day Sat -> Mon 28
      break;
    case SATURDAY:
      days.push(christmas + 2, christmas + 3); // Mon 27 and Tue 28
      break;
    case SUNDAY:
      days.push(christmas + 1, christmas + 2); // Boxing Day Mon 26, Christmas substitute Tue 27
      break;
    default: // Monday to Thursday
      days.push(christmas, christmas + 1);
  }

  days.sort((x, y) => x - y);
  return days.map(formatDay);
}

const cache = new Map<number, readonly string[]>();

/** Cached per year; callers get the shared frozen array. */
export function bankHolidaysForYear(year: number): readonly string[] {
  let dates = cache.get(year);
  if (dates === undefined) {
    assertSupportedYear(year);
    dates = Object.freeze(shippedByYear.get(year)?.slice() ?? computeRuleBankHolidays(year));
    cache.set(year, dates);
  }
  return dates;
}

/**
 * England and Wales bank holidays in `year` as sorted ISO dates: the shipped list (with royal
 * proclamations) for 2012–2027, the statutory rules otherwise.
 */
export function englandAndWalesBankHolidays(year: number): string[] {
  return [...bankHolidaysForYear(year)];
}
