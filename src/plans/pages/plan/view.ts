import { partnershipDeadlines } from '../../../deadlines/index.js';
import { judgementsOf } from '../../../inspections/index.js';
import type { Queryable } from '../../../platform/db/db.js';
import type { Tenant } from '../../../platform/tenancy/tenancy.js';
import type { PageBody } from '../../../platform/web/page.js';
import * as repo from '../../plan-repository.js';
import * as rules from '../../plan-rules.js';
import { loadPlan } from '../../plan-service.js';
import { ROLLUP_RULE, rollUp } from '../../rollup.js';
import { labels, numbered, withMoves } from '../shared.js';
import { isFiltered, passes, type ActionFilter } from '../../action-filters.js';
import { filterChoices, slippageOf } from './filters.js';
import { listPendingChanges } from '../../due-date-repository.js';

const forRollup = (a: Pick<repo.ActionRow, 'status' | 'rag' | 'due_date'>) => ({
  status: a.status,
  rag: a.rag,
  dueDate: a.due_date,
});

/**
 * The plan page's body: its priorities with their actions and roll-ups, the findings' coverage,
 * its versions and the deadlines that touch it. None when the plan is not the partnership's.
 */
export async function planBody(
  db: Queryable,
  tenant: Tenant,
  planId: string,
  today: string,
  backLink: string,
  extra: Record<string, unknown>,
  filter: ActionFilter = {},
): Promise<PageBody | null> {
  // All at once: none of these waits for another (fewer round trips per page).
  const [loaded, versions, deadlines, pending] = await Promise.all([
    loadPlan(db, tenant, planId),
    repo.listPlanVersions(db, tenant, planId),
    partnershipDeadlines(db, tenant, today),
    tenant.role === 'admin' ? listPendingChanges(db, tenant, planId) : [],
  ]);
  if (!loaded) return null;
  const answered = new Set(loaded.coverage.map((c) => c.findingId));
  // How later inspections judged each finding: letter → plan → judgement.
  const judgements = loaded.plan.inspection_id
    ? await judgementsOf(db, tenant, loaded.plan.inspection_id)
    : new Map<string, never[]>();
  const scope = { kind: loaded.plan.kind, coversDevelopment: loaded.plan.covers_development };
  // Every action the plan shows, under the priority it shows it: its own, then those it includes.
  const shown = [
    ...loaded.actions.map((a) => ({
      ...numbered(a),
      slipped: slippageOf(a),
      place: a.priority_id,
      href: `${backLink}/${planId}/actions/${a.id}`,
      includedFrom: null,
      inclusionId: null,
    })),
    ...loaded.includedActions.map((a) => ({
      ...numbered(a),
      slipped: slippageOf(a),
      place: a.place_priority_id,
      href: `${backLink}/${a.home_plan_id}/actions/${a.id}`,
      includedFrom: { id: a.home_plan_id, title: a.home_plan_title },
      // Only an action included one by one is removed on its own (a whole priority goes whole).
      inclusionId:
        a.parent_action_id === null && a.place_priority_id !== a.priority_id
          ? a.inclusion_id
          : null,
    })),
  ];
  const shownUnder = (priorityIds: readonly string[]) =>
    shown.filter((a) => priorityIds.includes(a.place));
  // The filters choose the rows listed; every roll-up still counts all of a priority's actions.
  const listedUnder = (priorityIds: readonly string[]) =>
    shownUnder(priorityIds).filter((a) => passes(a, filter, today));
  const findingsOf = (p: { finding_ids: string[] }) =>
    loaded.findings
      .filter((f) => p.finding_ids.includes(f.id))
      .map((f) => ({ ...f, needsAction: answered.has(f.id) }));
  const priorities = loaded.priorities.map((p) => {
    const actions = shownUnder([p.id]);
    const own = loaded.actions.filter((a) => a.priority_id === p.id);
    return {
      ...p,
      label: `Priority ${p.position}`,
      actions: listedUnder([p.id]),
      actionTotal: actions.length,
      // The order page is offered only when some action there can move.
      canReorder: withMoves(own).some((a) => a.canMoveUp),
      rollup: rollUp(actions.map(forRollup), today),
      // Findings in the coverage table link to their row there.
      findings: findingsOf(p),
      includedFrom: null,
    };
  });
  const includedPriorities = loaded.includedPriorities.map((p) => {
    const actions = shownUnder([p.id]);
    return {
      ...p,
      label: `Priority ${p.position} of “${p.home_plan_title}”`,
      actions: listedUnder([p.id]),
      actionTotal: actions.length,
      canReorder: false,
      rollup: rollUp(actions.map(forRollup), today),
      findings: findingsOf(p),
      includedFrom: { id: p.home_plan_id, title: p.home_plan_title },
    };
  });
  const allPriorities = [...priorities, ...includedPriorities];
  const coverage = loaded.coverage.map((c) => {
    const finding = loaded.findings.find((f) => f.id === c.findingId);
    return {
      ...c,
      // An APP answers a revisit's judgements: what the inspectors said sits beside it.
      judgement: finding?.sufficient_progress === false ? finding.judgement_text : undefined,
      judgedBy: judgements.get(c.findingId) ?? [],
      rollup: rollUp(shownUnder(c.priorityIds).map(forRollup), today),
      // Each finding leads to the priorities (and so the actions) that answer it.
      priorities: allPriorities
        .filter((p) => c.priorityIds.includes(p.id))
        .map((p) => ({ id: p.id, label: p.label.replace(/^P/, 'p'), title: p.title })),
    };
  });
  return {
    template: 'plans/pages/plan/plan-body.njk',
    data: {
      title: loaded.plan.title,
      plan: loaded.plan,
      priorities: allPriorities,
      hasIncluded: shown.some((a) => a.includedFrom) || includedPriorities.length > 0,
      coverage,
      uncovered: coverage.filter((c) => !c.covered),
      coverageRule: rules.coverageRule(scope),
      noActions: loaded.actionCount === 0,
      rollup: rollUp(shown.map(forRollup), today),
      // Revised due dates of this plan's actions waiting for an admin (admins only).
      pendingDueDates: pending.length,
      filtered: isFiltered(filter),
      filters: filterChoices(shown, filter),
      listedCount: shown.filter((a) => passes(a, filter, today)).length,
      shownCount: shown.length,
      statusValues: {},
      rollupRule: ROLLUP_RULE,
      nextStatuses: rules.NEXT_STATUSES[loaded.plan.status],
      versions,
      deadlines: deadlines.filter(
        (d) =>
          d.planId === planId ||
          (loaded.plan.inspection_id !== null && d.inspectionId === loaded.plan.inspection_id),
      ),
      today,
      labels,
      backLink,
      ...extra,
    },
  };
}
