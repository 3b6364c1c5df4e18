import type { Db } from '../platform/db/db.js';
import { hashPassword } from '../platform/identity/passwords.js';
import { insertUser } from '../platform/identity/identity-repository.js';
import { createPartnership } from '../partnerships/index.js';
import { insertMembership } from '../partnerships/index.js';
import type { PartnershipInput } from '../partnerships/index.js';
import { recordAudit } from '../platform/audit/record.js';

export class AlreadySetUpError extends Error {
  constructor() {
    super('Sendboard is already set up');
  }
}

/** First run: the first partnership and its first admin, who also owns the platform. One transaction. */
export async function setUpSendboard(
  db: Db,
  input: {
    partnership: PartnershipInput;
    admin: { name: string; email: string; password: string };
    requestId?: string;
    via?: string;
  },
) {
  const passwordHash = await hashPassword(input.admin.password);
  return db.transaction(async (tx) => {
    // Two set-ups at once on PostgreSQL: the second waits here, then finds the first's admin.
    await tx.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
    if ((await tx.query('SELECT 1 FROM users LIMIT 1')).length > 0) throw new AlreadySetUpError();
    const user = await insertUser(tx, {
      email: input.admin.email,
      name: input.admin.name,
      passwordHash,
      isPlatformOwner: true,
    });
    const actor = {
      userId: user.id,
      name: input.via ? `${user.name} (${input.via})` : user.name,
      ...(input.requestId ? { requestId: input.requestId } : {}),
    };
    const partnership = await createPartnership(tx, actor, input.partnership);
    await insertMembership(tx, { partnershipId: partnership.id, userId: user.id, role: 'admin' });
    await recordAudit(tx, actor, {
      partnershipId: partnership.id,
      entityType: 'person',
      entityId: user.id,
      action: 'create',
      after: { name: user.name, email: user.email, role: 'admin', platform_owner: true },
    });
    return { partnership, user };
  });
}
