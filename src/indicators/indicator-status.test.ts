import { describe, expect, it } from 'vitest';
import {
  codeFromName,
  columnsFromThresholds,
  currentTarget,
  indicatorStatus,
  renderSparkline,
  slugFromName,
  thresholdsFromColumns,
} from './indicator-status.js';
import { readIndicatorForm, readNumber, readTargetForm } from './indicator-form.js';
import { FormErrors } from '../web/forms.js';

describe('currentTarget', () => {
  const targets = [
    { value: 60, dueOn: '2026-03-31' },
    { value: 55, dueOn: '2025-03-31' },
    { value: 65, dueOn: '2027-03-31' },
  ];
  it('is the next target due, counting one due today', () => {
    expect(currentTarget(targets, '2025-03-31')).toEqual({ value: 55, date: '2025-03-31' });
    expect(currentTarget(targets, '2025-04-01')).toEqual({ value: 60, date: '2026-03-31' });
  });
  it('is the last target once all have passed, and null without targets', () => {
    expect(currentTarget(targets, '2030-01-01')).toEqual({ value: 65, date: '2027-03-31' });
    expect(currentTarget([], '2025-01-01')).toBeNull();
  });
});

describe('thresholds in two columns', () => {
  it('reads the green and amber bounds by polarity', () => {
    expect(thresholdsFromColumns('higher_is_better', 60, 46.4)).toEqual({
      greenFrom: 60,
      amberFrom: 46.4,
    });
    expect(thresholdsFromColumns('lower_is_better', 13, null)).toEqual({
      greenTo: 13,
      amberTo: null,
    });
    expect(thresholdsFromColumns('neither', 1, 2)).toBeNull();
    expect(thresholdsFromColumns('higher_is_better', null, 5)).toBeNull();
  });
  it('writes them back', () => {
    expect(columnsFromThresholds('lower_is_better', { greenTo: 13, amberTo: 18 })).toEqual({
      green: 13,
      amber: 18,
    });
    expect(columnsFromThresholds('neither', { greenFrom: 1, greenTo: 2 })).toEqual({
      green: null,
      amber: null,
    });
  });
});

describe('codes from names', () => {
  it('makes a slug of letters, digits and hyphens', () => {
    expect(slugFromName('New EHC plans issued within 20 weeks (excl. exceptions)')).toBe(
      'new-ehc-plans-issued-within-20-weeks-excl-exceptions',
    );
    expect(slugFromName('Speech & language – café waits')).toBe('speech-and-language-cafe-waits');
    expect(slugFromName('!!!')).toBe('indicator');
    expect(slugFromName('x'.repeat(100))).toHaveLength(60);
  });
  it('adds a number when the code is taken', () => {
    expect(codeFromName('Waits', new Set(['waits', 'waits-2']))).toBe('waits-3');
  });
});

describe('indicatorStatus', () => {
  const base = {
    unit: 'percent' as const,
    polarity: 'higher_is_better' as const,
    frequency: 'annual' as const,
  };
  it('gives the latest value, the change with its direction, RAG by thresholds and England', () => {
    const status = indicatorStatus({
      ...base,
      thresholds: { greenFrom: 60, amberFrom: 46.4 },
      target: { value: 60, date: '2026-03-31' },
      values: [
        { period: '2024', value: 46.4 },
        { period: '2023', value: 50.3 },
        { period: 'nonsense', value: 99 },
      ],
      england: [
        { period: '2023', value: 50.3 },
        { period: '2024', value: 46.4 },
      ],
    });
    expect(status.latest?.text).toBe('46.4%');
    expect(status.latest?.period.key).toBe('2024');
    expect(status.previous?.text).toBe('50.3%');
    expect(status.direction).toBe('worsening');
    expect(status.directionText).toBe('Worsening');
    expect(status.changeText).toBe('Down 3.9 points from 50.3% (2023)');
    expect(status.rag).toBe('amber');
    expect(status.basis).toBe('thresholds');
    expect(status.targetText).toBe('60% by 31 March 2026');
    expect(status.england?.text).toBe('46.4%');
  });
  it('rates against the target without thresholds, and judges lower-is-better changes', () => {
    const status = indicatorStatus({
      ...base,
      unit: 'weeks',
      polarity: 'lower_is_better',
      frequency: 'monthly',
      thresholds: null,
      target: { value: 13 },
      values: [
        { period: '2025-01', value: 20 },
        { period: '2025-02', value: 13.5 },
      ],
    });
    expect(status.rag).toBe('amber');
    expect(status.basis).toBe('target');
    expect(status.directionText).toBe('Improving');
    expect(status.changeText).toBe('Down 6.5 weeks from 20.0 weeks (Jan 2025)');
    expect(status.england).toBeNull();
  });
  it('has nothing to say without values', () => {
    const status = indicatorStatus({ ...base, thresholds: null, target: null, values: [] });
    expect(status).toMatchObject({
      latest: null,
      changeText: null,
      directionText: null,
      rag: null,
      targetText: null,
    });
  });
});

describe('renderSparkline', () => {
  it('draws a hidden line for two or more values', () => {
    const status = indicatorStatus({
      unit: 'count',
      polarity: 'neither',
      frequency: 'annual',
      thresholds: null,
      target: null,
      values: [],
    });
    expect(status.latest).toBeNull();
    const svg = renderSparkline([
      { period: { key: '2023' } as never, value: 1, text: '1' },
      { period: { key: '2024' } as never, value: 3, text: '3' },
    ]);
    expect(svg).toContain('aria-hidden="true"');
    expect(svg).toContain('points="4,28 116,4"');
    expect(renderSparkline([])).toBe('');
  });
});

describe('the indicator form', () => {
  it('reads numbers as people type them', () => {
    expect(readNumber('1,234.5')).toBe(1234.5);
    expect(readNumber('60%')).toBe(60);
    expect(readNumber('.5')).toBe(0.5);
    expect(readNumber('six')).toBeUndefined();
    expect(readNumber('1e3')).toBeUndefined();
  });
  it('stores lower-is-better thresholds as green and amber bounds', () => {
    const errors = new FormErrors();
    const { input } = readIndicatorForm(
      {
        name: 'Autism waits',
        unit: 'weeks',
        polarity: 'lower_is_better',
        frequency: 'monthly',
        greenTo: '13',
        amberTo: '18',
        actionIds: 'not-an-id',
      },
      errors,
    );
    expect(input).toBeUndefined();
    expect(errors.list).toEqual([
      { field: 'actionIds', text: 'Select actions and findings from the lists' },
    ]);
    const ok = readIndicatorForm(
      {
        name: 'Autism waits',
        code: 'Autism-Waits',
        unit: 'weeks',
        polarity: 'lower_is_better',
        frequency: 'monthly',
        greenTo: '13',
        amberTo: '18',
      },
      new FormErrors(),
    );
    expect(ok.input).toMatchObject({ code: 'autism-waits', green: 13, amber: 18, actionIds: [] });
  });
  it('checks a target against the unit', () => {
    const errors = new FormErrors();
    readTargetForm(
      {
        targetValue: '120',
        'targetDate-day': '1',
        'targetDate-month': '4',
        'targetDate-year': '2026',
      },
      errors,
      'percent',
    );
    expect(errors.list).toEqual([
      { field: 'targetValue', text: 'Target must be between 0 and 100' },
    ]);
  });
});
