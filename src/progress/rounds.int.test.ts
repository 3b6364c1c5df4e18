import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, decode, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  dateParts as dueParts,
  planWithActions,
  recordInitialInspection,
  signedIn,
} from '../../test/helpers/plan-fixture.js';
import { createTestApp, seedTwoPartnerships, type TestApp } from '../../test/helpers/test-app.js';
import { todayInLondon } from '../platform/web/today.js';
import { ROUND_OVERLAP_RULE, suggestRoundName } from './round-rules.js';

describe.each(databaseKinds)('update rounds for every plan, on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let contributor: Agent;
  let lead: Agent;
  let rounds = '';
  let firstRound = '';
  const actionPaths: string[] = [];

  const roundAudit = async (action: string) =>
    t.db.query<{ entity_id: string; before: unknown; after: unknown }>(
      `SELECT entity_id::text, before, after FROM audit_log WHERE entity_type = 'update round' AND action = $1 ORDER BY at`,
      [action],
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    rounds = `/p/${seed.a.slug}/rounds`;
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    const inspection = await recordInitialInspection(t, actor, seed.tenantA);
    const plan = await planWithActions(t, actor, seed.tenantA, {
      kind: 'post_inspection',
      inspectionId: inspection.id,
      title: 'Improvement plan',
      priority: 'P',
      actions: [
        ['Reduce autism assessment waits', seed.people.lead!],
        ['Publish the Local Offer refresh', null],
      ],
    });
    for (const id of plan.actionIds)
      actionPaths.push(`/p/${seed.a.slug}/plans/${plan.id}/actions/${id}`);
    admin = await signedIn(t, 'alex@northshire.example');
    contributor = await signedIn(t, 'contributor@northshire.example');
    lead = await signedIn(t, 'lead@northshire.example');
  });
  afterAll(async () => t?.close());

  it('opens a round for every plan, and then points at closing it before another', async () => {
    const suggested = suggestRoundName(todayInLondon(), []);
    const page = (await admin.get(rounds)).body;
    expect(page).toContain(`value="${suggested}"`);
    const opened = await admin.post(rounds, { title: suggested, ...dueParts('2099-11-28') });
    expect(opened.statusCode).toBe(303);
    firstRound = opened.headers.location!;

    // While it is open the page offers closing it instead of a second round: it covers every plan.
    const withOpen = (await admin.get(rounds)).body;
    expect(decode(withOpen)).toContain(ROUND_OVERLAP_RULE);
    expect(withOpen).toContain(`${suggested} is open for every plan`);
    expect(withOpen).not.toMatch(/>\s*Open round\s*<\/button>/);
    expect(withOpen).toContain(`href="${firstRound}/close">Close ${suggested}</a>`);
    expect(withOpen).toContain(`href="${firstRound}/due-date"`);

    // A stale page (or a second admin) posting anyway is refused, with a link to close it.
    const second = await admin.post(rounds, {
      title: 'Extra round',
      ...dueParts('2099-12-31'),
    });
    expect(second.statusCode).toBe(400);
    expect(decode(second.body)).toMatch(
      new RegExp(
        `<a href="${firstRound}/close">${suggested} is open for every plan. Close it before you open another round</a>`,
      ),
    );
    const open = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM update_rounds WHERE partnership_id = $1 AND closed_at IS NULL',
      [seed.a.id],
    );
    expect(open[0]!.n).toBe(1);
    expect(await roundAudit('open')).toHaveLength(1);
  });

  it('lets an admin change the open round’s due date, audited, and catches a clash', async () => {
    const form = await admin.get(`${firstRound}/due-date`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toMatch(/name="dueOn-day" type="text" value="28"|value="28"/);
    expect((await contributor.get(`${firstRound}/due-date`)).statusCode).toBe(403);

    await admin.get(`${firstRound}/due-date`);
    const past = await admin.post(`${firstRound}/due-date`, {
      version: '1',
      ...dueParts('2020-01-01'),
    });
    expect(errorSummary(past.body)).toEqual([
      'The date updates are due must be today or in the future',
    ]);
    // A version other than the round's: someone else moved the date meanwhile.
    const stale = await admin.post(`${firstRound}/due-date`, {
      version: '7',
      ...dueParts('2099-12-05'),
    });
    expect(stale.statusCode).toBe(409);
    expect(errorSummary(stale.body)[0]).toMatch(
      /^Someone else changed the due date to 28\/11\/2099/,
    );
    expect(stale.body).toContain('name="version" value="1"');

    const moved = await admin.post(`${firstRound}/due-date`, {
      version: '1',
      ...dueParts('2099-12-05'),
    });
    expect(moved.statusCode).toBe(303);
    expect((await admin.get(firstRound)).body).toContain('5 December 2099');
    const audit = await roundAudit('update');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      before: { dueOn: '2099-11-28' },
      after: { dueOn: '2099-12-05' },
    });
  });

  it('shows contributors what is still to update, and refuses a RAG that contradicts the status', async () => {
    const mine = (await contributor.get(`/p/${seed.a.slug}/my-actions`)).body;
    expect(mine).not.toContain('You do not lead any actions.</p>');
    expect(mine).toContain('your role lets you record an update on any action');
    expect(mine).toMatch(/Still to update in [^<]+ \(2\)/);
    for (const path of actionPaths) expect(mine).toContain(`href="${path}#update"`);

    const clash = await contributor.post(`${actionPaths[1]}/updates`, {
      status: 'on_track',
      rag: 'red',
      narrative: 'Draft pages agreed with the forum',
    });
    expect(clash.statusCode).toBe(400);
    expect(errorSummary(clash.body)).toEqual([
      'An action that is on track is rated green: choose green, or change the status',
    ]);
    expect(clash.body).toContain('Draft pages agreed with the forum');
    expect(clash.body).toContain('The rating must match the status');
    const ok = await contributor.post(`${actionPaths[1]}/updates`, {
      status: 'on_track',
      rag: 'green',
      narrative: 'Draft pages agreed with the forum',
    });
    expect(ok.statusCode).toBe(303);
    const after = (await contributor.get(`/p/${seed.a.slug}/my-actions`)).body;
    expect(after).toMatch(/Still to update in [^<]+ \(1\)/);
    expect(after).not.toContain(`href="${actionPaths[1]}#update"`);

    // A lead sees their own actions, not the whole round.
    const leads = (await lead.get(`/p/${seed.a.slug}/my-actions`)).body;
    expect(leads).toContain('Reduce autism assessment waits');
    expect(leads).not.toContain('Still to update');
  });

  it('closes a round after asking, then refuses a name already used whatever its case', async () => {
    expect((await contributor.get(`${firstRound}/close`)).statusCode).toBe(403);
    const confirm = await admin.get(`${firstRound}/close`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('You cannot reopen a round');
    expect(confirm.body).toContain('1 of 2 actions have an update in this round');
    expect(
      (await t.db.query('SELECT 1 FROM update_rounds WHERE closed_at IS NOT NULL')).length,
    ).toBe(0);
    const closed = await admin.post(`${firstRound}/close`);
    expect(closed.statusCode).toBe(303);
    expect(await roundAudit('close')).toHaveLength(1);
    // A closed round's date no longer moves, and asking to close it again explains.
    expect((await admin.get(`${firstRound}/due-date`)).statusCode).toBe(303);
    expect((await admin.get(`${firstRound}/close`)).statusCode).toBe(303);

    const used = suggestRoundName(todayInLondon(), []);
    const page = (await admin.get(rounds)).body;
    expect(page).toMatch(/>\s*Open round\s*<\/button>/);
    expect(page).toContain(`value="${suggestRoundName(todayInLondon(), [used])}"`);
    const duplicate = await admin.post(rounds, {
      title: `  ${used.toUpperCase()} `,
      ...dueParts('2099-12-31'),
    });
    expect(duplicate.statusCode).toBe(400);
    expect(errorSummary(duplicate.body)).toEqual([
      `There is already a round called ${used.toUpperCase()}. Give this round a different name`,
    ]);
    expect(duplicate.body).toContain(`value="${used.toUpperCase()}"`);
    expect(
      (await admin.post(rounds, { title: 'Catch-up round', ...dueParts('2099-12-31') })).statusCode,
    ).toBe(303);
  });

  it('warns on an older round left open by data from before the rule', async () => {
    const [older] = await t.db.query<{ id: string }>(
      `INSERT INTO update_rounds (partnership_id, title, opened_on, due_on) VALUES ($1, 'Old round', '2020-01-01', '2020-01-31') RETURNING id`,
      [seed.a.id],
    );
    const page = (await admin.get(`${rounds}/${older!.id}`)).body;
    expect(page).toContain(
      'New updates count towards Catch-up round, which was opened later, so this round cannot gain any more',
    );
    expect(page).toContain(`href="${rounds}/${older!.id}/close"`);
    const list = (await admin.get(rounds)).body;
    expect(list).toContain(`href="${rounds}/${older!.id}/close">Close Old round</a>`);
  });
});
