/**
 * What a board report is written from, read from the capabilities that own it: the plans with
 * their actions as they stand, the linked indicators with their charts, the top risks, and the
 * meeting it is for.
 */
import { findMeetingChoice } from '../governance/index.js';
import { FINDING_TYPE_LABELS } from '../inspections/index.js';
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { todayInLondon } from '../platform/web/today.js';
import { indicatorsForReport } from '../performance/indicators/index.js';
import {
  ACTION_STATUS_LABELS,
  actionNumber,
  loadPlan,
  PLAN_KIND_LABELS,
  PLAN_STATUS_LABELS,
} from '../plans/index.js';
import { riskHeadlines } from '../risks/index.js';
import type { ReportSource, SourceAction, SourcePlan } from './board-report.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadPlan>>>;
type AnyAction = Loaded['actions'][number] | Loaded['includedActions'][number];

/** The day in England an update was made: a period's days are London's. */
const dayOf = (d: Date | null) => (d ? todayInLondon(d) : null);

function sourcePlan(loaded: Loaded): SourcePlan {
  const key = (priorityId: string) => `${loaded.plan.id}:${priorityId}`;
  const action = (a: AnyAction, priorityId: string, includedFrom: string | null): SourceAction => ({
    id: a.id,
    number: actionNumber(a),
    title: a.title,
    priorityKey: key(priorityId),
    lead: a.lead_name,
    leadOrganisation: a.lead_organisation_name,
    dueDate: a.due_date,
    baselineDueDate: a.baseline_due_date,
    status: a.status,
    statusLabel: ACTION_STATUS_LABELS[a.status],
    rag: a.rag,
    lastUpdateOn: dayOf(a.last_update_at),
    includedFrom,
  });
  return {
    id: loaded.plan.id,
    title: loaded.plan.title,
    kindLabel: PLAN_KIND_LABELS[loaded.plan.kind],
    statusLabel: PLAN_STATUS_LABELS[loaded.plan.status],
    priorities: [
      ...loaded.priorities.map((p) => ({
        key: key(p.id),
        label: `${p.position}. ${p.title}`,
        findingIds: p.finding_ids,
      })),
      ...loaded.includedPriorities.map((p) => ({
        key: key(p.id),
        label: `${p.position}. ${p.title} (from ${p.home_plan_title})`,
        findingIds: p.finding_ids,
      })),
    ],
    actions: [
      ...loaded.actions.map((a) => action(a, a.priority_id, null)),
      ...loaded.includedActions.map((a) => action(a, a.place_priority_id, a.home_plan_title)),
    ],
    findings: loaded.findings.map((f) => ({
      id: f.id,
      typeLabel: FINDING_TYPE_LABELS[f.type],
      // What the inspectors asked to be put right; strengths and areas for development are not.
      isWeakness: f.type !== 'strength' && f.type !== 'area_for_development',
      text: f.text,
      judgement:
        f.sufficient_progress === null
          ? null
          : `${f.sufficient_progress ? 'Sufficient progress' : 'Insufficient progress'}${f.judgement_text ? `: ${f.judgement_text}` : ''}`,
    })),
  };
}

/** The source of a report on `planIds` (each the partnership's: the caller checked). */
export async function reportSource(
  q: Queryable,
  tenant: Tenant,
  input: { planIds: readonly string[]; meetingId: string | null; authorName: string | null },
  today: string,
): Promise<ReportSource> {
  const [loaded, risks, meeting] = await Promise.all([
    Promise.all(input.planIds.map((id) => loadPlan(q, tenant, id))),
    riskHeadlines(q, tenant, today),
    input.meetingId ? findMeetingChoice(q, tenant, input.meetingId) : undefined,
  ]);
  const plans = loaded.filter((p): p is Loaded => p !== undefined).map(sourcePlan);
  const indicators = await indicatorsForReport(
    q,
    tenant,
    {
      actionIds: plans.flatMap((p) => p.actions.map((a) => a.id)),
      findingIds: plans.flatMap((p) => p.findings.map((f) => f.id)),
    },
    today,
  );
  return {
    partnershipName: tenant.partnershipName,
    plans,
    indicators,
    risks: {
      top: risks.top.map((r) => ({
        title: r.title,
        owner: r.owner_name,
        rating: r.current.label,
        score: r.current.score,
        outsideTolerance: r.current.outsideTolerance,
        reviewDue: r.review_due,
      })),
      overdueReviews: risks.overdue.length,
    },
    meeting: meeting ? { boardName: meeting.board_name, meetsOn: meeting.meets_on } : null,
    authorName: input.authorName,
  };
}
