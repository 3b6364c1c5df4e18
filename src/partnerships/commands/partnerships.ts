/** The partnership command: a platform owner creates a partnership and becomes its first admin. */
import { parseInput } from '../../platform/commands/input.js';
import {
  forbidden,
  invalid,
  ok,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import { PartnershipInput } from '../inputs.js';
import type { PartnershipRow } from '../partnership-repository.js';
import { createOwnedPartnership } from '../partnership-service.js';

/** A new partnership, for a platform owner only; they become its admin. */
export async function createPartnershipAsOwner(
  { db, actor }: Pick<CommandContext, 'db' | 'actor'>,
  owner: { id: string; isPlatformOwner: boolean },
  raw: unknown,
): Promise<Result<PartnershipRow>> {
  if (!owner.isPlatformOwner) return forbidden;
  const parsed = parseInput(PartnershipInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  return ok(await createOwnedPartnership(db, actor, owner.id, parsed.value));
}
