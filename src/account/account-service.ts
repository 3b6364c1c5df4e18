import type { Db } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import type { Edit } from '../platform/db/versioned.js';
import {
  deleteSessionsOfUser,
  findUserById,
  type UserRecord,
} from '../platform/identity/identity-repository.js';
import { recordAudit } from '../platform/audit/record.js';

/**
 * The signed-in person changes their own name, which every partnership they belong to shows.
 * Versioned by the account, so a change made meanwhile (by them elsewhere, or by an admin) is not
 * overwritten silently. Each of their partnerships' audit logs records it.
 */
export async function changeOwnName(
  db: Db,
  actor: Actor,
  userId: string,
  name: string,
  version: number,
): Promise<Edit<UserRecord> | { outcome: 'unchanged' }> {
  return db.transaction(async (tx) => {
    const current = await findUserById(tx, userId);
    if (!current) return { outcome: 'not-found' } as const;
    if (current.version !== version) return { outcome: 'conflict', current } as const;
    if (current.name === name) return { outcome: 'unchanged' } as const;
    const saved = await tx.query(
      'UPDATE users SET name = $2, version = version + 1 WHERE id = $1 AND version = $3 RETURNING 1',
      [userId, name, version],
    );
    if (saved.length !== 1)
      return { outcome: 'conflict', current: (await findUserById(tx, userId))! } as const;
    const partnerships = await tx.query<{ partnership_id: string }>(
      'SELECT partnership_id FROM memberships WHERE user_id = $1 AND disabled_at IS NULL',
      [userId],
    );
    const change = {
      entityType: 'person',
      entityId: userId,
      action: 'update',
      before: { name: current.name },
      after: { name },
    };
    // Someone in no partnership (a platform owner only) still leaves a record.
    const where = partnerships.length ? partnerships.map((p) => p.partnership_id) : [null];
    for (const partnershipId of where) await recordAudit(tx, actor, { partnershipId, ...change });
    return { outcome: 'ok' } as const;
  });
}

/**
 * Sets the person's new password (already hashed) and signs out their other sessions, whose old
 * password may be known to someone else; `keepSessionId` is the one they are using.
 */
export async function setOwnPassword(
  db: Db,
  actor: Actor,
  userId: string,
  passwordHash: string,
  keepSessionId: string | undefined,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, version = version + 1 WHERE id = $1', [
      userId,
      passwordHash,
    ]);
    await deleteSessionsOfUser(tx, userId, keepSessionId);
    await recordAudit(tx, actor, {
      partnershipId: null,
      entityType: 'person',
      entityId: userId,
      action: 'change password',
    });
  });
}
