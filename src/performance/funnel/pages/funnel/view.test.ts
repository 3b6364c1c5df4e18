import { describe, expect, it } from 'vitest';
import type { RateUnit } from '../../../census/index.js';
import { analyseFunnel } from '../../funnel.js';
import { orderForTable, overdispersionNote, splitByMinimum } from './view.js';

const unit = (id: string, numerator: number, denominator: number): RateUnit => ({
  id,
  name: `School ${id}`,
  numerator,
  denominator,
  rate: denominator > 0 ? numerator / denominator : null,
  differenceFromEngland: null,
});

describe('funnel page', () => {
  it('leaves out units below the minimum, so 1 of 1 is not flagged', () => {
    const units = [
      unit('tiny', 1, 1),
      ...Array.from({ length: 20 }, (_, i) => unit(String(i), 10, 200)),
      unit('high', 60, 200),
    ];
    const { included, tooSmall } = splitByMinimum(units, 10);
    expect(tooSmall.map((u) => u.id)).toEqual(['tiny']);
    const analysis = analyseFunnel(included);
    const ordered = orderForTable(analysis.units);
    expect(ordered[0]!.id).toBe('high');
    expect(ordered[0]!.label).toBe('High (0.001)');
    expect(ordered.slice(1).every((u) => u.label === 'Not significant')).toBe(true);
    expect(overdispersionNote(analysis)).toContain('exact binomial limits');
  });

  it('explains when the labels use limits widened for overdispersion', () => {
    const units = Array.from({ length: 30 }, (_, i) => unit(String(i), 5 + i * 3, 200));
    const analysis = analyseFunnel(units);
    expect(analysis.limitsUsed).toBe('overdispersion-adjusted');
    expect(overdispersionNote(analysis)).toMatch(/φ = \d+\.\d\d, τ² = .*widened/);
  });
});
