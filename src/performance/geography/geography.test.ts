import { describe, expect, it } from 'vitest';
import {
  GeographyCollector,
  geographyChanges,
  geographyTree,
  type GeographyUnit,
} from './geography.js';

const unit = (
  id: string,
  kind: GeographyUnit['kind'],
  code: string,
  parent: string | null = null,
): GeographyUnit => ({
  id,
  kind,
  code,
  name: code.toUpperCase(),
  parent_id: parent,
  phase: null,
});

describe('geography', () => {
  it('collects a hierarchy and reports schools twice and districts in two localities', () => {
    const c = new GeographyCollector();
    const row = (urn: string, district: string, locality: string) => ({
      urn,
      name: `School ${urn}`,
      phase: null,
      district,
      districtCode: null,
      locality,
      localityCode: null,
    });
    expect(c.add(row('100001', 'Ashford', 'North'), 2, {})).toEqual([]);
    expect(c.add(row('100002', 'Ashford', 'North'), 3, {})).toEqual([]);
    expect(c.add(row('100001', 'Ashford', 'North'), 4, { urn: 'URN' })).toMatchObject([
      { row: 4, column: 'URN' },
    ]);
    expect(c.add(row('100003', 'Ashford', 'South'), 5, { locality: 'Quadrant' })).toMatchObject([
      {
        row: 5,
        column: 'Quadrant',
        message: expect.stringContaining('A district belongs to one locality'),
      },
    ]);
    expect(c.payload()).toEqual({
      localities: [{ code: 'north', name: 'North' }],
      districts: [{ code: 'ashford', name: 'Ashford', locality: 'north' }],
      schools: [
        { code: '100001', name: 'School 100001', phase: null, district: 'ashford' },
        { code: '100002', name: 'School 100002', phase: null, district: 'ashford' },
      ],
    });
  });

  it('removes units left out, keeping those values refer to with their parents', () => {
    const existing = [
      unit('l1', 'locality', 'north'),
      unit('l2', 'locality', 'south'),
      unit('d1', 'district', 'ashford', 'l1'),
      unit('d2', 'district', 'brook', 'l2'),
      unit('s1', 'school', '100001', 'd1'),
      unit('s2', 'school', '100002', 'd2'),
      unit('s3', 'school', '100003', 'd2'),
    ];
    const changes = geographyChanges(existing, new Set(['s2']), {
      localities: [{ code: 'north', name: 'NORTH' }],
      districts: [{ code: 'ashford', name: 'Ashford', locality: 'north' }],
      schools: [{ code: '100001', name: '100001', phase: null, district: 'ashford' }],
    });
    expect(changes.unchanged).toEqual({ locality: 1, district: 0, school: 1 });
    expect(changes.updated).toEqual({ locality: 0, district: 1, school: 0 });
    expect(changes.kept.map((u) => u.id)).toEqual(['s2', 'd2', 'l2']);
    expect(changes.removed.map((u) => u.id)).toEqual(['s3']);
  });

  it('arranges units as a tree with counts', () => {
    const { localities, counts } = geographyTree([
      unit('l1', 'locality', 'north'),
      unit('d1', 'district', 'b', 'l1'),
      unit('d2', 'district', 'a', 'l1'),
      unit('s1', 'school', '100001', 'd1'),
    ]);
    expect(counts).toEqual({ locality: 1, district: 2, school: 1 });
    expect(localities[0]!.districts.map((d) => d.unit.code)).toEqual(['a', 'b']);
    expect(localities[0]!.schoolCount).toBe(1);
  });
});
