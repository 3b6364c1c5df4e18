import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent, errorSummary } from '../../test/helpers/agent.js';
import { errorFields, expectSameVerdict, type BadInput } from '../../test/helpers/agreement.js';
import { createToken } from '../account/index.js';
import { addAction, addMeasure, addPriority, createPlan, listMeasures } from '../plans/index.js';
import { todayInLondon } from '../platform/web/today.js';
import { finishRound, openRound } from './progress-service.js';

// Every progress command: the page form and the API refuse the same inputs, and save nothing.
describe.each(databaseKinds)('progress: page and API agree on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let planId = '';
  let actionId = '';
  let ownMeasure = '';
  let otherMeasure = '';
  let roundId = '';
  const actor = () => ({ userId: seed.adminA.id, name: 'Alex' });

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (await createToken(t.db, actor(), seed.adminA.id, 'admin')).token;
    planId = (
      await createPlan(t.db, actor(), seed.tenantA, {
        kind: 'app',
        inspectionId: null,
        title: 'Accelerated progress plan',
        ownerUserId: null,
      })
    ).id;
    const priority = (await addPriority(t.db, actor(), seed.tenantA, planId, {
      title: 'Timely assessments',
      description: '',
      findingIds: [],
    }))!;
    const action = (title: string) =>
      addAction(t.db, actor(), seed.tenantA, planId, {
        priorityId: priority.id,
        title,
        description: '',
        category: 'operational',
        leadUserId: seed.people.lead!,
        leadOrganisationId: null,
        partnerIds: [],
        startDate: null,
        dueDate: null,
      });
    actionId = (await action('Reduce autism assessment waits'))!.id;
    const otherId = (await action('Publish the Local Offer refresh'))!.id;
    const measure = { text: 'Families rating the service good', target: 65, targetDate: null };
    await addMeasure(t.db, actor(), seed.tenantA, planId, actionId, measure);
    await addMeasure(t.db, actor(), seed.tenantA, planId, otherId, measure);
    const measures = await listMeasures(t.db, seed.tenantA, planId);
    ownMeasure = measures.find((m) => m.action_id === actionId)!.id;
    otherMeasure = measures.find((m) => m.action_id === otherId)!.id;
    roundId = (
      await openRound(t.db, actor(), seed.tenantA, {
        title: 'March 2099 update',
        openedOn: todayInLondon(),
        dueOn: '2099-03-31',
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
  const count = (sql: string) => async () => (await t.db.query<{ n: number }>(sql))[0]!.n;
  const actionPath = () => `/p/${seed.a.slug}/plans/${planId}/actions/${actionId}`;
  const actionApi = () => `plans/${planId}/actions/${actionId}`;
  const dueParts = (iso: string) => {
    const [year, month, day] = iso.split('-');
    return { 'dueOn-day': day!, 'dueOn-month': month!, 'dueOn-year': year! };
  };

  const badUpdates = (): BadInput[] => [
    { name: 'unknown status', form: { status: 'done' }, json: { status: 'done' }, field: 'status' },
    {
      name: 'RAG contradicting the status',
      form: { status: 'on_track', rag: 'red' },
      json: { status: 'on_track', rag: 'red' },
      field: 'rag',
    },
    {
      name: 'narrative too long',
      form: { narrative: 'x'.repeat(10001) },
      json: { narrative: 'x'.repeat(10001) },
      field: 'narrative',
    },
    {
      name: 'a measure of another action',
      form: { measureId: otherMeasure, measureValue: '58' },
      json: { measureId: otherMeasure, measureValue: 58 },
      field: 'measureId',
    },
    {
      name: 'a figure that is not a number',
      form: { measureId: ownMeasure, measureValue: 'lots' },
      json: { measureId: ownMeasure, measureValue: 'lots' },
      field: 'measureValue',
    },
  ];
  const good = { status: 'at_risk', rag: 'amber', narrative: 'Second panel recruited' };

  it('refuse the same updates', async () => {
    await admin.get(actionPath());
    await expectSameVerdict({
      page: (form) => admin.post(`${actionPath()}/updates`, { ...good, ...form }),
      api: (json) => api('POST', `${actionApi()}/updates`, { ...good, ...json }),
      cases: badUpdates(),
      count: count('SELECT count(*)::int AS n FROM action_updates'),
    });
    const figure = { measureId: ownMeasure, measureValue: '58' };
    expect((await admin.post(`${actionPath()}/updates`, { ...good, ...figure })).statusCode).toBe(
      303,
    );
    expect(
      (await api('POST', `${actionApi()}/updates`, { ...good, ...figure, measureValue: 58 }))
        .statusCode,
    ).toBe(201);
  });

  it('refuse the same corrections', async () => {
    const created = (await api('POST', `${actionApi()}/updates`, good)).json<{
      id: string;
      version: number;
    }>();
    const correct = `${actionPath()}/updates/${created.id}/correct`;
    await admin.get(correct);
    await expectSameVerdict({
      page: (form) =>
        admin.post(correct, { ...good, measureId: '', measureValue: '', version: '1', ...form }),
      api: (json) => api('PATCH', `${actionApi()}/updates/${created.id}`, { version: 1, ...json }),
      cases: badUpdates(),
      count: count(`SELECT version AS n FROM action_updates WHERE id = '${created.id}'`),
    });
  });

  it('refuse the same new due dates', async () => {
    const page = `/p/${seed.a.slug}/rounds/${roundId}/due-date`;
    await admin.get(page);
    await expectSameVerdict({
      page: (form) => admin.post(page, { version: '1', ...form }),
      api: (json) => api('PATCH', `rounds/${roundId}`, { version: 1, ...json }),
      cases: [
        {
          name: 'a date already past',
          form: dueParts('2020-01-01'),
          json: { dueOn: '2020-01-01' },
          field: 'dueOn-day',
        },
        {
          name: 'a date that does not exist',
          form: dueParts('2099-02-31'),
          json: { dueOn: '2099-02-31' },
          field: 'dueOn-day',
        },
        {
          name: 'no date',
          form: { 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' },
          json: {},
          field: 'dueOn-day',
        },
      ],
      count: count(
        "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'update round' AND action = 'update'",
      ),
    });
  });

  it('refuse the same new rounds', async () => {
    await finishRound(t.db, actor(), seed.tenantA, roundId);
    const rounds = `/p/${seed.a.slug}/rounds`;
    const next = { title: 'April 2099 update', ...dueParts('2099-04-30') };
    const nextJson = { title: 'April 2099 update', dueOn: '2099-04-30' };
    const roundCount = count('SELECT count(*)::int AS n FROM update_rounds');
    await admin.get(rounds);
    await expectSameVerdict({
      page: (form) => admin.post(rounds, { ...next, ...form }),
      api: (json) => api('POST', 'rounds', { ...nextJson, ...json }),
      cases: [
        { name: 'empty name', form: { title: '  ' }, json: { title: '  ' }, field: 'title' },
        {
          name: 'name too long',
          form: { title: 'x'.repeat(121) },
          json: { title: 'x'.repeat(121) },
          field: 'title',
        },
        {
          name: 'a due date already past',
          form: dueParts('2020-01-01'),
          json: { dueOn: '2020-01-01' },
          field: 'dueOn-day',
        },
        {
          name: 'a due date that does not exist',
          form: dueParts('2099-02-31'),
          json: { dueOn: '2099-02-31' },
          field: 'dueOn-day',
        },
        {
          name: 'a plan that is not an id',
          form: { planIds: ['the APP'] },
          json: { planIds: ['the APP'] },
          field: 'planIds',
        },
        {
          name: 'a plan that is not one of the partnership’s',
          form: { planIds: ['00000000-0000-4000-8000-000000000000'] },
          json: { planIds: ['00000000-0000-4000-8000-000000000000'] },
          field: 'planIds',
        },
      ],
      count: roundCount,
    });
    // A name already used (case ignored) is refused by both: the page beside the name, the API
    // with 409 as a refusal of the round as things stand.
    const before = await roundCount();
    const duplicate = await admin.post(rounds, { ...next, title: ' MARCH 2099 UPDATE ' });
    expect(duplicate.statusCode).toBe(400);
    expect(errorFields(duplicate.body)).toContain('title');
    expect(errorSummary(duplicate.body)).toEqual([
      'There is already a round called MARCH 2099 UPDATE. Give this round a different name',
    ]);
    const viaApi = await api('POST', 'rounds', { ...nextJson, title: 'march 2099 update' });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json().message).toBe(
      'There is already a round called march 2099 update. Give this round a different name',
    );
    expect(await roundCount()).toBe(before);
    expect((await admin.post(rounds, next)).statusCode).toBe(303);
  });
});
