import { describe, expect, it } from 'vitest';
import {
  baselineAfter,
  changeNeedsApproval,
  dueDateChangeNeedsReason,
  hasSlipped,
  revisionsWait,
  slippageDays,
  slippageText,
} from './slippage-rules.js';

describe('slippage', () => {
  it('counts calendar days from the baseline to the due date', () => {
    expect(slippageDays('2026-03-31', '2026-04-30')).toBe(30);
    expect(slippageDays('2026-04-30', '2026-03-31')).toBe(-30);
    expect(slippageDays('2026-03-31', '2026-03-31')).toBe(0);
    // Across the clocks going forward, still whole days.
    expect(slippageDays('2026-03-28', '2026-03-30')).toBe(2);
    expect(slippageDays('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('is unknown without both dates', () => {
    expect(slippageDays(null, '2026-03-31')).toBeNull();
    expect(slippageDays('2026-03-31', null)).toBeNull();
  });

  it('marks only a later date as slipped', () => {
    expect(hasSlipped('2026-03-31', '2026-04-01')).toBe(true);
    expect(hasSlipped('2026-03-31', '2026-03-30')).toBe(false);
    expect(hasSlipped(null, '2026-03-30')).toBe(false);
  });

  it('words it for a page', () => {
    expect(slippageText(1)).toBe('1 day later');
    expect(slippageText(12)).toBe('12 days later');
    expect(slippageText(-3)).toBe('3 days earlier');
    expect(slippageText(0)).toBe('None');
    expect(slippageText(null)).toBe('None');
  });
});

describe('a due date change', () => {
  it('needs a reason only when a set date changes', () => {
    expect(dueDateChangeNeedsReason(null, '2026-03-31')).toBe(false);
    expect(dueDateChangeNeedsReason(null, null)).toBe(false);
    expect(dueDateChangeNeedsReason('2026-03-31', '2026-03-31')).toBe(false);
    expect(dueDateChangeNeedsReason('2026-03-31', '2026-04-30')).toBe(true);
    expect(dueDateChangeNeedsReason('2026-03-31', null)).toBe(true);
  });

  it('keeps the first due date as the baseline', () => {
    expect(baselineAfter(null, '2026-03-31')).toBe('2026-03-31');
    expect(baselineAfter('2026-03-31', '2026-04-30')).toBe('2026-03-31');
    expect(baselineAfter(null, null)).toBeNull();
  });

  it('waits for approval only where the setting asks, and not from an admin', () => {
    const change = ['2026-03-31', '2026-04-30'] as const;
    expect(changeNeedsApproval(true, 'lead', ...change)).toBe(true);
    expect(changeNeedsApproval(true, 'contributor', ...change)).toBe(true);
    expect(changeNeedsApproval(true, 'admin', ...change)).toBe(false);
    expect(changeNeedsApproval(false, 'lead', ...change)).toBe(false);
    // A first due date, or the same one again, is no revision.
    expect(changeNeedsApproval(true, 'lead', null, '2026-04-30')).toBe(false);
    expect(changeNeedsApproval(true, 'lead', '2026-03-31', '2026-03-31')).toBe(false);
    expect(revisionsWait(true, 'lead')).toBe(true);
    expect(revisionsWait(true, 'admin')).toBe(false);
    expect(revisionsWait(false, 'contributor')).toBe(false);
  });
});
