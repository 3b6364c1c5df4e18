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
import { createOrganisation } from '../organisations/index.js';

// Adding, changing and moving actions: the page forms and the API refuse the same inputs.
describe.each(databaseKinds)('actions: page and API agree on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let planId = '';
  let priorityId = '';
  let otherPlanPriorityId = '';
  let subActionId = '';
  let foreignOrganisationId = '';

  const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    foreignOrganisationId = (
      await createOrganisation(t.db, { userId: seed.adminBId, name: 'Bea' }, seed.tenantB, {
        name: 'Southvale ICB',
        kind: 'icb',
      })
    ).id;
    planId = (await api('POST', 'plans', { kind: 'strategic', title: 'Strategy' })).json<{
      id: string;
    }>().id;
    priorityId = (await api('POST', `plans/${planId}/priorities`, { title: 'Data' })).json<{
      id: string;
    }>().id;
    const otherPlan = (await api('POST', 'plans', { kind: 'app', title: 'Other' })).json<{
      id: string;
    }>().id;
    otherPlanPriorityId = (
      await api('POST', `plans/${otherPlan}/priorities`, { title: 'Elsewhere' })
    ).json<{ id: string }>().id;
    const parent = (
      await api('POST', `plans/${planId}/actions`, {
        priorityId,
        title: 'Use of data',
        category: 'operational',
      })
    ).json<{ id: string }>().id;
    subActionId = (
      await api('POST', `plans/${planId}/actions`, {
        priorityId,
        parentActionId: parent,
        title: 'Agree indicators',
        category: 'operational',
      })
    ).json<{ id: string }>().id;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  const date = (name: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
  };

  const bad = (): BadInput[] => [
    {
      name: 'lead from another partnership',
      form: { leadUserId: seed.adminBId },
      json: { leadUserId: seed.adminBId },
      field: 'leadUserId',
    },
    {
      name: 'lead who cannot record updates',
      form: { leadUserId: seed.people.viewer! },
      json: { leadUserId: seed.people.viewer! },
      field: 'leadUserId',
    },
    {
      name: 'lead organisation of another partnership',
      form: { leadOrganisationId: foreignOrganisationId },
      json: { leadOrganisationId: foreignOrganisationId },
      field: 'leadOrganisationId',
    },
    {
      name: 'partner of another partnership',
      form: { partnerIds: [foreignOrganisationId] },
      json: { partnerIds: [foreignOrganisationId] },
      field: 'partnerIds',
    },
    {
      name: 'priority of another plan',
      form: { priorityId: otherPlanPriorityId },
      json: { priorityId: otherPlanPriorityId },
      field: 'priorityId',
    },
    {
      name: 'a sub-action as the parent',
      form: { parentActionId: subActionId },
      json: { parentActionId: subActionId },
      field: 'parentActionId',
    },
    {
      name: 'a parent that is not an id',
      form: { parentActionId: 'nonsense' },
      json: { parentActionId: 'nonsense' },
      field: 'parentActionId',
    },
    {
      name: 'due before start',
      form: { ...date('startDate', '2026-03-02'), ...date('dueDate', '2026-03-01') },
      json: { startDate: '2026-03-02', dueDate: '2026-03-01' },
      field: 'dueDate-day',
    },
    { name: 'empty title', form: { title: '   ' }, json: { title: '   ' }, field: 'title' },
    {
      name: 'title too long',
      form: { title: 'x'.repeat(501) },
      json: { title: 'x'.repeat(501) },
      field: 'title',
    },
    {
      name: 'unknown category',
      form: { category: 'misc' },
      json: { category: 'misc' },
      field: 'category',
    },
  ];

  const actionCount = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM actions'))[0]!.n;

  it('refuse the same new actions', async () => {
    const good = { priorityId: '', title: 'Publish the local offer', category: 'strategic' };
    const url = `/p/${seed.a.slug}/plans/${planId}/actions/new`;
    await admin.get(url);
    await expectSameVerdict({
      page: (form) => admin.post(url, { ...good, priorityId, ...form }),
      api: (json) => api('POST', `plans/${planId}/actions`, { ...good, priorityId, ...json }),
      cases: bad(),
      count: actionCount,
    });
    expect((await admin.post(url, { ...good, priorityId })).statusCode).toBe(303);
    expect((await api('POST', `plans/${planId}/actions`, { ...good, priorityId })).statusCode).toBe(
      201,
    );
  });

  it('refuse the same changes to an action', async () => {
    const created = (
      await api('POST', `plans/${planId}/actions`, {
        priorityId,
        title: 'Review the offer',
        category: 'strategic',
      })
    ).json<{ id: string; version: number }>();
    const good = {
      priorityId,
      title: 'Review the local offer',
      category: 'strategic',
      version: created.version,
    };
    const edit = `/p/${seed.a.slug}/plans/${planId}/actions/${created.id}/edit`;
    await admin.get(edit);
    await expectSameVerdict({
      page: (form) => admin.post(edit, { ...good, version: String(good.version), ...form }),
      api: (json) => api('PUT', `plans/${planId}/actions/${created.id}`, { ...good, ...json }),
      cases: bad(),
      count: async () =>
        (
          await t.db.query<{ n: number }>('SELECT version AS n FROM actions WHERE id = $1', [
            created.id,
          ])
        )[0]!.n,
    });
  });

  it('refuse the same move to a priority of another plan', async () => {
    const url = `plans/${planId}/actions/${subActionId}/move`;
    await admin.get(`/p/${seed.a.slug}/plans/${planId}/actions/${subActionId}`);
    await expectSameVerdict({
      page: (form) => admin.post(`/p/${seed.a.slug}/${url}`, form),
      api: (json) => api('POST', url, json),
      cases: [
        {
          name: 'priority of another plan',
          form: { toPriorityId: otherPlanPriorityId, returnTo: 'action' },
          json: { toPriorityId: otherPlanPriorityId },
          field: 'toPriorityId',
        },
      ],
      count: async () =>
        (
          await t.db.query<{ n: number }>('SELECT version AS n FROM actions WHERE id = $1', [
            subActionId,
          ])
        )[0]!.n,
    });
  });
});
