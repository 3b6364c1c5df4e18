import { describe, expect, it } from 'vitest';
import { formatClosureDate, parseClosureDate, parseClosureDays } from './closure-dates.js';

describe('closure days', () => {
  it('reads dates the UK way and the ISO way', () => {
    expect(parseClosureDate('29/12/2026')).toBe('2026-12-29');
    expect(parseClosureDate('1/1/2027')).toBe('2027-01-01');
    expect(parseClosureDate('29-12-2026')).toBe('2026-12-29');
    expect(parseClosureDate('29.12.2026')).toBe('2026-12-29');
    expect(parseClosureDate('29 12 2026')).toBe('2026-12-29');
    expect(parseClosureDate('2026-12-29')).toBe('2026-12-29');
  });

  it('refuses dates that do not exist and formats it cannot read', () => {
    for (const bad of [
      '30/02/2026',
      '2026-02-30',
      '12/29/2026',
      '29/12/26',
      'Boxing Day',
      '2026/12/29',
    ])
      expect(parseClosureDate(bad), bad).toBeNull();
  });

  it('reads a list one a line, in any mix, sorted and without repeats', () => {
    expect(parseClosureDays('31/12/2026\n2026-12-29\r\n\n29/12/2026, 30/12/2026')).toEqual({
      dates: ['2026-12-29', '2026-12-30', '2026-12-31'],
    });
    expect(parseClosureDays('2026-12-29 2026-12-30')).toEqual({
      dates: ['2026-12-29', '2026-12-30'],
    });
    expect(parseClosureDays('')).toEqual({ dates: [] });
  });

  it('names the first entry that is not a date', () => {
    expect(parseClosureDays('29/12/2026\n30/02/2026')).toEqual({ bad: '30/02/2026' });
    expect(parseClosureDays('29/12/2026 31/13/2026')).toEqual({ bad: '31/13/2026' });
    expect(parseClosureDays('Christmas closure')).toEqual({ bad: 'Christmas closure' });
  });

  it('shows saved days the way people type them', () => {
    expect(formatClosureDate('2026-12-29')).toBe('29/12/2026');
    expect(parseClosureDate(formatClosureDate('2027-01-04'))).toBe('2027-01-04');
  });
});
