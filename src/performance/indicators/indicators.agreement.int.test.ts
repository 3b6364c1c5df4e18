import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../../test/helpers/agent.js';
import { expectSameVerdict, type BadInput } from '../../../test/helpers/agreement.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { createToken } from '../../account/index.js';
import { createInspection, listFindings } from '../../inspections/index.js';
import { addAction, addPriority, createPlan } from '../../plans/index.js';

// Adding an indicator and changing it: the page form and the API refuse the same inputs.
describe.each(databaseKinds)('indicators: page and API agree on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let perf = '';
  /** An action and a finding of the other partnership. */
  let foreign = { actionId: '', findingId: '' };

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    const bea = { userId: seed.adminBId, name: 'Bea' };
    const inspection = await createInspection(
      t.db,
      bea,
      seed.tenantB,
      {
        framework: '2016',
        kind: 'initial',
        onSiteStart: null,
        onSiteEnd: null,
        publishedOn: null,
        team: '',
        outcome: null,
        wsoaRequired: true,
        outcomeText: '',
      },
      [{ type: 'significant_weakness', question: null, text: 'Late', sufficientProgress: null }],
    );
    const findingId = (await listFindings(t.db, seed.tenantB, inspection.id))[0]!.id;
    const planId = (
      await createPlan(t.db, bea, seed.tenantB, {
        kind: 'wsoa',
        inspectionId: inspection.id,
        title: 'B WSoA',
        ownerUserId: null,
      })
    ).id;
    const priorityId = (await addPriority(t.db, bea, seed.tenantB, planId, {
      title: 'Timeliness',
      description: '',
      findingIds: [findingId],
    }))!.id;
    const actionId = (await addAction(t.db, bea, seed.tenantB, planId, {
      priorityId,
      title: 'Recruit coordinators',
      description: '',
      category: 'operational',
      leadUserId: null,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: null,
    }))!.id;
    foreign = { actionId, findingId };
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    perf = `/p/${seed.a.slug}/performance`;
  });
  afterAll(async () => t?.close());

  const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const count = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM indicators'))[0]!.n;

  const good = {
    name: 'Annual reviews on time',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'annual',
  };
  const bad = (): BadInput[] => [
    { name: 'empty name', form: { name: '   ' }, json: { name: '   ' }, field: 'name' },
    { name: 'unknown unit', form: { unit: 'furlongs' }, json: { unit: 'furlongs' }, field: 'unit' },
    {
      name: 'unknown polarity',
      form: { polarity: 'sideways' },
      json: { polarity: 'sideways' },
      field: 'polarity',
    },
    {
      name: 'code that is not a code',
      form: { code: 'not a code' },
      json: { code: 'not a code' },
      field: 'code',
    },
    {
      name: 'owner of another partnership',
      form: { ownerUserId: seed.adminBId },
      json: { ownerUserId: seed.adminBId },
      field: 'ownerUserId',
    },
    {
      name: 'action of another partnership',
      form: { actionIds: [foreign.actionId] },
      json: { actionIds: [foreign.actionId] },
      field: 'actionIds',
    },
    {
      name: 'finding of another partnership',
      form: { findingIds: [foreign.findingId] },
      json: { findingIds: [foreign.findingId] },
      // The form has one message for its links, above the actions and findings.
      field: 'actionIds',
    },
    {
      name: 'amber band above green when higher is better',
      form: { greenFrom: '80', amberFrom: '90' },
      json: { greenThreshold: 80, amberThreshold: 90 },
      field: 'amberFrom',
    },
    {
      name: 'green band upside down where neither is better',
      form: { polarity: 'neither', greenFrom: '14', greenTo: '11' },
      json: { polarity: 'neither', greenThreshold: 14, greenUpTo: 11 },
      field: 'greenTo',
    },
    {
      name: 'an upper end where higher is better',
      form: { greenFrom: '60', greenTo: '70' },
      json: { greenThreshold: 60, greenUpTo: 70 },
      field: 'greenTo',
    },
  ];

  it('refuse the same new indicators', async () => {
    await admin.get(`${perf}/indicators/new`);
    await expectSameVerdict({
      page: (form) => admin.post(`${perf}/indicators/new`, { ...good, ...form }),
      api: (json) => api('POST', 'indicators', { ...good, ...json }),
      cases: bad(),
      count,
    });
    expect((await admin.post(`${perf}/indicators/new`, good)).statusCode).toBe(303);
    expect((await api('POST', 'indicators', { ...good, name: 'Another' })).statusCode).toBe(201);
  });

  it('refuse the same changes to an indicator', async () => {
    const created = (
      await api('POST', 'indicators', { ...good, name: 'Autism waits', code: 'autism-waits' })
    ).json<{ id: string; version: number }>();
    const edit = `${perf}/indicators/${created.id}/edit`;
    const changed = { ...good, name: 'Autism waits', code: 'autism-waits' };
    await admin.get(edit);
    await expectSameVerdict({
      page: (form) => admin.post(edit, { ...changed, version: String(created.version), ...form }),
      api: (json) =>
        api('PUT', `indicators/${created.id}`, { ...changed, version: created.version, ...json }),
      cases: bad(),
      count: async () =>
        (
          await t.db.query<{ n: number }>('SELECT version AS n FROM indicators WHERE id = $1', [
            created.id,
          ])
        )[0]!.n,
    });
  });
});
