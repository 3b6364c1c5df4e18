import { describe, expect, it } from 'vitest';
import { actionNumber, coverage, NEXT_STATUSES } from './plan-rules.js';

describe('plan rules', () => {
  it('numbers actions as the seeds do', () => {
    expect(actionNumber(1, 1)).toBe('1.1');
    expect(actionNumber(5, 12)).toBe('5.12');
  });
  it('finds weaknesses not yet answered by an action', () => {
    const findings = [
      { id: 'w1', type: 'significant_weakness' as const, text: 'Weakness one', position: 2 },
      { id: 'w2', type: 'significant_weakness' as const, text: 'Weakness two', position: 1 },
      { id: 's1', type: 'strength' as const, text: 'A strength', position: 0 },
      { id: 'p1', type: 'priority_action' as const, text: 'Priority action', position: 3 },
    ];
    const links = [
      { findingId: 'w1', priorityId: 'P1' },
      { findingId: 'w2', priorityId: 'P2' },
    ];
    const result = coverage(findings, links, new Map([['P1', 3]]));
    expect(result.map((r) => [r.findingId, r.covered, r.actionCount])).toEqual([
      ['w2', false, 0],
      ['w1', true, 3],
      ['p1', false, 0],
    ]);
  });
  it('lets a judged plan be revised but not jump from draft to fit for purpose', () => {
    expect(NEXT_STATUSES.draft).not.toContain('fit_for_purpose');
    expect(NEXT_STATUSES.more_detail_requested).toEqual(['revised']);
  });
});
