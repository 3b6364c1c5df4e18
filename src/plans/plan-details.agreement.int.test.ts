import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent } from '../../test/helpers/agent.js';
import { expectSameVerdict, type BadInput } from '../../test/helpers/agreement.js';
import { createToken } from '../account/index.js';
import { createInspection } from '../inspections/index.js';

// Creating a plan and changing its details: the page form and the API refuse the same inputs.
describe.each(databaseKinds)('plan details: page and API agree on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let foreignInspectionId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    foreignInspectionId = (
      await createInspection(t.db, { userId: seed.adminBId, name: 'Bea' }, seed.tenantB, {
        framework: '2016',
        kind: 'initial',
        onSiteStart: null,
        onSiteEnd: null,
        publishedOn: null,
        team: '',
        outcome: null,
        wsoaRequired: null,
        outcomeText: '',
      })
    ).id;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  const api = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const count = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plans'))[0]!.n;

  const bad = (): BadInput[] => [
    { name: 'empty title', form: { title: '   ' }, json: { title: '   ' }, field: 'title' },
    {
      name: 'title too long',
      form: { title: 'x'.repeat(201) },
      json: { title: 'x'.repeat(201) },
      field: 'title',
    },
    { name: 'unknown kind', form: { kind: 'nonsense' }, json: { kind: 'nonsense' }, field: 'kind' },
    {
      name: 'owner from another partnership',
      form: { ownerUserId: seed.adminBId },
      json: { ownerUserId: seed.adminBId },
      field: 'ownerUserId',
    },
    {
      name: 'inspection of another partnership',
      form: { inspectionId: foreignInspectionId },
      json: { inspectionId: foreignInspectionId },
      field: 'inspectionId',
    },
    {
      name: 'owner that is not an id',
      form: { ownerUserId: 'someone' },
      json: { ownerUserId: 'someone' },
      field: 'ownerUserId',
    },
  ];

  it('refuse the same new plans', async () => {
    const good = { kind: 'wsoa', title: 'Written statement of action' };
    await admin.get(`/p/${seed.a.slug}/plans/new`);
    await expectSameVerdict({
      page: (form) => admin.post(`/p/${seed.a.slug}/plans/new`, { ...good, ...form }),
      api: (json) => api('POST', 'plans', { ...good, ...json }),
      cases: bad(),
      count,
    });
    expect((await admin.post(`/p/${seed.a.slug}/plans/new`, good)).statusCode).toBe(303);
    expect((await api('POST', 'plans', good)).statusCode).toBe(201);
  });

  it('refuse the same changes to a plan', async () => {
    const created = (await api('POST', 'plans', { kind: 'app', title: 'APP' })).json<{
      id: string;
      version: number;
    }>();
    const good = { kind: 'app', title: 'Accelerated progress plan', version: created.version };
    const edit = `/p/${seed.a.slug}/plans/${created.id}/edit`;
    await admin.get(edit);
    await expectSameVerdict({
      page: (form) => admin.post(edit, { ...good, version: String(good.version), ...form }),
      api: (json) => api('PATCH', `plans/${created.id}`, { ...good, ...json }),
      cases: bad(),
      count: async () =>
        (
          await t.db.query<{ n: number }>('SELECT version AS n FROM plans WHERE id = $1', [
            created.id,
          ])
        )[0]!.n,
    });
  });
});
