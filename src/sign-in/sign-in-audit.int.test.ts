import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';

type Entry = {
  partnership_id: string | null;
  actor_user_id: string | null;
  entity_id: string | null;
  action: string;
  after: Record<string, unknown> | null;
};

/* Signing in, signing out and failed sign-ins are in the audit log, never with a password. */
describe.each(databaseKinds)('the audit log of signing in and out on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  const entriesSince = async (id: number) =>
    t.db.query<Entry>(
      `SELECT partnership_id::text, actor_user_id::text, entity_id, action, after FROM audit_log
       WHERE id > $1 AND entity_type = 'person' ORDER BY id`,
      [id],
    );
  const lastId = async () =>
    (await t.db.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM audit_log'))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
  });
  afterAll(async () => t?.close());

  it('records a sign-in and a sign-out in the partnership of the person', async () => {
    const from = await lastId();
    const agent = new Agent(t.app);
    await agent.signIn('lead@northshire.example', PASSWORD);
    const home = await agent.get('/');
    expect(home.statusCode).toBeLessThan(400);
    const out = await agent.post('/sign-out', {});
    expect(out.statusCode).toBe(303);
    const entries = await entriesSince(from);
    expect(entries.map((e) => e.action)).toEqual(['sign in', 'sign out']);
    for (const e of entries)
      expect(e).toMatchObject({
        partnership_id: seed.a.id,
        actor_user_id: seed.people.lead,
        entity_id: seed.people.lead,
      });

    // On the partnership's audit log page, in words.
    const admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    const page = (await admin.get(`/p/${seed.a.slug}/audit?entityType=person`)).body;
    expect(page).toMatch(/signed in/);
    expect(page).toMatch(/signed out/);
  });

  it('records failed sign-ins with the email address tried and why, never the password', async () => {
    const from = await lastId();
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const wrong = await agent.post('/sign-in', {
      email: 'Contributor@Northshire.example',
      password: 'a wrong password, typed carefully',
    });
    expect(wrong.statusCode).toBe(400);
    const unknown = await agent.post('/sign-in', {
      email: 'nobody@elsewhere.example',
      password: 'a wrong password, typed carefully',
    });
    expect(unknown.statusCode).toBe(400);
    const entries = await entriesSince(from);
    expect(entries).toEqual([
      expect.objectContaining({
        partnership_id: seed.a.id,
        actor_user_id: null,
        entity_id: seed.people.contributor,
        action: 'refuse sign-in',
        after: { email_tried: 'contributor@northshire.example', reason: 'wrong password' },
      }),
      expect.objectContaining({
        partnership_id: null,
        entity_id: null,
        action: 'refuse sign-in',
        after: { email_tried: 'nobody@elsewhere.example', reason: 'no such account' },
      }),
    ]);
    const all = await t.db.query<{ text: string }>(
      "SELECT coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_log",
    );
    expect(all.some((r) => r.text.includes('typed carefully'))).toBe(false);

    const admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    const page = (await admin.get(`/p/${seed.a.slug}/audit?entityType=person`)).body;
    expect(page).toContain('refused a sign-in as');
    expect(page).toContain('Wrong password');
  });
});
