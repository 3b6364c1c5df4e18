import type { Db } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import {
  addOrganisationMember,
  deleteOrganisation,
  findOrganisationUses,
  lockOrganisation,
  findOrganisationByName,
  insertOrganisation,
  removeOrganisationMember,
  updateOrganisation,
} from './organisation-repository.js';
import { organisationRemovalProblem, type OrganisationInput } from './organisation-rules.js';
import { findMember } from '../platform/directory/directory.js';
import { findOrganisation, type OrganisationRow } from '../platform/directory/directory.js';
import { recordAudit } from '../platform/audit/record.js';
import { problem, refused, RuleBroken } from '../platform/commands/result.js';

/** Another organisation of the partnership already has the name (in any case): 409 in the API. */
const nameTaken = (name: string) =>
  new RuleBroken(refused(`${name} is already in this partnership`));

export async function createOrganisation(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: OrganisationInput,
): Promise<OrganisationRow> {
  return db.transaction(async (tx) => {
    if (await findOrganisationByName(tx, tenant, input.name)) throw nameTaken(input.name);
    const org = await insertOrganisation(tx, tenant, input);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'organisation',
      entityId: org.id,
      action: 'create',
      after: input,
    });
    return org;
  });
}

export type OrganisationEdit =
  { outcome: 'ok' } | { outcome: 'conflict'; current: OrganisationRow } | { outcome: 'not-found' };

export async function editOrganisation(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
  input: OrganisationInput,
  version: number,
): Promise<OrganisationEdit> {
  return db.transaction(async (tx) => {
    const current = await findOrganisation(tx, tenant, id);
    if (!current) return { outcome: 'not-found' } as const;
    if (current.version !== version) return { outcome: 'conflict', current } as const;
    const clash = await findOrganisationByName(tx, tenant, input.name);
    if (clash && clash.id !== id) throw nameTaken(input.name);
    if (!(await updateOrganisation(tx, tenant, id, input, version)))
      return { outcome: 'conflict', current: (await findOrganisation(tx, tenant, id))! } as const;
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'organisation',
      entityId: id,
      action: 'update',
      before: { name: current.name, kind: current.kind },
      after: input,
    });
    return { outcome: 'ok' } as const;
  });
}

export async function addMemberToOrganisation(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await findOrganisation(tx, tenant, organisationId))) return false;
    // Only a current member of this partnership may be recorded as part of one of its organisations.
    const member = await findMember(tx, tenant, userId);
    if (!member || member.disabled_at)
      throw new RuleBroken(problem('userId', 'Select a person from the list'));
    if (await addOrganisationMember(tx, tenant, organisationId, userId)) {
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'organisation',
        entityId: organisationId,
        action: 'add member',
        after: { user_id: userId },
      });
    }
    return true;
  });
}

export async function removeMemberFromOrganisation(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  organisationId: string,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (await removeOrganisationMember(tx, tenant, organisationId, userId)) {
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'organisation',
        entityId: organisationId,
        action: 'remove member',
        before: { user_id: userId },
      });
    }
  });
}

/**
 * Deletes an organisation nothing refers to, with its audit entry, in one transaction: false when
 * there is no such organisation, refused with the reason while anything uses it. The pages and the
 * API both come here, so the rule is the same.
 */
export async function removeOrganisation(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const organisation = await lockOrganisation(tx, tenant, id);
    if (!organisation) return false;
    const uses = await findOrganisationUses(tx, tenant, id);
    const why = organisationRemovalProblem(organisation.name, {
      leads: uses.leads.length,
      partners: uses.partners.length,
      members: uses.members.length,
    });
    if (why) throw new RuleBroken(refused(why));
    await deleteOrganisation(tx, tenant, id);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'organisation',
      entityId: id,
      action: 'delete',
      before: { name: organisation.name, kind: organisation.kind },
    });
    return true;
  });
}
