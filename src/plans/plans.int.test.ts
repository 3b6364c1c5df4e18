import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createInspection } from '../inspections/index.js';

const WEAKNESS_1 = 'Leaders’ understanding of the local area’s effectiveness is weak';
const WEAKNESS_2 =
  'Parents lack confidence in the local area’s ability to meet their children’s needs';

describe.each(databaseKinds)('from inspection to plan to monthly progress on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let planPath = '';
  let inspectionId = '';
  const findingIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    inspectionId = (
      await createInspection(
        t.db,
        { userId: seed.adminA.id, name: 'Alex' },
        seed.tenantA,
        {
          framework: '2016',
          kind: 'initial',
          onSiteStart: '2018-03-12',
          onSiteEnd: '2018-03-16',
          publishedOn: '2018-05-10',
          team: '',
          outcome: null,
          wsoaRequired: true,
          outcomeText: '',
        },
        [
          {
            type: 'significant_weakness',
            question: null,
            text: WEAKNESS_1,
            sufficientProgress: null,
          },
          {
            type: 'significant_weakness',
            question: null,
            text: WEAKNESS_2,
            sufficientProgress: null,
          },
          {
            type: 'strength',
            question: 'identify',
            text: 'Early years identification is strong',
            sufficientProgress: null,
          },
        ],
      )
    ).id;
    const rows = await t.db.query<{ id: string }>(
      `SELECT id FROM findings WHERE inspection_id = $1 AND type = 'significant_weakness' ORDER BY position`,
      [inspectionId],
    );
    findingIds.push(...rows.map((r) => r.id));
  });
  afterAll(async () => t?.close());

  it('creates a written statement of action for the inspection', async () => {
    const form = await admin.get(`/p/${seed.a.slug}/plans/new?inspection=${inspectionId}`);
    expect(form.body).toContain('Local area SEND inspection, March 2018');
    const bad = await admin.post(`/p/${seed.a.slug}/plans/new`, { kind: '', title: '' });
    expect(errorSummary(bad.body)).toEqual(['Select the kind of plan', 'Enter a title']);
    const ok = await admin.post(`/p/${seed.a.slug}/plans/new`, {
      kind: 'wsoa',
      inspectionId,
      title: 'Northshire WSoA',
      ownerUserId: seed.adminA.id,
    });
    expect(ok.statusCode).toBe(303);
    planPath = ok.headers.location!;
    const page = await admin.get(planPath);
    expect(page.body).toContain('2 findings have no action yet');
  });

  it('builds priorities and actions, and refuses submission while a weakness is uncovered', async () => {
    expect(
      (
        await admin.post(`${planPath}/priorities/new`, {
          title: 'Leadership and governance',
          findingIds: [findingIds[0]!],
        })
      ).statusCode,
    ).toBe(303);
    const page = await admin.get(planPath);
    const priorityId = /id="priority-([0-9a-f-]+)"/.exec(page.body)![1]!;
    const bad = await admin.post(`${planPath}/actions/new`, {
      priorityId,
      title: '',
      category: 'nonsense',
      'dueDate-day': '40',
      'dueDate-month': '1',
      'dueDate-year': '2019',
    });
    expect(errorSummary(bad.body)).toEqual([
      'Enter what will be done',
      'Select the category',
      'Due date must be a real date',
    ]);
    const created = await admin.post(`${planPath}/actions/new`, {
      priorityId,
      title: 'Appoint a designated clinical officer',
      category: 'strategic',
      leadUserId: seed.people.lead!,
      'dueDate-day': '31',
      'dueDate-month': '1',
      'dueDate-year': '2019',
    });
    expect(created.statusCode).toBe(303);
    const version = /name="version" value="(\d+)"/.exec((await admin.get(planPath)).body)![1]!;
    const refused = await admin.post(`${planPath}/status`, { to: 'submitted', version });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)[0]).toBe(
      `The plan cannot be submitted until every finding has an action. No action yet for: “${WEAKNESS_2}”`,
    );
  });

  it('submits once covered, freezing a version that can be compared with later changes', async () => {
    await admin.post(`${planPath}/priorities/new`, {
      title: 'Co-production with families',
      findingIds: [findingIds[1]!],
    });
    const page = await admin.get(planPath);
    const priorityIds = [...page.body.matchAll(/id="priority-([0-9a-f-]+)"/g)].map((m) => m[1]!);
    await admin.post(`${planPath}/actions/new`, {
      priorityId: priorityIds[1]!,
      title: 'Co-produce the Local Offer with the forum',
      category: 'co_production',
    });
    await admin.post(`${planPath}/actions/new`, {
      priorityId: priorityIds[1]!,
      title: 'Publish you said, we did',
      category: 'co_production',
    });
    const version = /name="version" value="(\d+)"/.exec((await admin.get(planPath)).body)![1]!;
    const submitted = await admin.post(`${planPath}/status`, {
      to: 'submitted',
      version,
      note: 'Sent to Ofsted',
    });
    expect(submitted.statusCode).toBe(303);
    const after = (await admin.get(planPath)).body;
    expect(after).toContain('Version 1 has been saved');
    expect(after).not.toContain('no action yet');
    // Move 2.2 up: it becomes 2.1, and the version comparison shows the renumbering.
    const actionId = [...after.matchAll(/id="action-([0-9a-f-]+)"/g)].map((m) => m[1]!)[2]!;
    // Reordering is on its own page, linked from the priority; the button names its action.
    const orderPath = /href="([^"]+\/order)"/.exec(after)![1]!;
    expect(after).not.toContain('name="move"');
    const order = await admin.get(orderPath);
    expect(order.body).toContain(`name="move" value="${actionId}:up"`);
    const returnTo = /name="returnTo" value="([^"]+)"/.exec(order.body)![1]!;
    const back = await admin.post(`${planPath}/actions/move`, { move: `${actionId}:up`, returnTo });
    expect(back.headers.location).toBe(`${orderPath}#action-${actionId}`);
    expect((await admin.get(orderPath)).body.indexOf('Publish you said, we did')).toBeLessThan(
      (await admin.get(orderPath)).body.indexOf('Co-produce the Local Offer'),
    );
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    expect((await viewer.get(orderPath)).statusCode).toBe(403);
    const moved = (await admin.get(planPath)).body;
    expect(moved.indexOf('Publish you said, we did')).toBeLessThan(
      moved.indexOf('Co-produce the Local Offer'),
    );
    const diff = (await admin.get(`${planPath}/versions/1`)).body;
    expect(diff).toMatch(
      /2\.1 Publish you said, we did<\/td><td class="govuk-table__cell">Number<\/td><td class="govuk-table__cell">2\.2<\/td><td class="govuk-table__cell">2\.1/,
    );
    expect(diff).toContain('<li><strong>2.2</strong> Publish you said, we did</li>'); // the frozen plan keeps its numbers
    // A judged plan cannot jump back to draft.
    const v = /name="version" value="(\d+)"/.exec(moved)![1]!;
    expect((await admin.post(`${planPath}/status`, { to: 'draft', version: v })).statusCode).toBe(
      400,
    );
  });

  it('detects a concurrent edit of an action and loses nothing', async () => {
    const page = (await admin.get(planPath)).body;
    const actionId = /id="action-([0-9a-f-]+)"/.exec(page)![1]!;
    const form = (await admin.get(`${planPath}/actions/${actionId}/edit`)).body;
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const priorityId = /<option value="([0-9a-f-]+)" selected>/.exec(form)![1]!;
    // Both keep the due date it has (a changed one would need a reason).
    const keepDue = { 'dueDate-day': '31', 'dueDate-month': '1', 'dueDate-year': '2019' };
    const other = new Agent(t.app);
    await other.signIn('alex@northshire.example', PASSWORD);
    expect(
      (
        await other.post(`${planPath}/actions/${actionId}/edit`, {
          priorityId,
          title: 'Appoint a DCO by January',
          category: 'strategic',
          leadUserId: seed.people.lead!,
          ...keepDue,
          version,
        })
      ).statusCode,
    ).toBe(303);
    const stale = await admin.post(`${planPath}/actions/${actionId}/edit`, {
      priorityId,
      title: 'Appoint a DCO and a DMO',
      category: 'strategic',
      leadUserId: seed.people.lead!,
      ...keepDue,
      version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Appoint a DCO by January');
    expect(stale.body).toContain('Appoint a DCO and a DMO');
    // "Save my version" re-posts with the fresh version.
    const retryVersion = /name="version" value="(\d+)"/.exec(stale.body)![1]!;
    expect(Number(retryVersion)).toBe(Number(version) + 1);
  });

  it('runs a monthly round: leads update their own actions and roll-ups change', async () => {
    const bad = await admin.post(`/p/${seed.a.slug}/rounds`, {
      title: '',
      'dueOn-day': '1',
      'dueOn-month': '1',
      'dueOn-year': '2020',
    });
    expect(errorSummary(bad.body)).toEqual([
      'Enter a name for the round',
      'The date updates are due must be today or in the future',
    ]);
    const opened = await admin.post(`/p/${seed.a.slug}/rounds`, {
      title: 'December update',
      'dueOn-day': '31',
      'dueOn-month': '12',
      'dueOn-year': '2099',
    });
    expect(opened.statusCode).toBe(303);
    const roundPath = opened.headers.location!;
    expect((await admin.get(roundPath)).body).toContain('0 of 3 actions updated');

    const lead = new Agent(t.app);
    await lead.signIn('lead@northshire.example', PASSWORD);
    const mine = (await lead.get(`/p/${seed.a.slug}/my-actions`)).body;
    expect(mine).toContain('Update due');
    const ownPath = /href="(\/p\/[^"]+\/actions\/[0-9a-f-]+)#update"/.exec(mine)![1]!;
    const empty = await lead.post(`${ownPath}/updates`, { narrative: '' });
    expect(errorSummary(empty.body)).toEqual([
      'Select the action’s status',
      'Select a RAG rating',
      'Enter what has happened since the last update',
    ]);
    expect(
      (
        await lead.post(`${ownPath}/updates`, {
          status: 'off_track',
          rag: 'red',
          narrative: 'Recruitment has failed twice; <b>escalated</b>',
        })
      ).statusCode,
    ).toBe(303);
    const action = (await lead.get(ownPath)).body;
    expect(action).toContain('Recruitment has failed twice; &lt;b&gt;escalated&lt;/b&gt;');
    expect(action).toContain('December update');
    expect((await admin.get(roundPath)).body).toContain('1 of 3 actions updated');
    const plan = (await admin.get(planPath)).body;
    expect(plan).toMatch(/Progress\s*<\/dt>[\s\S]{0,300}govuk-tag--red/);

    // The lead cannot update someone else's action; a viewer cannot update at all; the forum reads.
    const othersPath = [...plan.matchAll(/href="(\/p\/[^"]+\/actions\/[0-9a-f-]+)"/g)]
      .map((m) => m[1]!)
      .find((p) => p !== ownPath)!;
    expect(
      (
        await lead.post(`${othersPath}/updates`, {
          status: 'on_track',
          rag: 'green',
          narrative: 'Not mine',
        })
      ).statusCode,
    ).toBe(403);
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    expect(
      (
        await viewer.post(`${ownPath}/updates`, {
          status: 'on_track',
          rag: 'green',
          narrative: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const forum = new Agent(t.app);
    await forum.signIn('forum@northshire.example', PASSWORD);
    expect((await forum.get(planPath)).statusCode).toBe(200);
    expect((await forum.get(ownPath)).body).not.toContain('Record an update');
    expect((await forum.get(`/p/${seed.a.slug}/my-actions`)).statusCode).toBe(403);
  });
});
