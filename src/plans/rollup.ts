import type { ActionStatus, Rag } from './plan-rules.js';

export type ActionForRollup = { status: ActionStatus; rag: Rag | null; dueDate: string | null };

export type Rollup = {
  total: number;
  complete: number;
  percentComplete: number;
  red: number;
  amber: number;
  green: number;
  noUpdate: number;
  overdue: number;
  /** null when no action in the group has been rated yet. */
  rag: Rag | null;
};

/** The rule in words, shown as help text wherever a roll-up appears. */
export const ROLLUP_RULE =
  'A group is red if any of its actions is red; amber if any is amber or past its due date without being complete; green when every rated action is green; it has no rating until an action has an update. Complete actions count as green. Percentage complete is complete actions out of all actions. A sub-action (like 1.1 a) counts as an action of its own, beside the action it is part of.';

/**
 * Rolls actions up to a priority, a finding or a plan. Worst case wins, because a board needs to
 * see one action in trouble, not an average that hides it.
 */
export function rollUp(actions: readonly ActionForRollup[], today: string): Rollup {
  const r: Rollup = {
    total: actions.length,
    complete: 0,
    percentComplete: 0,
    red: 0,
    amber: 0,
    green: 0,
    noUpdate: 0,
    overdue: 0,
    rag: null,
  };
  for (const a of actions) {
    const rag: Rag | null = a.status === 'complete' ? 'green' : a.rag;
    if (a.status === 'complete') r.complete++;
    if (rag === null) r.noUpdate++;
    else r[rag]++;
    if (a.status !== 'complete' && a.dueDate !== null && a.dueDate < today) r.overdue++;
  }
  r.percentComplete = r.total === 0 ? 0 : Math.round((100 * r.complete) / r.total);
  if (r.red > 0) r.rag = 'red';
  else if (r.amber > 0 || r.overdue > 0) r.rag = 'amber';
  else if (r.green > 0) r.rag = 'green';
  return r;
}
