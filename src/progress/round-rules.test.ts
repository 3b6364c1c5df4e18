import { describe, expect, it } from 'vitest';
import { ACTION_STATUSES, RAGS } from '../plans/index.js';
import {
  countsByPlan,
  isRoundNameTaken,
  overlapRefusal,
  RAG_FOR_STATUS,
  ragContradiction,
  roundNameKey,
  roundsOverlap,
  suggestRoundName,
} from './round-rules.js';

describe('rounds per plan', () => {
  const improvement = { id: 'p1', title: 'Improvement plan' };
  const app = { id: 'p2', title: 'Accelerated progress plan' };
  const wsoa = { id: 'p3', title: 'Written statement of action' };
  const every = { allPlans: true, plans: [] };
  const board = { title: 'November board update', allPlans: false, plans: [improvement, wsoa] };
  const dfe = { title: 'DfE review', allPlans: false, plans: [app] };

  it('lets rounds for different plans be open at once, and a round for every plan overlap all', () => {
    expect(roundsOverlap(board, dfe)).toBe(false);
    expect(roundsOverlap(board, { allPlans: false, plans: [wsoa] })).toBe(true);
    expect(roundsOverlap(every, dfe)).toBe(true);
    expect(roundsOverlap(dfe, every)).toBe(true);
    // A round whose plans were all deleted covers nothing.
    expect(roundsOverlap({ allPlans: false, plans: [] }, dfe)).toBe(false);
    expect(overlapRefusal({ allPlans: false, plans: [app] }, [board])).toBeNull();
  });

  it('says which plans clash and with which round, or that a round covers every plan', () => {
    expect(overlapRefusal({ allPlans: false, plans: [improvement, app, wsoa] }, [dfe, board])).toBe(
      'Accelerated progress plan is already in DfE review, which is still open. Choose other plans, or close DfE review first',
    );
    expect(overlapRefusal({ allPlans: false, plans: [wsoa, improvement] }, [board])).toBe(
      'Improvement plan and Written statement of action are already in November board update, which is still open. Choose other plans, or close November board update first',
    );
    expect(overlapRefusal(every, [board])).toBe(
      'November board update is still open for Improvement plan and Written statement of action. A round for every plan cannot open beside it: choose other plans, or close November board update first',
    );
    expect(overlapRefusal({ allPlans: false, plans: [app] }, [{ title: 'March', ...every }])).toBe(
      'March is open for every plan. Close it before you open another round',
    );
  });

  it('counts returns plan by plan, in the order given', () => {
    const row = (plan: string, updated: boolean) => ({
      plan_id: plan,
      plan_title: plan.toUpperCase(),
      updated_in_round: updated,
    });
    expect(countsByPlan([row('b', true), row('a', false), row('b', false)])).toEqual([
      { planId: 'b', planTitle: 'B', updated: 1, expected: 2 },
      { planId: 'a', planTitle: 'A', updated: 0, expected: 1 },
    ]);
  });
});

describe('round names', () => {
  it('counts names that differ only in case or spacing as the same', () => {
    expect(roundNameKey('  November   2026 UPDATE ')).toBe('november 2026 update');
    expect(isRoundNameTaken('november 2026 update', ['November 2026 update'])).toBe(true);
    expect(isRoundNameTaken('November 2026 update 2', ['November 2026 update'])).toBe(false);
  });

  it('suggests this month, or the first later month not used yet', () => {
    expect(suggestRoundName('2026-11-22', [])).toBe('November 2026 update');
    expect(suggestRoundName('2026-11-22', ['NOVEMBER 2026 UPDATE'])).toBe('December 2026 update');
    expect(suggestRoundName('2026-11-22', ['November 2026 update', 'December 2026 update'])).toBe(
      'January 2027 update',
    );
  });
});

describe('RAG and status', () => {
  it('refuses a rating that contradicts the status, with the rating to choose', () => {
    expect(ragContradiction('on_track', 'red')).toBe(
      'An action that is on track is rated green: choose green, or change the status',
    );
    expect(ragContradiction('off_track', 'green')).toContain('rated red');
    expect(ragContradiction('at_risk', 'green')).toContain('rated amber');
    expect(ragContradiction('complete', 'amber')).toContain('rated green');
  });

  it('accepts every pair where the status implies the rating, and any rating before a start', () => {
    for (const status of ACTION_STATUSES)
      for (const rag of RAGS) {
        const agrees = RAG_FOR_STATUS[status] === null || RAG_FOR_STATUS[status] === rag;
        expect(ragContradiction(status, rag) === null, `${status}/${rag}`).toBe(agrees);
      }
    expect(RAGS.map((rag) => ragContradiction('not_started', rag))).toEqual([null, null, null]);
  });
});
