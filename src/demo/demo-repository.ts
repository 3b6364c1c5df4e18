import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { ActionStatus, Rag } from '../plans/index.js';

/** Names and email domains already taken by earlier demos, so a new copy never clashes. */
export async function takenDemoNames(
  q: Queryable,
): Promise<{ partnershipNames: string[]; emails: string[] }> {
  const [partnerships, users] = await Promise.all([
    q.query<{ name: string }>(`SELECT name FROM partnerships WHERE name LIKE 'Northshire%'`),
    q.query<{ email: string }>(
      `SELECT email FROM users WHERE lower(email) LIKE '%@northshire%.example'`,
    ),
  ]);
  return { partnershipNames: partnerships.map((p) => p.name), emails: users.map((u) => u.email) };
}

export async function findUserById(
  q: Queryable,
  id: string,
): Promise<{ id: string; name: string; email: string } | undefined> {
  return (
    await q.query<{ id: string; name: string; email: string }>(
      'SELECT id, name, email FROM users WHERE id = $1',
      [id],
    )
  )[0];
}

/**
 * Whether anyone may create partnerships yet. Called inside the demo's transaction: when no one
 * may, the users table is locked until it commits, so a set-up page submitted meanwhile waits and
 * then finds Sendboard set up, rather than a second owner appearing beside the demo's.
 */
export async function hasPlatformOwner(tx: Queryable): Promise<boolean> {
  const owner = 'SELECT 1 FROM users WHERE is_platform_owner LIMIT 1';
  if ((await tx.query(owner)).length > 0) return true;
  await tx.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
  return (await tx.query(owner)).length > 0;
}

/** Rounds opened and closed in the past: their closing and creation times follow their dates. */
export async function backdateRounds(q: Queryable, tenant: Tenant): Promise<void> {
  await q.query(
    `UPDATE update_rounds SET created_at = opened_on + time '08:30',
       closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE due_on + 3 + time '17:00' END
     WHERE partnership_id = $1`,
    [tenant.partnershipId],
  );
}

export type BulkUpdate = {
  action_id: string;
  round_id: string;
  status: ActionStatus;
  rag: Rag;
  narrative: string;
  measure_id: string | null;
  measure_value: number | null;
  author_user_id: string;
  created_at: string;
};

/** Many action updates in a few statements (JSON rows), rather than one round trip each. */
export async function insertUpdatesInBulk(
  q: Queryable,
  tenant: Tenant,
  updates: readonly BulkUpdate[],
): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < updates.length; i += CHUNK) {
    await q.query(
      `INSERT INTO action_updates (partnership_id, action_id, round_id, status, rag, narrative, measure_id, measure_value, author_user_id, created_at)
       SELECT $1, u.action_id, u.round_id, u.status, u.rag, u.narrative, u.measure_id, u.measure_value, u.author_user_id, u.created_at
       FROM json_populate_recordset(NULL::action_updates, $2::json) u
       JOIN actions a ON a.id = u.action_id AND a.partnership_id = $1`,
      [tenant.partnershipId, JSON.stringify(updates.slice(i, i + CHUNK))],
    );
  }
}

/** Each action's current status, RAG and last update are those of its latest update, as insertUpdate leaves them. */
export async function syncActionsWithLatestUpdates(q: Queryable, tenant: Tenant): Promise<void> {
  await q.query(
    `UPDATE actions a SET status = l.status, rag = l.rag, last_update_at = l.created_at
     FROM (SELECT DISTINCT ON (action_id) action_id, status, rag, created_at FROM action_updates
           WHERE partnership_id = $1 ORDER BY action_id, created_at DESC) l
     WHERE a.partnership_id = $1 AND a.id = l.action_id`,
    [tenant.partnershipId],
  );
}
