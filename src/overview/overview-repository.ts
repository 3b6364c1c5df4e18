import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

export type Overview = {
  name: string;
  local_authority: string;
  la_code: string;
  created_at: Date;
  people: number;
  organisations: number;
  roles: Record<string, number>;
};

/** The partnership's headline facts in one query. */
export async function partnershipOverview(q: Queryable, tenant: Tenant): Promise<Overview> {
  const rows = await q.query<Overview>(
    `SELECT p.name, p.local_authority, p.la_code, p.created_at,
       (SELECT count(*)::int FROM memberships m WHERE m.partnership_id = p.id AND m.disabled_at IS NULL) AS people,
       (SELECT count(*)::int FROM organisations o WHERE o.partnership_id = p.id) AS organisations,
       COALESCE((SELECT json_object_agg(role, n) FROM (SELECT role, count(*)::int AS n FROM memberships m
                  WHERE m.partnership_id = p.id AND m.disabled_at IS NULL GROUP BY role) r), '{}'::json) AS roles
     FROM partnerships p WHERE p.id = $1`,
    [tenant.partnershipId],
  );
  const row = rows[0]!;
  if (typeof row.roles === 'string') row.roles = JSON.parse(row.roles);
  return row;
}
