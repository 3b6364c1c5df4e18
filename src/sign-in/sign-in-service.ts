import type { Db } from '../platform/db/db.js';
import type { Config } from '../platform/config/config.js';
import { findUserByEmail } from '../platform/identity/identity-repository.js';
import { verifyPassword } from '../platform/identity/passwords.js';
import { recordAudit } from '../platform/audit/record.js';

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
  if (!user || user.disabled_at) {
    await verifyPassword(password, null); // same cost as a real check: no timing oracle
    return { outcome: 'invalid' };
  }
  if (user.locked_until && user.locked_until > new Date())
    return { outcome: 'locked', until: user.locked_until };
  if (await verifyPassword(password, user.password_hash)) {
    if (user.failed_sign_ins > 0 || user.locked_until) {
      await db.query('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1', [
        user.id,
      ]);
    }
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
    const row = rows[0];
    if (row?.locked_until && row.locked_until > new Date()) {
      await recordAudit(
        tx,
        { userId: null, name: 'Sendboard', ...(requestId ? { requestId } : {}) },
        {
          partnershipId: null,
          entityType: 'person',
          entityId: user.id,
          action: 'locked after failed sign-ins',
          after: { locked_until: row.locked_until.toISOString() },
        },
      );
      return { outcome: 'locked', until: row.locked_until } as const;
    }
    return { outcome: 'invalid' } as const;
  });
}
