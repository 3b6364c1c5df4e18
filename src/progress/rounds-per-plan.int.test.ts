import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, decode, errorSummary, textOf } from '../../test/helpers/agent.js';
import { errorFields } from '../../test/helpers/agreement.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  dateParts as dueParts,
  planWithActions,
  recordInitialInspection,
  signedIn,
} from '../../test/helpers/plan-fixture.js';
import { createTestApp, seedTwoPartnerships, type TestApp } from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';
import { queueReminders } from '../notifications/index.js';
import { ROUND_OVERLAP_RULE } from './round-rules.js';

// Cumbria's shape: the board follows the improvement plan monthly while the DfE and NHS England
// review the accelerated progress plan quarterly; both rounds are open at once.
describe.each(databaseKinds)('update rounds per plan on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let lead: Agent;
  let contributor: Agent;
  let token = '';
  const plans = { board: '', app: '' };
  const actions = { waits: '', offer: '', app: '' };
  const rounds = { board: '', dfe: '' };
  const BOARD = 'November 2099 board update';
  const DFE = 'DfE and NHS England review, Q4 2099';
  const actor = () => ({ userId: seed.adminA.id, name: 'Alex' });
  const slug = () => seed.a.slug;
  const roundsPage = () => `/p/${slug()}/rounds`;
  const actionPath = (plan: string, action: string) =>
    `/p/${slug()}/plans/${plan}/actions/${action}`;
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${slug()}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const roundCount = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM update_rounds'))[0]!.n;
  const roundOfLatestUpdate = async (actionId: string) =>
    (
      await t.db.query<{ title: string | null }>(
        `SELECT r.title FROM action_updates u LEFT JOIN update_rounds r ON r.id = u.round_id
         WHERE u.action_id = $1 ORDER BY u.created_at DESC, u.id DESC LIMIT 1`,
        [actionId],
      )
    )[0]?.title;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (await createToken(t.db, actor(), seed.adminA.id, 'admin')).token;
    const inspection = await recordInitialInspection(t, actor(), seed.tenantA);
    const plan = (kindOf: 'post_inspection' | 'app', title: string, titles: string[]) =>
      planWithActions(t, actor(), seed.tenantA, {
        kind: kindOf,
        inspectionId: kindOf === 'app' ? null : inspection.id,
        title,
        priority: 'Timely assessments',
        actions: titles.map((actionTitle) => [actionTitle, seed.people.lead!] as const),
      });
    const board = await plan('post_inspection', 'Improvement plan', [
      'Reduce autism assessment waits',
      'Publish the Local Offer refresh',
    ]);
    const app = await plan('app', 'Accelerated progress plan', ['Clear the EHC plan backlog']);
    plans.board = board.id;
    plans.app = app.id;
    [actions.waits, actions.offer] = board.actionIds as [string, string];
    actions.app = app.actionIds[0]!;
    admin = await signedIn(t, 'alex@northshire.example');
    lead = await signedIn(t, 'lead@northshire.example');
    contributor = await signedIn(t, 'contributor@northshire.example');
  });
  afterAll(async () => t?.close());

  it('opens a monthly board round for one plan and a quarterly DfE round for another at once', async () => {
    const form = (await admin.get(roundsPage())).body;
    expect(decode(form)).toContain(ROUND_OVERLAP_RULE);
    expect(form).toContain('name="planIds"');
    const board = await admin.post(roundsPage(), {
      title: BOARD,
      ...dueParts('2099-11-28'),
      planIds: [plans.board],
    });
    expect(board.statusCode).toBe(303);
    rounds.board = board.headers.location!.split('/').pop()!;
    // The form stays, saying which plan is already in an open round.
    const withBoard = textOf((await admin.get(roundsPage())).body);
    expect(withBoard).toContain(`${BOARD} is open for Improvement plan`);
    expect(withBoard).toContain(`Improvement plan In ${BOARD}, open`);
    expect(withBoard).toContain('Open round');

    const dfe = await api('POST', 'rounds', {
      title: DFE,
      dueOn: '2099-11-30',
      planIds: [plans.app],
    });
    expect(dfe.statusCode).toBe(201);
    expect(dfe.json()).toMatchObject({
      open: true,
      allPlans: false,
      plans: [{ id: plans.app, title: 'Accelerated progress plan' }],
    });
    rounds.dfe = dfe.json().id;
    const open = await t.db.query<{ title: string }>(
      'SELECT title FROM update_rounds WHERE closed_at IS NULL ORDER BY title',
    );
    expect(open.map((r) => r.title)).toEqual([DFE, BOARD]);
    const audit = await t.db.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE entity_type = 'update round' AND action = 'open' AND entity_id = $1`,
      [rounds.board],
    );
    expect(audit[0]!.after).toMatchObject({ covers: 'chosen plans', planIds: [plans.board] });
  });

  it('refuses a round sharing a plan with an open one, in the same words on the page and the API', async () => {
    const before = await roundCount();
    const cases = [
      {
        planIds: [plans.board, plans.app],
        words: `Accelerated progress plan is already in ${DFE}, which is still open. Choose other plans, or close ${DFE} first`,
      },
      {
        planIds: [],
        words: `${DFE} is still open for Accelerated progress plan. A round for every plan cannot open beside it: choose other plans, or close ${DFE} first`,
      },
    ];
    for (const { planIds, words } of cases) {
      const page = await admin.post(roundsPage(), {
        title: 'Extra round',
        ...dueParts('2099-12-31'),
        planIds,
      });
      expect(page.statusCode).toBe(400);
      expect(errorSummary(page.body)).toEqual([words]);
      expect(errorFields(page.body)).toEqual(['planIds']);
      expect(page.body).toContain('value="Extra round"');
      for (const id of planIds) expect(page.body).toMatch(new RegExp(`value="${id}" checked`));
      const viaApi = await api('POST', 'rounds', {
        title: 'Extra round',
        dueOn: '2099-12-31',
        ...(planIds.length ? { planIds } : {}),
      });
      expect(viaApi.statusCode).toBe(409);
      expect(viaApi.json().message).toBe(words);
    }
    // A plan that is not a live plan of the partnership is a wrong choice, for both.
    const stranger = '00000000-0000-4000-8000-000000000000';
    const page = await admin.post(roundsPage(), {
      title: 'Extra round',
      ...dueParts('2099-12-31'),
      planIds: [stranger],
    });
    expect(errorSummary(page.body)).toEqual(['Select plans from the list']);
    expect(
      (await api('POST', 'rounds', { title: 'X', dueOn: '2099-12-31', planIds: [stranger] }))
        .statusCode,
    ).toBe(400);
    expect(await roundCount()).toBe(before);
    // The OpenAPI document states the rule and the new field.
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const post = openapi.paths['/api/v1/partnerships/{partnership}/rounds'].post;
    expect(post.summary).toContain(ROUND_OVERLAP_RULE);
    const body = post.requestBody.content['application/json'].schema;
    expect(body.properties.planIds.description).toContain('every live plan');
  });

  it('counts each update towards the round covering its action’s plan', async () => {
    expect(
      (
        await lead.post(`${actionPath(plans.board, actions.waits)}/updates`, {
          status: 'on_track',
          rag: 'green',
          narrative: 'Second panel recruited',
        })
      ).statusCode,
    ).toBe(303);
    const viaApi = await api('POST', `plans/${plans.app}/actions/${actions.app}/updates`, {
      status: 'at_risk',
      rag: 'amber',
      narrative: 'Backlog down to 140',
    });
    expect(viaApi.statusCode).toBe(201);
    expect(viaApi.json().roundTitle).toBe(DFE);
    expect(await roundOfLatestUpdate(actions.waits)).toBe(BOARD);
    expect(await roundOfLatestUpdate(actions.app)).toBe(DFE);
  });

  it('shows each round only its plans’ actions, with returns plan by plan', async () => {
    const page = textOf((await admin.get(`${roundsPage()}/${rounds.board}`)).body);
    expect(page).toContain('Covers Improvement plan. 1 of 2 actions updated');
    expect(page).toContain('Reduce autism assessment waits');
    expect(page).toContain('Publish the Local Offer refresh');
    expect(page).not.toContain('Clear the EHC plan backlog');
    const detail = (await api('GET', `rounds/${rounds.dfe}`)).json();
    expect(detail).toMatchObject({ updated: 1, expected: 1, allPlans: false });
    expect(detail.actions.map((a: { title: string }) => a.title)).toEqual([
      'Clear the EHC plan backlog',
    ]);
    expect(detail.byPlan).toEqual([
      { planId: plans.app, planTitle: 'Accelerated progress plan', updated: 1, expected: 1 },
    ]);
    const list = (await api('GET', 'rounds')).json();
    expect(list.find((r: { id: string }) => r.id === rounds.board)).toMatchObject({
      updated: 1,
      expected: 2,
    });
  });

  it('shows each action’s round on my actions, the overview and in reminders', async () => {
    const mine = textOf((await lead.get(`/p/${slug()}/my-actions`)).body);
    expect(mine).toContain(
      `${BOARD} is open for Improvement plan: updates are due by 28 November 2099`,
    );
    expect(mine).toContain(`${DFE} is open for Accelerated progress plan`);
    expect(mine).toMatch(/Reduce autism assessment waits .*? Updated November 2099 board update/);
    expect(mine).toMatch(
      /Publish the Local Offer refresh .*? Update due November 2099 board update, by 28 November 2099/,
    );
    expect(mine).toMatch(/Clear the EHC plan backlog .*? Updated DfE and NHS England review/);
    const theirs = textOf((await contributor.get(`/p/${slug()}/my-actions`)).body);
    expect(theirs).toContain(`Still to update in ${BOARD} (1)`);
    expect(theirs).toContain(`Every action has an update in ${DFE}`);

    const overview = textOf((await admin.get(`/p/${slug()}`)).body);
    // (textOf leaves a space where the round's link ends.)
    expect(overview).toContain(`${BOARD} : updates due for Improvement plan (1 of 2 in)`);
    expect(overview).toContain(`${DFE} : updates due for Accelerated progress plan (1 of 1 in)`);
    expect(overview).toMatch(
      /No update yet in their round \(1\) .*?Publish the Local Offer refresh/,
    );

    // Both rounds due within five days: only the board round lacks the lead's update.
    const queued = await queueReminders(t.db, {
      baseUrl: 'https://sendboard.example',
      today: '2099-11-26',
    });
    expect(queued.round).toBe(1);
    const [mail] = await t.db.query<{ subject: string; body_text: string }>(
      `SELECT subject, body_text FROM outbox WHERE kind = 'round-reminder'`,
    );
    expect(mail!.subject).toBe(`Your ${BOARD} is due by 28 November 2099`);
    expect(mail!.body_text).toContain('Publish the Local Offer refresh');
    expect(mail!.body_text).not.toContain('Reduce autism assessment waits');
    expect(mail!.body_text).not.toContain('Clear the EHC plan backlog');
  });

  it('corrects an update only while its own round is open, and a closed round frees its plans', async () => {
    const updates = async (plan: string, action: string) =>
      (await api('GET', `plans/${plan}/actions/${action}/updates`)).json<
        { id: string; version: number; roundOpen: boolean }[]
      >()[0]!;
    expect((await api('POST', `rounds/${rounds.board}/close`)).statusCode).toBe(200);
    const closedOne = await updates(plans.board, actions.waits);
    expect(closedOne.roundOpen).toBe(false);
    const refused = await api(
      'PATCH',
      `plans/${plans.board}/actions/${actions.waits}/updates/${closedOne.id}`,
      { narrative: 'Changed after the board met', version: closedOne.version },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain(`${BOARD} is closed`);
    // The DfE round is still open: its update can still be corrected.
    const openOne = await updates(plans.app, actions.app);
    expect(openOne.roundOpen).toBe(true);
    const corrected = await api(
      'PATCH',
      `plans/${plans.app}/actions/${actions.app}/updates/${openOne.id}`,
      { narrative: 'Backlog down to 120', version: openOne.version },
    );
    expect(corrected.statusCode).toBe(200);

    // The improvement plan is in no open round now: its updates count towards none.
    await api('POST', `plans/${plans.board}/actions/${actions.offer}/updates`, {
      status: 'on_track',
      rag: 'green',
      narrative: 'Draft pages agreed',
    });
    expect(await roundOfLatestUpdate(actions.offer)).toBeNull();
    // …and a new board round for it opens beside the DfE round.
    const december = await api('POST', 'rounds', {
      title: 'December 2099 board update',
      dueOn: '2099-12-28',
      planIds: [plans.board],
    });
    expect(december.statusCode).toBe(201);
  });
});
