/**
 * The SQL for plans inside plans: what a plan includes from other plans by reference, and which
 * plans include an action or a priority.
 */
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { ACTION_COLUMNS, ACTION_FROM, ACTION_ORDER, type ActionRow } from './action-repository.js';
import type { Includable, Inclusion } from './inclusion-rules.js';
import type { PriorityRow } from './plan-repository.js';

/** Where an included thing comes from: its own plan. */
export type HomePlan = { inclusion_id: string; home_plan_id: string; home_plan_title: string };

/** A priority of another plan, included whole. */
export type IncludedPriorityRow = PriorityRow & HomePlan;

/**
 * An action of another plan shown in this one: under `place_priority_id`, one of this plan's own
 * priorities (an action included one by one) or the included priority it belongs to.
 */
export type IncludedActionRow = ActionRow & HomePlan & { place_priority_id: string };

export async function listIncludedPriorities(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<IncludedPriorityRow[]> {
  return q.query<IncludedPriorityRow>(
    `SELECT pr.id, pr.position, pr.title, pr.description, pr.version,
       COALESCE(array_agg(pf.finding_id::text) FILTER (WHERE pf.finding_id IS NOT NULL), '{}') AS finding_ids,
       i.id AS inclusion_id, hp.id AS home_plan_id, hp.title AS home_plan_title
     FROM plan_inclusions i JOIN priorities pr ON pr.id = i.priority_id JOIN plans hp ON hp.id = pr.plan_id
       LEFT JOIN priority_findings pf ON pf.priority_id = pr.id
     WHERE i.partnership_id = $1 AND i.plan_id = $2
     GROUP BY pr.id, i.id, hp.id ORDER BY i.position`,
    [tenant.partnershipId, planId],
  );
}

export async function listIncludedActions(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<IncludedActionRow[]> {
  return q.query<IncludedActionRow>(
    `WITH inc AS (
       SELECT i.id AS inclusion_id, i.position AS inclusion_position,
         coalesce(i.host_priority_id, i.priority_id) AS place_priority_id, ia.id AS action_id
       FROM plan_inclusions i JOIN actions ia
         ON ia.id = i.action_id OR ia.parent_action_id = i.action_id OR ia.priority_id = i.priority_id
       WHERE i.partnership_id = $1 AND i.plan_id = $2)
     SELECT ${ACTION_COLUMNS}, inc.inclusion_id, inc.place_priority_id,
       hp.id AS home_plan_id, hp.title AS home_plan_title
     FROM ${ACTION_FROM} JOIN inc ON inc.action_id = a.id JOIN plans hp ON hp.id = a.plan_id
     ORDER BY inc.inclusion_position, ${ACTION_ORDER}`,
    [tenant.partnershipId, planId],
  );
}

export type IncludingPlan = { id: string; title: string };

/** The plans that include an action: itself, the action it is part of, or its priority whole. */
export async function plansIncludingAction(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
): Promise<IncludingPlan[]> {
  return q.query<IncludingPlan>(
    `SELECT DISTINCT p.id, p.title FROM actions a
       JOIN plan_inclusions i ON i.action_id = a.id OR i.action_id = a.parent_action_id OR i.priority_id = a.priority_id
       JOIN plans p ON p.id = i.plan_id
     WHERE a.partnership_id = $1 AND a.id = $2 ORDER BY p.title`,
    [tenant.partnershipId, actionId],
  );
}

/** The plans that include a priority whole, or one of its actions. */
export async function plansIncludingPriority(
  q: Queryable,
  tenant: Tenant,
  priorityId: string,
): Promise<IncludingPlan[]> {
  return q.query<IncludingPlan>(
    `SELECT DISTINCT p.id, p.title FROM plan_inclusions i JOIN plans p ON p.id = i.plan_id
     WHERE i.partnership_id = $1
       AND (i.priority_id = $2 OR i.action_id IN (SELECT id FROM actions WHERE partnership_id = $1 AND priority_id = $2))
     ORDER BY p.title`,
    [tenant.partnershipId, priorityId],
  );
}

/** The named priorities and actions as they are, wherever they are in the partnership. */
export async function findIncludables(
  q: Queryable,
  tenant: Tenant,
  priorityIds: readonly string[],
  actionIds: readonly string[],
): Promise<Includable[]> {
  return q.query<Includable>(
    `SELECT 'priority' AS kind, id, plan_id, id AS priority_id, NULL::uuid AS parent_action_id FROM priorities
       WHERE partnership_id = $1 AND id = ANY($2::uuid[])
     UNION ALL
     SELECT 'action', id, plan_id, priority_id, parent_action_id FROM actions
       WHERE partnership_id = $1 AND id = ANY($3::uuid[])`,
    [tenant.partnershipId, priorityIds, actionIds],
  );
}

/** What a plan includes now: whole priorities and single actions. */
export async function listInclusions(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<(Inclusion & { id: string })[]> {
  return q.query(
    `SELECT i.id, i.priority_id, i.action_id, a.priority_id AS action_priority_id
     FROM plan_inclusions i LEFT JOIN actions a ON a.id = i.action_id
     WHERE i.partnership_id = $1 AND i.plan_id = $2 ORDER BY i.position`,
    [tenant.partnershipId, planId],
  );
}

export async function insertInclusion(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  item: { priorityId: string | null; actionId: string | null; hostPriorityId: string | null },
  createdBy: string | null,
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO plan_inclusions (partnership_id, plan_id, priority_id, action_id, host_priority_id, position, created_by)
     VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(position), 0) + 1 FROM plan_inclusions WHERE plan_id = $2), $6)
     RETURNING id`,
    [tenant.partnershipId, planId, item.priorityId, item.actionId, item.hostPriorityId, createdBy],
  );
  return rows[0]!;
}

export async function deleteInclusion(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  inclusionId: string,
): Promise<{ priority_id: string | null; action_id: string | null } | undefined> {
  const rows = await q.query<{ priority_id: string | null; action_id: string | null }>(
    'DELETE FROM plan_inclusions WHERE partnership_id = $1 AND plan_id = $2 AND id = $3 RETURNING priority_id, action_id',
    [tenant.partnershipId, planId, inclusionId],
  );
  return rows[0];
}

/** How many actions of other plans are shown under this priority. */
export async function countHostedInclusions(
  q: Queryable,
  tenant: Tenant,
  priorityId: string,
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM plan_inclusions WHERE partnership_id = $1 AND host_priority_id = $2',
    [tenant.partnershipId, priorityId],
  );
  return rows[0]!.n;
}

/** An unfinished action an accelerated progress plan can carry on, and the weakness it answers. */
export type CarryOverRow = ActionRow & {
  plan_title: string;
  /** The revisit's judgement (a finding of the revisit) of the weakness the action answered. */
  judgement_id: string;
};

/**
 * The unfinished actions answering weaknesses a revisit judged not to have made sufficient
 * progress: top-level actions of any plan whose priority answers the original weakness, not
 * complete themselves or with a sub-action that is not. Each comes once, with its first judgement.
 */
export async function listCarryOverCandidates(
  q: Queryable,
  tenant: Tenant,
  revisitId: string,
): Promise<CarryOverRow[]> {
  return q.query<CarryOverRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (a.id) ${ACTION_COLUMNS}, hp.title AS plan_title, rf.id AS judgement_id, rf.position AS judgement_position
       FROM findings rf
         JOIN priority_findings pf ON pf.partnership_id = rf.partnership_id AND pf.finding_id = rf.judges_finding_id,
         ${ACTION_FROM} JOIN plans hp ON hp.id = a.plan_id
       WHERE a.priority_id = pf.priority_id AND rf.partnership_id = $1 AND rf.inspection_id = $2 AND rf.sufficient_progress = false
         AND a.parent_action_id IS NULL AND hp.inspection_id IS DISTINCT FROM $2
         AND (a.status <> 'complete' OR EXISTS (
           SELECT 1 FROM actions s WHERE s.parent_action_id = a.id AND s.status <> 'complete'))
       ORDER BY a.id, rf.position) c
     ORDER BY c.judgement_position, c.plan_title, c.priority_position, c.position`,
    [tenant.partnershipId, revisitId],
  );
}
