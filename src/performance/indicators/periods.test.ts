import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  comparePeriods,
  FREQUENCIES,
  nextPeriod,
  normalisePeriod,
  parsePeriod,
  PERIOD_KIND_FOR_FREQUENCY,
  periodContaining,
  periodInSentence,
  periodMatchesFrequency,
  periodsFromTo,
  sortPeriods,
  toPeriod,
  type Frequency,
  type Period,
} from './periods.js';

function parsed(input: string, frequency?: Frequency): Period {
  const result = parsePeriod(input, frequency);
  if (!result.ok) throw new Error(`expected ${input} to parse: ${result.error}`);
  return result.period;
}

function errorFor(input: string, frequency?: Frequency): string {
  const result = parsePeriod(input, frequency);
  if (result.ok) throw new Error(`expected ${input} to fail, got ${result.period.key}`);
  return result.error;
}

describe('parsePeriod: canonical forms', () => {
  it.each([
    ['2024-03', undefined, '2024-03', 'month', '2024-03-01', '2024-03-31', 'March 2024'],
    ['2024-02', undefined, '2024-02', 'month', '2024-02-01', '2024-02-29', 'February 2024'],
    [
      '2024-Q1',
      undefined,
      '2024-Q1',
      'quarter',
      '2024-01-01',
      '2024-03-31',
      'January to March 2024',
    ],
    ['2024', undefined, '2024', 'calendar_year', '2024-01-01', '2024-12-31', '2024'],
    [
      '2024-25',
      'academic_year',
      '2024-25',
      'academic_year',
      '2024-09-01',
      '2025-08-31',
      '2024 to 2025',
    ],
    [
      '2024-25',
      'financial_year',
      '2024-25',
      'financial_year',
      '2024-04-01',
      '2025-03-31',
      '2024 to 2025',
    ],
    [
      '2024-25-autumn',
      undefined,
      '2024-25-autumn',
      'term',
      '2024-09-01',
      '2024-12-31',
      'Autumn term 2024',
    ],
    [
      '2024-25-summer',
      undefined,
      '2024-25-summer',
      'term',
      '2025-04-01',
      '2025-08-31',
      'Summer term 2025',
    ],
  ] as const)('%s (%s)', (input, frequency, key, kind, start, end, label) => {
    expect(parsed(input, frequency)).toMatchObject({ key, kind, start, end, label });
  });
});

describe('parsePeriod: variants people write', () => {
  it.each([
    ['Mar 2024', '2024-03'],
    ['March 2024', '2024-03'],
    ['  march   2024 ', '2024-03'],
    ['Sept 2024', '2024-09'],
    ['Sep. 2024', '2024-09'],
    ['Mar-24', '2024-03'],
    ['03/2024', '2024-03'],
    ['2024-3', '2024-03'],
    ['2024 Q1', '2024-Q1'],
    ['Q1 2024', '2024-Q1'],
    ['q4-2023', '2023-Q4'],
    ['2024Q2', '2024-Q2'],
    ['January to March 2024', '2024-Q1'],
    ['Jan-Mar 2024', '2024-Q1'],
    ['Jul to Sep 2024', '2024-Q3'],
    ['Autumn 2024', '2024-25-autumn'],
    ['autumn term 2024', '2024-25-autumn'],
    ['Spring term 2025', '2024-25-spring'],
    ['2024/25 summer term', '2024-25-summer'],
    ['Summer 2024-25', '2024-25-summer'],
    ['2024', '2024'],
  ])('%s is %s', (input, key) => {
    expect(normalisePeriod(input)).toBe(key);
  });

  it.each(['2024/25', '2024-2025', '2024/2025', '2024 to 2025', '2024 – 25', '2024-25'])(
    '%s is an academic or financial year by the frequency',
    (input) => {
      expect(parsed(input, 'academic_year')).toMatchObject({
        key: '2024-25',
        kind: 'academic_year',
      });
      expect(parsed(input, 'financial_year')).toMatchObject({
        key: '2024-25',
        kind: 'financial_year',
      });
    },
  );

  it('reads a two-year span for a termly indicator as an academic year', () => {
    expect(parsed('2024/25', 'termly').kind).toBe('academic_year');
  });

  it('lets an AY or FY prefix decide, over the frequency', () => {
    expect(parsed('FY 2024/25').kind).toBe('financial_year');
    expect(parsed('fy2024-25', 'academic_year').kind).toBe('financial_year');
    expect(parsed('AY 2024-25').kind).toBe('academic_year');
    expect(parsed('Financial year 2024 to 2025').kind).toBe('financial_year');
    expect(parsed('2024 to 2025 academic year').kind).toBe('academic_year');
  });

  it('reads a quarter of a two-year span as a financial quarter', () => {
    expect(normalisePeriod('Q1 2024-25')).toBe('2024-Q2');
    expect(normalisePeriod('2024/25 Q3')).toBe('2024-Q4');
    expect(normalisePeriod('Q4 2024-25')).toBe('2025-Q1');
  });

  it('settles 2011-12, both a month and a year, by the frequency', () => {
    expect(parsed('2011-12').kind).toBe('month');
    expect(parsed('2011-12', 'monthly').kind).toBe('month');
    expect(parsed('2011-12', 'annual').kind).toBe('month');
    expect(parsed('2011-12', 'academic_year')).toMatchObject({
      kind: 'academic_year',
      start: '2011-09-01',
    });
    expect(parsed('AY 2011-12').kind).toBe('academic_year');
  });

  it('handles the century turn', () => {
    expect(parsed('1999-00', 'financial_year')).toMatchObject({
      key: '1999-00',
      end: '2000-03-31',
    });
    expect(parsed('1999/2000', 'academic_year').key).toBe('1999-00');
  });
});

describe('parsePeriod: nonsense gets a clear error', () => {
  it.each([
    ['', 'Enter a period'],
    ['   ', 'Enter a period'],
    ['banana', 'is not a recognised period'],
    ['2024-13', 'months are 01 to 12'],
    ['13/2024', 'months are 01 to 12'],
    ['2024-00', 'months are 01 to 12'],
    ['2024 Q5', 'is not a recognised period'],
    ['Smarch 2024', 'is not a recognised period'],
    ['2024-26', 'months are 01 to 12'],
    ['2024/26', 'the second year must follow the first'],
    ['2024-2026', 'the second year must follow the first'],
    ['20244', 'is not a recognised period'],
    ['1066', 'is outside the years 1900 to 2100'],
    ['March 2101', 'is outside the years 1900 to 2100'],
    ['Feb to Apr 2024', 'is not a calendar quarter'],
    ['Autumn term', 'is not a recognised term'],
    ['FY 2024', 'write it as two years'],
    ['FY 2024/26', 'the second year must follow the first'],
  ])('%j', (input, message) => {
    expect(errorFor(input)).toContain(message);
  });

  it('quotes the input as it was typed', () => {
    expect(errorFor(' Smarch 2024 ')).toBe(
      '"Smarch 2024" is not a recognised period: use a month (March 2024 or 2024-03), a quarter (2024 Q1), a term (Autumn term 2024), a year (2024) or an academic or financial year (2024-25)',
    );
    expect(errorFor('2024/2025')).toBe(
      '"2024/2025" could be an academic year or a financial year: write "AY 2024-25" or "FY 2024-25", or set the indicator\'s frequency',
    );
  });

  it('asks which kind of year when the frequency does not say', () => {
    for (const frequency of [undefined, 'monthly', 'quarterly', 'annual'] as const) {
      expect(errorFor('2024-25', frequency)).toContain(
        'could be an academic year or a financial year',
      );
    }
  });

  it('treats non-strings as missing', () => {
    expect(parsePeriod(undefined as unknown as string)).toEqual({
      ok: false,
      error: 'Enter a period',
    });
  });

  it('toPeriod throws a RangeError with the message', () => {
    expect(() => toPeriod('nonsense')).toThrow(RangeError);
  });
});

// Arbitrary periods of every kind, as canonical keys with the frequency that reads them.
const periodArb: fc.Arbitrary<{ key: string; frequency: Frequency }> = fc
  .tuple(
    fc.constantFrom(...FREQUENCIES),
    fc.integer({ min: 1900, max: 2099 }),
    fc.integer({ min: 1, max: 12 }),
  )
  .map(([frequency, year, n]) => {
    const span = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    const keys: Record<Frequency, string> = {
      monthly: `${year}-${String(n).padStart(2, '0')}`,
      quarterly: `${year}-Q${((n - 1) % 4) + 1}`,
      termly: `${span}-${(['autumn', 'spring', 'summer'] as const)[(n - 1) % 3]}`,
      annual: String(year),
      academic_year: span,
      financial_year: span,
    };
    return { key: keys[frequency], frequency };
  });

describe('properties', () => {
  it('the key, label and short label all read back as the same period', () => {
    fc.assert(
      fc.property(periodArb, ({ key, frequency }) => {
        const period = parsed(key, frequency);
        expect(period.key).toBe(key);
        expect(period.kind).toBe(PERIOD_KIND_FOR_FREQUENCY[frequency]);
        expect(periodMatchesFrequency(period, frequency)).toBe(true);
        // Labels of academic and financial years are alike; the frequency tells them apart.
        expect(parsed(period.label, frequency)).toEqual(period);
        expect(parsed(period.shortLabel, frequency)).toEqual(period);
      }),
    );
  });

  it('a period contains its own start and end, and the next period starts the day after', () => {
    fc.assert(
      fc.property(periodArb, ({ key, frequency }) => {
        const period = parsed(key, frequency);
        expect(periodContaining(period.start, period.kind)).toEqual(period);
        expect(periodContaining(period.end, period.kind)).toEqual(period);
        const next = nextPeriod(period);
        const dayAfterEnd = new Date(Date.parse(`${period.end}T00:00:00Z`) + 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(next.start).toBe(dayAfterEnd);
        expect(comparePeriods(period, next)).toBeLessThan(0);
      }),
    );
  });

  it('sorting agrees with start dates and is antisymmetric', () => {
    fc.assert(
      fc.property(fc.array(periodArb, { maxLength: 20 }), (items) => {
        const periods = items.map(({ key, frequency }) => parsed(key, frequency));
        const sorted = sortPeriods(periods);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1] as Period;
          const b = sorted[i] as Period;
          expect(a.start <= b.start).toBe(true);
          expect(Math.sign(comparePeriods(a, b)) + Math.sign(comparePeriods(b, a))).toBe(0);
        }
      }),
    );
  });
});

describe('ordering', () => {
  it('sorts mixed inputs chronologically without changing the input', () => {
    const input = ['2024-03', '2023-12', '2024-01', '2023-02'].map((p) => toPeriod(p));
    const sorted = sortPeriods(input);
    expect(sorted.map((p) => p.key)).toEqual(['2023-02', '2023-12', '2024-01', '2024-03']);
    expect(input[0]?.key).toBe('2024-03');
  });

  it('puts the shorter period first when two start together', () => {
    const sorted = sortPeriods([toPeriod('2024'), toPeriod('2024-Q1'), toPeriod('2024-01')]);
    expect(sorted.map((p) => p.key)).toEqual(['2024-01', '2024-Q1', '2024']);
  });

  it('orders terms within the academic year', () => {
    const sorted = sortPeriods(
      ['Summer 2025', 'Autumn 2024', 'Spring 2025', 'Summer 2024'].map((p) => toPeriod(p)),
    );
    expect(sorted.map((p) => p.key)).toEqual([
      '2023-24-summer',
      '2024-25-autumn',
      '2024-25-spring',
      '2024-25-summer',
    ]);
  });
});

describe('periodsFromTo, periodContaining and sentences', () => {
  it('fills every period between two, across a year end', () => {
    const run = periodsFromTo(toPeriod('2023-11'), toPeriod('2024-02'));
    expect(run.map((p) => p.key)).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(periodsFromTo(toPeriod('2016'), toPeriod('2019')).map((p) => p.key)).toEqual([
      '2016',
      '2017',
      '2018',
      '2019',
    ]);
  });

  it('refuses mixed kinds and runaway runs', () => {
    expect(() => periodsFromTo(toPeriod('2024'), toPeriod('2024-03'))).toThrow(RangeError);
    expect(() => periodsFromTo(toPeriod('1900-01'), toPeriod('2100-12'), 100)).toThrow(RangeError);
  });

  it('finds the academic and financial year of a date', () => {
    expect(periodContaining('2024-08-31', 'academic_year').key).toBe('2023-24');
    expect(periodContaining('2024-09-01', 'academic_year').key).toBe('2024-25');
    expect(periodContaining('2024-03-31', 'financial_year').key).toBe('2023-24');
    expect(periodContaining('2024-04-01', 'financial_year').key).toBe('2024-25');
    expect(() => periodContaining('2024-02-30', 'month')).toThrow(RangeError);
  });

  it('writes periods for sentences', () => {
    expect(periodInSentence(toPeriod('2024-25', 'academic_year'))).toBe(
      'the 2024 to 2025 academic year',
    );
    expect(periodInSentence(toPeriod('2024-25', 'financial_year'))).toBe(
      'the 2024 to 2025 financial year',
    );
    expect(periodInSentence(toPeriod('Autumn 2024'))).toBe('the autumn term 2024');
    expect(periodInSentence(toPeriod('2024-03'))).toBe('March 2024');
  });

  it('checks a period against a frequency', () => {
    expect(periodMatchesFrequency(toPeriod('2024'), 'annual')).toBe(true);
    expect(periodMatchesFrequency(toPeriod('2024-03'), 'annual')).toBe(false);
  });
});
