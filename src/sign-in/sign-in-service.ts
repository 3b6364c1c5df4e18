import type { Db } from '../platform/db/db.js';
import type { Config } from '../platform/config/config.js';
import { findUserByEmail } from '../platform/identity/identity-repository.js';
import { verifyPassword } from '../platform/identity/passwords.js';
import { recordAudit } from '../platform/audit/record.js';
import type { Queryable } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';

/** Why a sign-in was refused, as the audit log records it. */
export type RefusalReason =
  'wrong password' | 'account locked' | 'no such account' | 'account disabled';

const SENDBOARD = (requestId?: string): Actor => ({
  userId: null,
  name: 'Sendboard',
  ...(requestId ? { requestId } : {}),
});

/**
 * Records signing in or out, or a refused sign-in, in the audit log of each partnership the
 * person is a current member of, so its admins see it; an address with no account, or an
 * account in no partnership, is recorded once, outside any partnership. Never the password.
 */
export async function recordAccountEvent(
  q: Queryable,
  actor: Actor,
  userId: string | null,
  action: 'sign in' | 'sign out' | 'refuse sign-in',
  after?: Record<string, unknown>,
): Promise<void> {
  const partnerships = userId
    ? (
        await q.query<{ partnership_id: string }>(
          'SELECT partnership_id FROM memberships WHERE user_id = $1 AND disabled_at IS NULL ORDER BY partnership_id',
          [userId],
        )
      ).map((m) => m.partnership_id)
    : [];
  for (const partnershipId of partnerships.length ? partnerships : [null])
    await recordAudit(q, actor, {
      partnershipId,
      entityType: 'person',
      entityId: userId,
      action,
      ...(after ? { after } : {}),
    });
}

/** Signing out: recorded before the session ends. */
export async function recordSignOut(db: Db, actor: Actor): Promise<void> {
  await recordAccountEvent(db, actor, actor.userId, 'sign out');
}

export type SignInResult =
  { outcome: 'ok'; userId: string } | { outcome: 'invalid' } | { outcome: 'locked'; until: Date };

/**
 * Checks a password, counting failures per account: after `maxFailures` wrong passwords in a row
 * the account is locked for `lockoutMinutes`, even for the right password.
 */
export async function attemptSignIn(
  db: Db,
  config: Config,
  email: string,
  password: string,
  requestId?: string,
): Promise<SignInResult> {
  const user = await findUserByEmail(db, email);
  const tried = { email_tried: email.toLowerCase() };
  const refuse = (q: Queryable, reason: RefusalReason) =>
    recordAccountEvent(q, SENDBOARD(requestId), user?.id ?? null, 'refuse sign-in', {
      ...tried,
      reason,
    });
  if (!user || user.disabled_at) {
    await verifyPassword(password, null); // same cost as a real check: no timing oracle
    await refuse(db, user ? 'account disabled' : 'no such account');
    return { outcome: 'invalid' };
  }
  if (user.locked_until && user.locked_until > new Date()) {
    await refuse(db, 'account locked');
    return { outcome: 'locked', until: user.locked_until };
  }
  if (await verifyPassword(password, user.password_hash)) {
    await db.transaction(async (tx) => {
      if (user.failed_sign_ins > 0 || user.locked_until)
        await tx.query('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1', [
          user.id,
        ]);
      await recordAccountEvent(
        tx,
        { userId: user.id, name: user.name, ...(requestId ? { requestId } : {}) },
        user.id,
        'sign in',
      );
    });
    return { outcome: 'ok', userId: user.id };
  }
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ failed_sign_ins: number; locked_until: Date | null }>(
      `UPDATE users SET
         failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $2 THEN 0 ELSE failed_sign_ins + 1 END,
         locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1 RETURNING failed_sign_ins, locked_until`,
      [user.id, config.signIn.maxFailures, config.signIn.lockoutMinutes],
    );
    await refuse(tx, 'wrong password');
    const row = rows[0];
    if (row?.locked_until && row.locked_until > new Date()) {
      await recordAudit(tx, SENDBOARD(requestId), {
        partnershipId: null,
        entityType: 'person',
        entityId: user.id,
        action: 'locked after failed sign-ins',
        after: { locked_until: row.locked_until.toISOString() },
      });
      return { outcome: 'locked', until: row.locked_until } as const;
    }
    return { outcome: 'invalid' } as const;
  });
}
