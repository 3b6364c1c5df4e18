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
import { addAction, addPriority, createPlan } from '../plans/index.js';

// A lead proposes a new due date with their update: it applies, or waits for an admin's approval.
describe.each(databaseKinds)('due dates proposed with an update on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let lead: Agent;
  let adminToken = '';
  let leadToken = '';
  let planId = '';
  let priorityId = '';
  const actor = () => ({ userId: seed.adminA.id, name: 'Alex' });

  const api = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const parts = (name: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
  };
  const newAction = async (dueDate: string | null) =>
    (await addAction(t.db, actor(), seed.tenantA, planId, {
      priorityId,
      title: 'Reduce autism assessment waits',
      description: '',
      category: 'operational',
      leadUserId: seed.people.lead!,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate,
    }))!.id;
  const dates = async (id: string) =>
    (
      await t.db.query<{ due: string | null; baseline: string | null }>(
        'SELECT due_date::text AS due, baseline_due_date::text AS baseline FROM actions WHERE id = $1',
        [id],
      )
    )[0]!;
  const update = { status: 'at_risk', rag: 'amber', narrative: 'The second panel starts late' };
  const setApproval = async (on: boolean) => {
    const settings = `/p/${seed.a.slug}/settings`;
    const form = (await admin.get(settings)).body;
    const value = (name: string) =>
      new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? '';
    const saved = await admin.post(settings, {
      ...Object.fromEntries(
        ['wsoaWorkingDays', 'revisitMonths', 'monitoringInspectionMonths']
          .concat(['years1', 'years2', 'years3', 'appReviewMonths'])
          .map((name) => [name, value(name)]),
      ),
      countClosures: 'yes',
      revisedDatesNeedApproval: on ? 'yes' : 'no',
      version: /name="version" value="(\d+)"/.exec(form)![1]!,
    });
    expect(saved.statusCode).toBe(303);
    const [row] = await t.db.query<{ on_: boolean }>(
      'SELECT revised_dates_need_approval AS on_ FROM partnership_settings WHERE partnership_id = $1',
      [seed.a.id],
    );
    expect(row!.on_).toBe(on);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    adminToken = (await createToken(t.db, actor(), seed.adminA.id, 'admin')).token;
    leadToken = (await createToken(t.db, actor(), seed.people.lead!, 'lead')).token;
    planId = (
      await createPlan(t.db, actor(), seed.tenantA, {
        kind: 'app',
        inspectionId: null,
        title: 'Accelerated progress plan',
        ownerUserId: null,
      })
    ).id;
    priorityId = (await addPriority(t.db, actor(), seed.tenantA, planId, {
      title: 'Timely assessments',
      description: '',
      findingIds: [],
    }))!.id;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    lead = new Agent(t.app);
    await lead.signIn('lead@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('refuses a proposed date without its reason, on the page and in the API alike', async () => {
    const actionId = await newAction('2026-03-31');
    const path = `/p/${seed.a.slug}/plans/${planId}/actions/${actionId}`;
    expect((await lead.get(path)).body).toContain('Proposed new due date (optional)');
    await expectSameVerdict({
      page: (form) => lead.post(`${path}/updates`, { ...update, ...form }),
      api: (json) =>
        api(leadToken, 'POST', `plans/${planId}/actions/${actionId}/updates`, {
          ...update,
          ...json,
        }),
      cases: [
        {
          name: 'a new date without a reason',
          form: parts('proposedDueDate', '2026-05-31'),
          json: { proposedDueDate: '2026-05-31' },
          field: 'proposedDueDateReason',
        },
        {
          name: 'a date that is not real',
          form: { ...parts('proposedDueDate', '2026-02-30'), proposedDueDateReason: 'Late' },
          json: { proposedDueDate: '2026-02-30', proposedDueDateReason: 'Late' },
          field: 'proposedDueDate-day',
        },
      ],
      count: async () =>
        (
          await t.db.query<{ n: number }>(
            `SELECT (SELECT count(*)::int FROM action_updates) + (SELECT count(*)::int FROM action_due_date_changes) AS n`,
          )
        )[0]!.n,
    });
    expect(await dates(actionId)).toEqual({ due: '2026-03-31', baseline: '2026-03-31' });
  });

  it('applies a lead’s new date at once where the partnership does not ask for approval', async () => {
    await setApproval(false);
    const actionId = await newAction('2026-03-31');
    const path = `/p/${seed.a.slug}/plans/${planId}/actions/${actionId}`;
    await lead.get(path);
    const saved = await lead.post(`${path}/updates`, {
      ...update,
      ...parts('proposedDueDate', '2026-04-30'),
      proposedDueDateReason: 'The panel could not meet in March',
    });
    expect(saved.statusCode).toBe(303);
    expect(await dates(actionId)).toEqual({ due: '2026-04-30', baseline: '2026-03-31' });
    const [change] = await t.db.query<{ state: string; update_id: string | null }>(
      'SELECT state, update_id FROM action_due_date_changes WHERE action_id = $1',
      [actionId],
    );
    expect(change!.state).toBe('applied');
    expect(change!.update_id).not.toBeNull();
    // An action with no due date yet simply takes the proposed one, as its baseline too.
    const undated = await newAction(null);
    const first = await api(leadToken, 'POST', `plans/${planId}/actions/${undated}/updates`, {
      ...update,
      proposedDueDate: '2026-09-30',
    });
    expect(first.statusCode).toBe(201);
    expect(await dates(undated)).toEqual({ due: '2026-09-30', baseline: '2026-09-30' });
  });

  it('keeps a lead’s new date waiting for an admin, who approves or rejects it', async () => {
    await setApproval(true);
    const approved = await newAction('2026-03-31');
    const rejected = await newAction('2026-03-31');
    for (const [id, to] of [
      [approved, '2026-06-30'],
      [rejected, '2026-07-31'],
    ] as const) {
      const response = await api(leadToken, 'POST', `plans/${planId}/actions/${id}/updates`, {
        ...update,
        proposedDueDate: to,
        proposedDueDateReason: 'Recruitment to the panel slipped',
      });
      expect(response.statusCode).toBe(201);
      expect(await dates(id)).toEqual({ due: '2026-03-31', baseline: '2026-03-31' });
    }
    // Admins see them waiting, on their list and on the action's page.
    const waiting = await api(adminToken, 'GET', 'revised-due-dates');
    expect(waiting.json<{ actionId: string; to: string }[]>()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actionId: approved, to: '2026-06-30', state: 'pending' }),
        expect.objectContaining({ actionId: rejected, to: '2026-07-31', state: 'pending' }),
      ]),
    );
    const list = await admin.get(`/p/${seed.a.slug}/plans/revised-dates`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Recruitment to the panel slipped');
    expect((await lead.get(`/p/${seed.a.slug}/plans/revised-dates`)).statusCode).toBe(403);
    const [change] = await t.db.query<{ id: string }>(
      'SELECT id FROM action_due_date_changes WHERE action_id = $1',
      [approved],
    );
    const actionPath = `/p/${seed.a.slug}/plans/${planId}/actions/${approved}`;
    const page = (await admin.get(actionPath)).body;
    expect(page).toContain('Waiting for approval');
    expect(page).toContain(`${actionPath}/due-date-changes/${change!.id}/decision`);
    // A lead may not decide; an admin approves on the page.
    const decisionApi = `plans/${planId}/actions/${approved}/due-date-changes/${change!.id}/decision`;
    expect((await api(leadToken, 'POST', decisionApi, { decision: 'approve' })).statusCode).toBe(
      403,
    );
    const approve = await admin.post(`${actionPath}/due-date-changes/${change!.id}/decision`, {
      decision: 'approve',
    });
    expect(approve.statusCode).toBe(303);
    expect(await dates(approved)).toEqual({ due: '2026-06-30', baseline: '2026-03-31' });
    // Decided once: the API refuses it again.
    const again = await api(adminToken, 'POST', decisionApi, { decision: 'reject' });
    expect(again.statusCode).toBe(409);
    // Rejected through the API: the date stays, the record shows who said no.
    const [other] = await t.db.query<{ id: string }>(
      'SELECT id FROM action_due_date_changes WHERE action_id = $1',
      [rejected],
    );
    const reject = await api(
      adminToken,
      'POST',
      `plans/${planId}/actions/${rejected}/due-date-changes/${other!.id}/decision`,
      { decision: 'reject' },
    );
    expect(reject.statusCode).toBe(200);
    expect(reject.json()).toMatchObject({ dueDate: '2026-03-31', slippageDays: 0 });
    const history = await api(
      adminToken,
      'GET',
      `plans/${planId}/actions/${rejected}/due-date-changes`,
    );
    expect(history.json()).toMatchObject([{ state: 'rejected', approvedBy: 'Alex Admin' }]);
    expect((await api(adminToken, 'GET', 'revised-due-dates')).json()).toEqual([]);
    // A bad decision gets the same words from the API.
    const bad = await api(adminToken, 'POST', decisionApi, { decision: 'maybe' });
    expect(bad.statusCode).toBe(400);
  });

  it('applies an admin’s own new date at once, even where approval is asked for', async () => {
    await setApproval(true);
    const actionId = await newAction('2026-03-31');
    const response = await api(adminToken, 'POST', `plans/${planId}/actions/${actionId}/updates`, {
      ...update,
      proposedDueDate: '2026-04-15',
      proposedDueDateReason: 'Moved to match the board',
    });
    expect(response.statusCode).toBe(201);
    expect(await dates(actionId)).toEqual({ due: '2026-04-15', baseline: '2026-03-31' });
  });
});
