import { describe, expect, it } from 'vitest';
import { inspectionTitle } from './inspection-rules.js';

describe('inspection titles', () => {
  it('names the framework, the kind and the month inspectors were on site', () => {
    expect(
      inspectionTitle({ kind: 'initial', on_site_start: '2018-03-12', published_on: '2018-05-10' }),
    ).toBe('Local area SEND inspection, March 2018');
    expect(inspectionTitle({ kind: 'revisit', on_site_start: '2021-11-01' })).toBe(
      'Local area SEND inspection (revisit), November 2021',
    );
    expect(inspectionTitle({ kind: 'full', on_site_start: '2025-05-12' })).toBe(
      'Area SEND inspection, May 2025',
    );
    expect(inspectionTitle({ kind: 'monitoring', on_site_start: '2026-01-05' })).toBe(
      'Area SEND inspection (monitoring), January 2026',
    );
  });

  it('falls back to the month it was published, then to no date at all', () => {
    expect(inspectionTitle({ kind: 'full', on_site_start: null, published_on: '2024-07-02' })).toBe(
      'Area SEND inspection, July 2024',
    );
    expect(inspectionTitle({ kind: 'full' })).toBe('Area SEND inspection');
  });
});
