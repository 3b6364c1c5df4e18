/**
 * The partnership's calendar feed: one secret address per partnership, stored as a hash, replaced
 * (the old address then stops working) whenever an admin makes a new one, or stopped.
 */
import type { Queryable } from '../platform/db/db.js';
import { hashSecret, newSecret } from '../platform/identity/identity-repository.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

export async function findFeed(
  q: Queryable,
  tenant: Tenant,
): Promise<{ created_at: Date } | undefined> {
  const rows = await q.query<{ created_at: Date }>(
    'SELECT created_at FROM calendar_feeds WHERE partnership_id = $1',
    [tenant.partnershipId],
  );
  return rows[0];
}

/** A new secret address for the feed; any earlier one stops working. Returns the secret. */
export async function replaceFeed(
  q: Queryable,
  tenant: Tenant,
  createdBy: string | null,
): Promise<string> {
  const token = newSecret('cal_');
  await q.query(
    `INSERT INTO calendar_feeds (partnership_id, token_hash, created_by) VALUES ($1, $2, $3)
     ON CONFLICT (partnership_id) DO UPDATE SET token_hash = EXCLUDED.token_hash,
       created_by = EXCLUDED.created_by, created_at = now()`,
    [tenant.partnershipId, hashSecret(token), createdBy],
  );
  return token;
}

/** Stops the feed: its address answers "no calendar" from now on. False when there was none. */
export async function deleteFeed(q: Queryable, tenant: Tenant): Promise<boolean> {
  const rows = await q.query('DELETE FROM calendar_feeds WHERE partnership_id = $1 RETURNING 1', [
    tenant.partnershipId,
  ]);
  return rows.length === 1;
}

/** The partnership a feed's secret belongs to, if any. */
export async function partnershipOfFeed(
  q: Queryable,
  token: string,
): Promise<{ id: string; slug: string; name: string } | undefined> {
  const rows = await q.query<{ id: string; slug: string; name: string }>(
    `SELECT p.id, p.slug, p.name FROM calendar_feeds f JOIN partnerships p ON p.id = f.partnership_id
     WHERE f.token_hash = $1`,
    [hashSecret(token)],
  );
  return rows[0];
}
