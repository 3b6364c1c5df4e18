import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary, inputValue, textOf } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  addMembership,
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';

describe.each(databaseKinds)('changing your own name on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let bea: Agent;

  const nameOf = async (id: string) =>
    (await t.db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [id]))[0]!.name;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    // Bea belongs to both partnerships: her own change reaches both, and both logs record it.
    await addMembership(t.db, seed.a.id, seed.adminBId, 'viewer');
    bea = new Agent(t.app);
    await bea.signIn('bea@southvale.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('changes it from Your account, in every partnership, with an audit entry in each', async () => {
    const account = await bea.get('/account');
    expect(account.body).toContain('href="/account/name"');
    const form = await bea.get('/account/name');
    expect(inputValue(form.body, 'name')).toBe('Bea Admin');
    const saved = await bea.post('/account/name', {
      name: 'Beatrice Admin',
      version: inputValue(form.body, 'version'),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account');
    const after = textOf((await bea.get('/account')).body);
    expect(after).toContain('Your name is now Beatrice Admin.');
    expect(after).toContain('Name Beatrice Admin');
    expect(await nameOf(seed.adminBId)).toBe('Beatrice Admin');

    const admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    expect(textOf((await admin.get(`/p/${seed.a.slug}/people`)).body)).toContain('Beatrice Admin');
    const entries = await t.db.query<{ partnership_id: string; before: unknown; after: unknown }>(
      `SELECT partnership_id, before, after FROM audit_log
       WHERE entity_type = 'person' AND entity_id = $1 AND action = 'update' ORDER BY partnership_id`,
      [seed.adminBId],
    );
    expect(entries.map((e) => e.partnership_id).sort()).toEqual([seed.a.id, seed.b.id].sort());
    expect(entries[0]).toMatchObject({
      before: { name: 'Bea Admin' },
      after: { name: 'Beatrice Admin' },
    });
  });

  it('re-renders an empty or long name with the error summary and the value typed', async () => {
    const form = await bea.get('/account/name');
    const version = inputValue(form.body, 'version');
    const empty = await bea.post('/account/name', { name: '  ', version });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Enter your full name']);
    const long = await bea.post('/account/name', { name: 'B'.repeat(121), version });
    expect(long.statusCode).toBe(400);
    expect(errorSummary(long.body)).toEqual(['Full name must be 120 characters or fewer']);
    expect(inputValue(long.body, 'name')).toBe('B'.repeat(121));
    expect(inputValue(long.body, 'version')).toBe(version);
    expect(await nameOf(seed.adminBId)).toBe('Beatrice Admin');
  });

  it('shows a stale change beside the saved name rather than overwriting it', async () => {
    const form = await bea.get('/account/name');
    const version = inputValue(form.body, 'version');
    // The same person in another browser saves first.
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    await other.get('/account/name');
    expect((await other.post('/account/name', { name: 'Bea A.', version })).statusCode).toBe(303);

    const stale = await bea.post('/account/name', { name: 'Bee Admin', version });
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('Full name Bea A. Bee Admin');
    expect(await nameOf(seed.adminBId)).toBe('Bea A.');
    const retried = await bea.post('/account/name', {
      name: inputValue(stale.body, 'name'),
      version: inputValue(stale.body, 'version'),
    });
    expect(retried.statusCode).toBe(303);
    expect(await nameOf(seed.adminBId)).toBe('Bee Admin');
  });

  it('refuses a post without the CSRF token, and needs signing in', async () => {
    const form = await bea.get('/account/name');
    const forged = await bea.post(
      '/account/name',
      { name: 'Forged', version: inputValue(form.body, 'version') },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    expect(await nameOf(seed.adminBId)).toBe('Bee Admin');
    const anonymous = await new Agent(t.app).get('/account/name');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });
});
