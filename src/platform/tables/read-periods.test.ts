import { describe, expect, it } from 'vitest';
import { readPeriod } from './read-periods.js';

describe('periods', () => {
  const label = (cell: string | number | Date, years?: 'academic' | 'financial') => {
    const result = readPeriod(cell, years ? { years } : {});
    return 'label' in result
      ? `${result.kind} ${result.label} ${result.start}..${result.end}`
      : result.message;
  };

  it('normalises years, academic and financial years, months and quarters', () => {
    expect(label('2024')).toBe('calendar-year 2024 2024-01-01..2024-12-31');
    expect(label(2024)).toBe('calendar-year 2024 2024-01-01..2024-12-31');
    expect(label('2024-25')).toBe('academic-year 2024-25 2024-09-01..2025-08-31');
    expect(label('2024/25')).toBe('academic-year 2024-25 2024-09-01..2025-08-31');
    expect(label('2024/2025')).toBe('academic-year 2024-25 2024-09-01..2025-08-31');
    expect(label(202425)).toBe('academic-year 2024-25 2024-09-01..2025-08-31');
    expect(label('2024-25', 'financial')).toBe('financial-year 2024-25 2024-04-01..2025-03-31');
    expect(label('FY 2024-25')).toBe('financial-year 2024-25 2024-04-01..2025-03-31');
    expect(label('2099-00')).toBe('academic-year 2099-00 2099-09-01..2100-08-31');
    expect(label('2024-03')).toBe('month 2024-03 2024-03-01..2024-03-31');
    expect(label('Mar 2024')).toBe('month 2024-03 2024-03-01..2024-03-31');
    expect(label('February 2024')).toBe('month 2024-02 2024-02-01..2024-02-29');
    expect(label('Mar-24')).toBe('month 2024-03 2024-03-01..2024-03-31');
    expect(label(new Date(Date.UTC(2024, 2, 1)))).toBe('month 2024-03 2024-03-01..2024-03-31');
    expect(label('2024 Q1')).toBe('quarter 2024 Q1 2024-01-01..2024-03-31');
    expect(label('Q4 2024')).toBe('quarter 2024 Q4 2024-10-01..2024-12-31');
    expect(label('Q1 2024-25')).toBe('financial-quarter 2024-25 Q1 2024-04-01..2024-06-30');
    expect(label('2024/25 Q4')).toBe('financial-quarter 2024-25 Q4 2025-01-01..2025-03-31');
  });

  it('refuses what is not a period', () => {
    expect(label('2024-26')).toMatch(/is not a period Sendboard can read/);
    expect(label('2024-13')).toMatch(/is not a period/);
    expect(label('Q5 2024')).toMatch(/is not a period/);
    expect(label('soon')).toMatch(/is not a period/);
  });

  it('refuses a kind of period the column does not take', () => {
    const result = readPeriod('2024', { accept: ['academic-year'] });
    expect('message' in result && result.message).toBe(
      '‘2024’ is a calendar year; this column takes an academic year like 2024-25.',
    );
  });
});
