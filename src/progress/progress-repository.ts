import { actionNumber, type NumberedAction } from '../plans/index.js';
import { UPDATE_COLUMNS, UPDATE_FROM, type UpdateRow } from '../plans/index.js';
import { ACTION_ORDER } from '../plans/index.js';
import type { ActionStatus, Rag } from '../plans/index.js';
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

export type RoundRow = {
  id: string;
  title: string;
  opened_on: string;
  due_on: string;
  closed_at: Date | null;
  updated: number;
  expected: number;
};

// Expected: actions of plans still live (not closed) and not complete when the round opened.
const ROUND_COLUMNS = `r.id, r.title, r.opened_on::text, r.due_on::text, r.closed_at,
  (SELECT count(DISTINCT u.action_id)::int FROM action_updates u WHERE u.partnership_id = r.partnership_id AND u.round_id = r.id) AS updated,
  (SELECT count(*)::int FROM actions a JOIN plans p ON p.id = a.plan_id WHERE a.partnership_id = r.partnership_id AND p.status <> 'closed'
     AND (a.status <> 'complete' OR EXISTS (SELECT 1 FROM action_updates u WHERE u.partnership_id = r.partnership_id AND u.round_id = r.id AND u.action_id = a.id))) AS expected`;

export async function listRounds(q: Queryable, tenant: Tenant): Promise<RoundRow[]> {
  return q.query<RoundRow>(
    `SELECT ${ROUND_COLUMNS} FROM update_rounds r WHERE r.partnership_id = $1 ORDER BY r.opened_on DESC, r.created_at DESC`,
    [tenant.partnershipId],
  );
}

export async function findRound(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<RoundRow | undefined> {
  return (
    await q.query<RoundRow>(
      `SELECT ${ROUND_COLUMNS} FROM update_rounds r WHERE r.partnership_id = $1 AND r.id = $2`,
      [tenant.partnershipId, id],
    )
  )[0];
}

/** The open round updates count towards: the most recently opened one not yet closed. */
export async function currentRound(
  q: Queryable,
  tenant: Tenant,
): Promise<{ id: string; title: string; due_on: string } | undefined> {
  return (
    await q.query<{ id: string; title: string; due_on: string }>(
      `SELECT id, title, due_on::text FROM update_rounds WHERE partnership_id = $1 AND closed_at IS NULL ORDER BY opened_on DESC, created_at DESC LIMIT 1`,
      [tenant.partnershipId],
    )
  )[0];
}

export type OpenRoundSummary = { id: string; title: string; due_on: string };

/** Every round still open, newest first: more than one only in data from before the one-round rule. */
export async function openRounds(q: Queryable, tenant: Tenant): Promise<OpenRoundSummary[]> {
  return q.query<OpenRoundSummary>(
    `SELECT id, title, due_on::text FROM update_rounds WHERE partnership_id = $1 AND closed_at IS NULL ORDER BY opened_on DESC, created_at DESC`,
    [tenant.partnershipId],
  );
}

export async function roundTitles(q: Queryable, tenant: Tenant): Promise<string[]> {
  return (
    await q.query<{ title: string }>('SELECT title FROM update_rounds WHERE partnership_id = $1', [
      tenant.partnershipId,
    ])
  ).map((r) => r.title);
}

/**
 * Serialises opening rounds in one partnership (its row lock), so two admins opening at the same
 * moment cannot both pass the one-open-round and unique-name checks.
 */
export async function lockRoundsOf(q: Queryable, tenant: Tenant): Promise<void> {
  await q.query('SELECT 1 FROM partnerships WHERE id = $1 FOR UPDATE', [tenant.partnershipId]);
}

/** Moves an open round's due date, only if it is still what the editor saw (else false). */
export async function updateRoundDue(
  q: Queryable,
  tenant: Tenant,
  id: string,
  dueOn: string,
  expectedDueOn: string,
): Promise<boolean> {
  return (
    (
      await q.query(
        'UPDATE update_rounds SET due_on = $3 WHERE partnership_id = $1 AND id = $2 AND closed_at IS NULL AND due_on = $4 RETURNING 1',
        [tenant.partnershipId, id, dueOn, expectedDueOn],
      )
    ).length === 1
  );
}

export async function insertRound(
  q: Queryable,
  tenant: Tenant,
  input: { title: string; openedOn: string; dueOn: string; createdBy: string | null },
): Promise<{ id: string }> {
  return (
    await q.query<{ id: string }>(
      'INSERT INTO update_rounds (partnership_id, title, opened_on, due_on, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [tenant.partnershipId, input.title, input.openedOn, input.dueOn, input.createdBy],
    )
  )[0]!;
}

export async function closeRound(q: Queryable, tenant: Tenant, id: string): Promise<boolean> {
  return (
    (
      await q.query(
        'UPDATE update_rounds SET closed_at = now() WHERE partnership_id = $1 AND id = $2 AND closed_at IS NULL RETURNING 1',
        [tenant.partnershipId, id],
      )
    ).length === 1
  );
}

export type RoundActionRow = {
  id: string;
  plan_id: string;
  plan_title: string;
  number: string;
  title: string;
  lead_user_id: string | null;
  lead_name: string | null;
  due_date: string | null;
  status: ActionStatus;
  rag: Rag | null;
  updated_in_round: boolean;
};

/** Every live action with whether it has an update in the round: who has and has not updated. */
export async function actionsForRound(
  q: Queryable,
  tenant: Tenant,
  roundId: string | null,
  options: { leadUserId?: string } = {},
): Promise<RoundActionRow[]> {
  const params: unknown[] = [tenant.partnershipId, roundId];
  let leadFilter = '';
  if (options.leadUserId) {
    params.push(options.leadUserId);
    leadFilter = `AND a.lead_user_id = $${params.length}`;
  }
  const rows = await q.query<Omit<RoundActionRow, 'number'> & NumberedAction>(
    `SELECT a.id, a.plan_id, p.title AS plan_title, pr.position AS priority_position, a.position, pa.position AS parent_position,
       a.title, a.lead_user_id, u.name AS lead_name, a.due_date::text, a.status, a.rag,
       EXISTS (SELECT 1 FROM action_updates au WHERE au.partnership_id = $1 AND au.round_id = $2 AND au.action_id = a.id) AS updated_in_round
     FROM actions a JOIN plans p ON p.id = a.plan_id JOIN priorities pr ON pr.id = a.priority_id
       LEFT JOIN actions pa ON pa.id = a.parent_action_id LEFT JOIN users u ON u.id = a.lead_user_id
     WHERE a.partnership_id = $1 AND p.status <> 'closed' ${leadFilter}
     ORDER BY p.created_at, p.id, ${ACTION_ORDER}`,
    params,
  );
  return rows.map(({ priority_position, position, parent_position, ...row }) => ({
    ...row,
    number: actionNumber({ priority_position, position, parent_position }),
  }));
}

export async function findUpdate(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
  updateId: string,
): Promise<UpdateRow | undefined> {
  return (
    await q.query<UpdateRow>(
      `SELECT ${UPDATE_COLUMNS} FROM ${UPDATE_FROM}
       WHERE au.partnership_id = $1 AND au.action_id = $2 AND au.id = $3`,
      [tenant.partnershipId, actionId, updateId],
    )
  )[0];
}

/**
 * Whether the round is still open, holding it open (a share lock) until the transaction ends, so
 * closing it waits for a correction in progress rather than closing under it.
 */
export async function holdRoundOpen(
  q: Queryable,
  tenant: Tenant,
  roundId: string,
): Promise<boolean> {
  return (
    (
      await q.query(
        'SELECT 1 FROM update_rounds WHERE partnership_id = $1 AND id = $2 AND closed_at IS NULL FOR SHARE',
        [tenant.partnershipId, roundId],
      )
    ).length === 1
  );
}

/** Corrects an update, only if it is still at the version the editor read (else false). */
export async function saveCorrection(
  q: Queryable,
  tenant: Tenant,
  updateId: string,
  version: number,
  correctedBy: string | null,
  input: UpdateInput,
): Promise<boolean> {
  return (
    (
      await q.query(
        `UPDATE action_updates au SET status = $4, rag = $5, narrative = $6,
           measure_id = (SELECT id FROM success_measures WHERE id = $7 AND action_id = au.action_id), measure_value = $8,
           version = version + 1, corrected_at = now(), corrected_by = $9
         WHERE partnership_id = $1 AND id = $2 AND version = $3 RETURNING 1`,
        [
          tenant.partnershipId,
          updateId,
          version,
          input.status,
          input.rag,
          input.narrative,
          input.measureId,
          input.measureValue,
          correctedBy,
        ],
      )
    ).length === 1
  );
}

/**
 * An action's status and RAG are those of its latest update: correcting that update corrects
 * them too (and so the roll-ups); correcting an earlier one leaves them.
 */
export async function followLatestUpdate(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
  updateId: string,
  input: Pick<UpdateInput, 'status' | 'rag'>,
): Promise<void> {
  await q.query(
    `UPDATE actions SET status = $4, rag = $5 WHERE partnership_id = $1 AND id = $2
       AND $3::uuid = (SELECT id FROM action_updates WHERE partnership_id = $1 AND action_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1)`,
    [tenant.partnershipId, actionId, updateId, input.status, input.rag],
  );
}

export type UpdateInput = {
  status: ActionStatus;
  rag: Rag;
  narrative: string;
  measureId: string | null;
  measureValue: number | null;
};

/** An update appends to the action's history and becomes its current status and RAG. */
export async function insertUpdate(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
  roundId: string | null,
  authorId: string | null,
  input: UpdateInput,
): Promise<{ id: string }> {
  const created = (
    await q.query<{ id: string }>(
      `INSERT INTO action_updates (partnership_id, action_id, round_id, status, rag, narrative, measure_id, measure_value, author_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM success_measures WHERE id = $7 AND action_id = $2), $8, $9) RETURNING id`,
      [
        tenant.partnershipId,
        actionId,
        roundId,
        input.status,
        input.rag,
        input.narrative,
        input.measureId,
        input.measureValue,
        authorId,
      ],
    )
  )[0]!;
  await q.query(
    'UPDATE actions SET status = $3, rag = $4, last_update_at = now() WHERE partnership_id = $1 AND id = $2',
    [tenant.partnershipId, actionId, input.status, input.rag],
  );
  return created;
}
