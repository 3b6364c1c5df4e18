import type { Queryable } from '../platform/db/db.js';
import type { Role } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

export async function countLiveAdmins(q: Queryable, tenant: Tenant): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM memberships WHERE partnership_id = $1 AND role = 'admin' AND disabled_at IS NULL`,
    [tenant.partnershipId],
  );
  return rows[0]?.n ?? 0;
}

/** Sets a member's role only if nobody changed the membership since `version` was read. */
export async function updateRole(
  q: Queryable,
  tenant: Tenant,
  userId: string,
  role: Role,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE memberships SET role = $3, version = version + 1 WHERE partnership_id = $1 AND user_id = $2 AND version = $4 RETURNING 1`,
    [tenant.partnershipId, userId, role, version],
  );
  return rows.length === 1;
}

/**
 * Sets a person's name and email only if nobody changed the account since `version` was read.
 * The account is global: the caller checks that the partnership may change it.
 */
export async function updateAccountDetails(
  q: Queryable,
  userId: string,
  details: { name: string; email: string },
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE users SET name = $2, email = $3, version = version + 1 WHERE id = $1 AND version = $4 RETURNING 1`,
    [userId, details.name, details.email, version],
  );
  return rows.length === 1;
}

export async function setMembershipDisabled(
  q: Queryable,
  tenant: Tenant,
  userId: string,
  disabled: boolean,
): Promise<void> {
  await q.query(
    `UPDATE memberships SET disabled_at = CASE WHEN $3 THEN now() ELSE NULL END, version = version + 1 WHERE partnership_id = $1 AND user_id = $2`,
    [tenant.partnershipId, userId, disabled],
  );
}

export async function insertInvitation(
  q: Queryable,
  inv: {
    tokenHash: string;
    userId: string;
    partnershipId: string;
    createdBy: string | null;
    days: number;
  },
): Promise<void> {
  await q.query(`UPDATE invitations SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
    inv.userId,
  ]);
  await q.query(
    `INSERT INTO invitations (token_hash, user_id, partnership_id, created_by, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
    [inv.tokenHash, inv.userId, inv.partnershipId, inv.createdBy, inv.days],
  );
}

export type InvitationRow = {
  user_id: string;
  partnership_id: string;
  name: string;
  email: string;
  partnershipName: string;
};

/**
 * A partnership's admin may hand out a set-password link only for an account that is theirs alone:
 * not the platform owner's, and with no live membership of another partnership. Otherwise the
 * link would let one partnership's admin take over someone's access to other partnerships.
 */
const ONLY_IN_PARTNERSHIP = (userId: string, partnershipId: string) =>
  `NOT EXISTS (SELECT 1 FROM users owner WHERE owner.id = ${userId} AND owner.is_platform_owner)
   AND NOT EXISTS (SELECT 1 FROM memberships other WHERE other.user_id = ${userId}
                   AND other.partnership_id <> ${partnershipId} AND other.disabled_at IS NULL)`;

export async function accountIsOnlyHere(
  q: Queryable,
  tenant: Tenant,
  userId: string,
): Promise<boolean> {
  const rows = await q.query(`SELECT 1 WHERE ${ONLY_IN_PARTNERSHIP('$1::uuid', '$2::uuid')}`, [
    userId,
    tenant.partnershipId,
  ]);
  return rows.length === 1;
}

export async function findLiveInvitation(
  q: Queryable,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  const rows = await q.query<InvitationRow>(
    `SELECT i.user_id, i.partnership_id, u.name, u.email, p.name AS "partnershipName"
     FROM invitations i JOIN users u ON u.id = i.user_id JOIN partnerships p ON p.id = i.partnership_id
     WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now() AND u.disabled_at IS NULL
       AND ${ONLY_IN_PARTNERSHIP('i.user_id', 'i.partnership_id')}`,
    [tokenHash],
  );
  return rows[0];
}
