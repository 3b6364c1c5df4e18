import { MONTH_NAMES } from '../platform/calendar/iso-date.js';
// Calendar-date helpers for deadlines: whole days on 'YYYY-MM-DD' strings, computed in UTC so no
// time zone or clock change can move a date.

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MONTHS = MONTH_NAMES;

interface Ymd {
  year: number;
  month: number; // 1-12
  day: number;
}

function parse(date: string): Ymd {
  const match = ISO_DATE.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  // Date.UTC rolls 30 February over into March, so a round trip rejects impossible dates.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (match === null || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  }
  return { year, month, day };
}

function toIso({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Same day of the month `months` later, clamped to the month's end (31 August + 6 = 28/29 February). */
export function addMonths(date: string, months: number): string {
  if (!Number.isSafeInteger(months)) {
    throw new RangeError(`Invalid number of months ${String(months)}: expected a whole number`);
  }
  const { year, month, day } = parse(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return toIso({
    year: newYear,
    month: newMonth,
    day: Math.min(day, daysInMonth(newYear, newMonth)),
  });
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  return (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / MS_PER_DAY;
}

/** '12 May 2018', as GOV.UK style writes dates. */
export function formatLongDate(date: string): string {
  const { year, month, day } = parse(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
