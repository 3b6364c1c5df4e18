import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import type { CurrentUser, Membership } from './types.js';

/** SHA-256 of a secret we hand out (session id, API token): only the hash is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

// One query per request: the user and all their live memberships, for the session or the token.
const IDENTITY_COLUMNS = `u.id, u.email, u.name, u.is_platform_owner,
  COALESCE((SELECT json_agg(json_build_object('partnershipId', p.id, 'slug', p.slug, 'partnershipName', p.name, 'role', m.role, 'dataVersion', p.data_version::text) ORDER BY p.name)
            FROM memberships m JOIN partnerships p ON p.id = m.partnership_id
            WHERE m.user_id = u.id AND m.disabled_at IS NULL), '[]'::json) AS memberships`;

type IdentityRow = {
  id: string;
  email: string;
  name: string;
  is_platform_owner: boolean;
  memberships: Membership[] | string;
};

function toUser(row: IdentityRow, via: CurrentUser['via']): CurrentUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isPlatformOwner: row.is_platform_owner,
    memberships:
      typeof row.memberships === 'string'
        ? (JSON.parse(row.memberships) as Membership[])
        : row.memberships,
    via,
  };
}

export async function createSession(
  q: Queryable,
  userId: string,
  idleMinutes: number,
): Promise<string> {
  const id = newSecret();
  await q.query(
    `INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
    [hashSecret(id), userId, idleMinutes],
  );
  return id;
}

/** The signed-in user for a session cookie, extending an idle session at most every five minutes. */
export async function userForSession(
  q: Queryable,
  sessionId: string,
  idleMinutes: number,
): Promise<CurrentUser | undefined> {
  const rows = await q.query<IdentityRow & { stale: boolean }>(
    `SELECT ${IDENTITY_COLUMNS}, s.last_seen_at < now() - interval '5 minutes' AS stale
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [hashSecret(sessionId)],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.stale) {
    await q.query(
      `UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(mins => $2) WHERE id_hash = $1`,
      [hashSecret(sessionId), idleMinutes],
    );
  }
  return toUser(row, 'session');
}

export async function deleteSession(q: Queryable, sessionId: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE id_hash = $1', [hashSecret(sessionId)]);
}

/** Ends every session of a person at once (disabled, password changed elsewhere). */
export async function deleteSessionsOfUser(
  q: Queryable,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  if (exceptSessionId) {
    await q.query('DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2', [
      userId,
      hashSecret(exceptSessionId),
    ]);
  } else {
    await q.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }
}

export async function userForApiToken(
  q: Queryable,
  token: string,
): Promise<CurrentUser | undefined> {
  const rows = await q.query<IdentityRow & { token_id: string; stale: boolean }>(
    `SELECT ${IDENTITY_COLUMNS}, t.id AS token_id,
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '5 minutes') AS stale
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
    [hashSecret(token)],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.stale)
    await q.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
  return toUser(row, 'token');
}

export type UserRecord = {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  is_platform_owner: boolean;
  disabled_at: Date | null;
  failed_sign_ins: number;
  locked_until: Date | null;
  version: number;
};

export async function findUserByEmail(
  q: Queryable,
  email: string,
): Promise<UserRecord | undefined> {
  const rows = await q.query<UserRecord>('SELECT * FROM users WHERE lower(email) = lower($1)', [
    email,
  ]);
  return rows[0];
}

export async function findUserById(q: Queryable, id: string): Promise<UserRecord | undefined> {
  const rows = await q.query<UserRecord>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}

export async function countUsers(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0]?.n ?? 0;
}

export async function insertUser(
  q: Queryable,
  user: { email: string; name: string; passwordHash: string | null; isPlatformOwner?: boolean },
): Promise<{ id: string; email: string; name: string; is_platform_owner: boolean }> {
  const rows = await q.query<{
    id: string;
    email: string;
    name: string;
    is_platform_owner: boolean;
  }>(
    `INSERT INTO users (email, name, password_hash, is_platform_owner) VALUES ($1, $2, $3, $4)
     RETURNING id, email, name, is_platform_owner`,
    [user.email, user.name, user.passwordHash, user.isPlatformOwner ?? false],
  );
  return rows[0]!;
}
