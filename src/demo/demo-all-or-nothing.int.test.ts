import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/helpers/databases.js';
import type { Db } from '../platform/db/db.js';
import { createDemo } from './demo-service.js';

const TODAY = '2026-03-18';
const PASSWORD = 'a shared demo password';

/** How many rows every table holds. */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables)
    counts[table_name] = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`)
    )[0]!.n;
  return counts;
}

/*
 * The demo is one transaction. The failures are provoked in the database itself: the test adds a
 * constraint that a demo row breaks, in a database of its own, then takes it away again.
 */
describe.each(databaseKinds)('the demo is all or nothing on %s', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await freshDatabase(kind));
  });
  afterAll(async () => dispose?.());

  it('leaves no copy behind when a later copy fails', async () => {
    const before = await rowCounts(db);
    await db.query(
      `ALTER TABLE partnerships ADD CONSTRAINT demo_test_refuses CHECK (name NOT LIKE 'Northshire 2 %') NOT VALID`,
    );
    try {
      await expect(
        createDemo(db, { today: TODAY, password: PASSWORD, partnerships: 2 }),
      ).rejects.toThrow(/demo_test_refuses/);
    } finally {
      await db.query('ALTER TABLE partnerships DROP CONSTRAINT demo_test_refuses');
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  it('leaves nothing behind when the monthly updates fail', async () => {
    const before = await rowCounts(db);
    // The monthly updates go in after the plan and its rounds are written.
    await db.query(
      'ALTER TABLE action_updates ADD CONSTRAINT demo_test_refuses CHECK (narrative IS NULL) NOT VALID',
    );
    try {
      await expect(createDemo(db, { today: TODAY, password: PASSWORD })).rejects.toThrow(
        /demo_test_refuses/,
      );
    } finally {
      await db.query('ALTER TABLE action_updates DROP CONSTRAINT demo_test_refuses');
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  it('leaves nothing behind, and no platform owner, when its last step fails', async () => {
    const before = await rowCounts(db);
    // The EHC case set goes in last, after the indicators, their values, the geography and the
    // census: every one of those, and the demo's platform owner, must go too.
    await db.query(
      `ALTER TABLE ehc_cases ADD CONSTRAINT demo_test_refuses CHECK (case_ref = '') NOT VALID`,
    );
    try {
      await expect(
        createDemo(db, { today: TODAY, password: PASSWORD, platformOwnerIfNone: true }),
      ).rejects.toThrow(/demo_test_refuses/);
    } finally {
      await db.query('ALTER TABLE ehc_cases DROP CONSTRAINT demo_test_refuses');
    }
    expect(await rowCounts(db)).toEqual(before);
    expect(before.indicators).toBe(0);
  });

  it('then builds the demo under its first name, as no part of a failed one holds it', async () => {
    const demo = await createDemo(db, { today: TODAY, password: PASSWORD });
    expect(demo.partnerships.map((p) => p.name)).toEqual(['Northshire SEND Partnership']);
    const counts = await rowCounts(db);
    expect(counts.action_updates).toBe(demo.partnerships[0]!.counts.updates);
    expect(counts.actions).toBe(demo.partnerships[0]!.counts.actions);
    expect(counts.ehc_cases).toBe(demo.partnerships[0]!.counts.ehcRequests);
    expect(counts.census_school_counts).toBe(60);
    expect(counts.pending_imports).toBe(0);
  });

  it('builds two demos asked for at once as two whole copies', async () => {
    const demos = await Promise.all([
      createDemo(db, { today: TODAY, password: PASSWORD }),
      createDemo(db, { today: TODAY, password: PASSWORD }),
    ]);
    const copies = demos.map((d) => d.partnerships[0]!);
    expect(new Set(copies.map((c) => c.name)).size).toBe(2);
    for (const copy of copies) {
      const [counts] = await db.query<{ actions: number; updates: number; people: number }>(
        `SELECT (SELECT count(*)::int FROM actions WHERE partnership_id = $1) AS actions,
                (SELECT count(*)::int FROM action_updates WHERE partnership_id = $1) AS updates,
                (SELECT count(*)::int FROM memberships WHERE partnership_id = $1) AS people`,
        [copy.id],
      );
      expect(counts).toEqual({
        actions: copy.counts.actions,
        updates: copy.counts.updates,
        people: copy.people.length,
      });
    }
  });
});
