import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/helpers/test-app.js';
import type { Queryable } from '../platform/db/db.js';
import { loadPlan } from '../plans/index.js';
import { actionNumber } from '../plans/index.js';
import { ACTION_ORDER } from '../plans/index.js';
import { systemTenant } from '../platform/tenancy/tenancy.js';
import { STARTER_INDICATORS } from '../performance/indicators/index.js';
import { formatDemo } from './cli.js';
import { createDemo, type DemoPartnership, type DemoResult } from './demo-service.js';

const TODAY = '2026-03-18';

const planIdOf = (p: DemoPartnership) => p.planPath.split('/').pop()!;

async function history(q: Queryable, p: DemoPartnership) {
  return q.query<{ number: string; title: string; status: string; narrative: string }>(
    `SELECT pr.position || '.' || COALESCE(pa.position || ' ' || chr(96 + a.position), a.position::text) AS number, a.title, u.status, u.narrative
     FROM action_updates u JOIN actions a ON a.id = u.action_id JOIN priorities pr ON pr.id = a.priority_id
       LEFT JOIN actions pa ON pa.id = a.parent_action_id
     WHERE u.partnership_id = $1 ORDER BY ${ACTION_ORDER}, u.created_at`,
    [p.id],
  );
}

describe.each(databaseKinds)('the Northshire demo on %s', (kind) => {
  let t: TestApp;
  let demo: DemoResult;
  let northshire: DemoPartnership;

  beforeAll(async () => {
    t = await createTestApp(kind);
    demo = await createDemo(t.db, { today: TODAY });
    northshire = demo.partnerships[0]!;
  });
  afterAll(async () => t?.close());

  it('builds the partnership, its people, the inspection, the plan and a year of rounds', async () => {
    expect(northshire.name).toBe('Northshire SEND Partnership');
    expect(northshire.people.length).toBeGreaterThanOrEqual(23);
    expect(northshire.people.length).toBeLessThanOrEqual(28);
    expect(new Set(northshire.people.map((p) => p.role))).toEqual(
      new Set(['admin', 'lead', 'contributor', 'viewer', 'forum', 'adviser']),
    );
    const members = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM memberships WHERE partnership_id = $1',
      [northshire.id],
    );
    expect(members[0]!.n).toBe(northshire.people.length);
    const inOrganisations = await t.db.query<{ n: number }>(
      'SELECT count(DISTINCT user_id)::int AS n FROM organisation_members WHERE partnership_id = $1',
      [northshire.id],
    );
    expect(inOrganisations[0]!.n).toBeGreaterThanOrEqual(20);

    const loaded = (await loadPlan(t.db, systemTenant(northshire), planIdOf(northshire)))!;
    expect(loaded.plan.kind).toBe('wsoa');
    expect(loaded.plan.status).toBe('fit_for_purpose');
    expect(loaded.findings.filter((f) => f.type === 'significant_weakness')).toHaveLength(8);
    expect(loaded.findings.filter((f) => f.type === 'strength').length).toBeGreaterThan(5);
    expect(loaded.priorities).toHaveLength(5);
    expect(loaded.actions.length).toBeGreaterThanOrEqual(55);
    expect(loaded.actions.length).toBeLessThanOrEqual(65);
    // Every weakness is covered by a priority with actions.
    expect(loaded.coverage).toHaveLength(8);
    expect(loaded.coverage.every((c) => c.covered)).toBe(true);
    // A few actions have lettered sub-actions, as real plans do.
    expect(
      loaded.actions.filter((a) => a.parent_action_id).map((a) => `${actionNumber(a)} ${a.title}`),
    ).toEqual([
      expect.stringMatching(/^3\.\d+ a Audit EHC plans every month/),
      expect.stringMatching(/^3\.\d+ b Return health advice/),
      expect.stringMatching(/^3\.\d+ c Include social care advice/),
      '4.1 a Review how schools record primary and secondary needs, and correct the school census',
    ]);
    for (const action of loaded.actions) {
      expect(action.lead_user_id).not.toBeNull();
      expect(action.lead_organisation_id).not.toBeNull();
      expect(action.start_date! < action.due_date!).toBe(true);
    }
    expect(loaded.actions.some((a) => a.partner_ids.length > 0)).toBe(true);
    expect(new Set(loaded.actions.map((a) => a.category)).size).toBe(4);
    expect(loaded.measures.length).toBeGreaterThanOrEqual(loaded.actions.length);
    expect(loaded.measures.filter((m) => m.target !== null).length).toBeGreaterThan(50);

    const versions = await t.db.query<{ event: string }>(
      'SELECT event FROM plan_versions WHERE plan_id = $1 ORDER BY number',
      [planIdOf(northshire)],
    );
    expect(versions.map((v) => v.event)).toEqual(['signed_off', 'submitted']);

    const rounds = await t.db.query<{ opened_on: string; closed: boolean }>(
      'SELECT opened_on::text, closed_at IS NOT NULL AS closed FROM update_rounds WHERE partnership_id = $1 ORDER BY opened_on',
      [northshire.id],
    );
    expect(rounds).toHaveLength(12);
    expect(rounds.filter((r) => r.closed)).toHaveLength(11);
    expect(rounds[11]).toEqual({ opened_on: '2026-03-02', closed: false });
  });

  it('writes realistic monthly updates, with actions showing their latest', async () => {
    const updates = await history(t.db, northshire);
    expect(updates.length).toBeGreaterThan(300);
    expect(new Set(updates.map((u) => u.narrative)).size).toBeGreaterThan(updates.length * 0.9);
    const statuses = new Set(updates.map((u) => u.status));
    for (const s of ['on_track', 'at_risk', 'off_track', 'complete']) expect(statuses).toContain(s);

    const mismatched = await t.db.query(
      `SELECT a.id FROM actions a
       JOIN LATERAL (SELECT status, rag, created_at FROM action_updates u WHERE u.action_id = a.id ORDER BY created_at DESC LIMIT 1) l ON true
       WHERE a.partnership_id = $1 AND (a.status <> l.status OR a.rag <> l.rag OR a.last_update_at <> l.created_at)`,
      [northshire.id],
    );
    expect(mismatched).toEqual([]);
    const perRound = await t.db.query<{ title: string; n: number; closed: boolean }>(
      `SELECT r.title, r.closed_at IS NOT NULL AS closed, count(u.id)::int AS n FROM update_rounds r
       LEFT JOIN action_updates u ON u.round_id = r.id WHERE r.partnership_id = $1 GROUP BY r.id ORDER BY r.opened_on`,
      [northshire.id],
    );
    // Most actions are updated most months, but not every one: some updates are missed.
    for (const round of perRound) expect(round.n).toBeGreaterThan(10);
    expect(perRound[0]!.n).toBeLessThan(60);
    const late = await t.db.query(
      `SELECT u.id FROM action_updates u JOIN update_rounds r ON r.id = u.round_id
       WHERE u.partnership_id = $1 AND (u.created_at::date < r.opened_on OR u.created_at::date > $2::date)`,
      [northshire.id, TODAY],
    );
    expect(late).toEqual([]);
    const audit = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE partnership_id = $1',
      [northshire.id],
    );
    expect(audit[0]!.n).toBeGreaterThan(150);
  });

  it('renders the plan and the dashboard pages for the demo admin', async () => {
    const admin = new Agent(t.app);
    await admin.signIn(northshire.people[0]!.email, demo.password);
    const overview = await admin.get(northshire.path);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Northshire SEND Partnership');
    const plan = await admin.get(northshire.planPath);
    expect(plan.statusCode).toBe(200);
    expect(decode(plan.body)).toContain('Establish the Northshire SEND Improvement Board');
    const roundsPage = await admin.get(`${northshire.path}/rounds`);
    expect(roundsPage.statusCode).toBe(200);
    expect(roundsPage.body).toContain('March 2026 update');
    const roundId = /\/rounds\/([0-9a-f-]{36})/.exec(roundsPage.body)![1]!;
    const inspectionId = (
      await t.db.query<{ id: string }>('SELECT id FROM inspections WHERE partnership_id = $1', [
        northshire.id,
      ])
    )[0]!.id;
    const actionId = (
      await t.db.query<{ id: string }>(
        'SELECT id FROM actions WHERE partnership_id = $1 ORDER BY last_update_at DESC LIMIT 1',
        [northshire.id],
      )
    )[0]!.id;
    for (const path of [
      `${northshire.path}/plans`,
      `${northshire.path}/rounds/${roundId}`,
      `${northshire.path}/my-actions`,
      `${northshire.path}/inspections/${inspectionId}`,
      `${northshire.path}/people`,
      `${northshire.path}/organisations`,
      `${northshire.path}/audit`,
      `${northshire.planPath}/actions/${actionId}`,
      `${northshire.planPath}/versions/1`,
    ]) {
      expect((await admin.get(path)).statusCode, path).toBe(200);
    }

    const lead = new Agent(t.app);
    await lead.signIn('gareth.pryce@northshire.example', demo.password);
    const mine = await lead.get(`${northshire.path}/my-actions`);
    expect(mine.statusCode).toBe(200);
    expect(decode(mine.body)).toContain('Clear the backlog of EHC needs assessments');
  });

  it('fills the performance area: indicators rated red, amber and green, for every role', async () => {
    const ratings = (html: string) => ({
      red: (html.match(/govuk-tag--red">Red</g) ?? []).length,
      amber: (html.match(/govuk-tag--orange">Amber</g) ?? []).length,
      green: (html.match(/govuk-tag--green">Green</g) ?? []).length,
    });
    const seen: ReturnType<typeof ratings>[] = [];
    for (const email of [
      northshire.people[0]!.email, // admin
      'aisha.rahman@northshire.example', // contributor
      'rachel.eldridge@northshire.example', // forum
      'catherine.moss@northshire.example', // adviser
    ]) {
      const agent = new Agent(t.app);
      await agent.signIn(email, demo.password);
      const page = await agent.get(`${northshire.path}/performance`);
      expect(page.statusCode, email).toBe(200);
      const html = decode(page.body);
      expect(html).toContain(`${STARTER_INDICATORS.length} indicators`);
      expect(html).not.toContain('No values yet');
      seen.push(ratings(html));
    }
    // Two rated by their thresholds and three against targets: some of each colour.
    expect(seen[0]!.red).toBeGreaterThanOrEqual(1);
    expect(seen[0]!.amber).toBeGreaterThanOrEqual(1);
    expect(seen[0]!.green).toBeGreaterThanOrEqual(1);
    for (const other of seen) expect(other).toEqual(seen[0]);

    const admin = new Agent(t.app);
    await admin.signIn(northshire.people[0]!.email, demo.password);
    const [ehcp] = await t.db.query<{ id: string }>(
      `SELECT id FROM indicators WHERE partnership_id = $1 AND code = 'ehcp-issued-within-20-weeks'`,
      [northshire.id],
    );
    const indicator = decode(
      (await admin.get(`${northshire.path}/performance/indicators/${ehcp!.id}`)).body,
    );
    expect(indicator).toContain('Increase the share of new EHC plans issued within 20 weeks');
    expect(indicator).toContain('Too few EHC plans are issued within 20 weeks');
    expect(indicator).toContain('Gareth Pryce');
    const [counts] = await t.db.query<{
      values: number;
      districts: number;
      targets: number;
      links: number;
    }>(
      `SELECT (SELECT count(*)::int FROM indicator_values WHERE partnership_id = $1) AS values,
              (SELECT count(DISTINCT geography_unit_id)::int FROM indicator_values WHERE partnership_id = $1) AS districts,
              (SELECT count(*)::int FROM indicator_targets WHERE partnership_id = $1) AS targets,
              (SELECT count(*)::int FROM indicator_actions WHERE partnership_id = $1) AS links`,
      [northshire.id],
    );
    expect(counts!.values).toBeGreaterThan(100);
    expect(counts!.districts).toBe(3);
    expect(counts!.targets).toBe(3);
    expect(counts!.links).toBeGreaterThanOrEqual(5);
  });

  it('shows the school census by district and school, with a funnel plot', async () => {
    const viewer = new Agent(t.app);
    await viewer.signIn('margaret.doyle@northshire.example', demo.password);
    const list = await viewer.get(`${northshire.path}/performance/census`);
    expect(list.statusCode).toBe(200);
    expect(decode(list.body)).toContain('Spring census 2026');
    const censusId = /\/performance\/census\/([0-9a-f-]{36})/.exec(list.body)![1]!;
    const [totals] = await t.db.query<{ pupils: number; sen: number; schools: number }>(
      `SELECT sum(total_pupils)::int AS pupils, sum(sen_e + sen_k)::int AS sen, count(*)::int AS schools
       FROM census_school_counts WHERE partnership_id = $1`,
      [northshire.id],
    );
    expect(totals!.schools).toBe(60);
    const rates = decode(
      (await viewer.get(`${northshire.path}/performance/census/${censusId}`)).body,
    );
    const share = ((100 * totals!.sen) / totals!.pupils).toFixed(1);
    expect(rates).toContain(
      `Across the partnership: <strong>${share}%</strong> (${totals!.sen.toLocaleString('en-GB')} of ${totals!.pupils.toLocaleString('en-GB')})`,
    );
    expect(Number(share)).toBeGreaterThan(12);
    expect(Number(share)).toBeLessThan(22);
    for (const district of ['Hallowmere', 'Brackenford', 'Eastmarsh', 'Fernhollow Primary School'])
      expect(rates).toContain(district);
    expect(rates).not.toContain('Unassigned');
    const funnel = await viewer.get(
      `${northshire.path}/performance/census/${censusId}/funnel?provision=K&level=school`,
    );
    expect(funnel.statusCode).toBe(200);
    expect(funnel.body).toContain('<svg');
    // Brackenford identifies more, and a school or two stand out: the funnel flags someone.
    expect(decode(funnel.body)).toMatch(/High \(0\.0(01|25)\)/);
  });

  it('shows EHC plan timeliness from a few hundred requests', async () => {
    const lead = new Agent(t.app);
    await lead.signIn('gareth.pryce@northshire.example', demo.password);
    const page = await lead.get(`${northshire.path}/performance/ehc-timeliness`);
    expect(page.statusCode).toBe(200);
    const html = decode(page.body);
    const [cases] = await t.db.query<{ n: number; counted: number; within: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE issue_date IS NOT NULL AND NOT exception)::int AS counted,
              count(*) FILTER (WHERE NOT exception AND issue_date - request_date <= 140)::int AS within
       FROM ehc_cases WHERE partnership_id = $1`,
      [northshire.id],
    );
    expect(cases!.n).toBeGreaterThan(300);
    expect(cases!.n).toBeLessThan(800);
    expect(html).toContain(`${cases!.n} requests`);
    const headline =
      /Excluding exceptions \(the national measure\)<\/th>\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*>([\d.]+)%/.exec(
        html,
      );
    expect(headline?.slice(1, 3).map(Number)).toEqual([cases!.within, cases!.counted]);
    expect(Number(headline![3])).toBeGreaterThanOrEqual(45);
    expect(Number(headline![3])).toBeLessThanOrEqual(60);
  });

  it('leaves Sendboard without a platform owner unless asked to make one', async () => {
    const owners = await t.db.query('SELECT 1 FROM users WHERE is_platform_owner');
    expect(owners).toEqual([]);
    expect(demo.platformOwner).toBeNull();
    expect(formatDemo(demo)).not.toContain('platform owner');
  });

  describe('from the command line on a new Sendboard', () => {
    let t3: TestApp;
    let fromCli: DemoResult;

    beforeAll(async () => {
      t3 = await createTestApp(kind);
      fromCli = await createDemo(t3.db, { today: TODAY, platformOwnerIfNone: true });
    });
    afterAll(async () => t3?.close());

    it('makes the demo’s lead admin the platform owner, and says so', async () => {
      expect(fromCli.platformOwner).toMatchObject({
        name: 'Helen Marsh',
        email: 'helen.marsh@northshire.example',
      });
      const owners = await t3.db.query<{ email: string }>(
        'SELECT email FROM users WHERE is_platform_owner',
      );
      expect(owners).toEqual([{ email: 'helen.marsh@northshire.example' }]);
      const text = formatDemo(fromCli);
      expect(text).toContain(
        'Sendboard had no platform owner, so Helen Marsh (helen.marsh@northshire.example) is now its platform owner',
      );
      expect(text).toContain('/partnerships/new');
      const helen = new Agent(t3.app);
      await helen.signIn('helen.marsh@northshire.example', fromCli.password);
      expect((await helen.get('/partnerships/new')).statusCode).toBe(200);
      const other = new Agent(t3.app);
      await other.signIn('gareth.pryce@northshire.example', fromCli.password);
      expect((await other.get('/partnerships/new')).statusCode).toBe(403);
      const [audit] = await t3.db.query<{ after: { platform_owner?: boolean } }>(
        `SELECT a.after FROM audit_log a JOIN users u ON u.id::text = a.entity_id
         WHERE u.email = 'helen.marsh@northshire.example' AND a.action = 'create with password'`,
      );
      expect(audit!.after.platform_owner).toBe(true);
    });

    it('makes no second owner when Sendboard has one', async () => {
      const again = await createDemo(t3.db, { today: TODAY, platformOwnerIfNone: true });
      expect(again.partnerships[0]!.name).toBe('Northshire 2 SEND Partnership');
      expect(again.platformOwner).toBeNull();
      const owners = await t3.db.query('SELECT 1 FROM users WHERE is_platform_owner');
      expect(owners).toHaveLength(1);
    });
  });

  describe('run again, as copies in another database', () => {
    let t2: TestApp;
    let again: DemoResult;
    let setUpAdminId = '';

    beforeAll(async () => {
      t2 = await createTestApp(kind);
      // The set-up page's checkbox: the new admin becomes an admin of the demo too.
      const browser = new Agent(t2.app);
      await browser.get('/setup');
      const setUp = await browser.post('/setup', {
        name: 'Southvale SEND Partnership',
        localAuthority: 'Southvale Council',
        laCode: '902',
        adminName: 'Sam Setup',
        email: 'sam@southvale.example',
        password: PASSWORD,
        confirmPassword: PASSWORD,
        demo: 'yes',
      });
      expect(setUp.statusCode).toBe(303);
      setUpAdminId = (
        await t2.db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [
          'sam@southvale.example',
        ])
      )[0]!.id;
      again = await createDemo(t2.db, { today: TODAY, partnerships: 2 });
    });
    afterAll(async () => t2?.close());

    it('gives the set-up admin the demo partnership as well as their own', async () => {
      const memberships = await t2.db.query<{ name: string; role: string }>(
        `SELECT p.name, m.role FROM memberships m JOIN partnerships p ON p.id = m.partnership_id WHERE m.user_id = $1 ORDER BY p.name`,
        [setUpAdminId],
      );
      expect(memberships).toEqual([
        { name: 'Northshire SEND Partnership', role: 'admin' },
        { name: 'Southvale SEND Partnership', role: 'admin' },
      ]);
      const sam = new Agent(t2.app);
      await sam.signIn('sam@southvale.example', PASSWORD);
      expect((await sam.get('/p/northshire-send-partnership')).statusCode).toBe(200);
    });

    it('numbers further copies and is deterministic for the same copy and date', async () => {
      expect(again.partnerships.map((p) => p.name)).toEqual([
        'Northshire 2 SEND Partnership',
        'Northshire 3 SEND Partnership',
      ]);
      expect(again.partnerships[0]!.people[0]!.email).toBe('helen.marsh@northshire2.example');
      const first = await history(t.db, northshire);
      const copy = await history(t2.db, again.partnerships[0]!);
      expect([...new Set(copy.map((u) => u.title))]).toEqual([
        ...new Set(first.map((u) => u.title)),
      ]);
      // Same date: the very same history, update for update, and the same performance figures.
      expect(copy).toEqual(first);
      const figures = (q: Queryable, p: DemoPartnership) =>
        q.query(
          `SELECT i.code, v.period_key, g.code AS area, v.value::float8 AS value
           FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
             LEFT JOIN geography_units g ON g.id = v.geography_unit_id
           WHERE v.partnership_id = $1 ORDER BY i.code, v.period_key, g.code NULLS FIRST`,
          [p.id],
        );
      const firstFigures = await figures(t.db, northshire);
      expect(firstFigures.length).toBeGreaterThan(100);
      expect(await figures(t2.db, again.partnerships[0]!)).toEqual(firstFigures);
      expect(await figures(t2.db, again.partnerships[1]!)).toEqual(firstFigures);
    });

    it('keeps each copy’s data to itself', async () => {
      const [a, b] = again.partnerships as [DemoPartnership, DemoPartnership];
      expect(a.id).not.toBe(b.id);
      const crossings = await t2.db.query<{ n: number }>(
        `SELECT
           (SELECT count(*) FROM actions x JOIN plans y ON y.id = x.plan_id WHERE x.partnership_id <> y.partnership_id)
         + (SELECT count(*) FROM actions x JOIN priorities y ON y.id = x.priority_id WHERE x.partnership_id <> y.partnership_id)
         + (SELECT count(*) FROM actions x JOIN organisations y ON y.id = x.lead_organisation_id WHERE x.partnership_id <> y.partnership_id)
         + (SELECT count(*) FROM action_partners x JOIN organisations y ON y.id = x.organisation_id WHERE x.partnership_id <> y.partnership_id)
         + (SELECT count(*) FROM actions x WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.partnership_id = x.partnership_id AND m.user_id = x.lead_user_id))
         + (SELECT count(*) FROM action_updates x JOIN actions y ON y.id = x.action_id WHERE x.partnership_id <> y.partnership_id)
         + (SELECT count(*) FROM action_updates x JOIN update_rounds y ON y.id = x.round_id WHERE x.partnership_id <> y.partnership_id)
         + (SELECT count(*) FROM action_updates x WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.partnership_id = x.partnership_id AND m.user_id = x.author_user_id))
         + (SELECT count(*) FROM priority_findings x JOIN findings y ON y.id = x.finding_id WHERE x.partnership_id <> y.partnership_id)
         + (SELECT count(*) FROM success_measures x JOIN actions y ON y.id = x.action_id WHERE x.partnership_id <> y.partnership_id)
         + (SELECT count(*) FROM organisation_members x JOIN organisations y ON y.id = x.organisation_id WHERE x.partnership_id <> y.partnership_id)
           AS n`,
      );
      expect(Number(crossings[0]!.n)).toBe(0);
      // Demo people belong to one copy only (the set-up admin, to their own and the first demo).
      const shared = await t2.db.query<{ email: string }>(
        `SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id GROUP BY u.id HAVING count(*) > 1`,
      );
      expect(shared.map((s) => s.email)).toEqual(['sam@southvale.example']);
      for (const p of [a, b]) {
        const counts = await t2.db.query<{ actions: number; rounds: number }>(
          `SELECT (SELECT count(*)::int FROM actions WHERE partnership_id = $1) AS actions,
                  (SELECT count(*)::int FROM update_rounds WHERE partnership_id = $1) AS rounds`,
          [p.id],
        );
        expect(counts[0]).toEqual({ actions: p.counts.actions, rounds: 12 });
      }
      const other = new Agent(t2.app);
      await other.signIn(b.people[0]!.email, again.password);
      expect((await other.get(b.path)).statusCode).toBe(200);
      expect((await other.get(a.path)).statusCode).toBe(404);
      expect((await other.get(a.planPath)).statusCode).toBe(404);
    });
  });
});
