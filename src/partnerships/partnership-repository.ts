import type { Queryable } from '../platform/db/db.js';
import type { Role } from '../platform/identity/types.js';

export type PartnershipRow = {
  id: string;
  slug: string;
  name: string;
  local_authority: string;
  la_code: string;
  created_at: Date;
  version: number;
};

export async function insertPartnership(
  q: Queryable,
  p: { slug: string; name: string; localAuthority: string; laCode: string },
): Promise<PartnershipRow> {
  const rows = await q.query<PartnershipRow>(
    `INSERT INTO partnerships (slug, name, local_authority, la_code) VALUES ($1, $2, $3, $4) RETURNING *`,
    [p.slug, p.name, p.localAuthority, p.laCode],
  );
  return rows[0]!;
}

export async function slugsLike(q: Queryable, base: string): Promise<string[]> {
  const rows = await q.query<{ slug: string }>(
    `SELECT slug FROM partnerships WHERE slug = $1 OR slug LIKE $1 || '-%'`,
    [base],
  );
  return rows.map((r) => r.slug);
}

export async function findPartnershipBySlug(
  q: Queryable,
  slug: string,
): Promise<PartnershipRow | undefined> {
  return (await q.query<PartnershipRow>('SELECT * FROM partnerships WHERE slug = $1', [slug]))[0];
}

export async function listAllPartnerships(q: Queryable): Promise<PartnershipRow[]> {
  return q.query<PartnershipRow>('SELECT * FROM partnerships ORDER BY name');
}

export async function insertMembership(
  q: Queryable,
  m: { partnershipId: string; userId: string; role: Role },
): Promise<void> {
  await q.query(`INSERT INTO memberships (partnership_id, user_id, role) VALUES ($1, $2, $3)`, [
    m.partnershipId,
    m.userId,
    m.role,
  ]);
}
