import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  directionOfChange,
  formatValue,
  latestChange,
  ragAgainstTarget,
  ragFor,
  ragFromThresholds,
  summariseIndicator,
  validateThresholds,
  type Polarity,
  type RagThresholds,
} from './rag.js';

describe('ragFromThresholds', () => {
  it.each([
    [80, 'green'],
    [60, 'green'], // on the green boundary
    [59.99, 'amber'],
    [50, 'amber'], // on the amber boundary
    [49.99, 'red'],
    [-5, 'red'],
  ] as const)('higher is better, green from 60, amber from 50: %s is %s', (value, rag) => {
    expect(ragFromThresholds(value, 'higher_is_better', { greenFrom: 60, amberFrom: 50 })).toBe(
      rag,
    );
  });

  it.each([
    [5, 'green'],
    [13, 'green'], // on the green boundary
    [13.01, 'amber'],
    [18, 'amber'], // on the amber boundary
    [18.01, 'red'],
  ] as const)('lower is better, green up to 13, amber up to 18: %s is %s', (value, rag) => {
    expect(ragFromThresholds(value, 'lower_is_better', { greenTo: 13, amberTo: 18 })).toBe(rag);
  });

  it.each([
    [12, 'green'],
    [10, 'green'],
    [14, 'green'],
    [9.99, 'amber'],
    [8, 'amber'],
    [16, 'amber'],
    [7.99, 'red'],
    [16.01, 'red'],
  ] as const)('neither, green band 10 to 14, amber band 8 to 16: %s is %s', (value, rag) => {
    const band = { greenFrom: 10, greenTo: 14, amberFrom: 8, amberTo: 16 };
    expect(ragFromThresholds(value, 'neither', band)).toBe(rag);
  });

  it('gives no rating for neither without a band', () => {
    expect(ragFromThresholds(12, 'neither', null)).toBeNull();
    expect(ragFromThresholds(12, 'neither', { greenFrom: 10 })).toBeNull();
  });

  it('is green or red when amber is not set', () => {
    expect(ragFromThresholds(59, 'higher_is_better', { greenFrom: 60 })).toBe('red');
    expect(ragFromThresholds(14, 'lower_is_better', { greenTo: 13 })).toBe('red');
    expect(ragFromThresholds(15, 'neither', { greenFrom: 10, greenTo: 14 })).toBe('red');
  });

  it('counts a computed value a rounding error away from the boundary as on it', () => {
    // 0.1 + 0.2 is 0.30000000000000004.
    expect(ragFromThresholds(0.1 + 0.2, 'lower_is_better', { greenTo: 0.3 })).toBe('green');
    expect(ragFromThresholds((7 / 100) * 100, 'higher_is_better', { greenFrom: 7 })).toBe('green');
  });

  it('gives no rating without a value or the thresholds its polarity needs', () => {
    expect(ragFromThresholds(null, 'higher_is_better', { greenFrom: 60 })).toBeNull();
    expect(ragFromThresholds(Number.NaN, 'higher_is_better', { greenFrom: 60 })).toBeNull();
    expect(ragFromThresholds(50, 'higher_is_better', { greenTo: 60 })).toBeNull();
    expect(ragFromThresholds(50, 'lower_is_better', { greenFrom: 60 })).toBeNull();
  });

  it('property: a higher value is never rated worse when higher is better', () => {
    const order = { red: 0, amber: 1, green: 2 } as const;
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (a, b, amberFrom, gap) => {
          const thresholds = { amberFrom, greenFrom: amberFrom + gap };
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lowRag = ragFromThresholds(low, 'higher_is_better', thresholds);
          const highRag = ragFromThresholds(high, 'higher_is_better', thresholds);
          expect(order[highRag ?? 'red']).toBeGreaterThanOrEqual(order[lowRag ?? 'red']);
          // Mirrored: the same holds for lower is better with negated values.
          const mirrored = { greenTo: -thresholds.greenFrom, amberTo: -amberFrom };
          expect(ragFromThresholds(-high, 'lower_is_better', mirrored)).toBe(highRag);
        },
      ),
    );
  });
});

describe('ragAgainstTarget (green met, amber within 5% of the target, red otherwise)', () => {
  it.each([
    [60, 'green'],
    [75, 'green'],
    [57, 'amber'], // exactly 5% short of 60
    [56.9, 'red'],
  ] as const)('higher is better, target 60: %s is %s', (value, rag) => {
    expect(ragAgainstTarget(value, 'higher_is_better', { value: 60 })).toBe(rag);
  });

  it.each([
    [20, 'green'],
    [10, 'green'],
    [21, 'amber'], // exactly 5% over 20
    [21.1, 'red'],
  ] as const)('lower is better, target 20 weeks: %s is %s', (value, rag) => {
    expect(ragAgainstTarget(value, 'lower_is_better', { value: 20 })).toBe(rag);
  });

  it('has no amber band for a target of zero', () => {
    expect(ragAgainstTarget(0, 'lower_is_better', { value: 0 })).toBe('green');
    expect(ragAgainstTarget(0.1, 'lower_is_better', { value: 0 })).toBe('red');
  });

  it('does not rate indicators where neither direction is better, or without a target', () => {
    expect(ragAgainstTarget(5, 'neither', { value: 5 })).toBeNull();
    expect(ragAgainstTarget(5, 'higher_is_better', null)).toBeNull();
    expect(ragAgainstTarget(null, 'higher_is_better', { value: 5 })).toBeNull();
  });

  it('ragFor prefers thresholds, then the target', () => {
    expect(
      ragFor(55, 'higher_is_better', { thresholds: { greenFrom: 50 }, target: { value: 60 } }),
    ).toEqual({ rag: 'green', basis: 'thresholds' });
    expect(ragFor(58, 'higher_is_better', { thresholds: {}, target: { value: 60 } })).toEqual({
      rag: 'amber',
      basis: 'target',
    });
    expect(ragFor(58, 'higher_is_better', {})).toEqual({ rag: null, basis: null });
  });
});

describe('validateThresholds', () => {
  const valid: [Polarity, RagThresholds][] = [
    ['higher_is_better', { greenFrom: 60, amberFrom: 50 }],
    ['higher_is_better', { greenFrom: 60, amberFrom: 60 }],
    ['higher_is_better', { greenFrom: 60 }],
    ['lower_is_better', { greenTo: 13, amberTo: 18 }],
    ['lower_is_better', { greenTo: 13, amberTo: 13, greenFrom: null, amberFrom: null }],
    ['neither', { greenFrom: 10, greenTo: 14 }],
    ['neither', { greenFrom: 10, greenTo: 14, amberFrom: 8, amberTo: 16 }],
    ['neither', {}],
  ];
  it.each(valid)('%s %j is valid', (polarity, thresholds) => {
    expect(validateThresholds(polarity, thresholds, 'percent')).toEqual([]);
  });

  it('accepts no thresholds at all', () => {
    expect(validateThresholds('higher_is_better', null)).toEqual([]);
    expect(validateThresholds('lower_is_better', { greenTo: null, amberTo: null })).toEqual([]);
  });

  it.each([
    [
      'higher_is_better',
      { greenFrom: 50, amberFrom: 60 },
      [{ field: 'amberFrom', text: 'Amber from must be the same as or lower than green from' }],
    ],
    [
      'higher_is_better',
      { amberFrom: 50 },
      [{ field: 'greenFrom', text: 'Enter the value from which it is green' }],
    ],
    [
      'higher_is_better',
      { greenFrom: 60, greenTo: 70 },
      [
        {
          field: 'greenTo',
          text: 'Remove green up to: when higher is better, enter green from and amber from',
        },
      ],
    ],
    [
      'lower_is_better',
      { greenTo: 18, amberTo: 13 },
      [{ field: 'amberTo', text: 'Amber up to must be the same as or higher than green up to' }],
    ],
    [
      'lower_is_better',
      { greenFrom: 5 },
      [
        {
          field: 'greenFrom',
          text: 'Remove green from: when lower is better, enter green up to and amber up to',
        },
        { field: 'greenTo', text: 'Enter the value up to which it is green' },
      ],
    ],
    [
      'neither',
      { greenFrom: 14, greenTo: 10 },
      [{ field: 'greenTo', text: 'Green up to must be the same as or higher than green from' }],
    ],
    [
      'neither',
      { greenFrom: 10, greenTo: 14, amberFrom: 11, amberTo: 13 },
      [
        { field: 'amberFrom', text: 'Amber from must be the same as or lower than green from' },
        { field: 'amberTo', text: 'Amber up to must be the same as or higher than green up to' },
      ],
    ],
    [
      'neither',
      { greenFrom: 10, greenTo: 14, amberFrom: 8 },
      [{ field: 'amberTo', text: 'Enter the highest value that is amber, or remove amber from' }],
    ],
    [
      'neither',
      { amberFrom: 8, amberTo: 16 },
      [
        { field: 'greenFrom', text: 'Enter the lowest value that is green' },
        { field: 'greenTo', text: 'Enter the highest value that is green' },
      ],
    ],
  ] as const)('%s %j', (polarity, thresholds, errors) => {
    expect(validateThresholds(polarity, thresholds, 'number')).toEqual(errors);
  });

  it('checks values against the unit', () => {
    expect(
      validateThresholds('higher_is_better', { greenFrom: 120, amberFrom: -1 }, 'percent'),
    ).toEqual([
      { field: 'greenFrom', text: 'Green from must be between 0 and 100' },
      { field: 'amberFrom', text: 'Amber from must be between 0 and 100' },
    ]);
    expect(validateThresholds('lower_is_better', { greenTo: -2 }, 'weeks')).toEqual([
      { field: 'greenTo', text: 'Green up to must be 0 or more' },
    ]);
    expect(validateThresholds('higher_is_better', { greenFrom: -0.5 }, 'number')).toEqual([]);
    expect(validateThresholds('higher_is_better', { greenFrom: Number.NaN }, 'number')).toEqual([
      { field: 'greenFrom', text: 'Green from must be a number' },
    ]);
  });
});

describe('directionOfChange', () => {
  it.each([
    [50, 55, 'higher_is_better', 'improving'],
    [55, 50, 'higher_is_better', 'worsening'],
    [50, 55, 'lower_is_better', 'worsening'],
    [55, 50, 'lower_is_better', 'improving'],
    [50, 50, 'higher_is_better', 'no change'],
    [50, 50, 'neither', 'no change'],
    [50, 55, 'neither', 'not comparable'],
    [null, 55, 'higher_is_better', 'not comparable'],
    [50, undefined, 'lower_is_better', 'not comparable'],
    [-3, -1, 'higher_is_better', 'improving'],
  ] as const)('%s to %s, %s: %s', (previous, latest, polarity, direction) => {
    expect(directionOfChange(previous, latest, polarity, 'percent')).toBe(direction);
  });

  it('calls a change too small to show "no change"', () => {
    expect(directionOfChange(46.41, 46.44, 'higher_is_better', 'percent')).toBe('no change');
    expect(directionOfChange(46.4, 46.5, 'higher_is_better', 'percent')).toBe('improving');
    expect(directionOfChange(120.2, 120.4, 'lower_is_better', 'count')).toBe('no change');
  });

  it('latestChange compares the latest two values in period order, skipping gaps', () => {
    const change = latestChange(
      [
        { period: '2024', value: 46.4 },
        { period: '2022', value: 49.2 },
        { period: '2023', value: null },
      ],
      'higher_is_better',
      'percent',
      'annual',
    );
    expect(change.latest?.period.key).toBe('2024');
    expect(change.previous?.period.key).toBe('2022');
    expect(change.direction).toBe('worsening');
  });

  it('does not compare different kinds of period', () => {
    const change = latestChange(
      [
        { period: '2023', value: 10 },
        { period: '2024-Q1', value: 12 },
      ],
      'higher_is_better',
      'count',
      'quarterly',
    );
    expect(change.direction).toBe('not comparable');
  });
});

describe('formatValue', () => {
  it.each([
    [46.4, 'percent', '46.4%'],
    [50, 'percent', '50.0%'],
    [12345.6, 'count', '12,346'],
    [20.84, 'weeks', '20.8 weeks'],
    [45, 'days', '45 days'],
    [1, 'days', '1 day'],
    [12.345, 'rate_per_10000', '12.3 per 10,000'],
    [1234.56, 'rate_per_10000', '1,234.6 per 10,000'],
    [-0.04, 'number', '0.0'],
    [-2.35, 'number', '-2.4'],
    [46.45, 'percent', '46.5%'],
    [1.005, 'number', '1.0'],
  ] as const)('%s %s is %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  it('trims trailing zeros for targets', () => {
    expect(formatValue(60, 'percent', { trim: true })).toBe('60%');
    expect(formatValue(1, 'weeks', { trim: true })).toBe('1 week');
  });
});

describe('summariseIndicator', () => {
  const twentyWeeks = {
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'annual',
  } as const;

  it('reads as the example in the issue', () => {
    expect(
      summariseIndicator({
        ...twentyWeeks,
        values: [
          { period: '2023', value: 50.3 },
          { period: '2024', value: 46.4 },
        ],
        target: { value: 60, date: '2026-03-31' },
      }),
    ).toBe(
      '46.4% in 2024, down 3.9 points from 50.3% in 2023 (worse). Target 60% by March 2026: not met.',
    );
  });

  it('says better, met and no date', () => {
    expect(
      summariseIndicator({
        ...twentyWeeks,
        values: [
          { period: '2023', value: 50.3 },
          { period: '2024', value: 61 },
        ],
        target: { value: 60 },
      }),
    ).toBe('61.0% in 2024, up 10.7 points from 50.3% in 2023 (better). Target 60%: met.');
  });

  it('gives absolute and relative change for other units', () => {
    expect(
      summariseIndicator({
        unit: 'weeks',
        polarity: 'lower_is_better',
        frequency: 'monthly',
        values: [
          { period: '2024-02', value: 20 },
          { period: '2024-03', value: 22.5 },
        ],
      }),
    ).toBe(
      '22.5 weeks in March 2024, up 2.5 weeks (12.5%) from 20.0 weeks in February 2024 (worse).',
    );
    expect(
      summariseIndicator({
        unit: 'rate_per_10000',
        polarity: 'lower_is_better',
        frequency: 'academic_year',
        values: [
          { period: '2022-23', value: 812.44 },
          { period: '2023-24', value: 731.2 },
        ],
      }),
    ).toBe(
      '731.2 per 10,000 in the 2023 to 2024 academic year, down 81.2 per 10,000 (10.0%) from 812.4 per 10,000 in the 2022 to 2023 academic year (better).',
    );
  });

  it('does not judge a change where neither direction is better', () => {
    expect(
      summariseIndicator({
        unit: 'count',
        polarity: 'neither',
        frequency: 'annual',
        values: [
          { period: '2023', value: 2300 },
          { period: '2024', value: 2420 },
        ],
        target: { value: 2500, date: '2025-12-31' },
      }),
    ).toBe('2,420 in 2024, up 120 (5.2%) from 2,300 in 2023. Target 2,500 by December 2025.');
  });

  it('leaves out the relative change from zero', () => {
    expect(
      summariseIndicator({
        unit: 'count',
        polarity: 'lower_is_better',
        frequency: 'annual',
        values: [
          { period: '2023', value: 0 },
          { period: '2024', value: 3 },
        ],
      }),
    ).toBe('3 in 2024, up 3 from 0 in 2023 (worse).');
  });

  it('handles no change, one value and no values', () => {
    expect(
      summariseIndicator({
        ...twentyWeeks,
        values: [
          { period: '2023', value: 50.31 },
          { period: '2024', value: 50.29 },
        ],
      }),
    ).toBe('50.3% in 2024, the same as in 2023.');
    expect(summariseIndicator({ ...twentyWeeks, values: [{ period: '2024', value: 46.4 }] })).toBe(
      '46.4% in 2024.',
    );
    expect(summariseIndicator({ ...twentyWeeks, values: [], target: { value: 60 } })).toBe(
      'No values recorded yet. Target 60%.',
    );
  });
});
