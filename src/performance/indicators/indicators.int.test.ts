import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode, errorSummary } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import type { Db } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { createInspection } from '../../inspections/index.js';
import { listFindings } from '../../inspections/index.js';
import { addAction, addPriority, createPlan } from '../../plans/index.js';
import { STARTER_INDICATORS } from './starter-set.js';
import { createToken } from '../../account/index.js';

const actor = (userId: string) => ({ userId, name: 'Seeder' });

/** An inspection with one weakness, and a plan with action 1.1 and sub-action 1.1 a. */
async function seedPlan(db: Db, tenant: Tenant, userId: string, label: string) {
  const inspection = await createInspection(
    db,
    actor(userId),
    tenant,
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
        text: `${label}: EHC plans are late`,
        sufficientProgress: null,
      },
    ],
  );
  const findingId = (await listFindings(db, tenant, inspection.id))[0]!.id;
  const planId = (
    await createPlan(db, actor(userId), tenant, {
      kind: 'wsoa',
      inspectionId: inspection.id,
      title: `${label} WSoA`,
      ownerUserId: null,
    })
  ).id;
  const priorityId = (await addPriority(db, actor(userId), tenant, planId, {
    title: 'Timeliness',
    description: '',
    findingIds: [findingId],
  }))!.id;
  const action = {
    priorityId,
    description: '',
    category: 'operational' as const,
    leadUserId: null,
    leadOrganisationId: null,
    partnerIds: [],
    startDate: null,
    dueDate: null,
  };
  const actionId = (await addAction(db, actor(userId), tenant, planId, {
    ...action,
    title: `${label}: recruit EHC coordinators`,
  }))!.id;
  const subActionId = (await addAction(db, actor(userId), tenant, planId, {
    ...action,
    parentActionId: actionId,
    title: `${label}: train new coordinators`,
  }))!.id;
  return { inspectionId: inspection.id, findingId, planId, actionId, subActionId };
}

describe.each(databaseKinds)('indicators and the performance dashboard on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let perf = '';
  let planA: Awaited<ReturnType<typeof seedPlan>>;
  let planB: Awaited<ReturnType<typeof seedPlan>>;
  let indicatorPath = '';
  let indicatorId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    planA = await seedPlan(t.db, seed.tenantA, seed.adminA.id, 'A');
    planB = await seedPlan(t.db, seed.tenantB, seed.adminBId, 'B');
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    perf = `/p/${seed.a.slug}/performance`;
  });
  afterAll(async () => t?.close());

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.query<{ n: number }>(sql, params))[0]!.n;

  it('explains how to start on an empty dashboard', async () => {
    const page = await admin.get(perf);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No indicators yet');
    expect(page.body).toContain(`href="${perf}/imports"`);
    expect(page.body).toContain('Add the starter set');
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    const seen = await viewer.get(perf);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('Add the starter set');
  });

  it('adds the starter set once, with England’s figures, and audits it', async () => {
    const added = await admin.post(`${perf}/indicators/starter-set`);
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${perf}/indicators`);
    const list = await admin.get(`${perf}/indicators`);
    expect(list.body).toContain(`${STARTER_INDICATORS.length} starter indicators added`);
    expect(decode(list.body)).toContain(
      'New EHC plans issued within 20 weeks, excluding exceptions',
    );
    expect(
      await count(`SELECT count(*)::int AS n FROM indicators WHERE partnership_id = $1`, [
        seed.a.id,
      ]),
    ).toBe(STARTER_INDICATORS.length);
    const england = await t.db.query<{ period_key: string; value: string }>(
      `SELECT b.period_key, b.value::text AS value FROM benchmark_values b JOIN indicators i ON i.id = b.indicator_id
        WHERE i.partnership_id = $1 AND i.code = 'ehcp-issued-within-20-weeks' AND b.series = 'england' ORDER BY b.period_start`,
      [seed.a.id],
    );
    expect(england.map((r) => [r.period_key, Number(r.value)])).toEqual([
      ['2016', 58.6],
      ['2017', 64.9],
      ['2019', 60.4],
      ['2021', 59.9],
      ['2022', 49.2],
      ['2023', 50.3],
      ['2024', 46.4],
    ]);
    const audits = `SELECT count(*)::int AS n FROM audit_log WHERE partnership_id = $1 AND entity_type = 'indicator' AND action = 'add starter set'`;
    expect(await count(audits, [seed.a.id])).toBe(1);

    // Again: nothing added, nothing audited.
    await admin.post(`${perf}/indicators/starter-set`);
    expect((await admin.get(`${perf}/indicators`)).body).toContain('Nothing was added');
    expect(
      await count(`SELECT count(*)::int AS n FROM indicators WHERE partnership_id = $1`, [
        seed.a.id,
      ]),
    ).toBe(STARTER_INDICATORS.length);
    expect(
      await count(`SELECT count(*)::int AS n FROM benchmark_values WHERE partnership_id = $1`, [
        seed.a.id,
      ]),
    ).toBe(7);
    expect(await count(audits, [seed.a.id])).toBe(1);
  });

  it('checks the indicator form and keeps what was typed', async () => {
    await admin.get(`${perf}/indicators/new`);
    const empty = await admin.post(`${perf}/indicators/new`, {});
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual([
      'Enter the indicator’s name',
      'Select the unit',
      'Select whether higher or lower is better',
      'Select how often it is reported',
    ]);
    const bad = await admin.post(`${perf}/indicators/new`, {
      name: 'Annual reviews on time',
      code: 'Not A Code',
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'monthly',
      greenFrom: '80',
      amberFrom: '90',
      greenTo: '20',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'Code must be up to 64 lower-case letters, digits and hyphens, starting with a letter or digit, like ehcp-within-20-weeks',
      'Amber from must be the same as or lower than green from',
      'Remove green up to: when higher is better, enter green from and amber from',
    ]);
    expect(bad.body).toContain('Annual reviews on time');
    expect(bad.body).toMatch(/name="greenFrom" type="text" value="80"|value="80"/);
    const neither = await admin.post(`${perf}/indicators/new`, {
      name: 'Pupils with SEN',
      unit: 'percent',
      polarity: 'neither',
      frequency: 'annual',
      greenFrom: '10',
    });
    // Neither higher nor lower is better: thresholds are a band, and half a band is not enough.
    expect(neither.statusCode).toBe(400);
    expect(errorSummary(neither.body)).toEqual(['Enter the highest value that is green']);
    expect(neither.body).toMatch(/name="greenFrom" type="text"[^>]*value="10"/);
    const taken = await admin.post(`${perf}/indicators/new`, {
      name: 'Duplicate',
      code: 'ehcp-issued-within-20-weeks',
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'annual',
    });
    expect(taken.statusCode).toBe(400);
    expect(errorSummary(taken.body)).toEqual([
      'Another indicator already has the code ehcp-issued-within-20-weeks: choose a different code',
    ]);
  });

  it('adds an indicator with a code from its name, linked only to the partnership’s own actions and findings', async () => {
    const fields = {
      name: 'Annual reviews completed within 12 months',
      definition: 'Reviews held on time.\n\nCounts every plan.',
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'annual',
      source: 'Case management system',
      ownerUserId: seed.people.lead!,
      greenFrom: '90',
      amberFrom: '80',
    };
    // Another partnership's actions and findings are refused, as the API refuses them, not dropped.
    const foreign = await admin.post(`${perf}/indicators/new`, {
      ...fields,
      actionIds: [planA.actionId, planA.subActionId, planB.actionId],
      findingIds: [planA.findingId, planB.findingId],
    });
    expect(foreign.statusCode).toBe(400);
    expect(errorSummary(foreign.body)).toEqual(['Select actions and findings from the lists']);
    const created = await admin.post(`${perf}/indicators/new`, {
      ...fields,
      actionIds: [planA.actionId, planA.subActionId],
      findingIds: [planA.findingId],
    });
    expect(created.statusCode).toBe(303);
    indicatorPath = created.headers.location!;
    indicatorId = indicatorPath.split('/').at(-1)!;
    const row = (
      await t.db.query<{ code: string; green: string; amber: string; owner: string }>(
        `SELECT code, green_threshold::text AS green, amber_threshold::text AS amber, owner_user_id::text AS owner FROM indicators WHERE id = $1`,
        [indicatorId],
      )
    )[0]!;
    expect(row).toEqual({
      code: 'annual-reviews-completed-within-12-months',
      green: '90',
      amber: '80',
      owner: seed.people.lead,
    });
    const links = await t.db.query<{ id: string }>(
      `SELECT action_id::text AS id FROM indicator_actions WHERE indicator_id = $1
       UNION ALL SELECT finding_id::text FROM indicator_findings WHERE indicator_id = $1`,
      [indicatorId],
    );
    expect(links.map((l) => l.id).sort()).toEqual(
      [planA.actionId, planA.subActionId, planA.findingId].sort(),
    );
    const page = await admin.get(indicatorPath);
    expect(page.statusCode).toBe(200);
    const text = decode(page.body);
    expect(text).toContain('1.1 A: recruit EHC coordinators');
    expect(text).toContain('1.1 a A: train new coordinators');
    expect(text).toContain(`/p/${seed.a.slug}/plans/${planA.planId}/actions/${planA.actionId}`);
    expect(text).toContain(`/p/${seed.a.slug}/inspections/${planA.inspectionId}`);
    expect(text).toContain('A: EHC plans are late');
    expect(text).not.toContain('B: ');
    expect(text).toContain('Green from 90%, amber from 80%, otherwise red');
    expect(text).toContain('No values yet.');
    const edit = await admin.get(`${indicatorPath}/edit`);
    expect(edit.body).toContain('Actions of A WSoA');
    expect(edit.body).not.toContain('B WSoA');
  });

  it('shows the trend, benchmarks, target and breakdown, with the summary sentence', async () => {
    const ehcp = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM indicators WHERE partnership_id = $1 AND code = 'ehcp-issued-within-20-weeks'`,
        [seed.a.id],
      )
    )[0]!.id;
    for (const [key, value] of [
      ['2022', 55],
      ['2023', 50.3],
      ['2024', 46.4],
    ] as const) {
      await t.db.query(
        `INSERT INTO indicator_values (partnership_id, indicator_id, period_key, period_start, period_end, value)
         VALUES ($1, $2, $3, ($3 || '-01-01')::date, ($3 || '-12-31')::date, $4)`,
        [seed.a.id, ehcp, key, value],
      );
    }
    const units = await t.db.query<{ id: string; name: string }>(
      `INSERT INTO geography_units (partnership_id, kind, code, name) VALUES
        ($1, 'district', 'D1', 'Riverside'), ($1, 'district', 'D2', 'Moorland'), ($1, 'school', '100001', 'Hill Primary')
       RETURNING id, name`,
      [seed.a.id],
    );
    for (const [i, unit] of units.entries()) {
      await t.db.query(
        `INSERT INTO indicator_values (partnership_id, indicator_id, period_key, period_start, period_end, geography_unit_id, value, numerator, denominator)
         VALUES ($1, $2, '2024', '2024-01-01', '2024-12-31', $3, $4, $5, 40)`,
        [seed.a.id, ehcp, unit.id, 40 + i * 5, 16 + i * 2],
      );
    }
    const path = `${perf}/indicators/${ehcp}`;
    await admin.get(path);
    const badTarget = await admin.post(`${path}/targets`, {
      targetValue: 'lots',
      'targetDate-day': '31',
      'targetDate-month': '2',
      'targetDate-year': '2030',
    });
    expect(badTarget.statusCode).toBe(400);
    expect(errorSummary(badTarget.body)).toEqual([
      'Target must be a number',
      'Target date must be a real date',
    ]);
    expect(badTarget.body).toContain('value="lots"');
    const target = await admin.post(`${path}/targets`, {
      targetValue: '60',
      'targetDate-day': '31',
      'targetDate-month': '12',
      'targetDate-year': '2099',
      targetNote: 'Agreed by the board',
    });
    expect(target.statusCode).toBe(303);
    const page = await admin.get(path);
    const text = decode(page.body);
    expect(text).toContain(
      '46.4% in 2024, down 3.9 points from 50.3% in 2023 (worse). Target 60% by December 2099: not met.',
    );
    expect(text).toContain('England: 46.4% in 2024.');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('role="img"');
    expect(text).toContain('values by period');
    expect(text).toContain('Agreed by the board');
    expect(text).toContain('By district, 2024');
    expect(text).toContain('Riverside');
    expect(text).toContain('By school, 2024');
    expect(text).toContain('100001');
    // Plain words for people who are not analysts, the technical terms only as hints.
    expect(text).toContain('Which way is better');
    expect(text).not.toContain('Polarity');
    expect(text).toContain('Code: ehcp-issued-within-20-weeks');
    expect(text).not.toContain('Indicator ehcp-issued-within-20-weeks');
    expect(text).toContain('>Number counted</th>');
    expect(text).toContain('>Out of</th>');
    expect(text).not.toContain('Numerator');

    // Removing the target, audited.
    const targetId = /name="remove" value="([0-9a-f-]+)"/.exec(page.body)![1]!;
    expect((await admin.post(`${path}/targets/remove`, { remove: targetId })).statusCode).toBe(303);
    expect(
      await count(`SELECT count(*)::int AS n FROM indicator_targets WHERE indicator_id = $1`, [
        ehcp,
      ]),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action IN ('add target', 'remove target')`,
        [ehcp],
      ),
    ).toBe(2);
    await admin.post(`${path}/targets`, {
      targetValue: '60',
      'targetDate-day': '31',
      'targetDate-month': '12',
      'targetDate-year': '2099',
    });
  });

  it('rates every indicator on the dashboard and filters by RAG', async () => {
    const page = await admin.get(perf);
    const text = decode(page.body);
    expect(page.statusCode).toBe(200);
    expect(text).toContain(`${STARTER_INDICATORS.length + 1} indicators`);
    // EHC plans: 46.4% against thresholds green 60, amber 46.4 → amber; worsening.
    const row = /<tr class="govuk-table__row">\s*<td[^>]*><a[^>]*>New EHC plans[\s\S]*?<\/tr>/.exec(
      text,
    )![0];
    expect(row).toContain('46.4%');
    expect(row).toContain('Amber');
    // The rating's tag, then what it was rated by in words of its own, not run together.
    expect(row).toMatch(/>Amber<\/strong>\s*<span[^>]*>Rated by its thresholds<\/span>/);
    expect(row).toContain('Worsening');
    expect(row).toContain('Down 3.9 points from 50.3% (2023)');
    expect(row).toContain('60% by 31 December 2099');
    expect(row).toContain('<svg');
    const amber = decode((await admin.get(`${perf}?rag=amber`)).body);
    expect(amber).toContain(`1 of ${STARTER_INDICATORS.length + 1} indicators`);
    expect(amber).toContain('New EHC plans');
    expect(amber).not.toContain('Autism assessment');
    const red = decode((await admin.get(`${perf}?rag=red&rag=green`)).body);
    expect(red).toContain('No indicators are rated red or green.');
    const none = decode((await admin.get(`${perf}?rag=none`)).body);
    expect(none).toContain('Autism assessment');
    expect(none).not.toContain('New EHC plans');
  });

  it('changes an indicator, and shows a stale edit as a conflict', async () => {
    const form = await admin.get(`${indicatorPath}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const fields = {
      name: 'Annual reviews completed within 12 months',
      code: 'annual-reviews',
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'annual',
      greenFrom: '95',
      version,
      actionIds: [planA.actionId],
    };
    const saved = await admin.post(`${indicatorPath}/edit`, fields);
    expect(saved.statusCode).toBe(303);
    expect(
      await count(`SELECT count(*)::int AS n FROM indicator_actions WHERE indicator_id = $1`, [
        indicatorId,
      ]),
    ).toBe(1);
    const stale = await admin.post(`${indicatorPath}/edit`, { ...fields, greenFrom: '97' });
    expect(stale.statusCode).toBe(409);
    expect(decode(stale.body)).toContain(
      'Someone else changed this indicator while you were editing',
    );
    expect(stale.body).toContain(`name="version" value="${Number(version) + 1}"`);
    const row = (
      await t.db.query<{ code: string; green: string; amber: string | null }>(
        `SELECT code, green_threshold::text AS green, amber_threshold::text AS amber FROM indicators WHERE id = $1`,
        [indicatorId],
      )
    )[0]!;
    expect(row).toEqual({ code: 'annual-reviews', green: '95', amber: null });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'update'`,
        [indicatorId],
      ),
    ).toBe(1);
  });

  it('archives an indicator off the dashboard and restores it', async () => {
    expect((await admin.post(`${indicatorPath}/archive`)).statusCode).toBe(303);
    expect(decode((await admin.get(perf)).body)).not.toContain('Annual reviews completed');
    const list = decode((await admin.get(`${perf}/indicators`)).body);
    expect(list).toContain('Archived indicators (1)');
    expect((await admin.post(`${indicatorPath}/restore`)).statusCode).toBe(303);
    expect(decode((await admin.get(perf)).body)).toContain('Annual reviews completed');
  });

  it('lets members read but only admins change, and refuses a post without its CSRF token', async () => {
    const lead = new Agent(t.app);
    await lead.signIn('lead@northshire.example', PASSWORD);
    expect((await lead.get(indicatorPath)).statusCode).toBe(200);
    expect((await lead.get(`${perf}/indicators`)).statusCode).toBe(200);
    expect((await lead.get(`${perf}/indicators/new`)).statusCode).toBe(403);
    for (const url of [
      `${perf}/indicators/new`,
      `${perf}/indicators/starter-set`,
      `${indicatorPath}/edit`,
      `${indicatorPath}/archive`,
      `${indicatorPath}/targets`,
    ]) {
      expect((await lead.post(url, { name: 'Mine' })).statusCode, url).toBe(403);
    }
    const noToken = await admin.post(`${indicatorPath}/archive`, {}, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM indicators WHERE id = $1 AND archived_at IS NOT NULL`,
        [indicatorId],
      ),
    ).toBe(0);
  });

  it('answers 404 to another partnership’s admin', async () => {
    const bea = new Agent(t.app);
    await bea.signIn('bea@southvale.example', PASSWORD);
    expect((await bea.get(indicatorPath)).statusCode).toBe(404);
    expect((await bea.get(perf)).statusCode).toBe(404);
    expect((await bea.post(`${indicatorPath}/archive`)).statusCode).toBe(404);
    // Their own partnership's URL with A's indicator id is not found either.
    const own = `/p/${seed.b.slug}/performance/indicators/${indicatorId}`;
    expect((await bea.get(own)).statusCode).toBe(404);
    expect((await bea.post(`${own}/archive`)).statusCode).toBe(404);
    expect((await bea.get(`/p/${seed.b.slug}/performance`)).statusCode).toBe(200);
  });

  it('answers the read-only API with each indicator’s standing and its values', async () => {
    const { token } = await createToken(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.adminA.id,
      'Power BI',
    );
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const base = `/api/v1/partnerships/${seed.a.slug}/indicators`;
    const list = await get(base);
    expect(list.statusCode).toBe(200);
    const indicators = list.json<{ id: string; code: string }[]>();
    expect(indicators).toHaveLength(STARTER_INDICATORS.length + 1);
    const ehcp = indicators.find((i) => i.code === 'ehcp-issued-within-20-weeks')!;
    expect(ehcp).toMatchObject({
      unit: 'percent',
      polarity: 'higher_is_better',
      greenThreshold: 60,
      amberThreshold: 46.4,
      latest: { period: '2024', label: '2024', value: 46.4 },
      previous: { period: '2023', value: 50.3 },
      direction: 'worsening',
      rag: 'amber',
      ragBasis: 'thresholds',
      target: { value: 60, date: '2099-12-31' },
      england: { period: '2024', value: 46.4 },
    });
    const values = await get(`${base}/${ehcp.id}/values`);
    expect(values.statusCode).toBe(200);
    const body = values.json<{ values: unknown[]; benchmarks: unknown[] }>();
    expect(body.values).toHaveLength(6);
    expect(body.values[0]).toEqual({
      period: '2022',
      periodStart: '2022-01-01',
      periodEnd: '2022-12-31',
      geography: null,
      value: 55,
      numerator: null,
      denominator: null,
    });
    expect(body.values).toContainEqual(
      expect.objectContaining({
        geography: { kind: 'school', code: '100001', name: 'Hill Primary' },
        value: 50,
        numerator: 20,
        denominator: 40,
      }),
    );
    expect(body.benchmarks).toHaveLength(7);
    expect((await get(`${base}/${planA.actionId}/values`)).statusCode).toBe(404);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(openapi.paths)).toContain(
      '/api/v1/partnerships/{partnership}/indicators/{indicatorId}/values',
    );
  });
});

/** The dashboard row of one indicator, by its name, as text. */
function dashboardRow(html: string, name: string): string {
  const rows = decode(html).match(/<tr class="govuk-table__row">\s*<td[\s\S]*?<\/tr>/g) ?? [];
  const row = rows.find((r) => r.includes(`>${name}</a>`));
  if (!row) throw new Error(`No dashboard row for ${name}`);
  return row;
}

const ragOf = (row: string) => /govuk-tag--\w+">(\w[\w ]*)</.exec(row)?.[1];

describe.each(databaseKinds)('RAG bands where neither higher nor lower is better on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let perf = '';
  let api = '';
  let token = '';
  let bandPath = '';
  let bandId = '';
  let higherId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    perf = `/p/${seed.a.slug}/performance`;
    api = `/api/v1/partnerships/${seed.a.slug}/indicators`;
    ({ token } = await createToken(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.adminA.id,
      'Power BI',
    ));
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, as = token) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${as}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const bounds = async (id: string) =>
    (
      await t.db.query<Record<string, string | null>>(
        `SELECT polarity, green_threshold::text AS green, amber_threshold::text AS amber,
           green_upper::text AS green_upper, amber_upper::text AS amber_upper
         FROM indicators WHERE id = $1`,
        [id],
      )
    )[0];
  /** One value for 2024, written straight in; the data version moves as an import's would. */
  const setValue = async (id: string, value: number) => {
    await t.db.query(
      `INSERT INTO indicator_values (partnership_id, indicator_id, period_key, period_start, period_end, value)
       VALUES ($1, $2, '2024', '2024-01-01', '2024-12-31', $3)
       ON CONFLICT (indicator_id, period_key, COALESCE(geography_unit_id, '00000000-0000-0000-0000-000000000000'::uuid))
       DO UPDATE SET value = EXCLUDED.value`,
      [seed.a.id, id, value],
    );
    await t.db.query(
      `UPDATE partnerships SET data_version = nextval('partnership_data_version_seq') WHERE id = $1`,
      [seed.a.id],
    );
  };
  const sen = {
    name: 'Pupils with SEN support',
    unit: 'percent',
    polarity: 'neither',
    frequency: 'annual',
  };

  it('re-renders the form with the band’s errors and what was typed', async () => {
    await admin.get(`${perf}/indicators/new`);
    const bad = await admin.post(`${perf}/indicators/new`, {
      ...sen,
      greenFrom: '11',
      amberFrom: '12',
      amberTo: '16',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'Amber from must be the same as or lower than green from',
      'Enter the highest value that is green',
    ]);
    for (const [name, value] of [
      ['greenFrom', '11'],
      ['amberFrom', '12'],
      ['amberTo', '16'],
    ])
      expect(bad.body).toMatch(new RegExp(`name="${name}" type="text"[^>]*value="${value}"`));
    expect(bad.body).toMatch(/value="neither" checked/);
    expect(bad.body).toContain('href="#greenTo"');

    const outside = await admin.post(`${perf}/indicators/new`, {
      ...sen,
      greenFrom: '11',
      greenTo: '14',
      amberFrom: '9',
      amberTo: '13',
    });
    expect(errorSummary(outside.body)).toEqual([
      'Amber up to must be the same as or higher than green up to',
    ]);
    expect(
      await t.db.query(`SELECT 1 FROM indicators WHERE partnership_id = $1`, [seed.a.id]),
    ).toHaveLength(0);
  });

  it('adds an indicator with a green and an amber band through the page, and audits it', async () => {
    const created = await admin.post(`${perf}/indicators/new`, {
      ...sen,
      greenFrom: '11',
      greenTo: '14',
      amberFrom: '9',
      amberTo: '16',
    });
    expect(created.statusCode).toBe(303);
    bandPath = created.headers.location!;
    bandId = bandPath.split('/').at(-1)!;
    expect(await bounds(bandId)).toEqual({
      polarity: 'neither',
      green: '11',
      amber: '9',
      green_upper: '14',
      amber_upper: '16',
    });
    const audit = (
      await t.db.query<{ after: Record<string, unknown> | string }>(
        `SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'create'`,
        [bandId],
      )
    )[0]!;
    const after = typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after;
    expect(after).toMatchObject({ green: 11, amber: 9, greenUpper: 14, amberUpper: 16 });

    const page = decode((await admin.get(bandPath)).body);
    expect(page).toContain('Green from 11% to 14%, amber from 9% to 16%, otherwise red');
    expect(page).toContain(
      'Where neither higher nor lower is better (such as the share of pupils with SEN support',
    );
    const form = await admin.get(`${bandPath}/edit`);
    for (const [name, value] of [
      ['greenFrom', '11'],
      ['greenTo', '14'],
      ['amberFrom', '9'],
      ['amberTo', '16'],
    ])
      expect(form.body).toMatch(new RegExp(`name="${name}" type="text"[^>]*value="${value}"`));
  });

  it('rates a value inside the green band green, inside the amber band amber, outside red', async () => {
    const higher = await admin.post(`${perf}/indicators/new`, {
      name: 'Annual reviews on time',
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'annual',
      greenFrom: '90',
      amberFrom: '80',
    });
    expect(higher.statusCode).toBe(303);
    higherId = higher.headers.location!.split('/').at(-1)!;
    expect(await bounds(higherId)).toMatchObject({ green_upper: null, amber_upper: null });
    await setValue(higherId, 85);

    for (const [value, rag] of [
      [11, 'Green'], // on the lower end: both ends are in the band
      [12.5, 'Green'],
      [14, 'Green'],
      [8.9, 'Red'],
      [9, 'Amber'],
      [15.2, 'Amber'],
      [16.1, 'Red'],
      [30, 'Red'],
    ] as const) {
      await setValue(bandId, value);
      const page = await admin.get(perf);
      const row = dashboardRow(page.body, 'Pupils with SEN support');
      expect(ragOf(row), `${value}%`).toBe(rag);
      expect(row).toContain('Rated by its thresholds');
      // The higher-is-better indicator beside it is rated as before.
      expect(ragOf(dashboardRow(page.body, 'Annual reviews on time'))).toBe('Amber');
    }
    const indicatorPage = decode((await admin.get(bandPath)).body);
    expect(indicatorPage).toMatch(/govuk-tag--red">Red</);
    const filtered = decode((await admin.get(`${perf}?rag=red`)).body);
    expect(filtered).toContain('Pupils with SEN support');
    expect(filtered).not.toContain('Annual reviews on time');
  });

  it('changes the band through the page, and clears it when the polarity changes', async () => {
    let form = await admin.get(`${bandPath}/edit`);
    let version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const saved = await admin.post(`${bandPath}/edit`, {
      ...sen,
      greenFrom: '10',
      greenTo: '30',
      version,
    });
    expect(saved.statusCode).toBe(303);
    expect(await bounds(bandId)).toEqual({
      polarity: 'neither',
      green: '10',
      amber: null,
      green_upper: '30',
      amber_upper: null,
    });
    // 30 was red; in the wider green band it is green.
    expect(ragOf(dashboardRow((await admin.get(perf)).body, 'Pupils with SEN support'))).toBe(
      'Green',
    );
    expect(decode((await admin.get(bandPath)).body)).toContain(
      'Green from 10% to 30%, otherwise red',
    );

    form = await admin.get(`${bandPath}/edit`);
    version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const wrongPair = await admin.post(`${bandPath}/edit`, {
      ...sen,
      polarity: 'higher_is_better',
      greenFrom: '10',
      greenTo: '30',
      version,
    });
    expect(wrongPair.statusCode).toBe(400);
    expect(errorSummary(wrongPair.body)).toEqual([
      'Remove green up to: when higher is better, enter green from and amber from',
    ]);
    const higherNow = await admin.post(`${bandPath}/edit`, {
      ...sen,
      polarity: 'higher_is_better',
      greenFrom: '10',
      version,
    });
    expect(higherNow.statusCode).toBe(303);
    expect(await bounds(bandId)).toEqual({
      polarity: 'higher_is_better',
      green: '10',
      amber: null,
      green_upper: null,
      amber_upper: null,
    });
  });

  it('keeps a band only where neither is better, in the database too', async () => {
    await expect(
      t.db.query(`UPDATE indicators SET green_upper = 95 WHERE id = $1`, [higherId]),
    ).rejects.toThrow(/indicators_upper_only_for_neither/);
    await expect(
      t.db.query(
        `UPDATE indicators SET polarity = 'neither', green_threshold = 20, green_upper = 10 WHERE id = $1`,
        [higherId],
      ),
    ).rejects.toThrow(/indicators_green_band/);
    await expect(
      t.db.query(
        `UPDATE indicators SET polarity = 'neither', green_threshold = 10, green_upper = 20,
           amber_threshold = 12, amber_upper = 25 WHERE id = $1`,
        [higherId],
      ),
    ).rejects.toThrow(/indicators_amber_band/);
    expect(await bounds(higherId)).toMatchObject({ polarity: 'higher_is_better', green: '90' });
  });

  it('adds, reads and changes a band through the API', async () => {
    const created = await call('POST', api, {
      name: 'Pupils with an EHC plan',
      code: 'ehcp-rate',
      unit: 'percent',
      polarity: 'neither',
      frequency: 'annual',
      greenThreshold: 4,
      greenUpTo: 5.5,
      amberThreshold: 3.5,
      amberUpTo: 6,
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: string; version: number }>();
    expect(body).toMatchObject({
      code: 'ehcp-rate',
      polarity: 'neither',
      greenThreshold: 4,
      greenUpTo: 5.5,
      amberThreshold: 3.5,
      amberUpTo: 6,
      rag: null,
      version: 1,
    });
    expect(await bounds(body.id)).toEqual({
      polarity: 'neither',
      green: '4',
      amber: '3.5',
      green_upper: '5.5',
      amber_upper: '6',
    });
    expect(
      await t.db.query(`SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'create'`, [
        body.id,
      ]),
    ).toHaveLength(1);

    await setValue(body.id, 5.8);
    const read = await call('GET', `${api}/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      greenUpTo: 5.5,
      latest: { value: 5.8 },
      rag: 'amber',
      ragBasis: 'thresholds',
    });
    const list = (await call('GET', api)).json<Record<string, unknown>[]>();
    expect(list.find((i) => i.id === higherId)).toMatchObject({
      polarity: 'higher_is_better',
      greenThreshold: 90,
      amberThreshold: 80,
      greenUpTo: null,
      amberUpTo: null,
    });
    expect(list.find((i) => i.id === body.id)).toMatchObject({ rag: 'amber', amberUpTo: 6 });

    const changed = await call('PUT', `${api}/${body.id}`, {
      name: 'Pupils with an EHC plan',
      code: 'ehcp-rate',
      unit: 'percent',
      polarity: 'neither',
      frequency: 'annual',
      greenThreshold: 4,
      greenUpTo: 6,
      version: 1,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      greenUpTo: 6,
      amberThreshold: null,
      amberUpTo: null,
      rag: 'green',
      version: 2,
    });
    const stale = await call('PUT', `${api}/${body.id}`, {
      ...sen,
      name: 'Pupils with an EHC plan',
      greenThreshold: 1,
      greenUpTo: 2,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: 2 });
    expect(await bounds(body.id)).toMatchObject({ green: '4', green_upper: '6' });
  });

  it('refuses a band the rules do not allow through the API, naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { ...sen, greenThreshold: 4, amberThreshold: 3 },
        /body\/greenUpTo: Enter the highest value that is green; body\/amberUpTo: Enter the highest value that is amber/,
      ],
      [
        { ...sen, greenThreshold: 4, greenUpTo: 6, amberThreshold: 3, amberUpTo: 5 },
        /body\/amberUpTo: Amber up to must be the same as or higher than green up to/,
      ],
      [
        { ...sen, greenThreshold: 6, greenUpTo: 4 },
        /body\/greenUpTo: Green up to must be the same as or higher than green from/,
      ],
      [
        { ...sen, polarity: 'higher_is_better', greenThreshold: 60, greenUpTo: 70 },
        /body\/greenUpTo: Only an indicator where neither higher nor lower is better/,
      ],
      [{ ...sen, greenThreshold: '4', greenUpTo: 6 }, /greenThreshold must be number,null/],
      [{ ...sen, greenFrom: 4 }, /"greenFrom" is not one it takes/],
      // Ids that are not the partnership's own are refused, never silently dropped.
      [
        { ...sen, ownerUserId: seed.adminBId },
        /body\/ownerUserId: .* is not a member of this partnership/,
      ],
      [
        { ...sen, actionIds: ['00000000-0000-4000-8000-000000000001'] },
        /body\/actionIds: this partnership has no action 00000000-0000-4000-8000-000000000001/,
      ],
      [
        { ...sen, findingIds: ['00000000-0000-4000-8000-000000000002'] },
        /body\/findingIds: this partnership has no finding/,
      ],
    ];
    for (const [payload, message] of cases) {
      const refused = await call('POST', api, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json<{ message: string }>().message).toMatch(message);
    }
    const { token: leadToken } = await createToken(
      t.db,
      { userId: seed.people.lead!, name: 'Lead' },
      seed.people.lead!,
      'Lead token',
    );
    expect(
      (await call('POST', api, { ...sen, greenThreshold: 4, greenUpTo: 6 }, leadToken)).statusCode,
    ).toBe(403);
    expect(
      await t.db.query(`SELECT 1 FROM indicators WHERE partnership_id = $1`, [seed.a.id]),
    ).toHaveLength(3);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(openapi.paths['/api/v1/partnerships/{partnership}/indicators']!)).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(
      Object.keys(openapi.paths['/api/v1/partnerships/{partnership}/indicators/{indicatorId}']!),
    ).toEqual(expect.arrayContaining(['get', 'put']));
    expect(JSON.stringify(openapi)).toContain('greenUpTo');
  });
});
