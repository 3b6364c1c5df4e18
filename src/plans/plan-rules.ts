import type { FindingType } from '../inspections/index.js';
import { ROLE_LABELS, type Role } from '../platform/identity/types.js';

export const PLAN_KINDS = [
  'wsoa',
  'post_inspection',
  'app',
  'priority_action_plan',
  'strategic',
] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  wsoa: 'Written statement of action (WSoA)',
  post_inspection: 'Post-inspection improvement plan',
  app: 'Accelerated progress plan (APP)',
  priority_action_plan: 'Priority action plan',
  strategic: 'SEND strategic plan',
};

export const PLAN_STATUSES = [
  'draft',
  'signed_off',
  'submitted',
  'fit_for_purpose',
  'more_detail_requested',
  'revised',
  'closed',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  signed_off: 'Signed off by the board',
  submitted: 'Submitted',
  fit_for_purpose: 'Judged fit for purpose',
  more_detail_requested: 'More detail requested',
  revised: 'Revised',
  closed: 'Closed',
};

/** The plan's life: which status may follow which (the seeds' draft → sign-off → submission → judgement → revision loop). */
export const NEXT_STATUSES: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['signed_off', 'submitted'],
  signed_off: ['submitted', 'draft'],
  submitted: ['fit_for_purpose', 'more_detail_requested'],
  more_detail_requested: ['revised'],
  revised: ['signed_off', 'submitted'],
  fit_for_purpose: ['revised', 'closed'],
  closed: [],
};

/** Moves that freeze an immutable version of the plan. */
export const VERSIONED_STATUSES: readonly PlanStatus[] = ['signed_off', 'submitted'];

export const ACTION_CATEGORIES = [
  'strategic',
  'operational',
  'commissioning',
  'co_production',
] as const;
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];
export const ACTION_CATEGORY_LABELS: Record<ActionCategory, string> = {
  strategic: 'Strategic',
  operational: 'Operational',
  commissioning: 'Commissioning',
  co_production: 'Co-production',
};

export const ACTION_STATUSES = [
  'not_started',
  'on_track',
  'at_risk',
  'off_track',
  'complete',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  complete: 'Complete',
};

export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

/** Where an action sits in its plan, enough to check what it may be part of. */
export type ActionPlace = { id: string; priority_id: string; parent_action_id: string | null };

/**
 * Sub-actions ("5.1 a") go one level deep: an action may be part of a top-level action of the
 * same priority, unless it has sub-actions of its own. Returns what is wrong, or null. Pure.
 *
 * @param actionId the action being changed, or null for a new one
 */
export function parentActionProblem(
  actionId: string | null,
  parentActionId: string,
  priorityId: string,
  actions: readonly ActionPlace[],
): string | null {
  if (parentActionId === actionId) return 'An action cannot be part of itself';
  const parent = actions.find((a) => a.id === parentActionId);
  if (!parent) return 'The action it is part of must be an action of this plan';
  if (parent.priority_id !== priorityId)
    return 'The action it is part of must be in the same priority';
  if (parent.parent_action_id !== null)
    return 'A sub-action cannot have sub-actions: choose an action numbered like 1.1, not 1.1 a';
  if (actionId !== null && actions.some((a) => a.parent_action_id === actionId))
    return 'This action has sub-actions of its own, so it cannot be part of another action';
  return null;
}

export type CoverageFinding = {
  id: string;
  type: FindingType;
  text: string;
  position: number;
  /** A revisit's or monitoring inspection's judgement of this finding, if it is one. */
  sufficient_progress?: boolean | null;
};
export type CoverageLink = { findingId: string; priorityId: string };
export type CoverageResult = {
  findingId: string;
  text: string;
  type: FindingType;
  position: number;
  priorityIds: string[];
  actionCount: number;
  covered: boolean;
}[];

/** What decides which findings a plan must answer: its kind and, for some kinds, a choice. */
export type CoverageScope = { kind: PlanKind; coversDevelopment: boolean };

/**
 * Which findings of its inspection a plan must answer, by kind (the seeds' and the frameworks'
 * rules): a WSoA every area of significant weakness, a priority action plan every area for
 * priority action, a post-inspection or strategic plan every area for improvement (and areas
 * for development where the partnership chooses), an APP every weakness or area for priority
 * action its revisit judged had not made sufficient progress. A finding already judged to have
 * made sufficient progress needs no more action. Pure.
 */
export function mustAnswer(scope: CoverageScope, finding: CoverageFinding): boolean {
  const judged = finding.sufficient_progress;
  switch (scope.kind) {
    case 'wsoa':
      return finding.type === 'significant_weakness' && judged !== true;
    case 'priority_action_plan':
      return finding.type === 'priority_action' && judged !== true;
    case 'app':
      return (
        (finding.type === 'significant_weakness' || finding.type === 'priority_action') &&
        judged === false
      );
    case 'post_inspection':
    case 'strategic':
      return (
        finding.type === 'area_for_improvement' ||
        (scope.coversDevelopment && finding.type === 'area_for_development')
      );
  }
}

/** The rule in words, for the plan page and the API's refusal. */
export function coverageRule(scope: CoverageScope): string {
  switch (scope.kind) {
    case 'wsoa':
      return 'A written statement of action must answer every area of significant weakness with at least one action.';
    case 'priority_action_plan':
      return 'A priority action plan must answer every area for priority action with at least one action.';
    case 'app':
      return 'An accelerated progress plan must answer, with at least one action, every weakness the revisit judged had not made sufficient progress.';
    case 'post_inspection':
    case 'strategic':
      return `${scope.kind === 'strategic' ? 'A SEND strategic plan' : 'A post-inspection improvement plan'} must answer every area for improvement${scope.coversDevelopment ? ' and every area for development' : ''} with at least one action.`;
  }
}

/**
 * Coverage: every finding the plan must answer (see mustAnswer) linked to a priority that has at
 * least one action. Pure, so the rule is tested alone.
 */
export function coverage(
  scope: CoverageScope,
  findings: CoverageFinding[],
  links: CoverageLink[],
  actionsPerPriority: Map<string, number>,
): CoverageResult {
  return findings
    .filter((f) => mustAnswer(scope, f))
    .sort((a, b) => a.position - b.position)
    .map((f) => {
      const priorityIds = links.filter((l) => l.findingId === f.id).map((l) => l.priorityId);
      const actionCount = priorityIds.reduce((n, p) => n + (actionsPerPriority.get(p) ?? 0), 0);
      return {
        findingId: f.id,
        text: f.text,
        type: f.type,
        position: f.position,
        priorityIds,
        actionCount,
        covered: actionCount > 0,
      };
    });
}

/**
 * Why a plan cannot be submitted, or null: it has no action at all, or a finding it must answer
 * has none. Pure.
 */
export function submissionProblem(
  scope: CoverageScope,
  covered: CoverageResult,
  actionCount: number,
): string | null {
  if (actionCount === 0)
    return `The plan cannot be submitted without any actions. ${coverageRule(scope)}`;
  const uncovered = covered.filter((c) => !c.covered);
  if (uncovered.length === 0) return null;
  return `The plan cannot be submitted until every finding has an action. No action yet for: ${uncovered.map((c) => `“${c.text}”`).join('; ')}`;
}

/**
 * Roles whose members can record updates on an action they lead (canUpdateAction in progress):
 * only they may be made an action's lead. Read-only people (board viewers, the parent carer
 * forum, external advisers) would be leads who could never report.
 */
export const LEAD_ROLES: readonly Role[] = ['admin', 'lead', 'contributor'];

/** Why someone cannot be made an action's lead, or null. */
export function leadProblem(
  member: { name: string; role: Role; disabled_at: Date | null } | undefined,
): string | null {
  if (!member || member.disabled_at) return 'Select the lead from the list of current members';
  if (!LEAD_ROLES.includes(member.role))
    return `${member.name} cannot lead an action: their role, ${ROLE_LABELS[member.role].replace(/ \(.*\)$/, '').toLowerCase()}, cannot record updates. Select a partnership admin, action lead or contributor`;
  return null;
}
