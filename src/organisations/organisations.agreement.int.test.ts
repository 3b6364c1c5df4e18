import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent } from '../../test/helpers/agent.js';
import { errorFields, expectSameVerdict, type BadInput } from '../../test/helpers/agreement.js';
import { createToken } from '../account/index.js';
import { createOrganisation } from './index.js';
import { addMember } from './commands/organisations.js';

// Adding and changing an organisation: the page form and the API refuse the same inputs.
describe.each(databaseKinds)('organisations: page and API agree on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  }, 180_000);
  afterAll(async () => t?.close());

  const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const count = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations'))[0]!.n;
  const versionOf = async (id: string) =>
    (
      await t.db.query<{ n: number }>('SELECT version AS n FROM organisations WHERE id = $1', [id])
    )[0]!.n;

  const bad = (): BadInput[] => [
    { name: 'empty name', form: { name: '   ' }, json: { name: '   ' }, field: 'name' },
    {
      name: 'name too long',
      form: { name: 'x'.repeat(161) },
      json: { name: 'x'.repeat(161) },
      field: 'name',
    },
    {
      name: 'unknown kind',
      form: { kind: 'spaceship' },
      json: { kind: 'spaceship' },
      field: 'kind',
    },
  ];

  it('refuse the same new organisations', async () => {
    const good = { name: 'Hillside Primary', kind: 'school' };
    const page = `/p/${seed.a.slug}/organisations/new`;
    await admin.get(page);
    await expectSameVerdict({
      page: (form) => admin.post(page, { ...good, ...form }),
      api: (json) => api('POST', 'organisations', { ...good, ...json }),
      cases: bad(),
      count,
    });
    expect((await admin.post(page, good)).statusCode).toBe(303);
    // A name already in the partnership (in any case): the page shows it beside the name, the
    // API answers 409 (as it always has); neither saves it.
    const before = await count();
    const twin = await admin.post(page, { name: 'HILLSIDE primary', kind: 'school' });
    expect(twin.statusCode).toBe(400);
    expect(errorFields(twin.body)).toContain('name');
    expect(
      (await api('POST', 'organisations', { name: 'hillside PRIMARY', kind: 'school' })).statusCode,
    ).toBe(409);
    expect(await count()).toBe(before);
  });

  it('refuse the same changes to an organisation', async () => {
    const made = await createOrganisation(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.tenantA,
      {
        name: 'Oakfield School',
        kind: 'school',
      },
    );
    await createOrganisation(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.tenantA, {
      name: 'Northshire ICB',
      kind: 'icb',
    });
    const good = { name: 'Oakfield Academy', kind: 'school', version: made.version };
    const edit = `/p/${seed.a.slug}/organisations/${made.id}/edit`;
    await admin.get(edit);
    const form = (extra: Record<string, string | string[]>) =>
      admin.post(edit, { ...good, version: String(good.version), ...extra });
    await expectSameVerdict({
      page: form,
      api: (json) => api('PUT', `organisations/${made.id}`, { ...good, ...json }),
      cases: bad(),
      count: () => versionOf(made.id),
    });
    const twin = await form({ name: 'northshire icb' });
    expect(twin.statusCode).toBe(400);
    expect(errorFields(twin.body)).toContain('name');
    const apiTwin = await api('PUT', `organisations/${made.id}`, {
      ...good,
      name: 'northshire icb',
    });
    expect(apiTwin.statusCode).toBe(409);
    expect(await versionOf(made.id)).toBe(made.version);
  });

  // Adding someone to an organisation has no API: the page and the command it calls (what an API
  // would call) refuse the same people.
  it('refuse the same people for an organisation, page and command alike', async () => {
    const org = await createOrganisation(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.tenantA,
      {
        name: 'Parent Carer Forum',
        kind: 'forum',
      },
    );
    const page = `/p/${seed.a.slug}/organisations/${org.id}`;
    await t.db.query('UPDATE memberships SET disabled_at = now() WHERE user_id = $1', [
      seed.people.forum,
    ]);
    await admin.get(page);
    const members = async () =>
      (
        await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM organisation_members WHERE organisation_id = $1',
          [org.id],
        )
      )[0]!.n;
    const context = {
      db: t.db,
      actor: { userId: seed.adminA.id, name: 'Alex' },
      tenant: seed.tenantA,
    };
    for (const [name, userId] of [
      ['a person of another partnership', seed.adminBId],
      ['a person whose access is turned off', seed.people.forum!],
      ['not an id', 'someone'],
      ['nobody chosen', ''],
    ] as const) {
      const response = await admin.post(`${page}/members`, { userId });
      expect(response.statusCode, `page: ${name}`).toBe(400);
      expect(errorFields(response.body), `page: ${name}`).toContain('userId');
      const result = await addMember(context, org.id, { userId });
      expect(result.kind, `command: ${name}`).toBe('invalid');
      if (result.kind === 'invalid')
        expect(result.problems.map((p) => p.field)).toContain('userId');
    }
    expect(await members()).toBe(0);
    expect((await admin.post(`${page}/members`, { userId: seed.people.viewer! })).statusCode).toBe(
      303,
    );
    expect(await members()).toBe(1);
  });
});
