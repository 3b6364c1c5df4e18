import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/helpers/databases.js';
import { seedTwoPartnerships } from '../../test/helpers/test-app.js';
import type { Db } from '../platform/db/db.js';
import { listAudit } from './audit-repository.js';
import { recordAudit } from '../platform/audit/record.js';

describe.each(databaseKinds)('the audit log on %s', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let partnershipId = '';

  beforeAll(async () => {
    ({ db, dispose } = await freshDatabase(kind));
    partnershipId = (await seedTwoPartnerships(db)).a.id;
    // Enough entries that ids cross from one digit count to the next (9 → 10, 99 → 100).
    for (let i = 1; i <= 120; i++)
      await recordAudit(
        db,
        { userId: null, name: 'Test' },
        {
          partnershipId,
          entityType: 'note',
          entityId: null,
          action: 'create',
          after: { n: i },
        },
      );
  });
  afterAll(async () => dispose?.());

  it('lists newest first, by number not by text, and pages on without gaps or repeats', async () => {
    const seen: number[] = [];
    let beforeId: string | undefined;
    for (;;) {
      const page = await listAudit(db, partnershipId, {
        entityType: 'note',
        limit: 25,
        ...(beforeId ? { beforeId } : {}),
      });
      if (page.length === 0) break;
      seen.push(...page.map((row) => (row.after as { n: number }).n));
      beforeId = page[page.length - 1]!.id;
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 120 - i));
  });
});
