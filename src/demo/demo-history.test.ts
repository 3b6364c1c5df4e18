import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '../platform/calendar/index.js';
import { PRIORITIES, WEAKNESSES } from './demo-content.js';
import { generateHistory, type HistoryAction } from './demo-history.js';
import { freeCopyNumbers } from './demo-service.js';
import { demoTimeline } from './demo-timeline.js';

describe('the demo timeline', () => {
  it('ends with the round open this month and keeps the statutory order of events', () => {
    const t = demoTimeline('2026-03-18', 1);
    expect(t.rounds).toHaveLength(12);
    expect(t.rounds.at(-1)).toEqual({
      title: 'March 2026 update',
      openedOn: '2026-03-02',
      dueOn: '2026-03-16',
      open: true,
    });
    expect(t.rounds.filter((r) => r.open)).toHaveLength(1);
    expect(t.rounds.every((r) => isWorkingDay(r.openedOn))).toBe(true);
    expect(t.onSiteStart < t.onSiteEnd && t.onSiteEnd < t.publishedOn).toBe(true);
    expect(t.signedOffOn < t.submittedOn && t.submittedOn < t.fitOn).toBe(true);
    expect(t.submittedOn <= addWorkingDays(t.publishedOn, 70)).toBe(true);
    expect(t.fitOn < t.rounds[0]!.openedOn).toBe(true);
  });

  it('opens the latest round last month when this month’s first working day is still ahead', () => {
    expect(demoTimeline('2028-01-01', 1).rounds.at(-1)!.title).toBe('December 2027 update');
  });

  it('scales history by years', () => {
    const t = demoTimeline('2026-03-18', 3);
    expect(t.rounds).toHaveLength(36);
    expect(t.rounds[0]!.title).toBe('April 2023 update');
  });
});

describe('the demo content', () => {
  it('covers every weakness with a priority and has about 60 actions', () => {
    const covered = new Set(PRIORITIES.flatMap((p) => p.weaknesses));
    expect([...covered].sort()).toEqual(Object.keys(WEAKNESSES).sort());
    expect(PRIORITIES).toHaveLength(5);
    const actions = PRIORITIES.flatMap((p) => p.actions);
    expect(actions.length).toBeGreaterThanOrEqual(55);
    expect(actions.length).toBeLessThanOrEqual(65);
    expect(new Set(actions.map((a) => a.title)).size).toBe(actions.length);
  });
});

describe('copy numbers', () => {
  it('skips names and email domains already taken', () => {
    expect(freeCopyNumbers({ partnershipNames: [], emails: [] }, 2)).toEqual([1, 2]);
    expect(
      freeCopyNumbers(
        {
          partnershipNames: ['Northshire SEND Partnership'],
          emails: ['someone@northshire2.example'],
        },
        2,
      ),
    ).toEqual([3, 4]);
  });
});

describe('the demo history', () => {
  const rounds = demoTimeline('2026-03-18', 1).rounds;
  const actions: HistoryAction[] = Array.from({ length: 40 }, (_, i) => ({
    theme: 'ehc',
    topic: `topic ${i}`,
    startDate: i % 4 === 0 ? '2025-09-01' : '2025-02-01',
    dueDate: `2025-${String(4 + (i % 9)).padStart(2, '0')}-28`,
    lead: i % 3,
    reliability: 0.85,
    hard: i % 5 === 0,
    measure: { text: 'Plans on time', baseline: 30, target: 60, unit: '%' },
  }));
  const run = () =>
    generateHistory(actions, rounds, {
      seed: 7,
      today: '2026-03-18',
      programmeManager: 3,
      authorNames: ['A', 'B', 'C', 'D'],
    });

  it('is the same on every run', () => {
    expect(run()).toEqual(run());
  });

  it('drifts, misses some months, completes once, and never writes after today', () => {
    const updates = run();
    const statuses = new Set(updates.map((u) => u.status));
    for (const s of ['not_started', 'on_track', 'at_risk', 'off_track', 'complete'])
      expect(statuses).toContain(s);
    expect(updates.length).toBeLessThan(actions.length * rounds.length);
    for (let i = 0; i < actions.length; i++) {
      const mine = updates.filter((u) => u.action === i);
      const done = mine.findIndex((u) => u.status === 'complete');
      if (done >= 0) expect(done).toBe(mine.length - 1);
      for (const u of mine) {
        const round = rounds[u.round]!;
        expect(u.createdAt.slice(0, 10) >= round.openedOn).toBe(true);
        expect(u.createdAt.slice(0, 10) <= '2026-03-18').toBe(true);
        expect(u.rag).toBe(
          { on_track: 'green', not_started: 'green', complete: 'green', at_risk: 'amber' }[
            u.status as string
          ] ?? 'red',
        );
      }
    }
    expect(updates.some((u) => u.author === 3 && u.narrative.includes('on behalf of'))).toBe(true);
  });
});
