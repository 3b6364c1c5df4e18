import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/helpers/databases.js';
import { recordAudit } from '../platform/audit/record.js';
import type { Db } from '../platform/db/db.js';

/* The audit log is append-only in the database itself, whatever the application does. */
describe.each(databaseKinds)('the audit log refuses every way of rewriting it on %s', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  const entries = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;

  beforeAll(async () => {
    ({ db, dispose } = await freshDatabase(kind));
    await recordAudit(
      db,
      { userId: null, name: 'Sendboard' },
      { partnershipId: null, entityType: 'settings', entityId: null, action: 'update' },
    );
  });
  afterAll(async () => dispose?.());

  it('refuses UPDATE, DELETE and TRUNCATE, and keeps every entry', async () => {
    const before = await entries();
    expect(before).toBeGreaterThan(0);
    await expect(db.query("UPDATE audit_log SET action = 'tampered'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log RESTART IDENTITY CASCADE')).rejects.toThrow(
      /append-only/,
    );
    expect(await entries()).toBe(before);
  });
});
