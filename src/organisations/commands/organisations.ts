/**
 * The organisations commands: the input checked against its schema, then against the
 * partnership's records, for the page and the API alike. Each answers one Result.
 */
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  RuleBroken,
  settle,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import { findOrganisation, type OrganisationRow } from '../../platform/directory/directory.js';
import { OrganisationChange, OrganisationInput, OrganisationMemberInput } from '../inputs.js';
import {
  addMemberToOrganisation,
  createOrganisation,
  editOrganisation,
  removeMemberFromOrganisation,
  removeOrganisation,
} from '../organisation-service.js';

/** A new organisation; a name already in the partnership is refused. */
export function addOrganisation(
  { db, actor, tenant }: CommandContext,
  raw: unknown,
): Promise<Result<OrganisationRow>> {
  const parsed = parseInput(OrganisationInput, raw);
  if (!parsed.ok) return Promise.resolve(invalid(...parsed.problems));
  return settle(async () => ok(await createOrganisation(db, actor, tenant, parsed.value)));
}

/** What was asked, and the organisation as someone else left it: both go on the conflict page. */
export type OrganisationConflict = {
  current: OrganisationRow;
  asked: { name: string; kind: OrganisationRow['kind'] };
};

/** Renames an organisation (or changes its kind), as of the version the editor read. */
export async function changeOrganisation(
  { db, actor, tenant }: CommandContext,
  organisationId: string,
  raw: unknown,
): Promise<Result<OrganisationRow, OrganisationConflict>> {
  const parsed = parseInput(OrganisationChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { name, kind, version } = parsed.value;
  return settle(async () => {
    const edit = await editOrganisation(db, actor, tenant, organisationId, { name, kind }, version);
    if (edit.outcome === 'not-found') return notFound;
    if (edit.outcome === 'conflict')
      return conflict({ current: edit.current, asked: { name, kind } });
    return ok((await findOrganisation(db, tenant, organisationId))!);
  });
}

/** Deletes an organisation nothing refers to; refused with the reason while anything does. */
export function deleteOrganisation(
  { db, actor, tenant }: CommandContext,
  organisationId: string,
): Promise<Result<true>> {
  return settle(async () =>
    (await removeOrganisation(db, actor, tenant, organisationId)) ? ok(true as const) : notFound,
  );
}

/** For the delete page and DELETE route kits: true once deleted, false if not found, else throws. */
export async function asRemoval(result: Promise<Result<true>>): Promise<boolean> {
  const settled = await result;
  if (settled.kind === 'ok') return true;
  if (settled.kind === 'refused' || settled.kind === 'invalid') throw new RuleBroken(settled);
  return false;
}

/** Records a current member of the partnership as part of one of its organisations. */
export async function addMember(
  { db, actor, tenant }: CommandContext,
  organisationId: string,
  raw: unknown,
): Promise<Result<true>> {
  const parsed = parseInput(OrganisationMemberInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  return settle(async () =>
    (await addMemberToOrganisation(db, actor, tenant, organisationId, parsed.value.userId))
      ? ok(true as const)
      : notFound,
  );
}

/** Takes someone out of an organisation (nothing to do when they were not in it). */
export async function removeMember(
  { db, actor, tenant }: CommandContext,
  organisationId: string,
  userId: string,
): Promise<Result<true>> {
  await removeMemberFromOrganisation(db, actor, tenant, organisationId, userId);
  return ok(true);
}
