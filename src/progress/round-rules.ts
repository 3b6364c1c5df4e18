import { ACTION_STATUS_LABELS, type ActionStatus, type Rag } from '../plans/index.js';
/** Rounds per plan: the rule in words, for the open-round form, the API and its errors. */
export const ROUND_OVERLAP_RULE =
  'Rounds for different plans can be open at once, like a monthly board round and a quarterly DfE and NHS England review, but a plan can be in only one open round, so that each update counts towards one round. A round for every plan is open on its own.';

/** What a round covers: every live plan, or the plans chosen when it opened. */
export type RoundCover = { allPlans: boolean; plans: readonly { id: string }[] };

/** An open round: its name, and the plans it covers with theirs. */
export type OpenCover = {
  title: string;
  allPlans: boolean;
  plans: readonly { id: string; title: string }[];
};

/** Whether two rounds share a plan: a round for every plan shares every plan. */
export function roundsOverlap(a: RoundCover, b: RoundCover): boolean {
  if (a.allPlans || b.allPlans) return true;
  return a.plans.some((p) => b.plans.some((q) => q.id === p.id));
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Why a round covering `asked` cannot open beside the open rounds (the first it overlaps), in
 * words for the page and the API, or null when it shares no plan with any of them.
 */
export function overlapRefusal(asked: RoundCover, open: readonly OpenCover[]): string | null {
  const clash = open.find((o) => roundsOverlap(asked, o));
  if (!clash) return null;
  if (clash.allPlans)
    return `${clash.title} is open for every plan. Close it before you open another round`;
  const names = listInWords(clash.plans.map((p) => p.title));
  if (asked.allPlans)
    return `${clash.title} is still open for ${names}. A round for every plan cannot open beside it: choose other plans, or close ${clash.title} first`;
  const shared = clash.plans.filter((p) => asked.plans.some((q) => q.id === p.id));
  return `${listInWords(shared.map((p) => p.title))} ${shared.length === 1 ? 'is' : 'are'} already in ${clash.title}, which is still open. Choose other plans, or close ${clash.title} first`;
}

/** A round's returns plan by plan, for the round page and the API alike. */
export type PlanCount = { planId: string; planTitle: string; updated: number; expected: number };

/** For each plan with actions expected to update (in the order given), how many have. */
export function countsByPlan(
  expected: readonly { plan_id: string; plan_title: string; updated_in_round: boolean }[],
): PlanCount[] {
  const counts = new Map<string, PlanCount>();
  for (const a of expected) {
    const count = counts.get(a.plan_id) ?? {
      planId: a.plan_id,
      planTitle: a.plan_title,
      updated: 0,
      expected: 0,
    };
    count.expected++;
    if (a.updated_in_round) count.updated++;
    counts.set(a.plan_id, count);
  }
  return [...counts.values()];
}

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
