import type { Queryable } from '../platform/db/db.js';
import type { OrganisationRow } from '../platform/directory/directory.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { OrganisationInput } from './organisation-rules.js';

export async function findOrganisationByName(
  q: Queryable,
  tenant: Tenant,
  name: string,
): Promise<{ id: string } | undefined> {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM organisations WHERE partnership_id = $1 AND lower(name) = lower($2)',
    [tenant.partnershipId, name],
  );
  return rows[0];
}

export async function insertOrganisation(
  q: Queryable,
  tenant: Tenant,
  input: OrganisationInput,
): Promise<OrganisationRow> {
  const rows = await q.query<OrganisationRow>(
    `INSERT INTO organisations (partnership_id, name, kind) VALUES ($1, $2, $3) RETURNING id, name, kind, version, 0 AS member_count`,
    [tenant.partnershipId, input.name, input.kind],
  );
  return rows[0]!;
}

/** Saves only if nobody changed the organisation since `version` was read. */
export async function updateOrganisation(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: OrganisationInput,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE organisations SET name = $3, kind = $4, version = version + 1 WHERE partnership_id = $1 AND id = $2 AND version = $5 RETURNING 1`,
    [tenant.partnershipId, id, input.name, input.kind, version],
  );
  return rows.length === 1;
}

export type OrganisationMemberRow = { id: string; name: string; email: string };

export async function listOrganisationMembers(
  q: Queryable,
  tenant: Tenant,
  organisationId: string,
): Promise<OrganisationMemberRow[]> {
  return q.query<OrganisationMemberRow>(
    `SELECT u.id, u.name, u.email FROM organisation_members om JOIN users u ON u.id = om.user_id
     WHERE om.partnership_id = $1 AND om.organisation_id = $2 ORDER BY lower(u.name)`,
    [tenant.partnershipId, organisationId],
  );
}

export async function addOrganisationMember(
  q: Queryable,
  tenant: Tenant,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO organisation_members (partnership_id, organisation_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
    [tenant.partnershipId, organisationId, userId],
  );
  return rows.length === 1;
}

export async function removeOrganisationMember(
  q: Queryable,
  tenant: Tenant,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  const rows = await q.query(
    `DELETE FROM organisation_members WHERE partnership_id = $1 AND organisation_id = $2 AND user_id = $3 RETURNING 1`,
    [tenant.partnershipId, organisationId, userId],
  );
  return rows.length === 1;
}

/** An action that names the organisation, with what it needs to be found and numbered. */
export type OrganisationActionUse = {
  id: string;
  plan_id: string;
  plan_title: string;
  title: string;
  priority_position: number;
  position: number;
  parent_position: number | null;
};

/** Everything that refers to an organisation: it cannot be deleted while any of it remains. */
export type OrganisationUses = {
  leads: OrganisationActionUse[];
  partners: OrganisationActionUse[];
  members: OrganisationMemberRow[];
};

const ACTION_USE = `SELECT a.id, a.plan_id, pl.title AS plan_title, a.title, pr.position AS priority_position,
    a.position, parent.position AS parent_position
  FROM actions a
  JOIN plans pl ON pl.id = a.plan_id
  JOIN priorities pr ON pr.id = a.priority_id
  LEFT JOIN actions parent ON parent.id = a.parent_action_id`;
const ACTION_ORDER = `ORDER BY lower(pl.title), pl.id, pr.position, COALESCE(parent.position, a.position), parent.position IS NOT NULL, a.position`;

/**
 * What refers to the organisation, by every foreign key to it (migrations 001 and 002): actions it
 * leads, actions it is a partner in, and the people recorded as part of it.
 */
export async function findOrganisationUses(
  q: Queryable,
  tenant: Tenant,
  organisationId: string,
): Promise<OrganisationUses> {
  // One after another: inside a transaction they share one connection.
  const leads = await q.query<OrganisationActionUse>(
    `${ACTION_USE} WHERE a.partnership_id = $1 AND a.lead_organisation_id = $2 ${ACTION_ORDER}`,
    [tenant.partnershipId, organisationId],
  );
  const partners = await q.query<OrganisationActionUse>(
    `${ACTION_USE} JOIN action_partners ap ON ap.action_id = a.id
     WHERE ap.partnership_id = $1 AND ap.organisation_id = $2 ${ACTION_ORDER}`,
    [tenant.partnershipId, organisationId],
  );
  const members = await listOrganisationMembers(q, tenant, organisationId);
  return { leads, partners, members };
}

/**
 * Locks the organisation until the transaction ends. Anything that starts to refer to it must
 * wait (a foreign key locks the row it points at), so what was found unused stays unused.
 */
export async function lockOrganisation(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<OrganisationRow | undefined> {
  const rows = await q.query<OrganisationRow>(
    `SELECT o.id, o.name, o.kind, o.version, 0 AS member_count
     FROM organisations o WHERE o.partnership_id = $1 AND o.id = $2 FOR UPDATE`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

export async function deleteOrganisation(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<boolean> {
  const rows = await q.query(
    'DELETE FROM organisations WHERE partnership_id = $1 AND id = $2 RETURNING 1',
    [tenant.partnershipId, id],
  );
  return rows.length === 1;
}
