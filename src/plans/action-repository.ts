/** The SQL for actions (with their partners and order) and their success measures. */
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { lockPlanNumbering } from './plan-lock.js';
import type { ActionCategory, ActionStatus, Rag } from './plan-rules.js';

export type ActionRow = {
  id: string;
  plan_id: string;
  priority_id: string;
  priority_position: number;
  /** Within its priority, or within its parent action for a sub-action. */
  position: number;
  parent_action_id: string | null;
  parent_position: number | null;
  title: string;
  description: string;
  category: ActionCategory;
  lead_user_id: string | null;
  lead_name: string | null;
  lead_organisation_id: string | null;
  lead_organisation_name: string | null;
  partner_ids: string[];
  partner_names: string[];
  start_date: string | null;
  due_date: string | null;
  /** The first due date it was given: it stays when the due date changes (slippage-rules.ts). */
  baseline_due_date: string | null;
  status: ActionStatus;
  rag: Rag | null;
  last_update_at: Date | null;
  version: number;
};

export const ACTION_COLUMNS = `a.id, a.plan_id, a.priority_id, pr.position AS priority_position, a.position,
  a.parent_action_id, pa.position AS parent_position, a.title, a.description, a.category,
  a.lead_user_id, u.name AS lead_name, a.lead_organisation_id, o.name AS lead_organisation_name,
  COALESCE((SELECT array_agg(ap.organisation_id::text ORDER BY po.name) FROM action_partners ap JOIN organisations po ON po.id = ap.organisation_id WHERE ap.action_id = a.id), '{}') AS partner_ids,
  COALESCE((SELECT array_agg(po.name ORDER BY po.name) FROM action_partners ap JOIN organisations po ON po.id = ap.organisation_id WHERE ap.action_id = a.id), '{}') AS partner_names,
  a.start_date::text, a.due_date::text, a.baseline_due_date::text, a.status, a.rag, a.last_update_at, a.version`;
export const ACTION_FROM = `actions a JOIN priorities pr ON pr.id = a.priority_id LEFT JOIN actions pa ON pa.id = a.parent_action_id
  LEFT JOIN users u ON u.id = a.lead_user_id LEFT JOIN organisations o ON o.id = a.lead_organisation_id`;

/**
 * Plan order, for any query with actions `a`, their priorities `pr` and parents `pa` (LEFT
 * JOIN actions pa ON pa.id = a.parent_action_id): by priority, then each top-level action
 * followed by its sub-actions.
 */
export const ACTION_ORDER =
  'pr.position, COALESCE(pa.position, a.position), a.parent_action_id IS NOT NULL, a.position';

/**
 * The ids of the actions plan `planParam` includes from other plans: those included one by one
 * (with their sub-actions) and those of priorities included whole.
 */
export const INCLUDED_ACTION_IDS = (planParam: string) =>
  `SELECT ia.id FROM plan_inclusions i JOIN actions ia
     ON ia.id = i.action_id OR ia.parent_action_id = i.action_id OR ia.priority_id = i.priority_id
   WHERE i.plan_id = ${planParam}`;

export async function listActions(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<ActionRow[]> {
  return q.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS} FROM ${ACTION_FROM} WHERE a.partnership_id = $1 AND a.plan_id = $2 ORDER BY ${ACTION_ORDER}`,
    [tenant.partnershipId, planId],
  );
}

/** The sub-actions of an action, in order. */
export async function listSubActions(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  parentActionId: string,
): Promise<ActionRow[]> {
  return q.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS} FROM ${ACTION_FROM} WHERE a.partnership_id = $1 AND a.plan_id = $2 AND a.parent_action_id = $3 ORDER BY a.position`,
    [tenant.partnershipId, planId, parentActionId],
  );
}

/**
 * Where each action of the plan sits, for the sub-action rules. With `lock`, the named
 * actions are locked first (in id order, so two edits never wait on each other in a circle):
 * an edit that makes one action part of another then sees any concurrent change to either.
 */
export async function listActionPlaces(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  lock: string[] = [],
): Promise<{ id: string; priority_id: string; parent_action_id: string | null }[]> {
  if (lock.length)
    await q.query(
      'SELECT id FROM actions WHERE partnership_id = $1 AND plan_id = $2 AND id = ANY($3::uuid[]) ORDER BY id FOR UPDATE',
      [tenant.partnershipId, planId, lock],
    );
  return q.query(
    'SELECT id, priority_id, parent_action_id FROM actions WHERE partnership_id = $1 AND plan_id = $2',
    [tenant.partnershipId, planId],
  );
}

export async function findAction(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  id: string,
): Promise<ActionRow | undefined> {
  const rows = await q.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS} FROM ${ACTION_FROM} WHERE a.partnership_id = $1 AND a.plan_id = $2 AND a.id = $3`,
    [tenant.partnershipId, planId, id],
  );
  return rows[0];
}

// Ids a form sends are kept only if they are this partnership's own ($1 is always the partnership).
const PARTNERSHIP_MEMBER = (param: string) =>
  `(SELECT user_id FROM memberships WHERE partnership_id = $1 AND user_id = ${param})`;
const PARTNERSHIP_ORGANISATION = (param: string) =>
  `(SELECT id FROM organisations WHERE partnership_id = $1 AND id = ${param})`;

export type ActionInput = {
  priorityId: string;
  /** The top-level action of the same priority this one is part of ("5.1 a"); none when left out. */
  parentActionId?: string | null;
  title: string;
  description: string;
  category: ActionCategory;
  leadUserId: string | null;
  leadOrganisationId: string | null;
  partnerIds: string[];
  startDate: string | null;
  dueDate: string | null;
};

export async function insertAction(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  input: ActionInput,
): Promise<{ id: string }> {
  await lockPlanNumbering(q, tenant, planId);
  const rows = await q.query<{ id: string }>(
    `INSERT INTO actions (partnership_id, plan_id, priority_id, parent_action_id, title, description, category, lead_user_id, lead_organisation_id, start_date, due_date, baseline_due_date, position)
     VALUES ($1, $2, $3, $11::uuid, $4, $5, $6, ${PARTNERSHIP_MEMBER('$7')}, ${PARTNERSHIP_ORGANISATION('$8')}, $9, $10, $10,
             (SELECT coalesce(max(position), 0) + 1 FROM actions WHERE priority_id = $3 AND parent_action_id IS NOT DISTINCT FROM $11::uuid)) RETURNING id`,
    [
      tenant.partnershipId,
      planId,
      input.priorityId,
      input.title,
      input.description,
      input.category,
      input.leadUserId,
      input.leadOrganisationId,
      input.startDate,
      input.dueDate,
      input.parentActionId ?? null,
    ],
  );
  await setActionPartners(q, tenant, rows[0]!.id, input.partnerIds);
  return rows[0]!;
}

export async function updateAction(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: ActionInput,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE actions SET title = $3, description = $4, category = $5, lead_user_id = ${PARTNERSHIP_MEMBER('$6')},
       lead_organisation_id = ${PARTNERSHIP_ORGANISATION('$7')}, start_date = $8, due_date = $9,
       baseline_due_date = coalesce(baseline_due_date, $9), version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $10 RETURNING 1`,
    [
      tenant.partnershipId,
      id,
      input.title,
      input.description,
      input.category,
      input.leadUserId,
      input.leadOrganisationId,
      input.startDate,
      input.dueDate,
      version,
    ],
  );
  if (rows.length === 1) await setActionPartners(q, tenant, id, input.partnerIds);
  return rows.length === 1;
}

async function setActionPartners(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
  organisationIds: string[],
): Promise<void> {
  await q.query('DELETE FROM action_partners WHERE partnership_id = $1 AND action_id = $2', [
    tenant.partnershipId,
    actionId,
  ]);
  if (organisationIds.length) {
    await q.query(
      `INSERT INTO action_partners (partnership_id, action_id, organisation_id) SELECT $1, $2, o.id FROM organisations o WHERE o.partnership_id = $1 AND o.id = ANY($3::uuid[])`,
      [tenant.partnershipId, actionId, organisationIds],
    );
  }
}

/** Renumbers every group of the plan 1, 2, 3… with no gaps: top-level actions within each priority, sub-actions within each action. */
export async function renumberActions(q: Queryable, tenant: Tenant, planId: string): Promise<void> {
  await q.query(
    `UPDATE actions a SET position = r.n
     FROM (SELECT id, row_number() OVER (PARTITION BY priority_id, parent_action_id ORDER BY position) AS n FROM actions WHERE partnership_id = $1 AND plan_id = $2) r
     WHERE a.id = r.id AND a.position <> r.n`,
    [tenant.partnershipId, planId],
  );
}

/**
 * Puts an action at the end of a group: of a priority's top-level actions, or of an action's
 * sub-actions. Its own sub-actions move with it to the new priority, in the same statement so the
 * key that keeps them in their parent's priority holds. Then renumbers the plan.
 */
export async function placeAction(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  id: string,
  to: { priorityId: string; parentActionId: string | null },
): Promise<void> {
  await lockPlanNumbering(q, tenant, planId);
  await q.query(
    `UPDATE actions SET priority_id = $4,
       parent_action_id = CASE WHEN id = $3 THEN $5::uuid ELSE parent_action_id END,
       position = CASE WHEN id = $3
         THEN (SELECT coalesce(max(position), 0) + 1 FROM actions WHERE priority_id = $4 AND parent_action_id IS NOT DISTINCT FROM $5::uuid)
         ELSE position END,
       version = version + 1
     WHERE partnership_id = $1 AND plan_id = $2 AND (id = $3 OR parent_action_id = $3)
       AND EXISTS (SELECT 1 FROM priorities WHERE id = $4 AND plan_id = $2)`,
    [tenant.partnershipId, planId, id, to.priorityId, to.parentActionId],
  );
  await renumberActions(q, tenant, planId);
}

/**
 * Moves an action up or down among its siblings (a sub-action among its action's sub-actions;
 * sub-actions move with their action), or to the end of another priority, where a sub-action
 * becomes an action of its own. Numbers stay 1, 2, 3… with no gaps.
 */
export async function moveAction(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  id: string,
  move: { direction?: 'up' | 'down'; toPriorityId?: string },
): Promise<void> {
  // Before reading where the action is: a move that waited here then reads the positions the
  // one before it left.
  await lockPlanNumbering(q, tenant, planId);
  const action = (
    await q.query<{ priority_id: string; parent_action_id: string | null; position: number }>(
      'SELECT priority_id, parent_action_id, position FROM actions WHERE partnership_id = $1 AND plan_id = $2 AND id = $3',
      [tenant.partnershipId, planId, id],
    )
  )[0];
  if (!action) return;
  if (move.toPriorityId && move.toPriorityId !== action.priority_id) {
    await placeAction(q, tenant, planId, id, {
      priorityId: move.toPriorityId,
      parentActionId: null,
    });
    return;
  }
  if (move.direction) {
    const neighbour = (
      await q.query<{ id: string; position: number }>(
        `SELECT id, position FROM actions WHERE partnership_id = $1 AND priority_id = $2 AND parent_action_id IS NOT DISTINCT FROM $3::uuid
           AND position ${move.direction === 'up' ? '<' : '>'} $4 ORDER BY position ${move.direction === 'up' ? 'DESC' : 'ASC'} LIMIT 1`,
        [tenant.partnershipId, action.priority_id, action.parent_action_id, action.position],
      )
    )[0];
    if (neighbour) {
      await q.query(
        'UPDATE actions SET position = CASE WHEN id = $1 THEN $3::int ELSE $4::int END, version = version + 1 WHERE id IN ($1, $2)',
        [id, neighbour.id, neighbour.position, action.position],
      );
    }
  }
  await renumberActions(q, tenant, planId);
}

export type MeasureRow = {
  id: string;
  action_id: string;
  position: number;
  text: string;
  target: string | null;
  target_date: string | null;
};

export async function listMeasures(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<MeasureRow[]> {
  return q.query<MeasureRow>(
    `SELECT m.id, m.action_id, m.position, m.text, m.target::text, m.target_date::text FROM success_measures m JOIN actions a ON a.id = m.action_id
     WHERE m.partnership_id = $1 AND (a.plan_id = $2 OR a.id IN (${INCLUDED_ACTION_IDS('$2')})) ORDER BY m.position`,
    [tenant.partnershipId, planId],
  );
}

export async function insertMeasure(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
  input: { text: string; target: number | null; targetDate: string | null },
): Promise<{ id: string }> {
  // Measures are numbered within their action: lock it, as lockPlanNumbering locks the plan.
  await q.query('SELECT 1 FROM actions WHERE partnership_id = $1 AND id = $2 FOR NO KEY UPDATE', [
    tenant.partnershipId,
    actionId,
  ]);
  const rows = await q.query<{ id: string }>(
    `INSERT INTO success_measures (partnership_id, action_id, text, target, target_date, position)
     VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(position), 0) + 1 FROM success_measures WHERE action_id = $2)) RETURNING id`,
    [tenant.partnershipId, actionId, input.text, input.target, input.targetDate],
  );
  return rows[0]!;
}

export async function deleteMeasure(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
  id: string,
): Promise<boolean> {
  return (
    (
      await q.query(
        'DELETE FROM success_measures WHERE partnership_id = $1 AND action_id = $2 AND id = $3 RETURNING 1',
        [tenant.partnershipId, actionId, id],
      )
    ).length === 1
  );
}
