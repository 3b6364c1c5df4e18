import type { Queryable } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import { insertPartnership, slugsLike, type PartnershipRow } from './partnership-repository.js';
import { slugify, uniqueSlug, type PartnershipInput } from './partnership-rules.js';
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
