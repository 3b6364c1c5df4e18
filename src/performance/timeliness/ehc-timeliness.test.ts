import { describe, expect, it } from 'vitest';
import type { NeedCode } from '../census/index.js';
import {
  analyseEhcTimeliness,
  daysBetween,
  daysToIssue,
  ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS,
  openCases,
  share,
  STATUTORY_LIMIT_DAYS,
  summariseTimeliness,
  timelinessByIssueMonth,
  timelinessByIssueYear,
  timelinessByPrimaryNeed,
  validateEhcCase,
  weeksBand,
  weeksToIssue,
  type EhcCase,
  type TimelinessSummary,
} from './ehc-timeliness.js';

function ehcCase(
  caseId: string,
  requestDate: string,
  issueDate: string | null,
  exception = false,
  primaryNeed: NeedCode | null = null,
): EhcCase {
  return { caseId, requestDate, issueDate, exception, primaryNeed };
}

// Twelve cases; the day counts were worked out by hand from the calendar.
const CASES: EhcCase[] = [
  ehcCase('c01', '2023-01-09', '2023-04-19', false, 'ASD'), // 100 days
  ehcCase('c02', '2023-01-16', '2023-06-05', false, 'ASD'), // 140 days: on the limit
  ehcCase('c03', '2023-01-23', '2023-06-13', false, 'SLCN'), // 141 days: one day late
  ehcCase('c04', '2023-02-06', '2023-08-25', true, 'SEMH'), // 200 days, exception
  ehcCase('c05', '2022-06-01', '2023-05-31', false, 'ASD'), // 364 days = 52 weeks
  ehcCase('c06', '2022-06-01', '2023-06-01', true, null), // 365 days, exception
  ehcCase('c07', '2023-03-01', '2023-05-10', true, 'SLCN'), // 70 days, exception
  ehcCase('c08', '2023-03-06', '2023-07-10', false, 'ASD'), // 126 days
  ehcCase('c09', '2023-01-02', '2023-07-31', false, null), // 210 days
  ehcCase('c10', '2023-09-01', null, false, 'ASD'), // open
  ehcCase('c11', '2024-01-15', null, true, 'SLCN'), // open, exception
  ehcCase('c12', '2023-05-01', '2023-06-26', false, 'SLCN'), // 56 days
];

function counts(summary: TimelinessSummary) {
  return {
    issued: summary.issued,
    includingExceptions: [
      summary.within20WeeksIncludingExceptions.numerator,
      summary.within20WeeksIncludingExceptions.denominator,
    ],
    excludingExceptions: [
      summary.within20WeeksExcludingExceptions.numerator,
      summary.within20WeeksExcludingExceptions.denominator,
    ],
  };
}

describe('days and weeks', () => {
  it('counts days to issue for the worked example', () => {
    const days = CASES.map((c) => daysToIssue(c));
    expect(days).toEqual([100, 140, 141, 200, 364, 365, 70, 126, 210, null, null, 56]);
    expect(weeksToIssue(CASES[1]!)).toBe(20);
    expect(weeksToIssue(CASES[0]!)).toBeCloseTo(100 / 7, 12);
  });

  it('counts day 140 as within 20 weeks and day 141 as late', () => {
    expect(STATUTORY_LIMIT_DAYS).toBe(140);
    const onTime = summariseTimeliness([ehcCase('a', '2023-01-16', '2023-06-05')]);
    const late = summariseTimeliness([ehcCase('b', '2023-01-16', '2023-06-06')]);
    expect(onTime.within20WeeksExcludingExceptions.share).toBe(1);
    expect(late.within20WeeksExcludingExceptions.share).toBe(0);
  });

  it('counts 29 February in leap years', () => {
    // 1 Feb to 20 Jun is 140 days in 2024 (29 days in February) but 139 in 2023.
    expect(daysBetween('2024-02-01', '2024-06-20')).toBe(140);
    expect(daysBetween('2023-02-01', '2023-06-20')).toBe(139);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    // 2100 is not a leap year.
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1);
  });

  it('counts across clock changes as whole days', () => {
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2);
  });

  it('puts band edges where the national bands put them', () => {
    expect(weeksBand(0)).toBe('Up to 20 weeks');
    expect(weeksBand(140)).toBe('Up to 20 weeks');
    expect(weeksBand(141)).toBe('Over 20 up to 52 weeks');
    expect(weeksBand(364)).toBe('Over 20 up to 52 weeks');
    expect(weeksBand(365)).toBe('Over 52 weeks');
  });
});

describe('validateEhcCase', () => {
  it('accepts issued and open cases, including issue on the day of the request', () => {
    for (const c of CASES) expect(validateEhcCase(c)).toBeNull();
    expect(validateEhcCase(ehcCase('x', '2023-01-01', '2023-01-01'))).toBeNull();
  });

  it('refuses a plan issued before the request', () => {
    expect(validateEhcCase(ehcCase('x', '2023-05-02', '2023-05-01'))).toBe(
      'Case x: the plan was issued (2023-05-01) before the request was received (2023-05-02).',
    );
  });

  it('refuses dates that are not real YYYY-MM-DD dates', () => {
    expect(validateEhcCase(ehcCase('x', '2023-02-30', null))).toMatch(/request date "2023-02-30"/);
    expect(validateEhcCase(ehcCase('x', '01/02/2023', null))).toMatch(/request date/);
    expect(validateEhcCase(ehcCase('x', '2023-02-01', '2023-13-01'))).toMatch(/issue date/);
    expect(validateEhcCase(ehcCase('x', '2023-02-01', '2023-02-29'))).toMatch(/issue date/);
  });

  it('refuses a missing case reference or an unknown need', () => {
    expect(validateEhcCase(ehcCase(' ', '2023-02-01', null))).toMatch(/reference is missing/);
    expect(validateEhcCase(ehcCase('x', '2023-02-01', null, false, 'BESD' as NeedCode))).toMatch(
      /"BESD" is not a DfE need type code/,
    );
  });

  it('makes the analysis functions throw on an invalid case', () => {
    const bad = [ehcCase('x', '2023-05-02', '2023-05-01')];
    expect(() => summariseTimeliness(bad)).toThrow(RangeError);
    expect(() => timelinessByIssueMonth(bad)).toThrow(/before the request/);
    expect(() => openCases(bad, '2023-06-01')).toThrow(/before the request/);
  });
});

describe('summariseTimeliness', () => {
  it('summarises the worked example', () => {
    const summary = summariseTimeliness(CASES);
    // Issued: all but c10 and c11.
    expect(summary.issued).toBe(10);
    expect(summary.withException).toBe(3); // c04, c06, c07
    // Within 140 days: c01, c02, c07, c08, c12.
    expect(summary.within20WeeksIncludingExceptions).toEqual({
      numerator: 5,
      denominator: 10,
      share: 0.5,
    });
    // Without exception: c01, c02, c03, c05, c08, c09, c12; of which within: c01, c02, c08, c12.
    expect(summary.within20WeeksExcludingExceptions).toEqual(share(4, 7));
    expect(summary.within20WeeksExcludingExceptions.share).toBeCloseTo(4 / 7, 12);
    // 100+140+141+200+364+365+70+126+210+56 = 1772 days over 10 plans.
    expect(summary.meanWeeks).toBeCloseTo(1772 / 10 / 7, 12);
    // Sorted: 56 70 100 126 140 | 141 200 210 364 365 → (140 + 141) / 2 days.
    expect(summary.medianWeeks).toBeCloseTo(140.5 / 7, 12);
    expect(summary.bands).toEqual([
      { band: 'Up to 20 weeks', count: 5, share: share(5, 10) },
      // c03 (141), c04 (200), c09 (210), c05 (364 = exactly 52 weeks).
      { band: 'Over 20 up to 52 weeks', count: 4, share: share(4, 10) },
      // c06 (365).
      { band: 'Over 52 weeks', count: 1, share: share(1, 10) },
    ]);
  });

  it('takes the middle value as the median of an odd count', () => {
    const summary = summariseTimeliness([
      ehcCase('a', '2023-01-01', '2023-01-15'), // 14
      ehcCase('b', '2023-01-01', '2023-03-12'), // 70
      ehcCase('c', '2023-01-01', '2023-01-08'), // 7
    ]);
    expect(summary.medianWeeks).toBe(2);
    expect(summary.meanWeeks).toBeCloseTo(91 / 3 / 7, 12);
  });

  it('gives nulls, not NaN, for no cases', () => {
    const summary = summariseTimeliness([]);
    expect(summary).toEqual({
      issued: 0,
      withException: 0,
      within20WeeksIncludingExceptions: { numerator: 0, denominator: 0, share: null },
      within20WeeksExcludingExceptions: { numerator: 0, denominator: 0, share: null },
      meanWeeks: null,
      medianWeeks: null,
      bands: [
        { band: 'Up to 20 weeks', count: 0, share: { numerator: 0, denominator: 0, share: null } },
        {
          band: 'Over 20 up to 52 weeks',
          count: 0,
          share: { numerator: 0, denominator: 0, share: null },
        },
        { band: 'Over 52 weeks', count: 0, share: { numerator: 0, denominator: 0, share: null } },
      ],
    });
  });

  it('gives a null excluding-exceptions share when every plan had an exception', () => {
    const summary = summariseTimeliness([ehcCase('a', '2023-01-01', '2023-03-01', true)]);
    expect(summary.within20WeeksIncludingExceptions.share).toBe(1);
    expect(summary.within20WeeksExcludingExceptions).toEqual({
      numerator: 0,
      denominator: 0,
      share: null,
    });
  });

  it('ignores open cases', () => {
    expect(summariseTimeliness([ehcCase('a', '2023-01-01', null)]).issued).toBe(0);
  });
});

describe('timelinessByIssueMonth', () => {
  it('groups the worked example by month of issue', () => {
    const months = timelinessByIssueMonth(CASES);
    expect(months.map((m) => [m.month, counts(m.summary)])).toEqual([
      ['2023-04', { issued: 1, includingExceptions: [1, 1], excludingExceptions: [1, 1] }],
      // c05 (late), c07 (on time, exception).
      ['2023-05', { issued: 2, includingExceptions: [1, 2], excludingExceptions: [0, 1] }],
      // c02 (on time), c03 (late), c06 (late, exception), c12 (on time).
      ['2023-06', { issued: 4, includingExceptions: [2, 4], excludingExceptions: [2, 3] }],
      // c08 (on time), c09 (late).
      ['2023-07', { issued: 2, includingExceptions: [1, 2], excludingExceptions: [1, 2] }],
      // c04 (late, exception): no plans without exception.
      ['2023-08', { issued: 1, includingExceptions: [0, 1], excludingExceptions: [0, 0] }],
    ]);
    expect(months[4]?.summary.within20WeeksExcludingExceptions.share).toBeNull();
  });

  it('fills months with no plans issued, across a year end', () => {
    const months = timelinessByIssueMonth([
      ehcCase('a', '2023-09-01', '2023-11-20'),
      ehcCase('b', '2023-10-01', '2024-02-10'),
    ]);
    expect(months.map((m) => [m.month, m.summary.issued])).toEqual([
      ['2023-11', 1],
      ['2023-12', 0],
      ['2024-01', 0],
      ['2024-02', 1],
    ]);
  });

  it('returns nothing for no issued plans', () => {
    expect(timelinessByIssueMonth([])).toEqual([]);
    expect(timelinessByIssueMonth([ehcCase('a', '2023-01-01', null)])).toEqual([]);
  });
});

describe('timelinessByIssueYear', () => {
  it('puts each plan in the calendar year of its issue, not of its request', () => {
    const years = timelinessByIssueYear([
      ehcCase('a', '2022-09-01', '2023-01-05'), // 126 days: 2023, on time
      ehcCase('b', '2023-06-01', '2023-12-31'), // 213 days: 2023, late
      ehcCase('c', '2023-08-14', '2024-01-01'), // 140 days: 2024, on the limit
      ehcCase('d', '2023-08-14', '2024-01-02', true), // 141 days: 2024, late, exception
      ehcCase('e', '2024-03-01', null), // open: in no year
      ehcCase('f', '2025-01-10', '2026-02-01'), // 387 days: 2026, late
    ]);
    expect(years.map((y) => [y.year, counts(y.summary)])).toEqual([
      [2023, { issued: 2, includingExceptions: [1, 2], excludingExceptions: [1, 2] }],
      [2024, { issued: 2, includingExceptions: [1, 2], excludingExceptions: [1, 1] }],
      // No plan issued in 2025: the year is left out, not shown as 0 of 0.
      [2026, { issued: 1, includingExceptions: [0, 1], excludingExceptions: [0, 1] }],
    ]);
  });

  it('agrees with the months of the worked example added up', () => {
    const [year2023, ...rest] = timelinessByIssueYear(CASES);
    expect(rest).toEqual([]);
    expect(year2023?.year).toBe(2023);
    // 10 plans issued in 2023 (c10 and c11 are open); 7 without an exception (c01, c02, c03,
    // c05, c08, c09, c12), of which c01, c02, c08 and c12 on time; c07 is on time with one.
    expect(counts(year2023!.summary)).toEqual({
      issued: 10,
      includingExceptions: [5, 10],
      excludingExceptions: [4, 7],
    });
  });

  it('throws on an invalid case', () => {
    expect(() => timelinessByIssueYear([ehcCase('a', '2023-05-01', '2023-04-01')])).toThrow(
      RangeError,
    );
  });
});

describe('timelinessByPrimaryNeed', () => {
  it('groups the worked example by need in DfE order, not recorded last', () => {
    const needs = timelinessByPrimaryNeed(CASES);
    expect(needs.map((n) => [n.primaryNeed, counts(n.summary)])).toEqual([
      ['SEMH', { issued: 1, includingExceptions: [0, 1], excludingExceptions: [0, 0] }],
      // c03 (141), c07 (70, exception), c12 (56).
      ['SLCN', { issued: 3, includingExceptions: [2, 3], excludingExceptions: [1, 2] }],
      // c01 (100), c02 (140), c05 (364), c08 (126).
      ['ASD', { issued: 4, includingExceptions: [3, 4], excludingExceptions: [3, 4] }],
      // c06 (365, exception), c09 (210).
      [null, { issued: 2, includingExceptions: [0, 2], excludingExceptions: [0, 1] }],
    ]);
  });

  it('returns nothing for no cases', () => {
    expect(timelinessByPrimaryNeed([])).toEqual([]);
  });
});

describe('openCases', () => {
  it('lists cases not yet issued with how long they have been open', () => {
    const open = openCases(CASES, '2024-03-01');
    // c10: 1 Sep 2023 to 1 Mar 2024 = 30+31+30+31+31+29 = 182 days (2024 is a leap year).
    // c11: 15 Jan to 1 Mar 2024 = 16 + 29 + 1 = 46 days.
    expect(open.cases.map((c) => [c.caseId, c.daysOpen, c.past20Weeks])).toEqual([
      ['c10', 182, true],
      ['c11', 46, false],
    ]);
    expect(open.cases[0]?.weeksOpen).toBe(26);
    expect(open.count).toBe(2);
    expect(open.past20Weeks).toEqual(share(1, 2));
    expect(open.past20WeeksWithoutException).toEqual(share(1, 1));
    expect(open.bands.map((b) => b.count)).toEqual([1, 1, 0]);
  });

  it('shows the position on a past date: later issues were still open, later requests ignored', () => {
    const open = openCases(CASES, '2023-06-01');
    // c06 was issued on 1 June itself, so it is closed; c02 (issued 5 June) is still open.
    expect(open.cases.map((c) => [c.caseId, c.daysOpen])).toEqual([
      ['c09', 150],
      ['c02', 136],
      ['c03', 129],
      ['c04', 115],
      ['c08', 87],
      ['c12', 31],
    ]);
    expect(open.past20Weeks).toEqual(share(1, 6));
    expect(open.past20WeeksWithoutException).toEqual(share(1, 5));
  });

  it('counts a case open for exactly 140 days as not yet past 20 weeks', () => {
    const open = openCases([ehcCase('a', '2024-02-01', null)], '2024-06-20');
    expect(open.cases[0]).toMatchObject({ daysOpen: 140, past20Weeks: false });
    expect(openCases([ehcCase('a', '2024-02-01', null)], '2024-06-21').cases[0]?.past20Weeks).toBe(
      true,
    );
  });

  it('gives null shares for no open cases and refuses a bad date', () => {
    const open = openCases([], '2024-01-01');
    expect(open.count).toBe(0);
    expect(open.past20Weeks.share).toBeNull();
    expect(() => openCases([], '2024-02-30')).toThrow(RangeError);
  });
});

describe('analyseEhcTimeliness', () => {
  it('sets invalid cases aside and analyses the rest', () => {
    const analysis = analyseEhcTimeliness(
      [...CASES, ehcCase('bad', '2023-05-02', '2023-05-01', false, 'ASD')],
      { asOf: '2024-03-01' },
    );
    expect(analysis.invalid).toEqual([
      {
        caseId: 'bad',
        message:
          'Case bad: the plan was issued (2023-05-01) before the request was received (2023-05-02).',
      },
    ]);
    expect(analysis.summary).toEqual(summariseTimeliness(CASES));
    expect(analysis.byIssueMonth).toHaveLength(5);
    expect(analysis.byPrimaryNeed).toHaveLength(4);
    expect(analysis.open.count).toBe(2);
  });

  it('handles no cases at all', () => {
    const analysis = analyseEhcTimeliness([], { asOf: '2024-03-01' });
    expect(analysis.summary.issued).toBe(0);
    expect(analysis.byIssueMonth).toEqual([]);
    expect(analysis.byPrimaryNeed).toEqual([]);
    expect(analysis.open.count).toBe(0);
    expect(analysis.invalid).toEqual([]);
  });
});

describe('England series', () => {
  it('holds the published calendar-year figures, with gaps left as gaps', () => {
    expect(ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS.map((f) => [f.year, f.percent])).toEqual([
      [2016, 58.6],
      [2017, 64.9],
      [2019, 60.4],
      [2021, 59.9],
      [2022, 49.2],
      [2023, 50.3],
      [2024, 46.4],
    ]);
    for (const figure of ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS) {
      expect(figure.period).toBe('calendar year');
      expect(figure.share).toBeCloseTo(figure.percent / 100, 12);
    }
    expect(ENGLAND_WITHIN_20_WEEKS_EXCLUDING_EXCEPTIONS[6]?.share).toBe(0.464);
  });
});
