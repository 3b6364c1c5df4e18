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
import { addAction, addPriority, changePlanStatus, createPlan } from '../plans/index.js';
import { openRound } from '../progress/index.js';
import { todayInLondon } from '../platform/web/today.js';
import { systemTenant } from '../platform/tenancy/tenancy.js';

describe.each(databaseKinds)('dashboard, deadlines and settings on %s', (kind) => {
  let t: TestApp;
  let slug = '';
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const seed = await seedTwoPartnerships(t.db);
    slug = seed.a.slug;
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    const i2016 = await createInspection(
      t.db,
      actor,
      seed.tenantA,
      {
        framework: '2016',
        kind: 'initial',
        onSiteStart: '2025-11-24',
        onSiteEnd: '2025-11-28',
        publishedOn: '2025-12-19',
        team: '',
        outcome: null,
        wsoaRequired: true,
        outcomeText: '',
      },
      [
        {
          type: 'significant_weakness',
          question: null,
          text: 'Weak strategic leadership',
          sufficientProgress: null,
        },
        {
          type: 'significant_weakness',
          question: null,
          text: 'Long waits for autism assessment',
          sufficientProgress: null,
        },
      ],
    );
    await createInspection(t.db, actor, seed.tenantA, {
      framework: '2023',
      kind: 'full',
      onSiteStart: '2025-09-01',
      onSiteEnd: '2025-09-05',
      publishedOn: '2025-10-10',
      team: '',
      outcome: 3,
      wsoaRequired: null,
      outcomeText: '',
    });
    const plan = await createPlan(t.db, actor, seed.tenantA, {
      kind: 'wsoa',
      inspectionId: i2016.id,
      title: 'WSoA',
      ownerUserId: null,
    });
    const findings = await t.db.query<{ id: string }>(
      'SELECT id FROM findings WHERE inspection_id = $1 ORDER BY position',
      [i2016.id],
    );
    const priority = (await addPriority(t.db, actor, seed.tenantA, plan.id, {
      title: 'Leadership',
      description: '',
      findingIds: [findings[0]!.id],
    }))!;
    await addAction(t.db, actor, seed.tenantA, plan.id, {
      priorityId: priority.id,
      title: 'Long overdue action',
      description: '',
      category: 'strategic',
      leadUserId: seed.people.lead!,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: '2020-01-31',
    });
    await changePlanStatus(t.db, actor, seed.tenantA, plan.id, {
      to: 'signed_off',
      version: 1,
      note: '',
      eventOn: '2026-03-20',
    });
    await openRound(t.db, actor, seed.tenantA, {
      title: 'November update',
      openedOn: todayInLondon(),
      dueOn: '2099-11-30',
    });
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('shows the next dates with the rule behind each, progress by finding, overdue and missing updates', async () => {
    const page = (await admin.get(`/p/${slug}`)).body;
    expect(page).toContain('Written statement of action due');
    expect(page).toContain('1 April 2026'); // 70 working days after 19 December 2025
    expect(page).toContain('70 working days after');
    expect(page).toContain('Needs a setting'); // the priority action plan rule is not confirmed
    expect(page).toContain('November update');
    expect(page).toMatch(/Weak strategic leadership<\/a><\/td>[\s\S]*?govuk-tag--orange/); // overdue, no rating yet → amber
    expect(page).toMatch(/Long waits for autism assessment<\/a><\/td>[\s\S]*?No actions/);
    expect(page).toContain('Overdue actions (1)');
    const planPage = (await admin.get(`/p/${slug}/plans`)).body;
    const planPath = /href="(\/p\/[^"]+\/plans\/[0-9a-f-]+)"/.exec(planPage)![1]!;
    const plan = (await admin.get(planPath)).body;
    expect(plan).toContain('Dates for this plan');
    expect(plan).toMatch(/Written statement of action due[\s\S]*?70 working days after/);
    // Submitting the plan, even late, meets the deadline: it leaves the list of dates to watch.
    const second = /value="([0-9a-f-]+)"[^>]*>\s*<label[^>]*>\s*Long waits/.exec(
      (await admin.get(`${planPath}/priorities/new`)).body,
    )![1]!;
    await admin.post(`${planPath}/priorities/new`, {
      title: 'Waiting times',
      findingIds: [second],
    });
    const priorityId = [
      ...(await admin.get(planPath)).body.matchAll(/id="priority-([0-9a-f-]+)"/g),
    ][1]![1]!;
    await admin.post(`${planPath}/actions/new`, {
      priorityId,
      title: 'Commission more assessments',
      category: 'commissioning',
    });
    const version = /name="version" value="(\d+)"/.exec((await admin.get(planPath)).body)![1]!;
    const submitted = await admin.post(`${planPath}/status`, {
      to: 'submitted',
      version,
      'eventOn-day': '2',
      'eventOn-month': '4',
      'eventOn-year': '2026',
    });
    expect(submitted.statusCode).toBe(303);
    const after = (await admin.get(`/p/${slug}`)).body;
    expect(after).toMatch(/Dates already met \(1\)/);
    expect(after).toContain('1 working day late');
    expect(page).toContain('No update yet in their round (1)');
  });

  it('moves deadlines when the partnership changes its settings, with validation', async () => {
    const form = (await admin.get(`/p/${slug}/settings`)).body;
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const base = {
      wsoaWorkingDays: '70',
      revisitMonths: '18',
      monitoringInspectionMonths: '18',
      years1: '5',
      years2: '3',
      years3: '3',
      appReviewMonths: '6, 12',
      countClosures: 'yes',
      version,
    };
    const bad = await admin.post(`/p/${slug}/settings`, {
      ...base,
      wsoaWorkingDays: 'seventy',
      closures: '2026-02-30',
    });
    expect(errorSummary(bad.body)).toEqual([
      'Working days for the written statement must be a whole number from 1 to 500',
      '“2026-02-30” is not a real date. Write one date per line, like 29/12/2026',
    ]);
    expect(bad.body).toContain('value="seventy"');
    const ok = await admin.post(`/p/${slug}/settings`, {
      ...base,
      closures: '2025-12-29\n2025-12-30\n2025-12-31',
      priorityActionPlanWorkingDays: '40',
      source_priority_action_plan_due: 'Confirmed with our Ofsted link inspector',
    });
    expect(ok.statusCode).toBe(303);
    const page = (await admin.get(`/p/${slug}`)).body;
    expect(page).toContain('8 April 2026'); // three closure days: 1 April + 3 working days, over Easter
    expect(page).toContain('Priority action plan due');
    expect(page).toContain('Confirmed with our Ofsted link inspector');
    expect(page).not.toContain('Needs a setting');
    const stale = await admin.post(`/p/${slug}/settings`, { ...base, closures: '' });
    expect(errorSummary(stale.body)[0]).toMatch(/^Someone else changed the settings/);
    expect(stale.statusCode).toBe(409);
  });

  it('shows progress on an area for improvement a live plan answers, whatever the framework', async () => {
    const seedActor = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM users WHERE email = 'alex@northshire.example'`,
      )
    )[0]!;
    const actor = { userId: seedActor.id, name: 'Alex' };
    const tenant = (
      await t.db.query<{ id: string; slug: string; name: string }>(
        'SELECT id, slug, name FROM partnerships WHERE slug = $1',
        [slug],
      )
    )[0]!;
    const tenantA = systemTenant(tenant);
    const outcome2 = await createInspection(
      t.db,
      actor,
      tenantA,
      {
        framework: '2023',
        kind: 'full',
        onSiteStart: '2026-01-12',
        onSiteEnd: '2026-01-16',
        publishedOn: '2026-02-20',
        team: '',
        outcome: 2,
        wsoaRequired: null,
        outcomeText: '',
      },
      [
        {
          type: 'area_for_improvement',
          question: null,
          text: 'Leaders should improve the timeliness of EHC needs assessments',
          sufficientProgress: null,
        },
      ],
    );
    const before = (await admin.get(`/p/${slug}`)).body;
    expect(before).not.toContain('Leaders should improve the timeliness of EHC needs assessments');
    const plan = await createPlan(t.db, actor, tenantA, {
      kind: 'post_inspection',
      inspectionId: outcome2.id,
      title: 'Post-inspection plan',
      ownerUserId: null,
    });
    const [afi] = await t.db.query<{ id: string }>(
      'SELECT id FROM findings WHERE inspection_id = $1',
      [outcome2.id],
    );
    await addPriority(t.db, actor, tenantA, plan.id, {
      title: 'Timely assessments',
      description: '',
      findingIds: [afi!.id],
    });
    const after = (await admin.get(`/p/${slug}`)).body;
    expect(after).toMatch(
      /Leaders should improve the timeliness of EHC needs assessments<\/a><\/td>[\s\S]*?No actions/,
    );
  });
});
