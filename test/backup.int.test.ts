import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from './helpers/agent.js';
import { databaseKinds, freshDatabase } from './helpers/databases.js';
import { createTestApp, PASSWORD, seedTwoPartnerships, type TestApp } from './helpers/test-app.js';
import { buildApp } from '../src/app.js';
import { testConfig } from './helpers/test-app.js';
import { BackupError, createBackup, restoreBackup } from '../src/backup/index.js';
import { createBoard } from '../src/governance/index.js';
import { createOrganisation } from '../src/organisations/index.js';
import { createRisk } from '../src/risks/index.js';
import { setUpSendboard } from '../src/setup/index.js';

describe('backup and restore', () => {
  let source: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  beforeAll(async () => {
    source = await createTestApp('pglite');
    seed = await seedTwoPartnerships(source.db);
    await createOrganisation(
      source.db,
      { userId: seed.adminA.id, name: 'Alex Admin' },
      seed.tenantA,
      { name: 'Northshire County Council', kind: 'council' },
    );
    // A risk escalated to a board: the board must be restored before the risk that names it.
    const context = {
      db: source.db,
      actor: { userId: seed.adminA.id, name: 'Alex Admin' },
      tenant: seed.tenantA,
    };
    const board = await createBoard(context, {
      name: 'SEND Improvement Board',
      kind: 'send_board',
    });
    if (board.kind !== 'ok') throw new Error('no board');
    await createRisk(context, {
      title: 'Escalated risk',
      ownerUserId: seed.adminA.id,
      inherentLikelihood: 3,
      inherentImpact: 3,
      currentLikelihood: 2,
      currentImpact: 2,
      escalatedToBoardId: board.value.id,
      escalationReason: 'Outside tolerance',
    });
  });
  afterAll(async () => source?.close());

  it('refuses an unknown partnership', async () => {
    await expect(createBackup(source.db, 'nowhere')).rejects.toThrow(BackupError);
  });

  it.each(databaseKinds)(
    'restores one partnership into an empty %s database, where its people can sign in',
    async (kind) => {
      const backup = JSON.parse(JSON.stringify(await createBackup(source.db, seed.a.slug)));
      expect(backup.tables.partnerships).toHaveLength(1);
      expect(backup.tables.users.map((u: { email: string }) => u.email)).not.toContain(
        'bea@southvale.example',
      );
      expect(backup.tables.sessions).toBeUndefined();

      const target = await freshDatabase(kind);
      try {
        const result = await restoreBackup(target.db, backup);
        expect(result.partnerships).toEqual([seed.a.slug]);
        const n = (
          await target.db.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships')
        )[0]!.n;
        expect(n).toBe(6);
        const audit = await target.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM audit_log',
        );
        // Every entry of the file, and one more: the restore itself, in the partnership's log.
        expect(audit[0]!.n).toBe(backup.tables.audit_log.length + 1);
        const restored = await target.db.query<{
          partnership_id: string;
          entity_type: string;
          entity_id: string;
          actor_name: string;
          after: Record<string, unknown>;
        }>(
          `SELECT partnership_id::text, entity_type, entity_id, actor_name, after FROM audit_log
           WHERE action = 'restore from backup'`,
        );
        expect(restored).toEqual([
          {
            partnership_id: seed.a.id,
            entity_type: 'partnership',
            entity_id: seed.a.id,
            actor_name: 'Sendboard command line',
            after: { name: seed.a.name, backup_created_at: backup.createdAt, rows: result.rows },
          },
        ]);
        const escalated = await target.db.query<{ name: string }>(
          'SELECT b.name FROM risks r JOIN boards b ON b.id = r.escalated_to_board_id',
        );
        expect(escalated).toEqual([{ name: 'SEND Improvement Board' }]);
        const app = await buildApp({ config: testConfig(), db: target.db, logger: false });
        const agent = new Agent(app);
        await agent.signIn('alex@northshire.example', PASSWORD);
        const orgs = await agent.get(`/p/${seed.a.slug}/organisations`);
        expect(orgs.body).toContain('Northshire County Council');
        // All or nothing: restoring again clashes and writes nothing more.
        const entries = async () =>
          (await target.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
        const signedIn = await entries(); // signing in is audited too
        await expect(restoreBackup(target.db, backup)).rejects.toThrow(/already exists/);
        expect(await entries()).toBe(signedIn);
        await app.close();
      } finally {
        await target.dispose();
      }
    },
  );

  it('restores a partnership beside another one, reusing accounts with the same email', async () => {
    const backupB = JSON.parse(JSON.stringify(await createBackup(source.db, seed.b.slug)));
    const target = await createTestApp('pglite');
    try {
      // The target already knows Alex (from its own partnership A restore).
      await restoreBackup(
        target.db,
        JSON.parse(JSON.stringify(await createBackup(source.db, seed.a.slug))),
      );
      await restoreBackup(target.db, backupB);
      const alex = await target.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE email = 'alex@northshire.example'`,
      );
      expect(alex[0]!.n).toBe(1);
      const partnerships = await target.db.query<{ slug: string }>(
        'SELECT slug FROM partnerships ORDER BY slug',
      );
      expect(partnerships.map((p) => p.slug)).toEqual([seed.a.slug, seed.b.slug]);
    } finally {
      await target.close();
    }
  });

  it('backs up everything and refuses files that are not backups', async () => {
    const all = await createBackup(source.db);
    expect(all.tables.partnerships).toHaveLength(2);
    expect(all.scope.partnership).toBeNull();
    await expect(restoreBackup(source.db, { hello: 'world' } as never)).rejects.toThrow(
      'not a Sendboard backup',
    );
  });
});

describe('backup coverage', () => {
  it('backs up every table that holds partnership data', async () => {
    const t = await createTestApp('pglite');
    try {
      const tables = await t.db.query<{ table_name: string }>(
        `SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = 'partnership_id' AND table_schema = 'public'`,
      );
      const backup = await createBackup(t.db);
      // Invitations, the outbox and unconfirmed imports are deliberately left out: links and queued mail must not come back to life.
      const skipped = new Set(['invitations', 'outbox', 'pending_imports']);
      for (const { table_name } of tables)
        if (!skipped.has(table_name))
          expect(Object.keys(backup.tables), table_name).toContain(table_name);
    } finally {
      await t.close();
    }
  });
});

describe('restoring an untrusted file', () => {
  it('refuses injected column names, rows of other partnerships and platform owners, writing nothing', async () => {
    const source = await createTestApp('pglite');
    const target = await createTestApp('pglite');
    try {
      const seed = await seedTwoPartnerships(source.db);
      // The target already holds another partnership, the one an attacker would reach for.
      const victim = await setUpSendboard(target.db, {
        partnership: {
          name: 'Eastmarch SEND Partnership',
          localAuthority: 'Eastmarch Council',
          laCode: '903',
        },
        admin: { name: 'Eve Admin', email: 'eve@eastmarch.example', password: PASSWORD },
      });
      const clean = JSON.parse(JSON.stringify(await createBackup(source.db, seed.b.slug)));
      const before = (
        await target.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')
      )[0]!.n;

      const injected = structuredClone(clean);
      injected.tables.organisations = [
        {
          id: '00000000-0000-4000-8000-000000000001',
          partnership_id: clean.tables.partnerships[0].id,
          'name") SELECT 1 --': 'x',
          kind: 'school',
        },
      ];
      await expect(restoreBackup(target.db, injected)).rejects.toThrow(/unknown column/);

      const foreign = structuredClone(clean);
      foreign.tables.memberships.push({
        partnership_id: victim.partnership.id,
        user_id: clean.tables.users[0].id,
        role: 'admin',
      });
      await expect(restoreBackup(target.db, foreign)).rejects.toThrow(
        /of a partnership it does not contain/,
      );

      const owner = structuredClone(clean);
      owner.tables.users[0].is_platform_owner = true;
      await expect(restoreBackup(target.db, owner)).rejects.toThrow(/empty Sendboard/);

      const badSlug = structuredClone(clean);
      badSlug.tables.partnerships[0].slug = '<script>';
      await expect(restoreBackup(target.db, badSlug)).rejects.toThrow(/invalid URL name/);

      expect(
        (await target.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n,
      ).toBe(before);
      expect((await restoreBackup(target.db, clean)).partnerships).toEqual(
        [seed.b.slug.replace(/$/, '')].map(() => clean.tables.partnerships[0].slug),
      );
    } finally {
      await source.close();
      await target.close();
    }
  });
});
