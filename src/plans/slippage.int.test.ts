import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent } from '../../test/helpers/agent.js';
import { expectSameVerdict } from '../../test/helpers/agreement.js';
import { createToken } from '../account/index.js';

type ActionBody = {
  id: string;
  version: number;
  dueDate: string | null;
  baselineDueDate: string | null;
  slippageDays: number | null;
};

// Slippage kept: an action's first due date stays, a changed one needs a reason and is recorded.
describe.each(databaseKinds)('slippage of an action on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let planId = '';
  let priorityId = '';

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const date = (name: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
  };
  const newAction = async (dueDate?: string) =>
    (
      await api('POST', `plans/${planId}/actions`, {
        priorityId,
        title: 'Review the local offer',
        category: 'strategic',
        ...(dueDate ? { dueDate } : {}),
      })
    ).json<ActionBody>();
  const changes = async (actionId: string) =>
    t.db.query<{ from_date: string | null; to_date: string | null; reason: string; state: string }>(
      `SELECT from_date::text, to_date::text, reason, state FROM action_due_date_changes
       WHERE action_id = $1 ORDER BY changed_at, id`,
      [actionId],
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    planId = (await api('POST', 'plans', { kind: 'strategic', title: 'Strategy' })).json<{
      id: string;
    }>().id;
    priorityId = (await api('POST', `plans/${planId}/priorities`, { title: 'Data' })).json<{
      id: string;
    }>().id;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('takes the first due date as the baseline, without a reason', async () => {
    const created = await newAction('2026-03-31');
    expect(created).toMatchObject({
      dueDate: '2026-03-31',
      baselineDueDate: '2026-03-31',
      slippageDays: 0,
    });
    const undated = await newAction();
    expect(undated).toMatchObject({ dueDate: null, baselineDueDate: null, slippageDays: null });
    const dated = await api('PUT', `plans/${planId}/actions/${undated.id}`, {
      priorityId,
      title: 'Review the local offer',
      category: 'strategic',
      dueDate: '2026-06-30',
      version: undated.version,
    });
    expect(dated.statusCode).toBe(200);
    expect(dated.json()).toMatchObject({ dueDate: '2026-06-30', baselineDueDate: '2026-06-30' });
    expect(await changes(undated.id)).toEqual([]);
  });

  it('refuses a changed due date without a reason, on the page and in the API alike', async () => {
    const created = await newAction('2026-03-31');
    const good = { priorityId, title: 'Review the local offer', category: 'strategic' };
    const edit = `/p/${seed.a.slug}/plans/${planId}/actions/${created.id}/edit`;
    expect((await admin.get(edit)).body).toContain('Reason for changing the due date');
    await expectSameVerdict({
      page: (form) => admin.post(edit, { ...good, version: String(created.version), ...form }),
      api: (json) =>
        api('PUT', `plans/${planId}/actions/${created.id}`, {
          ...good,
          version: created.version,
          ...json,
        }),
      cases: [
        {
          name: 'a later date without a reason',
          form: date('dueDate', '2026-05-31'),
          json: { dueDate: '2026-05-31' },
          field: 'dueDateReason',
        },
        {
          name: 'a later date with a blank reason',
          form: { ...date('dueDate', '2026-05-31'), dueDateReason: '   ' },
          json: { dueDate: '2026-05-31', dueDateReason: '   ' },
          field: 'dueDateReason',
        },
        {
          name: 'the due date taken away without a reason',
          form: {},
          json: { dueDate: null },
          field: 'dueDateReason',
        },
        {
          name: 'a reason too long',
          form: { ...date('dueDate', '2026-05-31'), dueDateReason: 'x'.repeat(1001) },
          json: { dueDate: '2026-05-31', dueDateReason: 'x'.repeat(1001) },
          field: 'dueDateReason',
        },
      ],
      count: async () =>
        (
          await t.db.query<{ n: number }>(
            'SELECT version + (SELECT count(*)::int FROM action_due_date_changes) AS n FROM actions WHERE id = $1',
            [created.id],
          )
        )[0]!.n,
    });
    // The same date again is no change: no reason needed.
    const same = await admin.post(edit, {
      ...good,
      version: String(created.version),
      ...date('dueDate', '2026-03-31'),
    });
    expect(same.statusCode).toBe(303);
    expect(await changes(created.id)).toEqual([]);
  });

  it('keeps the original date, the reason and the slippage when the due date changes', async () => {
    const created = await newAction('2026-03-31');
    const good = { priorityId, title: 'Review the local offer', category: 'strategic' };
    const edit = `/p/${seed.a.slug}/plans/${planId}/actions/${created.id}/edit`;
    await admin.get(edit);
    const saved = await admin.post(edit, {
      ...good,
      version: String(created.version),
      ...date('dueDate', '2026-04-30'),
      dueDateReason: 'The forum asked for another round of consultation',
    });
    expect(saved.statusCode).toBe(303);
    const viaApi = await api('PUT', `plans/${planId}/actions/${created.id}`, {
      ...good,
      version: created.version + 1,
      dueDate: '2026-05-31',
      dueDateReason: 'Waiting for the new data system',
    });
    expect(viaApi.statusCode).toBe(200);
    expect(viaApi.json()).toMatchObject({
      dueDate: '2026-05-31',
      baselineDueDate: '2026-03-31',
      slippageDays: 61,
    });
    expect(await changes(created.id)).toEqual([
      {
        from_date: '2026-03-31',
        to_date: '2026-04-30',
        reason: 'The forum asked for another round of consultation',
        state: 'applied',
      },
      {
        from_date: '2026-04-30',
        to_date: '2026-05-31',
        reason: 'Waiting for the new data system',
        state: 'applied',
      },
    ]);
    const history = await api('GET', `plans/${planId}/actions/${created.id}/due-date-changes`);
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject([
      { from: '2026-03-31', to: '2026-04-30', state: 'applied', changedBy: 'Alex Admin' },
      { from: '2026-04-30', to: '2026-05-31', reason: 'Waiting for the new data system' },
    ]);
    const page = (await admin.get(`/p/${seed.a.slug}/plans/${planId}/actions/${created.id}`)).body;
    expect(page).toContain('Original due date');
    expect(page).toContain('61 days later');
    expect(page).toContain('Due date history');
    expect(page).toContain('The forum asked for another round of consultation');
  });

  it('shows another partnership nothing of an action’s history', async () => {
    const created = await newAction('2026-03-31');
    const other = (
      await createToken(t.db, { userId: seed.adminBId, name: 'Bea' }, seed.adminBId, 'admin')
    ).token;
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partnerships/${seed.b.slug}/plans/${planId}/actions/${created.id}/due-date-changes`,
      headers: { authorization: `Bearer ${other}` },
    });
    expect(response.statusCode).toBe(404);
  });
});
