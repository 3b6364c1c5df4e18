import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { seedIndicators } from '../../../test/helpers/import-data.js';

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

/** The page's main content as text, for assertions on what a person reads. */
const textOf = (html: string) =>
  decode((/<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? html).replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

describe.each(databaseKinds)('a saved import’s page and undoing it on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let viewer: Agent;
  let importsUrl: string;
  let firstId: string;
  let secondId: string;

  /** Uploads a file and saves its preview; the id of the saved import. */
  async function importFile(kindValue: string, filename: string, bytes: string): Promise<string> {
    await admin.get(importsUrl);
    const uploaded = await admin.postMultipart(
      importsUrl,
      { kind: kindValue },
      { field: 'file', filename, bytes },
    );
    expect(uploaded.statusCode, textOf(uploaded.body)).toBe(303);
    const id = new URL(uploaded.headers.location!, 'http://x').searchParams.get('id')!;
    await admin.get(uploaded.headers.location!);
    const saved = await admin.post(`${importsUrl}/preview`, {
      id,
      kind: kindValue,
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    const rows = await t.db.query<{ id: string }>(
      `SELECT id FROM data_imports WHERE partnership_id = $1 AND file_name = $2
       ORDER BY created_at DESC LIMIT 1`,
      [seed.a.id, filename],
    );
    return rows[0]!.id;
  }

  const heldValues = () =>
    t.db.query<{ period_key: string; value: string; file: string }>(
      `SELECT v.period_key, v.value::text AS value, d.file_name AS file
       FROM indicator_values v JOIN data_imports d ON d.id = v.import_id
       WHERE v.partnership_id = $1 ORDER BY v.period_key`,
      [seed.a.id],
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    await seedIndicators(t.db, seed.a.id);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    importsUrl = `/p/${seed.a.slug}/performance/imports`;
    // The second import replaces February and adds March; January stays the first import's.
    firstId = await importFile(
      'indicator_values',
      'first.csv',
      csv([
        ['indicator', 'period', 'value'],
        ['autism-wait', '2024-01', 10],
        ['autism-wait', '2024-02', 11],
      ]),
    );
    secondId = await importFile(
      'indicator_values',
      'second.csv',
      csv([
        ['indicator', 'period', 'value'],
        ['autism-wait', '2024-02', 12],
        ['autism-wait', '2024-03', 13],
      ]),
    );
  });
  afterAll(async () => t?.close());

  it('lists each import with a link to its page, which anyone in the partnership can read', async () => {
    const list = await viewer.get(importsUrl);
    expect(list.body).toContain(`href="${importsUrl}/${secondId}"`);
    const page = await viewer.get(`${importsUrl}/${secondId}`);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Import of second.csv');
    expect(text).toContain('Imported by Alex Admin');
    expect(text).toContain('Rows read 2');
    expect(text).toContain('Still held 2 values');
    expect(text).toContain('Autism assessment wait');
    expect(text).toContain('Code: autism-wait');
    expect(text).toMatch(/Feb(ruary)? 2024/);
    expect(text).toMatch(/Mar(ch)? 2024/);
    // Readers see what it brought, not how to undo it.
    expect(text).not.toContain('Undo this import');
    expect((await admin.get(`${importsUrl}/${secondId}`)).body).toContain(
      `href="${importsUrl}/${secondId}/undo"`,
    );
  });

  it('says when a later import has replaced part of an earlier one', async () => {
    const text = textOf((await admin.get(`${importsUrl}/${firstId}`)).body);
    expect(text).toContain('Saved 2 values');
    expect(text).toContain('Still held 1 value');
    expect(text).toContain('replaced by a later import');
  });

  it('refuses to undo for someone who is not an admin, and without the form’s token', async () => {
    expect((await viewer.get(`${importsUrl}/${secondId}/undo`)).statusCode).toBe(403);
    expect((await viewer.post(`${importsUrl}/${secondId}/undo`)).statusCode).toBe(403);
    await admin.get(`${importsUrl}/${secondId}/undo`);
    const noToken = await admin.post(`${importsUrl}/${secondId}/undo`, {}, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect((await heldValues()).length).toBe(3);
    const marked = await t.db.query<{ undone_at: Date | null }>(
      'SELECT undone_at FROM data_imports WHERE id = $1',
      [secondId],
    );
    expect(marked[0]!.undone_at).toBeNull();
  });

  it('is not found from another partnership', async () => {
    const bea = new Agent(t.app);
    await bea.signIn('bea@southvale.example', PASSWORD);
    const otherUrl = `/p/${seed.b.slug}/performance/imports/${secondId}`;
    expect((await bea.get(otherUrl)).statusCode).toBe(404);
    expect((await bea.get(`${otherUrl}/undo`)).statusCode).toBe(404);
    await bea.get(`/p/${seed.b.slug}/performance/imports`);
    expect((await bea.post(`${otherUrl}/undo`)).statusCode).toBe(404);
    expect((await heldValues()).length).toBe(3);
  });

  it('undoes only the values that import wrote, with an audit entry, once', async () => {
    const confirm = await admin.get(`${importsUrl}/${secondId}/undo`);
    expect(confirm.statusCode).toBe(200);
    const confirmText = textOf(confirm.body);
    expect(confirmText).toContain('Are you sure you want to undo the import of second.csv?');
    expect(confirmText).toContain('still held: 2 values');
    expect(confirmText).toContain('not brought back');

    const undone = await admin.post(`${importsUrl}/${secondId}/undo`);
    expect(undone.statusCode).toBe(303);
    expect(undone.headers.location).toBe(`${importsUrl}/${secondId}`);
    const after = await admin.get(undone.headers.location!);
    expect(textOf(after.body)).toContain('Import of second.csv undone: 2 values removed.');
    expect(textOf(after.body)).toMatch(/Undone on \d/);
    expect(textOf(after.body)).not.toContain('Undo this import');

    // The first import's January stays; its February went when the second import replaced it.
    expect(await heldValues()).toEqual([{ period_key: '2024-01', value: '10', file: 'first.csv' }]);

    const audit = await t.db.query<{ action: string; actor_name: string; before: unknown }>(
      `SELECT action, actor_name, before FROM audit_log
       WHERE entity_type = 'data_import' AND entity_id = $1 AND action LIKE 'undo%'`,
      [secondId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('undo import of indicator values');
    expect(audit[0]!.actor_name).toBe('Alex Admin');
    expect(audit[0]!.before).toMatchObject({ file: 'second.csv', held: 2 });

    const list = await admin.get(importsUrl);
    expect(textOf(list.body)).toContain('second.csv Undone');
    expect(textOf(list.body)).not.toContain('first.csv Undone');

    // Twice: the confirmation and the undo both say it is undone already; nothing else goes.
    const again = await admin.post(`${importsUrl}/${secondId}/undo`);
    expect(again.statusCode).toBe(409);
    expect(textOf(again.body)).toContain('already undone');
    expect((await admin.get(`${importsUrl}/${secondId}/undo`)).statusCode).toBe(409);
    expect(await heldValues()).toHaveLength(1);
  });

  it('undoes an import of benchmarks', async () => {
    const id = await importFile(
      'benchmarks',
      'benchmarks.csv',
      csv([
        ['indicator', 'period', 'series', 'value'],
        ['autism-wait', '2024-01', 'England', 14],
        ['autism-wait', '2024-02', 'England', 15],
      ]),
    );
    const page = textOf((await admin.get(`${importsUrl}/${id}`)).body);
    expect(page).toContain('Still held 2 figures');
    expect(page).toContain('England');
    await admin.get(`${importsUrl}/${id}/undo`);
    const undone = await admin.post(`${importsUrl}/${id}/undo`);
    expect(undone.statusCode).toBe(303);
    expect(textOf((await admin.get(undone.headers.location!)).body)).toContain(
      'Import of benchmarks.csv undone: 2 benchmark figures removed.',
    );
    const left = await t.db.query('SELECT 1 FROM benchmark_values WHERE partnership_id = $1', [
      seed.a.id,
    ]);
    expect(left).toHaveLength(0);
  });

  it('sends a census import to its census, and offers no undo for it', async () => {
    const [record] = await t.db.query<{ id: string }>(
      `INSERT INTO data_imports (partnership_id, kind, file_name, rows_read, created_by)
       VALUES ($1, 'census', 'spring.csv', 3, $2) RETURNING id`,
      [seed.a.id, seed.adminA.id],
    );
    const [census] = await t.db.query<{ id: string }>(
      `INSERT INTO censuses (partnership_id, label, census_date, source, import_id)
       VALUES ($1, 'Spring 2025', '2025-01-16', 'school-level', $2) RETURNING id`,
      [seed.a.id, record!.id],
    );
    const page = await admin.get(`${importsUrl}/${record!.id}`);
    expect(page.body).toContain(`href="/p/${seed.a.slug}/performance/census/${census!.id}"`);
    expect(textOf(page.body)).toContain('Spring 2025');
    expect(textOf(page.body)).not.toContain('Undo this import');
    await admin.get(importsUrl);
    const refused = await admin.post(`${importsUrl}/${record!.id}/undo`);
    expect(refused.statusCode).toBe(409);
    expect(textOf(refused.body)).toContain('Only an import of indicator values or benchmarks');
    await t.db.query('DELETE FROM censuses WHERE id = $1', [census!.id]);
    expect(textOf((await admin.get(`${importsUrl}/${record!.id}`)).body)).toContain(
      'has since been deleted or replaced',
    );
  });
});
