import type { Db, Queryable } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import { hashSecret, newSecret } from '../platform/identity/identity-repository.js';
import { recordAudit } from '../platform/audit/record.js';

export type ApiTokenRow = {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export async function listTokens(q: Queryable, userId: string): Promise<ApiTokenRow[]> {
  return q.query<ApiTokenRow>(
    'SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC',
    [userId],
  );
}

/** Creates a personal API token. The secret is returned once and only its hash is kept. */
export async function createToken(
  db: Db,
  actor: Actor,
  userId: string,
  name: string,
): Promise<{ id: string; token: string }> {
  const token = newSecret('sb_');
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      'INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id',
      [userId, name, hashSecret(token)],
    );
    const id = rows[0]!.id;
    await recordAudit(tx, actor, {
      partnershipId: null,
      entityType: 'api token',
      entityId: id,
      action: 'create',
      after: { name, user_id: userId },
    });
    return { id, token };
  });
}

export async function revokeToken(
  db: Db,
  actor: Actor,
  userId: string,
  tokenId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ name: string }>(
      'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING name',
      [tokenId, userId],
    );
    if (rows.length === 0) return false;
    await recordAudit(tx, actor, {
      partnershipId: null,
      entityType: 'api token',
      entityId: tokenId,
      action: 'revoke',
      before: { name: rows[0]!.name },
    });
    return true;
  });
}
