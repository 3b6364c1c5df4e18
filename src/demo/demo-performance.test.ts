import { describe, expect, it } from 'vitest';
import {
  censusCounts,
  censusDateOn,
  demoCases,
  demoSchools,
  issuedWithin20Weeks,
  performanceFiles,
  toCsv,
} from './demo-performance.js';
import { daysBetween } from './demo-timeline.js';

const sum = (values: Record<string, number | undefined>) =>
  Object.values(values).reduce<number>((n, v) => n + (v ?? 0), 0);

describe('the demo’s performance data', () => {
  it('has 60 schools with their own URNs in 3 districts', () => {
    const schools = demoSchools();
    expect(schools).toHaveLength(60);
    expect(new Set(schools.map((s) => s.urn)).size).toBe(60);
    expect(new Set(schools.map((s) => s.name)).size).toBe(60);
    for (const s of schools) expect(s.urn).toMatch(/^\d{6}$/);
    const perDistrict = Object.fromEntries(
      ['hallowmere', 'brackenford', 'eastmarsh'].map((d) => [
        d,
        schools.filter((s) => s.district.code === d).length,
      ]),
    );
    expect(perDistrict).toEqual({ hallowmere: 24, brackenford: 20, eastmarsh: 16 });
    // The schools among the demo's organisations are in the census too.
    expect(schools.map((s) => s.name)).toContain('Kestrel Moor Academy');
  });

  it('counts pupils that add up, with more SEN support identified in Brackenford', () => {
    const counts = censusCounts(demoSchools());
    for (const c of counts) {
      expect(c.E + c.K).toBeLessThanOrEqual(c.pupils);
      expect(sum(c.needs.E)).toBe(c.E);
      expect(sum(c.needs.K)).toBe(c.K);
      expect(c.needs.E.NSA).toBeUndefined();
    }
    const rate = (district: string) => {
      const inIt = counts.filter(
        (c) => c.school.district.code === district && c.school.phase !== 'Special',
      );
      return inIt.reduce((n, c) => n + c.K, 0) / inIt.reduce((n, c) => n + c.pupils, 0);
    };
    expect(rate('brackenford')).toBeGreaterThan(rate('eastmarsh') + 0.02);
    // MLD is the most common primary need at SEN support, as the inspection found.
    const k = (need: 'MLD' | 'SLCN' | 'SEMH') =>
      counts.reduce((n, c) => n + (c.needs.K[need] ?? 0), 0);
    expect(k('MLD')).toBeGreaterThan(k('SLCN'));
    expect(k('MLD')).toBeGreaterThan(k('SEMH'));
  });

  it('takes the latest January census on or before today', () => {
    expect(censusDateOn('2026-03-18')).toBe('2026-01-15');
    expect(censusDateOn('2026-01-15')).toBe('2026-01-15');
    expect(censusDateOn('2026-01-14')).toBe('2025-01-16');
  });

  for (const [today, improvingFrom] of [
    ['2026-03-18', '2025-01-01'],
    ['2026-11-22', '2025-09-01'],
    ['2031-06-30', '2029-12-01'],
  ] as const) {
    it(`makes a few hundred requests, about half on time, up to ${today}`, () => {
      const cases = demoCases(today, improvingFrom);
      expect(cases.length).toBeGreaterThan(300);
      expect(cases.length).toBeLessThan(800);
      expect(new Set(cases.map((c) => c.ref)).size).toBe(cases.length);
      for (const c of cases) {
        expect(c.requestDate <= today).toBe(true);
        if (c.issueDate) {
          expect(c.issueDate <= today).toBe(true);
          expect(c.issueDate > c.requestDate).toBe(true);
        }
      }
      const counted = cases.filter((c) => c.issueDate && !c.exception);
      const within = counted.filter((c) => daysBetween(c.requestDate, c.issueDate!) <= 140);
      expect(within.length / counted.length).toBeGreaterThanOrEqual(0.45);
      expect(within.length / counted.length).toBeLessThanOrEqual(0.6);
      // Some are still open, and some of those are already past 20 weeks.
      const open = cases.filter((c) => c.issueDate === null);
      expect(open.length).toBeGreaterThan(10);
      expect(open.some((c) => daysBetween(c.requestDate, today) > 140)).toBe(true);
      // Three whole calendar years for the indicator, the latest the best of them.
      const years = issuedWithin20Weeks(cases, today);
      expect(years.map((y) => Number(y.year))).toEqual(
        [3, 2, 1].map((back) => Number(today.slice(0, 4)) - back),
      );
      const shares = years.map((y) => y.within / y.issued);
      expect(shares.at(-1)).toBe(Math.max(...shares));
    });
  }

  it('is the same for the same dates', () => {
    expect(performanceFiles('2026-03-18', '2025-01-01')).toEqual(
      performanceFiles('2026-03-18', '2025-01-01'),
    );
  });

  it('writes CSV that quotes what needs quoting', () => {
    expect(toCsv([['a', 'b, c', 'say "hi"', null, 3]])).toBe('a,"b, c","say ""hi""",,3\r\n');
  });
});
