import { describe, expect, it } from 'vitest';
import { rollUp } from './rollup.js';

const today = '2026-11-22';

describe('rollUp', () => {
  it('has no rating before any update', () => {
    const r = rollUp([{ status: 'not_started', rag: null, dueDate: null }], today);
    expect(r).toMatchObject({ total: 1, noUpdate: 1, rag: null, percentComplete: 0 });
    expect(rollUp([], today)).toMatchObject({ total: 0, rag: null, percentComplete: 0 });
  });
  it('is red when any action is red, however many are green', () => {
    const actions = [
      ...Array.from({ length: 9 }, () => ({
        status: 'on_track' as const,
        rag: 'green' as const,
        dueDate: '2027-01-01',
      })),
      { status: 'off_track' as const, rag: 'red' as const, dueDate: '2027-01-01' },
    ];
    expect(rollUp(actions, today)).toMatchObject({ rag: 'red', red: 1, green: 9 });
  });
  it('is amber when an action is overdue though rated green', () => {
    const r = rollUp([{ status: 'on_track', rag: 'green', dueDate: '2026-11-21' }], today);
    expect(r).toMatchObject({ rag: 'amber', overdue: 1, green: 1 });
  });
  it('counts complete actions as green and never overdue', () => {
    const r = rollUp(
      [
        { status: 'complete', rag: 'amber', dueDate: '2020-01-01' },
        { status: 'on_track', rag: 'green', dueDate: null },
        { status: 'not_started', rag: null, dueDate: null },
      ],
      today,
    );
    expect(r).toMatchObject({
      rag: 'green',
      complete: 1,
      green: 2,
      noUpdate: 1,
      overdue: 0,
      percentComplete: 33,
    });
  });
});
