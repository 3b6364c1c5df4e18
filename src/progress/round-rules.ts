import { ACTION_STATUS_LABELS, type ActionStatus, type Rag } from '../plans/index.js';
/** One round at a time: the rule in words, for pages and API errors. */
export const ONE_OPEN_ROUND_RULE =
  'Only one round is open at a time, so that every update counts towards the round everyone is working on.';

/** Round names are compared the way people read them: case, spacing and outer spaces ignored. */
export function roundNameKey(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
}

export function isRoundNameTaken(title: string, existing: readonly string[]): boolean {
  const key = roundNameKey(title);
  return existing.some((t) => roundNameKey(t) === key);
}

const monthYear = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * The name offered when opening a round: this month's ("November 2026 update"), or the first
 * later month whose name is not used yet, since rounds are monthly.
 */
export function suggestRoundName(today: string, existing: readonly string[]): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  for (let ahead = 0; ahead < 24; ahead++) {
    const name = `${monthYear.format(new Date(Date.UTC(year, month - 1 + ahead, 1)))} update`;
    if (!isRoundNameTaken(name, existing)) return name;
  }
  return '';
}

/**
 * The RAG rating a status implies. Sendboard's RAG means "red: will not be delivered without
 * help, amber: at risk, green: on track", the same scale as the status, so asking for both must
 * not let them disagree. Not started says nothing about risk: the lead judges it.
 */
export const RAG_FOR_STATUS: Record<ActionStatus, Rag | null> = {
  not_started: null,
  on_track: 'green',
  at_risk: 'amber',
  off_track: 'red',
  complete: 'green',
};

/** The rule in words, shown as the hint of the RAG question. */
export const RAG_STATUS_RULE =
  'Red: will not be delivered without help. Amber: at risk. Green: on track. The rating must match the status: on track and complete are green, at risk is amber, off track is red; for not started, choose the rating that shows the risk.';

/** Why a status and a RAG rating contradict each other, or null when they agree. */
export function ragContradiction(status: ActionStatus, rag: Rag): string | null {
  const expected = RAG_FOR_STATUS[status];
  if (expected === null || expected === rag) return null;
  return `An action that is ${ACTION_STATUS_LABELS[status].toLowerCase()} is rated ${expected}: choose ${expected}, or change the status`;
}

/** Why only the open round's updates can be corrected: in words, for pages and API errors. */
export const CORRECTION_RULE =
  'An update can be corrected while its round is open. Updates in a closed round cannot be changed: they are what the board saw.';
