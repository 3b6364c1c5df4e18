import { describe, expect, it } from 'vitest';
import { readDate } from './read-dates.js';

describe('dates', () => {
  it('accepts ISO, UK, named-month, Excel Date cells and Excel serial numbers', () => {
    for (const text of [
      '2024-01-31',
      '31/01/2024',
      '31-01-2024',
      '31.01.2024',
      '31/1/2024',
      '31/01/24',
      '31 Jan 2024',
      '31 January 2024',
      '31-Jan-24',
      'Wednesday 31st January 2024',
      'January 31, 2024',
      '31/01/2024 00:00',
      '2024-01-31T09:30:00Z',
    ]) {
      expect(readDate(text), text).toBe('2024-01-31');
    }
    expect(readDate(new Date(Date.UTC(2024, 0, 31)))).toBe('2024-01-31');
    expect(readDate(45322)).toBe('2024-01-31');
    expect(readDate(45322.75)).toBe('2024-01-31');
    expect(readDate('29/02/2024')).toBe('2024-02-29');
  });

  it('refuses impossible and month-first dates, saying why', () => {
    const message = (cell: string | number) => {
      const result = readDate(cell);
      return typeof result === 'string' ? result : result.message;
    };
    expect(message('01/31/2024')).toMatch(/dates are read day first.*month-first \(US\)/);
    expect(message('13/31/2024')).toBe('‘13/31/2024’ is not a real date: there is no month 31.');
    expect(message('31/02/2024')).toBe(
      '‘31/02/2024’ is not a real date: February 2024 has 29 days.',
    );
    expect(message('29/02/2023')).toMatch(/February 2023 has 28 days/);
    expect(message('2024-13-01')).toMatch(/there is no month 13/);
    expect(message('45322')).toMatch(/looks like an Excel date number/);
    expect(message(2024)).toBe('‘2024’ is a number, not a date.');
    expect(message('tomorrow')).toBe('‘tomorrow’ is not a date Sendboard can read.');
    expect(message('31/01/1066')).toMatch(/not a plausible date/);
  });

  it('applies min and max', () => {
    const result = readDate('01/01/2010', { min: '2014-09-01' });
    expect(typeof result === 'string' ? result : result.message).toBe(
      '01/01/2010 is before 01/09/2014.',
    );
  });
});
