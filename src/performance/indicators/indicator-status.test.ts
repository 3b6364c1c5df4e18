import { describe, expect, it } from 'vitest';
import {
  checkThresholdColumns,
  codeFromName,
  columnsFromThresholds,
  columnsOfRow,
  currentTarget,
  indicatorStatus,
  renderSparkline,
  slugFromName,
  splitDefinition,
  thresholdsFromColumns,
  thresholdsInWords,
} from './indicator-status.js';
import { indicatorFormValues, readIndicatorForm } from './pages/form/form-fields.js';
import { readTargetForm } from './pages/indicator/target-form.js';
import { readNumber } from './rag.js';
import { FormErrors } from '../../platform/web/forms.js';

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

describe('thresholds as stored', () => {
  const cols = (
    green: number | null,
    amber: number | null,
    greenUpper: number | null = null,
    amberUpper: number | null = null,
  ) => ({ green, amber, greenUpper, amberUpper });

  it('reads the green and amber bounds by polarity', () => {
    expect(thresholdsFromColumns('higher_is_better', cols(60, 46.4))).toEqual({
      greenFrom: 60,
      amberFrom: 46.4,
    });
    expect(thresholdsFromColumns('lower_is_better', cols(13, null))).toEqual({
      greenTo: 13,
      amberTo: null,
    });
    expect(thresholdsFromColumns('higher_is_better', cols(null, 5))).toBeNull();
  });
  it('reads a band where neither is better, and nothing from half a band', () => {
    expect(thresholdsFromColumns('neither', cols(10, 8, 14, 16))).toEqual({
      greenFrom: 10,
      greenTo: 14,
      amberFrom: 8,
      amberTo: 16,
    });
    expect(thresholdsFromColumns('neither', cols(10, null, 14, null))).toEqual({
      greenFrom: 10,
      greenTo: 14,
      amberFrom: null,
      amberTo: null,
    });
    // An indicator saved before bands existed may hold one bound: it is not rated by it.
    expect(thresholdsFromColumns('neither', cols(1, 2))).toBeNull();
  });
  it('ignores upper ends unless neither is better', () => {
    expect(thresholdsFromColumns('higher_is_better', cols(60, 50, 70, 80))).toEqual({
      greenFrom: 60,
      amberFrom: 50,
    });
  });
  it('writes them back, upper ends only for a band', () => {
    expect(columnsFromThresholds('lower_is_better', { greenTo: 13, amberTo: 18 })).toEqual(
      cols(13, 18),
    );
    expect(columnsFromThresholds('higher_is_better', { greenFrom: 60, greenTo: 70 })).toEqual(
      cols(60, null),
    );
    expect(columnsFromThresholds('neither', { greenFrom: 1, greenTo: 2 })).toEqual(
      cols(1, null, 2, null),
    );
    expect(
      columnsFromThresholds('neither', { greenFrom: 10, greenTo: 14, amberFrom: 8, amberTo: 16 }),
    ).toEqual(cols(10, 8, 14, 16));
    expect(columnsFromThresholds('neither', null)).toEqual(cols(null, null));
  });
  it('maps an indicator row to columns', () => {
    expect(
      columnsOfRow({ green_threshold: 10, amber_threshold: 8, green_upper: 14, amber_upper: 16 }),
    ).toEqual(cols(10, 8, 14, 16));
  });
  it('checks columns with the form’s rules, naming the column', () => {
    expect(checkThresholdColumns('neither', cols(10, 8, 14, 16), 'percent')).toEqual([]);
    expect(checkThresholdColumns('neither', cols(10, null), 'percent')).toEqual([
      { column: 'greenUpper', text: 'Enter the highest value that is green' },
    ]);
    expect(checkThresholdColumns('neither', cols(10, 11, 14, 16), 'percent')).toEqual([
      { column: 'amber', text: 'Amber from must be the same as or lower than green from' },
    ]);
    expect(checkThresholdColumns('neither', cols(10, 8, 14, null), 'percent')).toEqual([
      { column: 'amberUpper', text: 'Enter the highest value that is amber, or remove amber from' },
    ]);
    expect(checkThresholdColumns('neither', cols(10, null, 140), 'percent')).toEqual([
      { column: 'greenUpper', text: 'Green up to must be between 0 and 100' },
    ]);
    expect(checkThresholdColumns('lower_is_better', cols(13, 10), 'weeks')).toEqual([
      { column: 'amber', text: 'Amber up to must be the same as or higher than green up to' },
    ]);
    expect(checkThresholdColumns('higher_is_better', cols(60, 50, 70), 'percent')).toEqual([
      {
        column: 'greenUpper',
        text: 'Only an indicator where neither higher nor lower is better has a band with an upper end: leave it out or null',
      },
    ]);
    expect(checkThresholdColumns('higher_is_better', cols(null, null), 'percent')).toEqual([]);
  });
  it('says the rule in words', () => {
    expect(thresholdsInWords('higher_is_better', 'percent', cols(60, 46.4))).toBe(
      'Green from 60%, amber from 46.4%, otherwise red',
    );
    expect(thresholdsInWords('lower_is_better', 'weeks', cols(13, null))).toBe(
      'Green up to 13 weeks, otherwise red',
    );
    expect(thresholdsInWords('neither', 'percent', cols(10, 8, 14, 16))).toBe(
      'Green from 10% to 14%, amber from 8% to 16%, otherwise red',
    );
    expect(thresholdsInWords('neither', 'percent', cols(10, null, 14))).toBe(
      'Green from 10% to 14%, otherwise red',
    );
    expect(thresholdsInWords('neither', 'percent', cols(10, null))).toBeNull();
    expect(thresholdsInWords('higher_is_better', 'percent', cols(null, null))).toBeNull();
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
  it('reads a band where neither is better, checked by the band rules', () => {
    const fields = {
      name: 'Pupils with SEN support',
      unit: 'percent',
      polarity: 'neither',
      frequency: 'annual',
      greenFrom: '11',
      greenTo: '14.5',
    };
    const ok = readIndicatorForm({ ...fields, amberFrom: '9', amberTo: '16' }, new FormErrors());
    expect(ok.input).toMatchObject({ green: 11, amber: 9, greenUpper: 14.5, amberUpper: 16 });
    const greenOnly = readIndicatorForm(fields, new FormErrors());
    expect(greenOnly.input).toMatchObject({
      green: 11,
      amber: null,
      greenUpper: 14.5,
      amberUpper: null,
    });
    const errors = new FormErrors();
    const bad = readIndicatorForm(
      { ...fields, greenTo: '', amberFrom: '12', amberTo: '16' },
      errors,
    );
    expect(bad.input).toBeUndefined();
    expect(errors.list).toEqual([
      { field: 'amberFrom', text: 'Amber from must be the same as or lower than green from' },
      { field: 'greenTo', text: 'Enter the highest value that is green' },
    ]);
    expect(bad.values).toMatchObject({ greenFrom: '11', greenTo: '', amberFrom: '12' });
  });
  it('fills the form with what the polarity reads', () => {
    const row = {
      name: 'Pupils with SEN support',
      code: 'sen-support',
      definition: '',
      unit: 'percent' as const,
      frequency: 'annual' as const,
      source: '',
      owner_user_id: null,
      version: 3,
    };
    const links = { actionIds: [], findingIds: [] };
    expect(
      indicatorFormValues(
        {
          ...row,
          polarity: 'neither',
          green_threshold: 11,
          amber_threshold: 9,
          green_upper: 14.5,
          amber_upper: 16,
        },
        links,
      ),
    ).toMatchObject({ greenFrom: '11', greenTo: '14.5', amberFrom: '9', amberTo: '16' });
    expect(
      indicatorFormValues(
        {
          ...row,
          polarity: 'lower_is_better',
          green_threshold: 13,
          amber_threshold: null,
          green_upper: null,
          amber_upper: null,
        },
        links,
      ),
    ).toMatchObject({ greenFrom: '', greenTo: '13', amberFrom: '', amberTo: '' });
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

describe('splitDefinition', () => {
  it('lifts the numerator and denominator out of the definition', () => {
    expect(
      splitDefinition(
        'Plans issued in the year.\n\nNumerator: Plans issued within 20 weeks.\n\n  denominator :  All plans issued.\n\nThresholds: as England.',
      ),
    ).toEqual({
      paragraphs: ['Plans issued in the year.', 'Thresholds: as England.'],
      counted: 'Plans issued within 20 weeks.',
      outOf: 'All plans issued.',
    });
  });

  it('leaves a definition without them, a second one and a mention mid-sentence as written', () => {
    expect(splitDefinition('')).toEqual({ paragraphs: [], counted: null, outOf: null });
    expect(
      splitDefinition('The numerator: plans.\n\nNumerator: a.\n\nNumerator: b.\n\nNumerator:'),
    ).toEqual({
      paragraphs: ['The numerator: plans.', 'Numerator: b.', 'Numerator:'],
      counted: 'a.',
      outOf: null,
    });
  });
});
