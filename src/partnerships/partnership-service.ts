import type { Db, Queryable } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import {
  insertMembership,
  insertPartnership,
  slugsLike,
  type PartnershipRow,
} from './partnership-repository.js';
import { slugify, uniqueSlug } from './partnership-rules.js';
import type { PartnershipInput } from './inputs.js';
import { recordAudit } from '../platform/audit/record.js';

/** Creates a partnership (a tenant). Call inside a transaction. */
export async function createPartnership(
  tx: Queryable,
  actor: Actor,
  input: PartnershipInput,
): Promise<PartnershipRow> {
  const base = slugify(input.name);
  const slug = uniqueSlug(base, await slugsLike(tx, base));
  const partnership = await insertPartnership(tx, { slug, ...input });
  await recordAudit(tx, actor, {
    partnershipId: partnership.id,
    entityType: 'partnership',
    entityId: partnership.id,
    action: 'create',
    after: {
      name: partnership.name,
      slug,
      local_authority: partnership.local_authority,
      la_code: partnership.la_code,
    },
  });
  return partnership;
}

/** A platform owner's new partnership, with the owner as its first admin so someone can add its people. */
export async function createOwnedPartnership(
  db: Db,
  actor: Actor,
  ownerId: string,
  input: PartnershipInput,
): Promise<PartnershipRow> {
  return db.transaction(async (tx) => {
    const created = await createPartnership(tx, actor, input);
    await insertMembership(tx, { partnershipId: created.id, userId: ownerId, role: 'admin' });
    await recordAudit(tx, actor, {
      partnershipId: created.id,
      entityType: 'person',
      entityId: ownerId,
      action: 'add existing account',
      after: { role: 'admin' },
    });
    return created;
  });
}
