import { actionNumber, type NumberedAction } from '../plans/index.js';
import { UPDATE_COLUMNS, UPDATE_FROM, type UpdateRow } from '../plans/index.js';
import { ACTION_ORDER } from '../plans/index.js';
import type { ActionStatus, Rag } from '../plans/index.js';
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

export type RoundPlan = { id: string; title: string };

export type RoundRow = {
  id: string;
  title: string;
  opened_on: string;
  due_on: string;
  closed_at: Date | null;
  /** Covers every live plan; else only `plans`, chosen when it opened. */
  all_plans: boolean;
  /** Goes up with each change (its due date moved, closed): an edit sends back the one it read. */
  version: number;
  plans: RoundPlan[];
  updated: number;
  expected: number;
};

/**
 * Whether round `r` covers action `a` (SQL aliases): every plan, or among the round's plans the
 * action's own or one that includes it by reference (itself, its parent or its whole priority:
 * an APP's round asks for the actions it carried on). The one place that says which actions a
 * round asks for.
 */
const covers = (r: string, a: string) =>
  `(${r}.all_plans OR EXISTS (SELECT 1 FROM round_plans rp WHERE rp.partnership_id = ${r}.partnership_id AND rp.round_id = ${r}.id
     AND (rp.plan_id = ${a}.plan_id OR rp.plan_id IN (SELECT ri.plan_id FROM plan_inclusions ri
       WHERE ri.action_id = ${a}.id OR ri.action_id = ${a}.parent_action_id OR ri.priority_id = ${a}.priority_id))))`;

const ROUND_PLANS = `COALESCE((SELECT json_agg(json_build_object('id', rpp.id, 'title', rpp.title) ORDER BY rpp.created_at, rpp.id)
     FROM round_plans rpl JOIN plans rpp ON rpp.id = rpl.plan_id
     WHERE rpl.partnership_id = r.partnership_id AND rpl.round_id = r.id), '[]'::json) AS plans`;

// Expected: actions the round covers, of plans still live (not closed), and not complete when
// the round opened.
const ROUND_COLUMNS = `r.id, r.title, r.opened_on::text, r.due_on::text, r.closed_at, r.all_plans, r.version, ${ROUND_PLANS},
  (SELECT count(DISTINCT u.action_id)::int FROM action_updates u WHERE u.partnership_id = r.partnership_id AND u.round_id = r.id) AS updated,
  (SELECT count(*)::int FROM actions a JOIN plans p ON p.id = a.plan_id WHERE a.partnership_id = r.partnership_id AND p.status <> 'closed' AND ${covers('r', 'a')}
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

export type OpenRoundSummary = {
  id: string;
  title: string;
  due_on: string;
  all_plans: boolean;
  plans: RoundPlan[];
};

/**
 * The open round each action's updates count towards: the one covering the action's plan (the
 * newest, in data from before rounds per plan, when several do). The one lookup of "which round
 * is this action in", for recording an update, my actions, reminders and the overview; an action
 * in no open round is left out of the map.
 */
export async function openRoundsCovering(
  q: Queryable,
  tenant: Tenant,
  actionIds: readonly string[],
): Promise<Map<string, OpenRoundSummary>> {
  if (actionIds.length === 0) return new Map();
  const rows = await q.query<OpenRoundSummary & { action_id: string }>(
    `SELECT a.id::text AS action_id, c.* FROM actions a
     CROSS JOIN LATERAL (
       SELECT r.id, r.title, r.due_on::text, r.all_plans, ${ROUND_PLANS} FROM update_rounds r
       WHERE r.partnership_id = $1 AND r.closed_at IS NULL AND ${covers('r', 'a')}
       ORDER BY r.opened_on DESC, r.created_at DESC LIMIT 1) c
     WHERE a.partnership_id = $1 AND a.id = ANY($2::uuid[])`,
    [tenant.partnershipId, actionIds],
  );
  return new Map(rows.map(({ action_id, ...round }) => [action_id, round]));
}

/** The open round an action's update counts towards, if any (see openRoundsCovering). */
export async function openRoundCovering(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
): Promise<OpenRoundSummary | undefined> {
  return (await openRoundsCovering(q, tenant, [actionId])).get(actionId);
}

/** Every round still open, newest first, with the plans each covers. */
export async function openRounds(q: Queryable, tenant: Tenant): Promise<OpenRoundSummary[]> {
  return q.query<OpenRoundSummary>(
    `SELECT r.id, r.title, r.due_on::text, r.all_plans, ${ROUND_PLANS} FROM update_rounds r
     WHERE r.partnership_id = $1 AND r.closed_at IS NULL ORDER BY r.opened_on DESC, r.created_at DESC`,
    [tenant.partnershipId],
  );
}

/** The plans a round may cover: the partnership's live (not closed) plans, oldest first. */
export async function livePlans(q: Queryable, tenant: Tenant): Promise<RoundPlan[]> {
  return q.query<RoundPlan>(
    `SELECT id, title FROM plans WHERE partnership_id = $1 AND status <> 'closed' ORDER BY created_at, id`,
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
 * moment cannot both pass the one-open-round-per-plan and unique-name checks.
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
  version: number,
): Promise<boolean> {
  return (
    (
      await q.query(
        'UPDATE update_rounds SET due_on = $3, version = version + 1 WHERE partnership_id = $1 AND id = $2 AND closed_at IS NULL AND version = $4 RETURNING 1',
        [tenant.partnershipId, id, dueOn, version],
      )
    ).length === 1
  );
}

/** A new round: for every plan when `planIds` is empty, else for those plans. */
export async function insertRound(
  q: Queryable,
  tenant: Tenant,
  input: {
    title: string;
    openedOn: string;
    dueOn: string;
    planIds: readonly string[];
    createdBy: string | null;
  },
): Promise<{ id: string }> {
  const created = (
    await q.query<{ id: string }>(
      'INSERT INTO update_rounds (partnership_id, title, opened_on, due_on, all_plans, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [
        tenant.partnershipId,
        input.title,
        input.openedOn,
        input.dueOn,
        input.planIds.length === 0,
        input.createdBy,
      ],
    )
  )[0]!;
  if (input.planIds.length)
    await q.query(
      `INSERT INTO round_plans (partnership_id, round_id, plan_id)
       SELECT $1, $2, p.id FROM plans p WHERE p.partnership_id = $1 AND p.id = ANY($3::uuid[])`,
      [tenant.partnershipId, created.id, input.planIds],
    );
  return created;
}

export async function closeRound(q: Queryable, tenant: Tenant, id: string): Promise<boolean> {
  return (
    (
      await q.query(
        'UPDATE update_rounds SET closed_at = now(), version = version + 1 WHERE partnership_id = $1 AND id = $2 AND closed_at IS NULL RETURNING 1',
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

type LiveActionRow = Omit<RoundActionRow, 'updated_in_round'>;

/** The live plans' actions (of one lead, or those a round covers), numbered, in plan order. */
async function liveActions(
  q: Queryable,
  tenant: Tenant,
  options: { leadUserId?: string; roundId?: string },
): Promise<(LiveActionRow & { updated_in_round?: boolean })[]> {
  const params: unknown[] = [tenant.partnershipId];
  let filter = '';
  let updated = '';
  if (options.leadUserId) {
    params.push(options.leadUserId);
    filter += ` AND a.lead_user_id = $${params.length}`;
  }
  if (options.roundId) {
    params.push(options.roundId);
    const round = `$${params.length}`;
    filter += ` AND EXISTS (SELECT 1 FROM update_rounds r WHERE r.partnership_id = $1 AND r.id = ${round} AND ${covers('r', 'a')})`;
    updated = `, EXISTS (SELECT 1 FROM action_updates au WHERE au.partnership_id = $1 AND au.round_id = ${round} AND au.action_id = a.id) AS updated_in_round`;
  }
  const rows = await q.query<Omit<LiveActionRow, 'number'> & NumberedAction>(
    `SELECT a.id, a.plan_id, p.title AS plan_title, pr.position AS priority_position, a.position, pa.position AS parent_position,
       a.title, a.lead_user_id, u.name AS lead_name, a.due_date::text, a.status, a.rag${updated}
     FROM actions a JOIN plans p ON p.id = a.plan_id JOIN priorities pr ON pr.id = a.priority_id
       LEFT JOIN actions pa ON pa.id = a.parent_action_id LEFT JOIN users u ON u.id = a.lead_user_id
     WHERE a.partnership_id = $1 AND p.status <> 'closed'${filter}
     ORDER BY p.created_at, p.id, ${ACTION_ORDER}`,
    params,
  );
  return rows.map(({ priority_position, position, parent_position, ...row }) => ({
    ...row,
    number: actionNumber({ priority_position, position, parent_position }),
  }));
}

/** The live actions a round covers, with whether each has an update in it: who has and has not. */
export async function actionsForRound(
  q: Queryable,
  tenant: Tenant,
  roundId: string,
): Promise<RoundActionRow[]> {
  const rows = await liveActions(q, tenant, { roundId });
  return rows.map((row) => ({ ...row, updated_in_round: row.updated_in_round === true }));
}

export type ActionInRoundRow = RoundActionRow & { round: OpenRoundSummary | null };

/**
 * Every live action (or one lead's) with the open round its updates count towards, if any, and
 * whether it has an update in that round: rounds per plan mean each action may be in a different
 * round. A fixed number of queries.
 */
export async function actionsWithTheirRounds(
  q: Queryable,
  tenant: Tenant,
  options: { leadUserId?: string } = {},
): Promise<ActionInRoundRow[]> {
  const rows = await liveActions(q, tenant, options);
  const rounds = await openRoundsCovering(
    q,
    tenant,
    rows.map((a) => a.id),
  );
  const roundIds = [...new Set([...rounds.values()].map((r) => r.id))];
  const updated = new Set(
    roundIds.length === 0
      ? []
      : (
          await q.query<{ key: string }>(
            `SELECT DISTINCT action_id::text || ' ' || round_id::text AS key FROM action_updates
             WHERE partnership_id = $1 AND round_id = ANY($2::uuid[])`,
            [tenant.partnershipId, roundIds],
          )
        ).map((r) => r.key),
  );
  return rows.map((row) => {
    const round = rounds.get(row.id) ?? null;
    return { ...row, round, updated_in_round: !!round && updated.has(`${row.id} ${round.id}`) };
  });
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

/**
 * Locks the action's row until the transaction ends: updates and corrections on one action then
 * take turns, so its status and RAG always follow whichever update really is the latest.
 */
export async function lockAction(q: Queryable, tenant: Tenant, actionId: string): Promise<void> {
  await q.query('SELECT 1 FROM actions WHERE partnership_id = $1 AND id = $2 FOR UPDATE', [
    tenant.partnershipId,
    actionId,
  ]);
}

/**
 * An update appends to the action's history and becomes its current status and RAG. Call it with
 * the action locked (lockAction): its time is taken then, not when the transaction began, so the
 * update saved last is the latest, whichever transaction began first.
 */
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
      `INSERT INTO action_updates (partnership_id, action_id, round_id, status, rag, narrative, measure_id, measure_value, author_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM success_measures WHERE id = $7 AND action_id = $2), $8, $9, clock_timestamp()) RETURNING id`,
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
  // The same clock as the update's time, taken under the action's lock: never older than the last one.
  await q.query(
    'UPDATE actions SET status = $3, rag = $4, last_update_at = clock_timestamp() WHERE partnership_id = $1 AND id = $2',
    [tenant.partnershipId, actionId, input.status, input.rag],
  );
  return created;
}
