/** Dates as letters and reports write them: "25 to 29 September 2023", "4 December 2023". */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
/** "to", "and", "until", or a dash of any kind. */
const SEP = '\\s*(?:to|and|until|till|[-\u2010-\u2015\u2212])\\s*';

/** "4 December 2023 to 8 December 2023", "30 December 2023 to 3 January 2024" */
const FULL_RANGE = new RegExp(
  `${DAY}\\s+${MONTH},?\\s+${YEAR}${SEP}${DAY}\\s+${MONTH},?\\s+${YEAR}`,
  'i',
);
/** "27 November to 1 December 2023" */
const MONTHS_RANGE = new RegExp(`${DAY}\\s+${MONTH}${SEP}${DAY}\\s+${MONTH},?\\s+${YEAR}`, 'i');
/** "25 to 29 September 2023", "4 - 8 December 2017" */
const DAYS_RANGE = new RegExp(`${DAY}${SEP}${DAY}\\s+${MONTH},?\\s+${YEAR}`, 'i');
/** "31 January 2018" */
const SINGLE = new RegExp(`${DAY}\\s+${MONTH},?\\s+${YEAR}`, 'i');
/** "31/01/2018" (UK order) */
const NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;

export interface DateRange {
  start: string;
  end: string;
  /** Where the match starts in the searched string. */
  index: number;
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, 3)] ?? 0;
}

/** ISO date, or null when the day does not exist (a misread page number, say). */
export function isoDate(day: number, month: number, year: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

/** The first date range in the text, most specific form first. */
export function findDateRange(text: string): DateRange | null {
  const flat = text.replace(/\s+/g, ' ');
  const candidates: DateRange[] = [];
  let m = FULL_RANGE.exec(flat);
  if (m) {
    const start = isoDate(+m[1]!, monthNumber(m[2]!), +m[3]!);
    const end = isoDate(+m[4]!, monthNumber(m[5]!), +m[6]!);
    if (start && end && start <= end) candidates.push({ start, end, index: m.index });
  }
  m = MONTHS_RANGE.exec(flat);
  if (m) {
    const year = +m[5]!;
    const startMonth = monthNumber(m[2]!);
    const endMonth = monthNumber(m[4]!);
    // "28 December to 1 January 2024" starts in the year before.
    const start = isoDate(+m[1]!, startMonth, startMonth > endMonth ? year - 1 : year);
    const end = isoDate(+m[3]!, endMonth, year);
    if (start && end && start <= end) candidates.push({ start, end, index: m.index });
  }
  m = DAYS_RANGE.exec(flat);
  if (m) {
    const start = isoDate(+m[1]!, monthNumber(m[3]!), +m[4]!);
    const end = isoDate(+m[2]!, monthNumber(m[3]!), +m[4]!);
    if (start && end && start <= end) candidates.push({ start, end, index: m.index });
  }
  if (candidates.length > 0) {
    // The earliest match wins; at the same place the longest form (listed first) does.
    candidates.sort((a, b) => a.index - b.index);
    return candidates[0] ?? null;
  }
  const single = findDate(flat);
  return single ? { start: single.date, end: single.date, index: single.index } : null;
}

/** The first single date in the text. */
export function findDate(text: string): { date: string; index: number } | null {
  const flat = text.replace(/\s+/g, ' ');
  const m = SINGLE.exec(flat);
  if (m) {
    const date = isoDate(+m[1]!, monthNumber(m[2]!), +m[3]!);
    if (date) return { date, index: m.index };
  }
  const n = NUMERIC.exec(flat);
  if (n) {
    const date = isoDate(+n[1]!, +n[2]!, +n[3]!);
    if (date) return { date, index: n.index };
  }
  return null;
}

/** A line that is nothing but a date, as at the head of a letter ("31 January 2018"). */
export function dateOnlyLine(line: string): string | null {
  const t = line.trim().replace(/^(?:date|dated)\s*:?\s*/i, '');
  if (!new RegExp(`^${SINGLE.source}\\.?$`, 'i').test(t) && !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(t)) {
    return null;
  }
  return findDate(t)?.date ?? null;
}
