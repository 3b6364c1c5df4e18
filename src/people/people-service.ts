import type { Db, Queryable } from '../platform/db/db.js';
import type { Actor, Role } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import {
  deleteSessionsOfUser,
  findUserByEmail,
  findUserById,
  hashSecret,
  insertUser,
  newSecret,
} from '../platform/identity/identity-repository.js';
import { hashPassword } from '../platform/identity/passwords.js';
import { insertMembership } from '../partnerships/index.js';
import { addOrganisationMember } from '../organisations/index.js';
import {
  accountIsOnlyHere,
  countLiveAdmins,
  findLiveInvitation,
  insertInvitation,
  setMembershipDisabled,
  updateAccountDetails,
  updateRole,
} from './people-repository.js';
import type { PersonDetails } from './people-rules.js';
import type { Edit } from '../platform/db/versioned.js';
import { findMember, type MemberRow } from '../platform/directory/directory.js';
import { findOrganisation } from '../platform/directory/directory.js';
import { recordAudit } from '../platform/audit/record.js';
import { problem, refused, RuleBroken } from '../platform/commands/result.js';

const INVITATION_DAYS = 7;

/**
 * A rule the person's request broke, reported against a form field: thrown inside a transaction to
 * undo it, and answered by the commands (settle) as `invalid` with that field's problem.
 */
export class PeopleRuleError extends RuleBroken {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(problem(field, message));
  }
}

export type NewPerson = {
  name: string;
  email: string;
  role: Role;
  organisationId?: string | undefined;
  password?: string | undefined;
};

/**
 * Adds someone to the partnership. A new person either gets the password the admin set, or a
 * one-time invitation link (returned) to choose their own; someone already known to Sendboard
 * (a member elsewhere) simply joins with their existing account.
 */
export async function addPerson(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: NewPerson,
): Promise<{ userId: string; invitationToken?: string }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    if (input.organisationId && !(await findOrganisation(tx, tenant, input.organisationId))) {
      throw new PeopleRuleError('organisationId', 'Select an organisation from the list');
    }
    const existing = await findUserByEmail(tx, input.email);
    let userId: string;
    let invitationToken: string | undefined;
    if (existing) {
      if (await findMember(tx, tenant, existing.id)) {
        throw new PeopleRuleError(
          'email',
          `${input.email} is already a member of this partnership`,
        );
      }
      userId = existing.id;
    } else {
      const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash });
      userId = user.id;
      if (!passwordHash) {
        invitationToken = newSecret();
        await insertInvitation(tx, {
          tokenHash: hashSecret(invitationToken),
          userId,
          partnershipId: tenant.partnershipId,
          createdBy: actor.userId,
          days: INVITATION_DAYS,
        });
      }
    }
    await insertMembership(tx, { partnershipId: tenant.partnershipId, userId, role: input.role });
    if (input.organisationId) await addOrganisationMember(tx, tenant, input.organisationId, userId);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'person',
      entityId: userId,
      action: existing ? 'add existing account' : passwordHash ? 'create with password' : 'invite',
      after: {
        name: existing?.name ?? input.name,
        email: input.email,
        role: input.role,
        organisation_id: input.organisationId ?? null,
      },
    });
    return invitationToken ? { userId, invitationToken } : { userId };
  });
}

/**
 * Why this partnership's admin may not change the account, or null when they may. An account is
 * shared by every partnership the person belongs to; like a set-password link, changing its
 * email (what they sign in with) or name is left to the person when it reaches beyond this
 * partnership or owns the platform, so one partnership's admin cannot take it over.
 */
export async function accountChangeProblem(
  q: Queryable,
  tenant: Tenant,
  member: Pick<MemberRow, 'id' | 'name'>,
): Promise<string | null> {
  if (await accountIsOnlyHere(q, tenant, member.id)) return null;
  const why = (await findUserById(q, member.id))?.is_platform_owner
    ? 'owns this Sendboard platform'
    : 'also uses Sendboard in another partnership';
  return `${member.name} ${why}, so an admin of one partnership cannot change their name or email address. They can change their name themselves under Your account.`;
}

/** The other account already using an email address, in words for the email field. */
const emailTaken = (email: string) =>
  `${email} is already used by another Sendboard account. Each person needs their own email address`;

/** PostgreSQL's unique violation on the one-account-per-email index (a change that raced another). */
export function isEmailClash(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return (
    e?.code === '23505' &&
    (e.constraint === 'users_email_key' || /users_email_key/.test(e.message ?? ''))
  );
}

/**
 * An admin changes a person's name and email address. Versioned by the account (the name and
 * email are the account's, not the membership's), refused for an account shared beyond this
 * partnership, and the email must not be another account's.
 */
export async function changeDetails(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  userId: string,
  details: PersonDetails,
  version: number,
): Promise<Edit<MemberRow> | { outcome: 'unchanged' }> {
  try {
    return await db.transaction(async (tx) => {
      // Lock the account first: another partnership adding it meanwhile waits, so the check
      // below that it belongs to this partnership alone still holds when the change is saved.
      await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const member = await findMember(tx, tenant, userId);
      if (!member) return { outcome: 'not-found' } as const;
      const why = await accountChangeProblem(tx, tenant, member);
      if (why) throw new RuleBroken(refused(why));
      if (member.account_version !== version)
        return { outcome: 'conflict', current: member } as const;
      const clash = await findUserByEmail(tx, details.email);
      if (clash && clash.id !== userId)
        throw new PeopleRuleError('email', emailTaken(details.email));
      const before = { name: member.name, email: member.email };
      if (before.name === details.name && before.email === details.email)
        return { outcome: 'unchanged' } as const;
      if (!(await updateAccountDetails(tx, userId, details, version)))
        return { outcome: 'conflict', current: (await findMember(tx, tenant, userId))! } as const;
      // A link sent to the old address (often a mistyped one) must not set this account's
      // password: every unused link ends, and the admin makes a new one.
      if (before.email !== details.email)
        await tx.query(
          'UPDATE invitations SET used_at = now() WHERE user_id = $1 AND used_at IS NULL',
          [userId],
        );
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'person',
        entityId: userId,
        action: 'update',
        before: changedFields(before, details),
        after: changedFields(details, before),
      });
      return { outcome: 'ok' } as const;
    });
  } catch (error) {
    if (isEmailClash(error)) throw new PeopleRuleError('email', emailTaken(details.email));
    throw error;
  }
}

/** The fields of `from` whose values differ in `other`: the audit records only what changed. */
function changedFields(from: PersonDetails, other: PersonDetails): Partial<PersonDetails> {
  return Object.fromEntries(
    Object.entries(from).filter(([k, v]) => other[k as keyof PersonDetails] !== v),
  );
}

/** A fresh one-time link to set a password: for a forgotten password or a lost invitation. */
export async function reissueInvitation(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  userId: string,
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const member = await findMember(tx, tenant, userId);
    if (!member || member.disabled_at) return undefined;
    if (!(await accountIsOnlyHere(tx, tenant, userId))) {
      throw new PeopleRuleError(
        'password-link',
        `${member.name} also uses Sendboard in another partnership, so only they can change their password (under Your account). If they have forgotten it, ask the platform owner.`,
      );
    }
    const token = newSecret();
    await insertInvitation(tx, {
      tokenHash: hashSecret(token),
      userId,
      partnershipId: tenant.partnershipId,
      createdBy: actor.userId,
      days: INVITATION_DAYS,
    });
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'person',
      entityId: userId,
      action: 'new password link',
    });
    return token;
  });
}

export type RoleChange =
  { outcome: 'ok' } | { outcome: 'conflict'; current: MemberRow } | { outcome: 'not-found' };

export async function changeRole(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  userId: string,
  role: Role,
  version: number,
): Promise<RoleChange> {
  return db.transaction(async (tx) => {
    const member = await findMember(tx, tenant, userId);
    if (!member) return { outcome: 'not-found' } as const;
    if (member.version !== version) return { outcome: 'conflict', current: member } as const;
    if (
      member.role === 'admin' &&
      role !== 'admin' &&
      !member.disabled_at &&
      (await countLiveAdmins(tx, tenant)) <= 1
    ) {
      throw new PeopleRuleError(
        'role',
        'A partnership needs at least one admin. Make someone else an admin first',
      );
    }
    if (!(await updateRole(tx, tenant, userId, role, version))) {
      return { outcome: 'conflict', current: (await findMember(tx, tenant, userId))! } as const;
    }
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'person',
      entityId: userId,
      action: 'change role',
      before: { role: member.role },
      after: { role },
    });
    return { outcome: 'ok' } as const;
  });
}

/** Disabling ends every session of the person at once; their API tokens stop reaching this partnership. */
export async function setDisabled(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  userId: string,
  disabled: boolean,
): Promise<MemberRow | undefined> {
  return db.transaction(async (tx) => {
    const member = await findMember(tx, tenant, userId);
    if (!member) return undefined;
    if (disabled && userId === actor.userId)
      throw new PeopleRuleError('disable', 'You cannot disable your own account');
    if (
      disabled &&
      member.role === 'admin' &&
      !member.disabled_at &&
      (await countLiveAdmins(tx, tenant)) <= 1
    ) {
      throw new PeopleRuleError(
        'disable',
        'A partnership needs at least one admin. Make someone else an admin first',
      );
    }
    await setMembershipDisabled(tx, tenant, userId, disabled);
    if (disabled) await deleteSessionsOfUser(tx, userId);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'person',
      entityId: userId,
      action: disabled ? 'disable' : 'enable',
      before: { disabled: Boolean(member.disabled_at) },
      after: { disabled },
    });
    return member;
  });
}

export async function findInvitation(db: Db, token: string) {
  return findLiveInvitation(db, hashSecret(token));
}

export async function acceptInvitation(
  db: Db,
  token: string,
  password: string,
  requestId?: string,
): Promise<{ userId: string } | undefined> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const invitation = await findLiveInvitation(tx, hashSecret(token));
    if (!invitation) return undefined;
    await tx.query('UPDATE invitations SET used_at = now() WHERE token_hash = $1', [
      hashSecret(token),
    ]);
    await tx.query(
      'UPDATE users SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL, version = version + 1 WHERE id = $1',
      [invitation.user_id, passwordHash],
    );
    await deleteSessionsOfUser(tx, invitation.user_id);
    await recordAudit(
      tx,
      { userId: invitation.user_id, name: invitation.name, ...(requestId ? { requestId } : {}) },
      {
        partnershipId: invitation.partnership_id,
        entityType: 'person',
        entityId: invitation.user_id,
        action: 'set password from link',
      },
    );
    return { userId: invitation.user_id };
  });
}
