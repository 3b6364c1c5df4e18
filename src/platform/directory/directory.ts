import type { Queryable } from '../db/db.js';
import type { Role } from '../identity/types.js';
import type { Tenant } from '../tenancy/tenancy.js';

export type MemberRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled_at: Date | null;
  has_password: boolean;
  /** The membership's version: role and access in this partnership. */
  version: number;
  /** The account's version: name and email, shared by every partnership the person is in. */
  account_version: number;
  organisations: { id: string; name: string }[];
};

const MEMBER_SELECT = `SELECT u.id, u.name, u.email, m.role, m.disabled_at, (u.password_hash IS NOT NULL) AS has_password, m.version, u.version AS account_version,
    COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name)
              FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
              WHERE om.partnership_id = m.partnership_id AND om.user_id = u.id), '[]'::json) AS organisations
  FROM memberships m JOIN users u ON u.id = m.user_id`;

function parseOrganisations(row: MemberRow): MemberRow {
  if (typeof row.organisations === 'string') row.organisations = JSON.parse(row.organisations);
  return row;
}

export async function listMembers(q: Queryable, tenant: Tenant): Promise<MemberRow[]> {
  const rows = await q.query<MemberRow>(
    `${MEMBER_SELECT} WHERE m.partnership_id = $1 ORDER BY m.disabled_at IS NOT NULL, lower(u.name)`,
    [tenant.partnershipId],
  );
  return rows.map(parseOrganisations);
}

export async function findMember(
  q: Queryable,
  tenant: Tenant,
  userId: string,
): Promise<MemberRow | undefined> {
  const rows = await q.query<MemberRow>(
    `${MEMBER_SELECT} WHERE m.partnership_id = $1 AND m.user_id = $2`,
    [tenant.partnershipId, userId],
  );
  return rows[0] ? parseOrganisations(rows[0]) : undefined;
}

export type OrganisationRow = {
  id: string;
  name: string;
  kind: OrganisationKind;
  version: number;
  member_count: number;
};

export async function listOrganisations(q: Queryable, tenant: Tenant): Promise<OrganisationRow[]> {
  return q.query<OrganisationRow>(
    `SELECT o.id, o.name, o.kind, o.version,
            (SELECT count(*)::int FROM organisation_members om WHERE om.organisation_id = o.id) AS member_count
     FROM organisations o WHERE o.partnership_id = $1 ORDER BY lower(o.name)`,
    [tenant.partnershipId],
  );
}

export async function findOrganisation(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<OrganisationRow | undefined> {
  const rows = await q.query<OrganisationRow>(
    `SELECT o.id, o.name, o.kind, o.version,
            (SELECT count(*)::int FROM organisation_members om WHERE om.organisation_id = o.id) AS member_count
     FROM organisations o WHERE o.partnership_id = $1 AND o.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

export const ORGANISATION_KINDS = [
  'council',
  'icb',
  'ccg',
  'school',
  'college',
  'early_years',
  'forum',
  'provider',
  'other',
] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
