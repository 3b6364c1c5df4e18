// EHC plan timeliness: how long from the request for an EHC needs assessment to the final plan,
// against the 20-week limit in the SEND Regulations 2014. Pure: the caller supplies case records
// that hold a pseudonymous case id and dates only, never a name.

import { isNeedCode, NEED_CODES, type NeedCode } from '../census/index.js';

export interface EhcCase {
  /** Pseudonymous case reference; never a name. */
  caseId: string;
  /** Date the request for an EHC needs assessment was received, YYYY-MM-DD. */
  requestDate: string;
  /** Date the final EHC plan was issued, YYYY-MM-DD; null while not yet issued. */
  issueDate: string | null;
  /** One of the regulation exceptions applies (setting closed, personal circumstances, absence). */
  exception: boolean;
  primaryNeed: NeedCode | null;
}

/** 20 weeks. A plan issued on day 140 after the request is within the limit. */
export const STATUTORY_LIMIT_DAYS = 140;
export const STATUTORY_LIMIT_WEEKS = 20;

export const WEEKS_BANDS = ['Up to 20 weeks', 'Over 20 up to 52 weeks', 'Over 52 weeks'] as const;
export type WeeksBand = (typeof WEEKS_BANDS)[number];

// Exactly 52 weeks (364 days) is still in the middle band.
const FIFTY_TWO_WEEKS_DAYS = 364;

/** A share with what it was computed from; share is null (not NaN) when the denominator is 0. */
export interface Share {
  numerator: number;
  denominator: number;
  share: number | null;
}

export function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, share: denominator > 0 ? numerator / denominator : null };
}

// ---------------------------------------------------------------------------------------------
// National comparison
// ---------------------------------------------------------------------------------------------

export interface NationalTimelinessFigure {
  /** Calendar year in which the plans were issued. */
  year: number;
  period: 'calendar year';
  /** Percentage as published, e.g. 58.6. */
  percent: number;
  /** The same as a proportion, e.g. 0.586, comparable with {@link Share.share}. */
  share: number;
}

/**
 * England: share of new EHC plans issued within 20 weeks, excluding exceptions, for plans issued in
 * each calendar year (DfE SEN2). Years not in our source (2018, 2020) are left out, not guessed.
 */
export const ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS: readonly NationalTimelinessFigure[] = (
  [
    [2016, 58.6],
    [2017, 64.9],
    [2019, 60.4],
    [2021, 59.9],
    [2022, 49.2],
    [2023, 50.3],
    [2024, 46.4],
  ] as const
).map(([year, percent]) => ({
  year,
  period: 'calendar year' as const,
  percent,
  share: Math.round(percent * 10) / 1000,
}));

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Days since 1970-01-01 in UTC, so no time zone or clock change can move a date; null when the
// text is not a real calendar date (Date.UTC would roll 2023-02-30 over to 2 March).
function dayNumber(iso: string): number | null {
  const match = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return date.getTime() / MS_PER_DAY;
}

function requireDay(iso: string): number {
  const day = dayNumber(iso);
  if (day === null) {
    throw new RangeError(`The date ${JSON.stringify(iso)} is not a date written as YYYY-MM-DD.`);
  }
  return day;
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return requireDay(to) - requireDay(from);
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/**
 * Checks one case. Returns a message to show against it, or null when valid. The analysis
 * functions below throw on cases that fail this check; {@link analyseEhcTimeliness} sets them
 * aside and lists them instead.
 */
export function validateEhcCase(ehcCase: EhcCase): string | null {
  const { caseId, requestDate, issueDate } = ehcCase;
  if (typeof caseId !== 'string' || caseId.trim() === '') return 'The case reference is missing.';
  const label = `Case ${caseId}`;
  const requestDay = dayNumber(requestDate);
  if (requestDay === null) {
    return `${label}: the request date ${JSON.stringify(requestDate)} is not a date written as YYYY-MM-DD.`;
  }
  if (issueDate !== null) {
    const issueDay = dayNumber(issueDate);
    if (issueDay === null) {
      return `${label}: the issue date ${JSON.stringify(issueDate)} is not a date written as YYYY-MM-DD.`;
    }
    if (issueDay < requestDay) {
      return `${label}: the plan was issued (${issueDate}) before the request was received (${requestDate}).`;
    }
  }
  if (typeof ehcCase.exception !== 'boolean')
    return `${label}: the exception flag must be yes or no.`;
  if (ehcCase.primaryNeed !== null && !isNeedCode(ehcCase.primaryNeed)) {
    return `${label}: "${String(ehcCase.primaryNeed)}" is not a DfE need type code.`;
  }
  return null;
}

function assertValid(ehcCase: EhcCase): void {
  const problem = validateEhcCase(ehcCase);
  if (problem !== null) throw new RangeError(problem);
}

// ---------------------------------------------------------------------------------------------
// Single cases
// ---------------------------------------------------------------------------------------------

/** Days from request to issue, or null if not yet issued. */
export function daysToIssue(ehcCase: EhcCase): number | null {
  assertValid(ehcCase);
  if (ehcCase.issueDate === null) return null;
  return daysBetween(ehcCase.requestDate, ehcCase.issueDate);
}

/** Weeks from request to issue (days / 7, not rounded), or null if not yet issued. */
export function weeksToIssue(ehcCase: EhcCase): number | null {
  const days = daysToIssue(ehcCase);
  return days === null ? null : days / 7;
}

export function isWithin20Weeks(days: number): boolean {
  return days <= STATUTORY_LIMIT_DAYS;
}

export function weeksBand(days: number): WeeksBand {
  if (days <= STATUTORY_LIMIT_DAYS) return 'Up to 20 weeks';
  if (days <= FIFTY_TWO_WEEKS_DAYS) return 'Over 20 up to 52 weeks';
  return 'Over 52 weeks';
}

// ---------------------------------------------------------------------------------------------
// Summary of issued plans
// ---------------------------------------------------------------------------------------------

export interface BandCount {
  band: WeeksBand;
  count: number;
  share: Share;
}

export interface TimelinessSummary {
  /** Plans issued (cases with an issue date). */
  issued: number;
  /** Issued plans where an exception applied. */
  withException: number;
  /** Within 20 weeks among all issued plans, exceptions included. */
  within20WeeksIncludingExceptions: Share;
  /**
   * Within 20 weeks among plans with no exception: the national measure "EHC plans issued within
   * 20 weeks excluding exceptions".
   */
  within20WeeksExcludingExceptions: Share;
  /** Over all issued plans, exceptions included; null when none were issued. */
  meanWeeks: number | null;
  medianWeeks: number | null;
  /** Every band, in order, even when empty; shares are of all issued plans. */
  bands: BandCount[];
}

/** Summarises the issued cases in `cases`; cases not yet issued are ignored. Throws on invalid cases. */
export function summariseTimeliness(cases: Iterable<EhcCase>): TimelinessSummary {
  const days: number[] = [];
  let withException = 0;
  let withinAll = 0;
  let withoutException = 0;
  let withinWithoutException = 0;
  const bandCounts = new Map<WeeksBand, number>(WEEKS_BANDS.map((band) => [band, 0]));
  for (const ehcCase of cases) {
    const caseDays = daysToIssue(ehcCase);
    if (caseDays === null) continue;
    days.push(caseDays);
    const within = isWithin20Weeks(caseDays);
    if (within) withinAll += 1;
    if (ehcCase.exception) withException += 1;
    else {
      withoutException += 1;
      if (within) withinWithoutException += 1;
    }
    const band = weeksBand(caseDays);
    bandCounts.set(band, (bandCounts.get(band) ?? 0) + 1);
  }
  const issued = days.length;
  return {
    issued,
    withException,
    within20WeeksIncludingExceptions: share(withinAll, issued),
    within20WeeksExcludingExceptions: share(withinWithoutException, withoutException),
    meanWeeks: issued === 0 ? null : days.reduce((sum, d) => sum + d, 0) / issued / 7,
    medianWeeks: issued === 0 ? null : median(days) / 7,
    bands: WEEKS_BANDS.map((band) => {
      const count = bandCounts.get(band) ?? 0;
      return { band, count, share: share(count, issued) };
    }),
  };
}

// Middle value; the mean of the two middle values for an even count. `values` is non-empty.
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

// ---------------------------------------------------------------------------------------------
// Breakdowns
// ---------------------------------------------------------------------------------------------

export interface MonthTimeliness {
  /** Month of issue, YYYY-MM. */
  month: string;
  summary: TimelinessSummary;
}

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  const [nextYear, next] = monthNumber === 12 ? [year + 1, 1] : [year, monthNumber + 1];
  return `${String(nextYear).padStart(4, '0')}-${String(next).padStart(2, '0')}`;
}

/**
 * Issued plans by month of issue, oldest first. Months between the first and last with no plans
 * issued are included with empty summaries, so a chart shows the gap instead of hiding it.
 * Throws on invalid cases.
 */
export function timelinessByIssueMonth(cases: Iterable<EhcCase>): MonthTimeliness[] {
  const byMonth = new Map<string, EhcCase[]>();
  for (const ehcCase of cases) {
    assertValid(ehcCase);
    if (ehcCase.issueDate === null) continue;
    const month = ehcCase.issueDate.slice(0, 7);
    const list = byMonth.get(month);
    if (list === undefined) byMonth.set(month, [ehcCase]);
    else list.push(ehcCase);
  }
  if (byMonth.size === 0) return [];
  const months = [...byMonth.keys()].sort();
  const last = months[months.length - 1]!;
  const result: MonthTimeliness[] = [];
  for (let month = months[0]!; month <= last; month = nextMonth(month)) {
    result.push({ month, summary: summariseTimeliness(byMonth.get(month) ?? []) });
  }
  return result;
}

export interface YearTimeliness {
  /** Calendar year of issue: the year the national measure puts a plan in. */
  year: number;
  summary: TimelinessSummary;
}

/**
 * Issued plans by calendar year of issue (January to December), oldest first; only years in
 * which a plan was issued. A plan belongs to the year it was issued in, whatever the year of its
 * request, as in DfE SEN2. Throws on invalid cases.
 */
export function timelinessByIssueYear(cases: Iterable<EhcCase>): YearTimeliness[] {
  const byYear = new Map<number, EhcCase[]>();
  for (const ehcCase of cases) {
    assertValid(ehcCase);
    if (ehcCase.issueDate === null) continue;
    const year = Number(ehcCase.issueDate.slice(0, 4));
    const list = byYear.get(year);
    if (list === undefined) byYear.set(year, [ehcCase]);
    else list.push(ehcCase);
  }
  return [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((year) => ({ year, summary: summariseTimeliness(byYear.get(year) ?? []) }));
}

export interface NeedTimeliness {
  /** null: primary need not recorded. */
  primaryNeed: NeedCode | null;
  summary: TimelinessSummary;
}

/**
 * Issued plans by primary need, in DfE code order with "not recorded" last. Only needs with at
 * least one issued plan appear. Throws on invalid cases.
 */
export function timelinessByPrimaryNeed(cases: Iterable<EhcCase>): NeedTimeliness[] {
  const byNeed = new Map<NeedCode | null, EhcCase[]>();
  for (const ehcCase of cases) {
    assertValid(ehcCase);
    if (ehcCase.issueDate === null) continue;
    const list = byNeed.get(ehcCase.primaryNeed);
    if (list === undefined) byNeed.set(ehcCase.primaryNeed, [ehcCase]);
    else list.push(ehcCase);
  }
  return [...NEED_CODES, null]
    .filter((need) => byNeed.has(need))
    .map((need) => ({ primaryNeed: need, summary: summariseTimeliness(byNeed.get(need) ?? []) }));
}

export interface OpenCase {
  caseId: string;
  requestDate: string;
  exception: boolean;
  primaryNeed: NeedCode | null;
  daysOpen: number;
  weeksOpen: number;
  /** More than 140 days since the request. */
  past20Weeks: boolean;
}

export interface OpenCasesSummary {
  asOf: string;
  /** Requests received on or before asOf with no plan issued by asOf, longest open first. */
  cases: OpenCase[];
  count: number;
  /** Open cases already past 20 weeks, of all open cases. */
  past20Weeks: Share;
  /** Of open cases with no exception: those past 20 weeks (already late on the national measure). */
  past20WeeksWithoutException: Share;
  /** Open cases by time open so far. */
  bands: BandCount[];
}

/**
 * Cases open on `asOf`: requested on or before it and not issued by then. A plan issued after
 * `asOf` counts as open, so a past date shows the position as it was then. Cases requested after
 * `asOf` are ignored. Throws on invalid cases or an invalid `asOf`.
 */
export function openCases(cases: Iterable<EhcCase>, asOf: string): OpenCasesSummary {
  const asOfDay = requireDay(asOf);
  const open: OpenCase[] = [];
  for (const ehcCase of cases) {
    assertValid(ehcCase);
    const requestDay = requireDay(ehcCase.requestDate);
    if (requestDay > asOfDay) continue;
    if (ehcCase.issueDate !== null) {
      const issueDay = requireDay(ehcCase.issueDate);
      if (issueDay <= asOfDay) continue;
    }
    const daysOpen = asOfDay - requestDay;
    open.push({
      caseId: ehcCase.caseId,
      requestDate: ehcCase.requestDate,
      exception: ehcCase.exception,
      primaryNeed: ehcCase.primaryNeed,
      daysOpen,
      weeksOpen: daysOpen / 7,
      past20Weeks: !isWithin20Weeks(daysOpen),
    });
  }
  open.sort((a, b) => b.daysOpen - a.daysOpen || a.caseId.localeCompare(b.caseId));
  const late = open.filter((c) => c.past20Weeks).length;
  const withoutException = open.filter((c) => !c.exception);
  const lateWithoutException = withoutException.filter((c) => c.past20Weeks).length;
  return {
    asOf,
    cases: open,
    count: open.length,
    past20Weeks: share(late, open.length),
    past20WeeksWithoutException: share(lateWithoutException, withoutException.length),
    bands: WEEKS_BANDS.map((band) => {
      const count = open.filter((c) => weeksBand(c.daysOpen) === band).length;
      return { band, count, share: share(count, open.length) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Everything at once
// ---------------------------------------------------------------------------------------------

export interface InvalidCase {
  caseId: string;
  message: string;
}

export interface EhcTimelinessAnalysis {
  summary: TimelinessSummary;
  byIssueMonth: MonthTimeliness[];
  byPrimaryNeed: NeedTimeliness[];
  open: OpenCasesSummary;
  /** Cases left out of every figure because they failed {@link validateEhcCase}. */
  invalid: InvalidCase[];
}

/** Validates the cases, sets aside the invalid ones (listed), and runs every breakdown on the rest. */
export function analyseEhcTimeliness(
  cases: Iterable<EhcCase>,
  options: { asOf: string },
): EhcTimelinessAnalysis {
  const valid: EhcCase[] = [];
  const invalid: InvalidCase[] = [];
  for (const ehcCase of cases) {
    const message = validateEhcCase(ehcCase);
    if (message === null) valid.push(ehcCase);
    else invalid.push({ caseId: String(ehcCase.caseId ?? ''), message });
  }
  return {
    summary: summariseTimeliness(valid),
    byIssueMonth: timelinessByIssueMonth(valid),
    byPrimaryNeed: timelinessByPrimaryNeed(valid),
    open: openCases(valid, options.asOf),
    invalid,
  };
}
