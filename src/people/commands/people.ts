/**
 * The people commands: the input checked against its schema, then against the partnership's
 * records (its organisations, its admins, accounts shared with other partnerships). Each answers
 * one Result, whoever calls it.
 */
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  settle,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import {
  findMember,
  findOrganisation,
  type MemberRow,
} from '../../platform/directory/directory.js';
import { PersonChange, PersonInput, RoleChange } from '../inputs.js';
import { newPasswordProblems, normaliseEmail, typedText } from '../people-rules.js';
import {
  addPerson,
  changeDetails,
  changeRole,
  reissueInvitation,
  setDisabled,
} from '../people-service.js';

const organisationProblem: FieldProblem = {
  field: 'organisationId',
  text: 'Select an organisation from the list',
  detail: 'organisationId is not an organisation of this partnership',
};

/** A password the admin sets, as typed (never trimmed): the password rules' first complaint. */
function newPasswordProblem(raw: unknown): FieldProblem[] {
  if (typedText(raw, 'access') !== 'password') return [];
  return newPasswordProblems(typedText(raw, 'password'), undefined, {
    email: typedText(raw, 'email').trim(),
  });
}

/**
 * Adds someone to the partnership: with a one-time invitation link (returned as its token), a
 * password set now, or their existing account. Their organisation must be the partnership's own.
 */
export async function addPersonToPartnership(
  context: CommandContext,
  raw: unknown,
): Promise<Result<{ userId: string; name: string; invitationToken?: string }>> {
  const parsed = parseInput(PersonInput, raw);
  const password = newPasswordProblem(raw);
  if (!parsed.ok || password.length)
    return invalid(...(parsed.ok ? [] : parsed.problems), ...password);
  const input = parsed.value;
  const { db, actor, tenant } = context;
  if (input.organisationId && !(await findOrganisation(db, tenant, input.organisationId)))
    return invalid(organisationProblem);
  const typed = typedText(raw, 'password');
  return settle(async () => {
    const added = await addPerson(db, actor, tenant, {
      name: input.name,
      email: input.email,
      role: input.role,
      organisationId: input.organisationId ?? undefined,
      password: input.access === 'password' ? typed : undefined,
    });
    return ok({ ...added, name: input.name });
  });
}

/** A person's role changed, as of the membership version read; the last admin stays one. */
export async function changePersonRole(
  { db, actor, tenant }: CommandContext,
  userId: string,
  raw: unknown,
): Promise<Result<RoleChange, MemberRow>> {
  const parsed = parseInput(RoleChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { role, version } = parsed.value;
  return settle(async () => {
    const change = await changeRole(db, actor, tenant, userId, role, version);
    if (change.outcome === 'not-found') return notFound;
    if (change.outcome === 'conflict') return conflict(change.current);
    return ok(parsed.value);
  });
}

export type DetailsChanged = { name: string; email: string; unchanged: boolean };
/** The person as someone else left them, and the details asked for: both go on the conflict page. */
export type DetailsConflict = { current: MemberRow; asked: { name: string; email: string } };

/**
 * A person's name and email address changed, as of the account version read: refused for an
 * account shared beyond this partnership; an email must not be another account's.
 */
export async function changePersonDetails(
  { db, actor, tenant }: CommandContext,
  userId: string,
  raw: unknown,
): Promise<Result<DetailsChanged, DetailsConflict>> {
  const parsed = parseInput(PersonChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const details = { name: parsed.value.name, email: normaliseEmail(parsed.value.email) };
  return settle(async () => {
    const change = await changeDetails(db, actor, tenant, userId, details, parsed.value.version);
    if (change.outcome === 'not-found') return notFound;
    if (change.outcome === 'conflict') return conflict({ current: change.current, asked: details });
    return ok({ ...details, unchanged: change.outcome === 'unchanged' });
  });
}

/** Turns a person's access off (signing them out everywhere) or on again. */
export async function setPersonDisabled(
  { db, actor, tenant }: CommandContext,
  userId: string,
  disabled: boolean,
): Promise<Result<MemberRow>> {
  return settle(async () => {
    const person = await setDisabled(db, actor, tenant, userId, disabled);
    return person ? ok(person) : notFound;
  });
}

/** A fresh one-time link to set a password, for someone who uses Sendboard only here. */
export async function newPasswordLink(
  { db, actor, tenant }: CommandContext,
  userId: string,
): Promise<Result<{ token: string; name: string | undefined }>> {
  return settle(async () => {
    const token = await reissueInvitation(db, actor, tenant, userId);
    if (!token) return notFound;
    return ok({ token, name: (await findMember(db, tenant, userId))?.name });
  });
}
