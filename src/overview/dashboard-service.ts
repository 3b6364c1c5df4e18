import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { partnershipDeadlines } from '../deadlines/index.js';
import { actionsWithTheirRounds, openRounds } from '../progress/index.js';
import { rollUp } from '../plans/index.js';
import type { ActionStatus, Rag } from '../plans/index.js';
import { judgementsOf, type FindingType } from '../inspections/index.js';
import { riskHeadlines } from '../risks/index.js';
import { addDays } from './dates.js';

const DUE_SOON_DAYS = 30;

/** How many of each list of actions the Overview shows; the rest are a "See all" link away. */
export const OVERVIEW_LIST_ROWS = 15;

type LiveAction = Awaited<ReturnType<typeof actionsWithTheirRounds>>[number];

/**
 * The Overview's lists of actions, each with its full page: overdue, due in the next 30 days, and
 * not yet updated in the round covering them. Complete actions are in none.
 */
export const ACTION_LISTS = {
  overdue: {
    path: 'overdue-actions',
    title: 'Overdue actions',
    noun: 'overdue actions',
    empty: 'No action is overdue.',
  },
  dueSoon: {
    path: 'actions-due-soon',
    title: `Actions due in the next ${DUE_SOON_DAYS} days`,
    noun: `actions due in the next ${DUE_SOON_DAYS} days`,
    empty: `No action is due in the next ${DUE_SOON_DAYS} days.`,
  },
  notUpdated: {
    path: 'actions-not-updated',
    title: 'No update yet in their round',
    noun: 'actions with no update yet in their round',
    empty: 'Every action in an open round has its update.',
  },
} as const;
export type ActionListName = keyof typeof ACTION_LISTS;

/** The three lists from the partnership's live actions, each in the order the Overview shows it. */
export function actionLists(
  actions: readonly LiveAction[],
  today: string,
): Record<ActionListName, LiveAction[]> {
  const live = actions.filter((a) => a.status !== 'complete');
  const soon = addDays(today, DUE_SOON_DAYS);
  return {
    dueSoon: live
      .filter((a) => a.due_date !== null && a.due_date >= today && a.due_date <= soon)
      .sort((a, b) => a.due_date!.localeCompare(b.due_date!)),
    overdue: live
      .filter((a) => a.due_date !== null && a.due_date < today)
      .sort((a, b) => a.due_date!.localeCompare(b.due_date!)),
    notUpdated: live.filter((a) => a.round && !a.updated_in_round),
  };
}

/** One of the lists in full (for its own page), read the way the Overview reads it. */
export async function loadActionList(
  q: Queryable,
  tenant: Tenant,
  today: string,
  name: ActionListName,
): Promise<LiveAction[]> {
  return actionLists(await actionsWithTheirRounds(q, tenant), today)[name];
}

type FindingActionRow = {
  id: string;
  text: string;
  type: FindingType;
  inspection_id: string;
  /** Set when the finding is a revisit's judgement of an earlier one (an APP answers it). */
  judges_finding_id: string | null;
  sufficient_progress: boolean | null;
  status: ActionStatus | null;
  rag: Rag | null;
  due_date: string | null;
};

/**
 * The partnership at a glance: the dates that matter next, progress on each finding a plan must
 * answer (every weakness and area for priority action, and whatever a live plan answers),
 * overdue actions, each open round with its returns, and actions without an update in the round
 * covering them (rounds per plan: each action counts towards its own), the top risks and risk
 * reviews overdue. A fixed number of queries.
 */
export async function loadDashboard(q: Queryable, tenant: Tenant, today: string) {
  const [deadlines, open, findingRows, judgements, risks] = await Promise.all([
    partnershipDeadlines(q, tenant, today),
    openRounds(q, tenant),
    q.query<FindingActionRow>(
      `SELECT DISTINCT f.id, f.text, f.type, f.inspection_id, f.judges_finding_id, f.sufficient_progress,
         a.id AS action_id, a.status, a.rag,
         a.due_date::text, i.published_on, f.position
       FROM findings f JOIN inspections i ON i.id = f.inspection_id
       LEFT JOIN priority_findings pf ON pf.finding_id = f.id
       LEFT JOIN priorities pr ON pr.id = pf.priority_id
       LEFT JOIN plans p ON p.id = pr.plan_id AND p.status <> 'closed'
       -- The priority's own actions, and those of other plans it shows by reference (an APP's
       -- carried-on actions answer its weaknesses); each action once per finding.
       LEFT JOIN actions a ON p.id IS NOT NULL AND (a.priority_id = pr.id OR a.id IN (
         SELECT ia.id FROM plan_inclusions hi
           JOIN actions ia ON ia.id = hi.action_id OR ia.parent_action_id = hi.action_id
         WHERE hi.host_priority_id = pr.id))
       WHERE f.partnership_id = $1 AND (
         -- Every weakness and area for priority action (a revisit's judgements of them are
         -- not listed again unless a plan answers them, as an APP does)…
         (f.type IN ('significant_weakness', 'priority_action') AND f.judges_finding_id IS NULL)
         -- …and whatever a live plan answers, whatever the framework: areas for improvement
         -- under a 2023 outcome 1 or 2, areas for development a plan chose to answer.
         OR EXISTS (SELECT 1 FROM priority_findings lf
           JOIN priorities lpr ON lpr.id = lf.priority_id
           JOIN plans lp ON lp.id = lpr.plan_id AND lp.status <> 'closed'
           WHERE lf.partnership_id = $1 AND lf.finding_id = f.id))
       ORDER BY i.published_on DESC NULLS LAST, f.position, f.id`,
      [tenant.partnershipId],
    ),
    // Letter → plan → judgement: how later inspections judged each finding.
    judgementsOf(q, tenant, null),
    // The open risks with the highest current scores, and the reviews overdue.
    riskHeadlines(q, tenant, today),
  ]);
  const actions = await actionsWithTheirRounds(q, tenant);

  const findings = new Map<
    string,
    {
      id: string;
      text: string;
      type: FindingType;
      inspectionId: string;
      judgesAnother: boolean;
      sufficientProgress: boolean | null;
      actions: { status: ActionStatus; rag: Rag | null; dueDate: string | null }[];
    }
  >();
  for (const row of findingRows) {
    const f = findings.get(row.id) ?? {
      id: row.id,
      text: row.text,
      type: row.type,
      inspectionId: row.inspection_id,
      judgesAnother: row.judges_finding_id !== null,
      sufficientProgress: row.sufficient_progress,
      actions: [],
    };
    if (row.status) f.actions.push({ status: row.status, rag: row.rag, dueDate: row.due_date });
    findings.set(row.id, f);
  }

  return {
    risks,
    deadlines: deadlines.filter((d) => d.status !== 'met'),
    metDeadlines: deadlines.filter((d) => d.status === 'met'),
    rounds: open
      .map((round) => {
        const inRound = actions.filter((a) => a.round?.id === round.id);
        return {
          ...round,
          updated: inRound.filter((a) => a.updated_in_round).length,
          expected: inRound.filter((a) => a.status !== 'complete' || a.updated_in_round).length,
        };
      })
      .sort((a, b) => a.due_on.localeCompare(b.due_on)),
    ...actionLists(actions, today),
    findings: [...findings.values()].map((f) => ({
      ...f,
      rollup: rollUp(f.actions, today),
      judgedBy: judgements.get(f.id) ?? [],
    })),
    totals: rollUp(
      actions.map((a) => ({ status: a.status, rag: a.rag, dueDate: a.due_date })),
      today,
    ),
  };
}
