import { describe, it, expect } from 'vitest';
import { FREQUENCIES, parsePeriod, periodMatchesFrequency } from './periods.js';
import { POLARITIES, UNITS, validateThresholds } from './rag.js';
import { INDICATOR_THEMES, STARTER_INDICATORS, starterIndicator } from './starter-set.js';

describe('STARTER_INDICATORS', () => {
  it('has unique codes that are stable slugs', () => {
    const codes = STARTER_INDICATORS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has unique names', () => {
    const names = STARTER_INDICATORS.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(STARTER_INDICATORS.map((i) => [i.code, i] as const))(
    '%s is a complete, valid definition',
    (_code, indicator) => {
      expect(UNITS).toContain(indicator.unit);
      expect(POLARITIES).toContain(indicator.polarity);
      expect(FREQUENCIES).toContain(indicator.frequency);
      expect(INDICATOR_THEMES).toContain(indicator.theme);
      expect(indicator.name.trim()).not.toBe('');
      expect(indicator.source.trim()).not.toBe('');
      expect(indicator.thresholdsNote.trim()).not.toBe('');
      // Definitions an analyst can compute from: whole sentences, not labels.
      expect(indicator.definition.length).toBeGreaterThan(100);
      expect(indicator.definition).toMatch(/\.$/);
      expect(indicator.numerator === null).toBe(indicator.denominator === null);
      expect(validateThresholds(indicator.polarity, indicator.thresholds, indicator.unit)).toEqual(
        [],
      );
      if (indicator.polarity === 'neither') expect(indicator.thresholds).toBeNull();
      for (const benchmark of indicator.england) {
        const result = parsePeriod(benchmark.period, indicator.frequency);
        expect(result.ok && result.period.key).toBe(benchmark.period);
        expect(result.ok && periodMatchesFrequency(result.period, indicator.frequency)).toBe(true);
      }
    },
  );

  it('covers every item the issue lists, split where it lists two', () => {
    expect(STARTER_INDICATORS.map((i) => i.code)).toEqual([
      'ehcp-issued-within-20-weeks',
      'autism-assessment-wait',
      'speech-and-language-therapy-wait',
      'persistent-absence-sen-support',
      'persistent-absence-ehc-plan',
      'suspensions-pupils-with-sen',
      'permanent-exclusions-pupils-with-sen',
      'ks2-rwm-expected-sen-support',
      'ks4-attainment-8-ehc-plan',
      'ks4-destinations-sen',
      'post-16-send-participation',
      'post-16-send-neet',
      'pupils-with-sen-support',
      'pupils-with-ehc-plan',
      'mld-share-of-sen',
      'send-tribunal-appeal-rate',
    ]);
  });

  it('gives the national 20-week series exactly as DOMAIN.md gives it', () => {
    const indicator = starterIndicator('ehcp-issued-within-20-weeks');
    expect(indicator).toMatchObject({
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'annual',
      source: 'SEN2 statutory return (DfE)',
    });
    expect(indicator?.england).toEqual([
      { period: '2016', value: 58.6 },
      { period: '2017', value: 64.9 },
      { period: '2019', value: 60.4 },
      { period: '2021', value: 59.9 },
      { period: '2022', value: 49.2 },
      { period: '2023', value: 50.3 },
      { period: '2024', value: 46.4 },
    ]);
  });

  it('invents no other national figures', () => {
    const withFigures = STARTER_INDICATORS.filter((i) => i.england.length > 0).map((i) => i.code);
    expect(withFigures).toEqual(['ehcp-issued-within-20-weeks']);
  });

  it('finds an indicator by code', () => {
    expect(starterIndicator('mld-share-of-sen')?.polarity).toBe('neither');
    expect(starterIndicator('no-such-code')).toBeUndefined();
  });
});
