import { describe, expect, it } from 'vitest';
import { ACTION_STATUSES, RAGS } from '../plans/index.js';
import {
  isRoundNameTaken,
  RAG_FOR_STATUS,
  ragContradiction,
  roundNameKey,
  suggestRoundName,
} from './round-rules.js';

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
