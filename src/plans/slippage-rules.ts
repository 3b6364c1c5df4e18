/**
 * Slippage: how far an action's due date has moved from the first one it was given (its
 * baseline), when a change of due date needs a reason, and when it waits for an admin.
 */
import type { Role } from '../platform/identity/types.js';

const DAY_MS = 86_400_000;

/** Days from the baseline to the current due date: positive when it slipped later; null without both. */
export function slippageDays(baseline: string | null, due: string | null): number | null {
  if (!baseline || !due) return null;
  return Math.round(
    (Date.parse(`${due}T00:00:00Z`) - Date.parse(`${baseline}T00:00:00Z`)) / DAY_MS,
  );
}

/** Only a later date is slippage worth a marker; an earlier one is progress. */
export const hasSlipped = (baseline: string | null, due: string | null): boolean =>
  (slippageDays(baseline, due) ?? 0) > 0;

/** Changing a due date that was set (to another date, or to none) needs a reason; a first one does not. */
export const dueDateChangeNeedsReason = (current: string | null, next: string | null): boolean =>
  current !== null && next !== current;

/** The baseline stays once set; the first due date given becomes it. */
export const baselineAfter = (baseline: string | null, next: string | null): string | null =>
  baseline ?? next;

/** Whether this member's revised dates wait for an admin: where the setting asks, unless an admin. */
export const revisionsWait = (settingOn: boolean, role: Role): boolean =>
  settingOn && role !== 'admin';

/**
 * Whether a due date change waits for an admin's approval: only where the partnership's settings
 * ask for it, and never for an admin (who would approve it), and never for a first due date.
 */
export const changeNeedsApproval = (
  settingOn: boolean,
  role: Role,
  current: string | null,
  next: string | null,
): boolean => revisionsWait(settingOn, role) && dueDateChangeNeedsReason(current, next);

export const DUE_DATE_CHANGE_STATES = ['applied', 'pending', 'rejected'] as const;
export type DueDateChangeState = (typeof DUE_DATE_CHANGE_STATES)[number];
export const DUE_DATE_CHANGE_STATE_LABELS: Record<DueDateChangeState, string> = {
  applied: 'Applied',
  pending: 'Waiting for approval',
  rejected: 'Rejected',
};

/** "12 days later", "3 days earlier" or "None" for a page. */
export function slippageText(days: number | null): string {
  if (days === null || days === 0) return 'None';
  const n = Math.abs(days);
  return `${n} ${n === 1 ? 'day' : 'days'} ${days > 0 ? 'later' : 'earlier'}`;
}

export const DUE_DATE_REASON_NEEDED = 'Enter the reason the due date changes';
