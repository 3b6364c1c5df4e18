import { describe, expect, it } from 'vitest';
import type { EhcCase } from './ehc-timeliness.js';
import {
  figuresToRecord,
  indicatorFiguresByYear,
  indicatorProblem,
  yearsInWords,
  yearsKey,
} from './indicator-figures.js';

function ehcCase(
  caseId: string,
  requestDate: string,
  issueDate: string | null,
  exception = false,
): EhcCase {
  return { caseId, requestDate, issueDate, exception, primaryNeed: null };
}

// Day counts worked out by hand. Plans belong to the calendar year of issue.
const CASES: EhcCase[] = [
  ehcCase('a1', '2022-10-03', '2023-02-20'), // 140 days: 2023, on the limit
  ehcCase('a2', '2023-01-02', '2023-05-22'), // 140 days: 2023, within
  ehcCase('a3', '2023-01-02', '2023-05-23'), // 141 days: 2023, late
  ehcCase('a4', '2023-03-01', '2023-12-01', true), // 2023, late but an exception: left out
  ehcCase('b1', '2023-11-01', '2024-01-10'), // 70 days: 2024, within
  ehcCase('b2', '2024-01-08', '2024-11-25'), // 322 days: 2024, late
  ehcCase('c1', '2025-01-06', '2025-03-03', true), // 2025: only an exception
  ehcCase('d1', '2026-01-05', '2026-04-01'), // 86 days: 2026, the year not over
  ehcCase('e1', '2026-05-01', null), // open: no year
];

describe('indicatorFiguresByYear', () => {
  const figures = indicatorFiguresByYear(CASES, { today: '2026-11-22' });

  it('gives each year of issue its numerator, denominator and percentage, excluding exceptions', () => {
    expect(
      figures.map((f) => [f.year, f.numerator, f.denominator, f.value, f.issued, f.status]),
    ).toEqual([
      // 2 of 3 within: 66.666667 (stored to six places, as the values import stores it).
      [2023, 2, 3, 66.666667, 4, 'record'],
      [2024, 1, 2, 50, 2, 'record'],
      [2025, 0, 0, null, 1, 'no plans without an exception'],
      [2026, 1, 1, 100, 1, 'year not over'],
    ]);
  });

  it('uses the annual period an import of "2023" would write', () => {
    expect(figures[0]!.period).toMatchObject({
      key: '2023',
      kind: 'calendar_year',
      start: '2023-01-01',
      end: '2023-12-31',
    });
  });

  it('records only complete years with a denominator', () => {
    const toRecord = figuresToRecord(figures);
    expect(toRecord.map((f) => f.year)).toEqual([2023, 2024]);
    expect(yearsKey(toRecord)).toBe('2023,2024');
  });

  it('treats the year of today as not over, even on 31 December', () => {
    const lastDay = indicatorFiguresByYear(CASES, { today: '2024-12-31' });
    expect(lastDay.map((f) => [f.year, f.status])).toEqual([
      [2023, 'record'],
      [2024, 'year not over'],
      [2025, 'year not over'],
      [2026, 'year not over'],
    ]);
  });

  it('leaves invalid cases out rather than failing', () => {
    const withBad = [...CASES, ehcCase('bad', '2023-06-01', '2023-05-01')];
    expect(indicatorFiguresByYear(withBad, { today: '2026-11-22' })).toEqual(figures);
  });

  it('refuses a today that is not a date', () => {
    expect(() => indicatorFiguresByYear(CASES, { today: '22/11/2026' })).toThrow(RangeError);
  });
});

describe('yearsInWords', () => {
  it('lists years as a sentence does', () => {
    expect(yearsInWords([])).toBe('');
    expect(yearsInWords([2024])).toBe('2024');
    expect(yearsInWords([2023, 2024])).toBe('2023 and 2024');
    expect(yearsInWords(['2022', '2023', '2024'])).toBe('2022, 2023 and 2024');
  });
});

describe('indicatorProblem', () => {
  const fine = {
    name: 'EHC plans within 20 weeks',
    unit: 'percent',
    frequency: 'annual',
    archived: false,
  } as const;

  it('accepts an annual percentage in use', () => {
    expect(indicatorProblem(fine)).toBeNull();
  });

  it('refuses an archived indicator, another frequency or another unit', () => {
    expect(indicatorProblem({ ...fine, archived: true })).toContain('is archived');
    expect(indicatorProblem({ ...fine, frequency: 'academic_year' })).toBe(
      'The indicator ‘EHC plans within 20 weeks’ is reported by academic year, but these figures are for calendar years. To record them, change its frequency to Annual (calendar year).',
    );
    expect(indicatorProblem({ ...fine, unit: 'count' })).toContain('change its unit to Percentage');
  });
});
