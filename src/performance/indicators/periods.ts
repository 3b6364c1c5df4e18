// Reporting periods for indicator values: parsing the many ways people write them, one canonical
// key per period, and ordering. Pure: no I/O, no clock.

import { MONTH_NAMES } from '../../platform/calendar/iso-date.js';

export const FREQUENCIES = [
  'monthly',
  'termly',
  'quarterly',
  'annual',
  'academic_year',
  'financial_year',
] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  monthly: 'Monthly',
  termly: 'Termly',
  quarterly: 'Quarterly',
  annual: 'Annual (calendar year)',
  academic_year: 'Academic year (September to August)',
  financial_year: 'Financial year (April to March)',
};

export const PERIOD_KINDS = [
  'month',
  'term',
  'quarter',
  'calendar_year',
  'academic_year',
  'financial_year',
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The kind of period an indicator of each frequency reports; 'annual' means calendar years. */
export const PERIOD_KIND_FOR_FREQUENCY: Record<Frequency, PeriodKind> = {
  monthly: 'month',
  termly: 'term',
  quarterly: 'quarter',
  annual: 'calendar_year',
  academic_year: 'academic_year',
  financial_year: 'financial_year',
};

export interface Period {
  /** Canonical key: '2024-03', '2024-Q1', '2024-25-autumn', '2024', '2024-25'. */
  key: string;
  kind: PeriodKind;
  /** First day, ISO 'YYYY-MM-DD'. */
  start: string;
  /** Last day, ISO 'YYYY-MM-DD'. */
  end: string;
  /** For headings and tables: 'March 2024', 'January to March 2024', '2024 to 2025'. */
  label: string;
  /** For chart axes: 'Mar 2024', 'Jan to Mar 2024', '2024-25'. */
  shortLabel: string;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

/** Years outside this range are almost always typing mistakes (20244, 1024). */
export const MIN_PERIOD_YEAR = 1900;
export const MAX_PERIOD_YEAR = 2100;

const TERMS = ['autumn', 'spring', 'summer'] as const;
type Term = (typeof TERMS)[number];

// School term dates differ by school and move with Easter; these fixed spans partition the
// academic year so that terms order and chart correctly. They are not attendance calendars.
const TERM_MONTHS: Record<Term, { first: number; last: number }> = {
  autumn: { first: 9, last: 12 },
  spring: { first: 1, last: 3 },
  summer: { first: 4, last: 8 },
};

const EXAMPLES =
  'use a month (March 2024 or 2024-03), a quarter (2024 Q1), a term (Autumn term 2024), a year (2024) or an academic or financial year (2024-25)';

/** Says what is wrong with an input; the message follows the quoted input in the error. */
class PeriodParseError extends Error {}

function monthName(month: number): string {
  const name = MONTH_NAMES[month - 1];
  if (name === undefined) throw new RangeError(`No month ${month}`);
  return name;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function lastDayOfMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR) {
    throw new PeriodParseError(`is outside the years ${MIN_PERIOD_YEAR} to ${MAX_PERIOD_YEAR}`);
  }
}

function spanKey(startYear: number): string {
  return `${startYear}-${pad2((startYear + 1) % 100)}`;
}

function monthPeriod(year: number, month: number): Period {
  checkYear(year);
  const name = monthName(month);
  return {
    key: `${year}-${pad2(month)}`,
    kind: 'month',
    start: isoDate(year, month, 1),
    end: isoDate(year, month, lastDayOfMonth(year, month)),
    label: `${name} ${year}`,
    shortLabel: `${name.slice(0, 3)} ${year}`,
  };
}

function quarterPeriod(year: number, quarter: number): Period {
  checkYear(year);
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const first = monthName(firstMonth);
  const last = monthName(lastMonth);
  return {
    key: `${year}-Q${quarter}`,
    kind: 'quarter',
    start: isoDate(year, firstMonth, 1),
    end: isoDate(year, lastMonth, lastDayOfMonth(year, lastMonth)),
    label: `${first} to ${last} ${year}`,
    shortLabel: `${first.slice(0, 3)} to ${last.slice(0, 3)} ${year}`,
  };
}

/** A term of the academic year that starts in September of `academicYear`. */
function termPeriod(academicYear: number, term: Term): Period {
  checkYear(academicYear);
  const { first, last } = TERM_MONTHS[term];
  const year = term === 'autumn' ? academicYear : academicYear + 1;
  const title = `${term.charAt(0).toUpperCase()}${term.slice(1)}`;
  return {
    key: `${spanKey(academicYear)}-${term}`,
    kind: 'term',
    start: isoDate(year, first, 1),
    end: isoDate(year, last, lastDayOfMonth(year, last)),
    label: `${title} term ${year}`,
    shortLabel: `${title} ${year}`,
  };
}

function calendarYearPeriod(year: number): Period {
  checkYear(year);
  return {
    key: String(year),
    kind: 'calendar_year',
    start: isoDate(year, 1, 1),
    end: isoDate(year, 12, 31),
    label: String(year),
    shortLabel: String(year),
  };
}

function spanYearPeriod(startYear: number, kind: 'academic_year' | 'financial_year'): Period {
  checkYear(startYear);
  const firstMonth = kind === 'academic_year' ? 9 : 4;
  return {
    key: spanKey(startYear),
    kind,
    start: isoDate(startYear, firstMonth, 1),
    end: isoDate(startYear + 1, firstMonth - 1, lastDayOfMonth(startYear + 1, firstMonth - 1)),
    // GOV.UK style writes academic and financial years as "2024 to 2025".
    label: `${startYear} to ${startYear + 1}`,
    shortLabel: spanKey(startYear),
  };
}

const MONTH_WORDS = new Map<string, number>(
  MONTH_NAMES.flatMap((name, i) => [
    [name.toLowerCase(), i + 1],
    [name.slice(0, 3).toLowerCase(), i + 1],
  ]),
);
MONTH_WORDS.set('sept', 9);

function monthFromWord(word: string): number | undefined {
  return MONTH_WORDS.get(word.replace(/\.$/, ''));
}

type SpanKind = 'academic_year' | 'financial_year';

function spanKindForFrequency(frequency: Frequency | undefined): SpanKind | undefined {
  if (frequency === 'academic_year' || frequency === 'termly') return 'academic_year';
  if (frequency === 'financial_year') return 'financial_year';
  return undefined;
}

const SPAN = String.raw`(\d{4})(?:-|/| to )(\d{4}|\d{2})`;

/** The start year of a two-year span such as 2024-25 or 2024/2025, checking the years follow. */
function spanStartYear(first: string, second: string): number {
  const start = Number(first);
  const end = Number(second);
  const follows = second.length === 4 ? end === start + 1 : end === (start + 1) % 100;
  if (!follows) {
    throw new PeriodParseError(
      `is not a real academic or financial year: the second year must follow the first, as in 2024-25`,
    );
  }
  return start;
}

function requireSpanKind(kind: SpanKind | undefined, startYear: number): SpanKind {
  if (kind === undefined) {
    const key = spanKey(startYear);
    throw new PeriodParseError(
      `could be an academic year or a financial year: write "AY ${key}" or "FY ${key}", or set the indicator's frequency`,
    );
  }
  return kind;
}

function parseTerm(text: string): Period | null {
  const termFirst = new RegExp(String.raw`^(autumn|spring|summer)(?: term)?[ -](.+)$`).exec(text);
  const termLast = new RegExp(String.raw`^(.+?)[ -](autumn|spring|summer)(?: term)?$`).exec(text);
  const term = (termFirst?.[1] ?? termLast?.[2]) as Term | undefined;
  const when = termFirst?.[2] ?? termLast?.[1];
  if (term === undefined || when === undefined) return null;
  const span = new RegExp(`^${SPAN}$`).exec(when);
  if (span) return termPeriod(spanStartYear(span[1] ?? '', span[2] ?? ''), term);
  if (/^\d{4}$/.test(when)) {
    // A single year names the calendar year the term falls in: spring 2025 is in 2024-25.
    const year = Number(when);
    return termPeriod(term === 'autumn' ? year : year - 1, term);
  }
  throw new PeriodParseError(
    `is not a recognised term: write it as Autumn term 2024, Spring term 2025 or 2024-25 autumn`,
  );
}

function parseQuarter(text: string): Period | null {
  const financial =
    new RegExp(`^q([1-4])[ -]${SPAN}$`).exec(text) ??
    new RegExp(`^${SPAN}[ -]q([1-4])$`).exec(text);
  if (financial) {
    const [quarter, first, second] = text.startsWith('q')
      ? [financial[1], financial[2], financial[3]]
      : [financial[3], financial[1], financial[2]];
    // A quarter of a two-year span is a financial quarter (Q1 = April to June), as NHS and
    // council finance data number them; it is stored as the calendar quarter it covers.
    const start = spanStartYear(first ?? '', second ?? '');
    const q = Number(quarter);
    return q === 4 ? quarterPeriod(start + 1, 1) : quarterPeriod(start, q + 1);
  }
  const yearFirst = /^(\d{4})[ -]?q([1-4])$/.exec(text);
  if (yearFirst) return quarterPeriod(Number(yearFirst[1]), Number(yearFirst[2]));
  const quarterFirst = /^q([1-4])[ -]?(\d{4})$/.exec(text);
  if (quarterFirst) return quarterPeriod(Number(quarterFirst[2]), Number(quarterFirst[1]));
  const range = /^([a-z]+\.?) ?(?:-|to) ?([a-z]+\.?) (\d{4})$/.exec(text);
  if (range) {
    const first = monthFromWord(range[1] ?? '');
    const last = monthFromWord(range[2] ?? '');
    if (first !== undefined && last !== undefined) {
      if (first % 3 === 1 && last === first + 2)
        return quarterPeriod(Number(range[3]), (first + 2) / 3);
      throw new PeriodParseError(
        `is not a calendar quarter: quarters run January to March, April to June, July to September or October to December`,
      );
    }
  }
  return null;
}

function parseSpanOrMonth(
  text: string,
  spanKind: SpanKind | undefined,
  forced: boolean,
): Period | null {
  const dashed = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (dashed) {
    const year = Number(dashed[1]);
    const digits = dashed[2] ?? '';
    const second = Number(digits);
    const isMonthLike = second >= 1 && second <= 12;
    const isSpanLike = digits.length === 2 && second === (year + 1) % 100;
    // 2011-12 is both December 2011 and the 2011 to 2012 year: the frequency (or an AY/FY
    // prefix) says which; without either, the ISO month reading wins.
    if (isSpanLike && spanKind !== undefined) return spanYearPeriod(year, spanKind);
    if (isMonthLike && !forced) return monthPeriod(year, second);
    if (isSpanLike) return spanYearPeriod(year, requireSpanKind(spanKind, year));
    if (forced) spanStartYear(dashed[1] ?? '', digits);
    throw new PeriodParseError(
      `is not a recognised period: months are 01 to 12, and in an academic or financial year the second year follows the first, as in 2024-25`,
    );
  }
  const span = new RegExp(`^${SPAN}$`).exec(text);
  if (span) {
    const start = spanStartYear(span[1] ?? '', span[2] ?? '');
    return spanYearPeriod(start, requireSpanKind(spanKind, start));
  }
  return null;
}

function parseMonth(text: string): Period | null {
  const slashed = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (slashed) {
    const month = Number(slashed[1]);
    if (month < 1 || month > 12) {
      throw new PeriodParseError(`is not a recognised period: months are 01 to 12`);
    }
    return monthPeriod(Number(slashed[2]), month);
  }
  const named = /^([a-z]+\.?)[ -]?(\d{4}|\d{2})$/.exec(text);
  if (named) {
    const month = monthFromWord(named[1] ?? '');
    if (month === undefined) return null;
    const digits = named[2] ?? '';
    // Excel shows months as "Mar-24"; two-digit years are read as 20xx.
    const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
    return monthPeriod(year, month);
  }
  return null;
}

function parseNormalised(
  text: string,
  frequency: Frequency | undefined,
  forcedKind: SpanKind | undefined,
): Period {
  const spanKind = forcedKind ?? spanKindForFrequency(frequency);
  const forced = forcedKind !== undefined;
  if (!forced) {
    const byShape = parseTerm(text) ?? parseQuarter(text);
    if (byShape) return byShape;
  }
  const spanOrMonth = parseSpanOrMonth(text, spanKind, forced);
  if (spanOrMonth) return spanOrMonth;
  if (forced) {
    throw new PeriodParseError(
      `is not an academic or financial year: write it as two years, such as 2024-25`,
    );
  }
  const month = parseMonth(text);
  if (month) return month;
  if (/^\d{4}$/.test(text)) return calendarYearPeriod(Number(text));
  throw new PeriodParseError(`is not a recognised period: ${EXAMPLES}`);
}

function normalise(input: string): { text: string; forcedKind: SpanKind | undefined } {
  let text = input
    .trim()
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?([-/]) ?/g, '$1');
  let forcedKind: SpanKind | undefined;
  const marker =
    /^(fy|ay)(?=[ \d])|^(financial|academic|school) year\b|\b(financial|academic|school) year$/.exec(
      text,
    );
  if (marker) {
    const word = marker[1] ?? marker[2] ?? marker[3];
    forcedKind = word === 'fy' || word === 'financial' ? 'financial_year' : 'academic_year';
    text = text.replace(marker[0], '').replace(/^[ :]+|[ :]+$/g, '');
  }
  return { text, forcedKind };
}

/**
 * Reads a period as people write it ('Mar 2024', '2024 Q1', '2024/25', 'Autumn term 2024'...).
 * A two-year span is an academic or a financial year according to the indicator's frequency
 * (termly counts as academic), or to an 'AY'/'FY' prefix, which wins over the frequency.
 */
export function parsePeriod(input: string, frequency?: Frequency): PeriodResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, error: 'Enter a period' };
  }
  try {
    const { text, forcedKind } = normalise(input);
    return { ok: true, period: parseNormalised(text, frequency, forcedKind) };
  } catch (error) {
    if (error instanceof PeriodParseError) {
      return { ok: false, error: `"${input.trim()}" ${error.message}` };
    }
    throw error;
  }
}

/** As parsePeriod, but throws a RangeError with the same message when the input is not a period. */
export function toPeriod(input: string, frequency?: Frequency): Period {
  const result = parsePeriod(input, frequency);
  if (!result.ok) throw new RangeError(result.error);
  return result.period;
}

/** The canonical key for a period written any accepted way. */
export function normalisePeriod(input: string, frequency?: Frequency): string {
  return toPeriod(input, frequency).key;
}

/** Chronological: earlier start first; for the same start, the shorter period first. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return a.kind === b.kind ? 0 : PERIOD_KINDS.indexOf(a.kind) - PERIOD_KINDS.indexOf(b.kind);
}

export function sortPeriods(periods: readonly Period[]): Period[] {
  return [...periods].sort(comparePeriods);
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.kind === b.kind && a.key === b.key;
}

/** Whether a value for this period suits an indicator of this frequency. */
export function periodMatchesFrequency(period: Period, frequency: Frequency): boolean {
  return period.kind === PERIOD_KIND_FOR_FREQUENCY[frequency];
}

/** The period of the given kind that contains an ISO date, e.g. the financial year of a target date. */
export function periodContaining(date: string, kind: PeriodKind): Period {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) {
    throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  }
  try {
    switch (kind) {
      case 'month':
        return monthPeriod(year, month);
      case 'quarter':
        return quarterPeriod(year, Math.ceil(month / 3));
      case 'term': {
        const term = TERMS.find(
          (t) => month >= TERM_MONTHS[t].first && month <= TERM_MONTHS[t].last,
        );
        return termPeriod(month >= 9 ? year : year - 1, term ?? 'summer');
      }
      case 'calendar_year':
        return calendarYearPeriod(year);
      case 'academic_year':
        return spanYearPeriod(month >= 9 ? year : year - 1, kind);
      case 'financial_year':
        return spanYearPeriod(month >= 4 ? year : year - 1, kind);
    }
  } catch (error) {
    if (error instanceof PeriodParseError) {
      throw new RangeError(`${date} ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function dayAfter(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The period of the same kind that immediately follows. */
export function nextPeriod(period: Period): Period {
  return periodContaining(dayAfter(period.end), period.kind);
}

/**
 * Every period of one kind from `first` to `last` inclusive, so a chart can show a missing
 * period as a gap. Throws when the kinds differ or the run is longer than `limit`.
 */
export function periodsFromTo(first: Period, last: Period, limit = 1000): Period[] {
  if (first.kind !== last.kind) {
    throw new RangeError(`Cannot list periods from a ${first.kind} to a ${last.kind}`);
  }
  const periods: Period[] = [];
  for (let p = first; comparePeriods(p, last) <= 0; p = nextPeriod(p)) {
    if (periods.length >= limit) throw new RangeError(`More than ${limit} periods`);
    periods.push(p);
  }
  return periods;
}

/** The period as it reads inside a sentence: 'in March 2024', 'in the 2024 to 2025 academic year'. */
export function periodInSentence(period: Period): string {
  switch (period.kind) {
    case 'academic_year':
      return `the ${period.label} academic year`;
    case 'financial_year':
      return `the ${period.label} financial year`;
    case 'term':
      return `the ${period.label.charAt(0).toLowerCase()}${period.label.slice(1)}`;
    default:
      return period.label;
  }
}

/** 'March 2026' for an ISO date: how targets' deadlines read in sentences. */
export function monthAndYear(date: string): string {
  const period = periodContaining(date, 'month');
  return period.label;
}
