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

const forRollup = (a: repo.ActionRow) => ({ status: a.status, rag: a.rag, dueDate: a.due_date });

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
): Promise<PageBody | null> {
  // All at once: none of these waits for another (fewer round trips per page).
  const [loaded, versions, deadlines] = await Promise.all([
    loadPlan(db, tenant, planId),
    repo.listPlanVersions(db, tenant, planId),
    partnershipDeadlines(db, tenant, today),
  ]);
  if (!loaded) return null;
  const answered = new Set(loaded.coverage.map((c) => c.findingId));
  // How later inspections judged each finding: letter → plan → judgement.
  const judgements = loaded.plan.inspection_id
    ? await judgementsOf(db, tenant, loaded.plan.inspection_id)
    : new Map<string, never[]>();
  const scope = { kind: loaded.plan.kind, coversDevelopment: loaded.plan.covers_development };
  const priorities = loaded.priorities.map((p) => {
    const actions = loaded.actions.filter((a) => a.priority_id === p.id);
    return {
      ...p,
      actions: actions.map(numbered),
      // The order page is offered only when some action there can move.
      canReorder: withMoves(actions).some((a) => a.canMoveUp),
      rollup: rollUp(actions.map(forRollup), today),
      // Findings in the coverage table link to their row there.
      findings: loaded.findings
        .filter((f) => p.finding_ids.includes(f.id))
        .map((f) => ({ ...f, needsAction: answered.has(f.id) })),
    };
  });
  const coverage = loaded.coverage.map((c) => {
    const actions = loaded.actions.filter((a) => c.priorityIds.includes(a.priority_id));
    const finding = loaded.findings.find((f) => f.id === c.findingId);
    return {
      ...c,
      // An APP answers a revisit's judgements: what the inspectors said sits beside it.
      judgement: finding?.sufficient_progress === false ? finding.judgement_text : undefined,
      judgedBy: judgements.get(c.findingId) ?? [],
      rollup: rollUp(actions.map(forRollup), today),
      // Each finding leads to the priorities (and so the actions) that answer it.
      priorities: loaded.priorities
        .filter((p) => c.priorityIds.includes(p.id))
        .map((p) => ({ id: p.id, position: p.position, title: p.title })),
    };
  });
  return {
    template: 'plans/pages/plan/plan-body.njk',
    data: {
      title: loaded.plan.title,
      plan: loaded.plan,
      priorities,
      coverage,
      uncovered: coverage.filter((c) => !c.covered),
      coverageRule: rules.coverageRule(scope),
      noActions: loaded.actions.length === 0,
      rollup: rollUp(loaded.actions.map(forRollup), today),
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
