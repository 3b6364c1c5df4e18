import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { Agent, decode, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createInspection } from '../inspections/index.js';
import { addPriority, createPlan } from './plan-service.js';

const WEAKNESS = 'Leaders do not use data well enough to understand the area’s effectiveness';

/** The plan page's action numbers and titles, in page order. */
function planRows(html: string): string[] {
  return [
    ...html.matchAll(
      /id="action-[0-9a-f-]+"><td class="govuk-table__cell">([^<]+)<\/td>\s*<td class="govuk-table__cell[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)<\/a>/g,
    ),
  ].map((m) => `${m[1]} ${decode(m[2]!)}`);
}

const actionIdOf = (html: string, title: string): string => {
  const id = new RegExp(`id="action-([0-9a-f-]+)">(?:(?!</tr>)[\\s\\S])*?>${title}</a>`).exec(
    html,
  )?.[1];
  if (!id) throw new Error(`No action “${title}” on the page`);
  return id;
};

describe.each(databaseKinds)('sub-actions and plan details on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let slug = '';
  let planPath = '';
  let planId = '';
  let p1 = '';
  let p2 = '';
  const inspections: string[] = [];

  const inspection = (year: number, findings: string[]) =>
    createInspection(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.tenantA,
      {
        framework: '2016',
        kind: year === 2018 ? 'initial' : 'revisit',
        onSiteStart: `${year}-03-12`,
        onSiteEnd: `${year}-03-16`,
        publishedOn: `${year}-05-10`,
        team: '',
        outcome: null,
        wsoaRequired: year === 2018,
        outcomeText: '',
      },
      findings.map((text) => ({
        type: 'significant_weakness' as const,
        question: null,
        text,
        sufficientProgress: null,
      })),
    );

  const addAction = (fields: Record<string, string>) =>
    admin.post(`${planPath}/actions/new`, { category: 'operational', ...fields });

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    slug = seed.a.slug;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    inspections.push((await inspection(2018, [WEAKNESS])).id);
    inspections.push((await inspection(2021, [])).id);
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    planId = (
      await createPlan(t.db, actor, seed.tenantA, {
        kind: 'wsoa',
        inspectionId: inspections[0]!,
        title: 'Northshire WSoA',
        ownerUserId: seed.adminA.id,
      })
    ).id;
    planPath = `/p/${slug}/plans/${planId}`;
    const findingId = (
      await t.db.query<{ id: string }>('SELECT id FROM findings WHERE inspection_id = $1', [
        inspections[0]!,
      ])
    )[0]!.id;
    p1 = (await addPriority(t.db, actor, seed.tenantA, planId, {
      title: 'Use of data and benchmarking',
      description: '',
      findingIds: [findingId],
    }))!.id;
    p2 = (await addPriority(t.db, actor, seed.tenantA, planId, {
      title: 'Co-production',
      description: '',
      findingIds: [],
    }))!.id;
  });
  afterAll(async () => t?.close());

  it('adds sub-actions lettered after their action, and shows the same numbers everywhere', async () => {
    expect((await addAction({ priorityId: p1, title: 'Use of data' })).statusCode).toBe(303);
    expect((await addAction({ priorityId: p1, title: 'Benchmarking' })).statusCode).toBe(303);
    const first = actionIdOf((await admin.get(planPath)).body, 'Use of data');

    // The action page offers to add a sub-action; the form comes with the action chosen.
    const parentPage = (await admin.get(`${planPath}/actions/${first}`)).body;
    expect(parentPage).toContain('Add a sub-action to 1.1');
    const form = (await admin.get(`${planPath}/actions/new?priority=${p1}&parent=${first}`)).body;
    expect(form).toContain('Add a sub-action');
    expect(form).toContain('Part of action (optional)');
    expect(form).toContain(`<option value="${first}" selected>1.1 Use of data</option>`);

    const added = await addAction({
      priorityId: p1,
      parentActionId: first,
      title: 'Agree key performance indicators',
      leadUserId: seed.people.lead!,
      'dueDate-day': '31',
      'dueDate-month': '1',
      'dueDate-year': '2020',
    });
    expect(added.statusCode).toBe(303);
    const subPage = (await admin.get(added.headers.location!)).body;
    expect(subPage).toContain(
      '<h1 class="govuk-heading-l">1.1 a Agree key performance indicators</h1>',
    );
    expect(subPage).toMatch(
      /Part of action <a class="govuk-link" href="[^"]+">1\.1 Use of data<\/a>/,
    );
    expect(subPage).not.toContain('Add a sub-action'); // one level only
    await addAction({ priorityId: p1, parentActionId: first, title: 'Complete a data cleanse' });

    const plan = (await admin.get(planPath)).body;
    expect(planRows(plan)).toEqual([
      '1.1 Use of data',
      '1.1 a Agree key performance indicators',
      '1.1 b Complete a data cleanse',
      '1.2 Benchmarking',
    ]);
    expect((await admin.get(`${planPath}/actions/${first}`)).body).toMatch(
      /Sub-actions<\/h2>[\s\S]*1\.1 a Agree key performance indicators[\s\S]*1\.1 b Complete a data cleanse/,
    );

    // The download, the round page, the lead's own list and the overview's overdue list.
    const csv = parse((await admin.get(`${planPath}/export.csv`)).body.replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Record<string, string>[];
    expect(csv.map((r) => `${r.Number} ${r.Action}`)).toEqual(planRows(plan));
    const round = await admin.post(`/p/${slug}/rounds`, {
      title: 'January update',
      'dueOn-day': '31',
      'dueOn-month': '1',
      'dueOn-year': '2099',
    });
    expect(round.statusCode).toBe(303);
    expect((await admin.get(round.headers.location!)).body).toContain(
      '1.1 a Agree key performance indicators',
    );
    const lead = new Agent(t.app);
    await lead.signIn('lead@northshire.example', PASSWORD);
    expect((await lead.get(`/p/${slug}/my-actions`)).body).toContain(
      '1.1 a Agree key performance indicators',
    );
    expect((await admin.get(`/p/${slug}`)).body).toMatch(
      /Overdue actions[\s\S]*1\.1 a Agree key performance indicators/,
    );
    // Sub-actions count in roll-ups like any action: 4 actions, one overdue.
    expect(plan).toMatch(/0 of 4 complete \(0%\), 1 overdue/);
  });

  it('refuses a sub-action of a sub-action, of another priority, or of an action with its own', async () => {
    const plan = (await admin.get(planPath)).body;
    const first = actionIdOf(plan, 'Use of data');
    const sub = actionIdOf(plan, 'Agree key performance indicators');
    const second = actionIdOf(plan, 'Benchmarking');

    const nested = await addAction({ priorityId: p1, parentActionId: sub, title: 'Deeper' });
    expect(nested.statusCode).toBe(400);
    expect(errorSummary(nested.body)).toEqual([
      'A sub-action cannot have sub-actions: choose an action numbered like 1.1, not 1.1 a',
    ]);
    const elsewhere = await addAction({ priorityId: p2, parentActionId: first, title: 'Across' });
    expect(errorSummary(elsewhere.body)).toEqual([
      'The action it is part of must be in the same priority',
    ]);
    // The form re-shown lists only the chosen priority's actions (none yet in priority 2).
    expect(elsewhere.body).not.toContain(`<option value="${first}"`);
    const bad = await addAction({ priorityId: p1, parentActionId: 'nonsense', title: 'Odd' });
    expect(errorSummary(bad.body)).toEqual(['Select the action it is part of from the list']);

    // An action with sub-actions is not offered the choice, and cannot be made one.
    const editForm = (await admin.get(`${planPath}/actions/${first}/edit`)).body;
    expect(editForm).toContain(
      'This action has sub-actions, so it cannot be part of another action',
    );
    expect(editForm).not.toContain('name="parentActionId"');
    const version = /name="version" value="(\d+)"/.exec(editForm)![1]!;
    const refused = await admin.post(`${planPath}/actions/${first}/edit`, {
      priorityId: p1,
      parentActionId: second,
      title: 'Use of data',
      category: 'operational',
      version,
    });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'This action has sub-actions of its own, so it cannot be part of another action',
    ]);
    // A sub-action's edit form offers the priority's top-level actions but not itself.
    const subForm = (await admin.get(`${planPath}/actions/${sub}/edit`)).body;
    expect(subForm).toContain(`<option value="${first}" selected>1.1 Use of data</option>`);
    expect(subForm).toContain(`<option value="${second}">1.2 Benchmarking</option>`);
    expect(subForm).not.toContain(`<option value="${sub}"`);
    expect(planRows((await admin.get(planPath)).body)).toHaveLength(4);
  });

  it('moves sub-actions among themselves and with their action, and renumbers', async () => {
    let plan = (await admin.get(planPath)).body;
    const first = actionIdOf(plan, 'Use of data');
    const cleanse = actionIdOf(plan, 'Complete a data cleanse');
    const second = actionIdOf(plan, 'Benchmarking');

    await admin.post(`${planPath}/actions/move`, { move: `${cleanse}:up` });
    await admin.post(`${planPath}/actions/move`, { move: `${cleanse}:up` }); // already first: stays
    await admin.post(`${planPath}/actions/move`, { move: `${second}:up` });
    plan = (await admin.get(planPath)).body;
    expect(planRows(plan)).toEqual([
      '1.1 Benchmarking',
      '1.2 Use of data',
      '1.2 a Complete a data cleanse',
      '1.2 b Agree key performance indicators',
    ]);

    // The action moves to priority 2 and its sub-actions go with it.
    const form = (await admin.get(`${planPath}/actions/${first}/edit`)).body;
    const moved = await admin.post(`${planPath}/actions/${first}/edit`, {
      priorityId: p2,
      title: 'Use of data',
      category: 'operational',
      version: /name="version" value="(\d+)"/.exec(form)![1]!,
    });
    expect(moved.statusCode).toBe(303);
    plan = (await admin.get(planPath)).body;
    expect(planRows(plan)).toEqual([
      '1.1 Benchmarking',
      '2.1 Use of data',
      '2.1 a Complete a data cleanse',
      '2.1 b Agree key performance indicators',
    ]);

    // A sub-action made an action of its own goes to the end of its priority; its siblings close up.
    const subForm = (await admin.get(`${planPath}/actions/${cleanse}/edit`)).body;
    await admin.post(`${planPath}/actions/${cleanse}/edit`, {
      priorityId: p2,
      parentActionId: '',
      title: 'Complete a data cleanse',
      category: 'operational',
      version: /name="version" value="(\d+)"/.exec(subForm)![1]!,
    });
    // Moved to another priority by the action page's form, a sub-action becomes an action there.
    const kpis = actionIdOf(plan, 'Agree key performance indicators');
    await admin.post(`${planPath}/actions/${kpis}/move`, { toPriorityId: p1 });
    expect(planRows((await admin.get(planPath)).body)).toEqual([
      '1.1 Benchmarking',
      '1.2 Agree key performance indicators',
      '2.1 Use of data',
      '2.2 Complete a data cleanse',
    ]);
    // …and back under an action by choosing it.
    const again = (await admin.get(`${planPath}/actions/${kpis}/edit`)).body;
    await admin.post(`${planPath}/actions/${kpis}/edit`, {
      priorityId: p2,
      parentActionId: first,
      title: 'Agree key performance indicators',
      category: 'operational',
      // It keeps its due date (a changed one would need a reason).
      'dueDate-day': '31',
      'dueDate-month': '1',
      'dueDate-year': '2020',
      version: /name="version" value="(\d+)"/.exec(again)![1]!,
    });
    expect(planRows((await admin.get(planPath)).body)).toEqual([
      '1.1 Benchmarking',
      '2.1 Use of data',
      '2.1 a Agree key performance indicators',
      '2.2 Complete a data cleanse',
    ]);
  });

  it('lets only admins change a plan’s details', async () => {
    expect((await admin.get(planPath)).body).toContain(
      `href="${planPath}/edit">Change plan details`,
    );
    for (const role of ['viewer', 'lead', 'contributor']) {
      const agent = new Agent(t.app);
      await agent.signIn(`${role}@northshire.example`, PASSWORD);
      expect((await agent.get(planPath)).body).not.toContain('Change plan details');
      expect((await agent.get(`${planPath}/edit`)).statusCode).toBe(403);
      const posted = await agent.post(`${planPath}/edit`, {
        kind: 'wsoa',
        title: 'Taken over',
        version: '1',
      });
      expect(posted.statusCode).toBe(403);
    }
    const title = await t.db.query<{ title: string }>('SELECT title FROM plans WHERE id = $1', [
      planId,
    ]);
    expect(title[0]!.title).toBe('Northshire WSoA');
  });

  it('changes a plan’s details, and shows both versions when someone else saved first', async () => {
    const form = (await admin.get(`${planPath}/edit`)).body;
    expect(form).toContain('Change plan details');
    expect(form).toContain('value="Northshire WSoA"');
    expect(form).toContain('can be changed only while the plan is a draft');
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const fields = {
      kind: 'wsoa',
      inspectionId: inspections[0]!,
      ownerUserId: seed.adminA.id,
      version,
    };
    const empty = await admin.post(`${planPath}/edit`, { ...fields, title: '' });
    expect(errorSummary(empty.body)).toEqual(['Enter a title']);

    const other = new Agent(t.app);
    await other.signIn('alex@northshire.example', PASSWORD);
    await other.get(`${planPath}/edit`);
    const saved = await other.post(`${planPath}/edit`, {
      ...fields,
      title: 'Northshire written statement of action',
      ownerUserId: seed.people.lead!,
    });
    expect(saved.statusCode).toBe(303);
    const plan = (await admin.get(planPath)).body;
    expect(plan).toContain(
      '<h1 class="govuk-heading-l">Northshire written statement of action</h1>',
    );
    expect(plan).toContain('lead person');

    const stale = await admin.post(`${planPath}/edit`, {
      ...fields,
      kind: 'post_inspection',
      title: 'My title',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this plan while you were editing');
    expect(stale.body).toContain('Northshire written statement of action');
    expect(stale.body).toContain('My title');
    expect(stale.body).toContain('Post-inspection improvement plan');
    expect(stale.body).toContain('lead person');
    expect(Number(/name="version" value="(\d+)"/.exec(stale.body)![1])).toBe(Number(version) + 1);
    expect(/name="title" value="([^"]*)"/.exec(stale.body)![1]).toBe('My title');

    const audit = await t.db.query<{ before: { title: string }; after: { title: string } }>(
      `SELECT before, after FROM audit_log WHERE entity_type = 'plan' AND entity_id = $1 AND action = 'update'`,
      [planId],
    );
    expect(audit.map((a) => [a.before.title, a.after.title])).toEqual([
      ['Northshire WSoA', 'Northshire written statement of action'],
    ]);
  });

  it('changes the inspection only while the plan is a draft', async () => {
    const form = (await admin.get(`${planPath}/edit`)).body;
    const fields = {
      kind: 'wsoa',
      title: 'Northshire written statement of action',
      ownerUserId: seed.people.lead!,
    };
    // A draft: the new inspection takes the priorities' links to the old one's findings away.
    const changed = await admin.post(`${planPath}/edit`, {
      ...fields,
      inspectionId: inspections[1]!,
      version: /name="version" value="(\d+)"/.exec(form)![1]!,
    });
    expect(changed.statusCode).toBe(303);
    expect((await admin.get(planPath)).body).not.toContain(WEAKNESS);
    const links = await t.db.query('SELECT 1 FROM priority_findings WHERE priority_id = $1', [p1]);
    expect(links).toHaveLength(0);

    const page = (await admin.get(planPath)).body;
    const signed = await admin.post(`${planPath}/status`, {
      to: 'signed_off',
      version: /name="version" value="(\d+)"/.exec(page)![1]!,
    });
    expect(signed.statusCode).toBe(303);
    const locked = (await admin.get(`${planPath}/edit`)).body;
    expect(locked).not.toContain('<select class="govuk-select" id="inspectionId"');
    expect(locked).toContain('Local area SEND inspection (revisit), March 2021');
    const version = /name="version" value="(\d+)"/.exec(locked)![1]!;
    const refused = await admin.post(`${planPath}/edit`, {
      ...fields,
      inspectionId: inspections[0]!,
      version,
    });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'The inspection can be changed only while the plan is a draft: which findings the plan must cover depends on it.',
    ]);
    // The title can still change.
    const renamed = await admin.post(`${planPath}/edit`, {
      ...fields,
      title: 'Northshire WSoA (signed off)',
      inspectionId: inspections[1]!,
      version,
    });
    expect(renamed.statusCode).toBe(303);
  });

  it('freezes sub-action numbers in a version and compares them with the plan now', async () => {
    const kpis = actionIdOf((await admin.get(planPath)).body, 'Agree key performance indicators');
    await admin.post(`${planPath}/actions/${kpis}/move`, { toPriorityId: p1 });
    const version = (await admin.get(`${planPath}/versions/1`)).body;
    expect(version).toContain(
      '<li class="govuk-!-padding-left-4"><strong>2.1 a</strong> Agree key performance indicators',
    );
    expect(version).toMatch(
      /1\.2 Agree key performance indicators<\/td><td class="govuk-table__cell">Number<\/td><td class="govuk-table__cell">2\.1 a<\/td><td class="govuk-table__cell">1\.2</,
    );
  });
});
