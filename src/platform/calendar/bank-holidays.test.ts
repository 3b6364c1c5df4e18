import { describe, it, expect } from 'vitest';
import data from './bank-holidays-england-and-wales.json' with { type: 'json' };
import {
  SHIPPED_FIRST_YEAR,
  SHIPPED_LAST_YEAR,
  computeRuleBankHolidays,
  easterSunday,
  englandAndWalesBankHolidays,
} from './index.js';

const SHIPPED_YEARS = Array.from({ length: 16 }, (_, i) => 2012 + i);

function shipped(year: number): string[] {
  return data.dates.filter((date) => date.startsWith(`${year}-`));
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

describe('shipped data file', () => {
  it('is the England and Wales list for 2012 to 2027, sorted and without duplicates', () => {
    expect(data.division).toBe('england-and-wales');
    expect(data.dates).toEqual([...new Set(data.dates)].sort());
    expect(SHIPPED_FIRST_YEAR).toBe(2012);
    expect(SHIPPED_LAST_YEAR).toBe(2027);
    for (const date of data.dates) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      expect([0, 6]).not.toContain(weekday(date));
    }
  });
});

describe('englandAndWalesBankHolidays', () => {
  it.each(SHIPPED_YEARS)('returns the shipped list for %i', (year) => {
    expect(englandAndWalesBankHolidays(year)).toEqual(shipped(year));
  });

  it('computes 2028 by the rules (1 January is a Saturday, Easter Sunday is 16 April)', () => {
    const expected = [
      '2028-01-03',
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-29',
      '2028-08-28',
      '2028-12-25',
      '2028-12-26',
    ];
    expect(englandAndWalesBankHolidays(2028)).toEqual(expected);
    expect(computeRuleBankHolidays(2028)).toEqual(expected);
  });

  it('returns a copy, so callers cannot corrupt the cache', () => {
    englandAndWalesBankHolidays(2025).push('2025-07-01');
    englandAndWalesBankHolidays(2030).length = 0;
    expect(englandAndWalesBankHolidays(2025)).toEqual(shipped(2025));
    expect(englandAndWalesBankHolidays(2030)).toHaveLength(8);
  });

  it.each([2011.5, 1582, 10000, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects the unsupported year %s with a RangeError',
    (year) => {
      expect(() => englandAndWalesBankHolidays(year)).toThrow(RangeError);
      expect(() => computeRuleBankHolidays(year)).toThrow(/Unsupported year/);
    },
  );
});

describe('computeRuleBankHolidays', () => {
  // The only years 2012-2027 where royal proclamations moved or added holidays.
  const proclamations: Record<number, { added: string[]; removed: string[] }> = {
    2012: { added: ['2012-06-04', '2012-06-05'], removed: ['2012-05-28'] },
    2020: { added: ['2020-05-08'], removed: ['2020-05-04'] },
    2022: { added: ['2022-06-02', '2022-06-03', '2022-09-19'], removed: ['2022-05-30'] },
    2023: { added: ['2023-05-08'], removed: [] },
  };

  it.each(SHIPPED_YEARS)('matches the shipped list for %i apart from proclamations', (year) => {
    const rules = computeRuleBankHolidays(year);
    const actual = shipped(year);
    expect({
      added: actual.filter((date) => !rules.includes(date)),
      removed: rules.filter((date) => !actual.includes(date)),
    }).toEqual(proclamations[year] ?? { added: [], removed: [] });
  });

  it.each([
    [2028, ['2028-12-25', '2028-12-26']], // Monday
    [2037, ['2037-12-25', '2037-12-28']], // Friday: Boxing Day substitute Monday 28
    [2032, ['2032-12-27', '2032-12-28']], // Saturday: Monday 27 and Tuesday 28
    [2033, ['2033-12-26', '2033-12-27']], // Sunday: Boxing Day Monday 26, Christmas Tuesday 27
  ])('gives the right Christmas substitute days in %i', (year, christmas) => {
    expect(computeRuleBankHolidays(year).filter((date) => date.slice(5, 7) === '12')).toEqual(
      christmas,
    );
  });

  it.each([
    [2033, '2033-01-03'], // Saturday
    [2034, '2034-01-02'], // Sunday
    [2030, '2030-01-01'], // Tuesday
  ])('moves New Year’s Day off the weekend in %i', (year, newYear) => {
    expect(computeRuleBankHolidays(year)[0]).toBe(newYear);
  });

  it('always gives eight distinct weekdays in the right months', () => {
    for (let year = 1583; year <= 9999; year += 11) {
      const dates = computeRuleBankHolidays(year);
      expect(dates).toHaveLength(8);
      expect(new Set(dates).size).toBe(8);
      expect(dates).toEqual([...dates].sort());
      for (const date of dates) {
        expect(date.startsWith(`${year}-`)).toBe(true);
        expect([0, 6]).not.toContain(weekday(date));
      }
      // Easter falls between 22 March and 25 April, so its holidays are in March or April.
      const months = dates.map((date) => date.slice(5, 7).replace(/^0[34]$/, 'easter'));
      expect(months).toEqual(['01', 'easter', 'easter', '05', '05', '08', '12', '12']);
    }
  });
});

describe('easterSunday', () => {
  it.each([
    [1818, 3, 22], // earliest possible date
    [1943, 4, 25], // latest possible date
    [2000, 4, 23],
    [2008, 3, 23],
    [2011, 4, 24],
    [2019, 4, 21],
    [2024, 3, 31],
    [2025, 4, 20],
    [2028, 4, 16],
    [2038, 4, 25],
    [2285, 3, 22],
  ])('gives the Gregorian Easter date for %i', (year, month, day) => {
    expect(easterSunday(year)).toEqual([month, day]);
  });
});
