import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import { seedFullLists } from '../../test/helpers/full-lists.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { PAGE_SIZE } from '../platform/web/pagination.js';

/** Rows of the page's table with this id (its body's rows). */
const rowsOf = (html: string, id: string): string[] => {
  const table = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row">\s*<td[\s\S]*?<\/tr>/g)].map((m) => m[0]);
};

describe.each(databaseKinds)('every list on the Overview opened in full, on %s', (kind) => {
  let t: TestApp;
  let slugA = '';
  let slugB = '';
  let admin: Agent;
  let adminB: Agent;
  const A = { overdue: PAGE_SIZE + 5, dueSoon: 2, risks: 7, meetings: 7, followUps: 17 };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const seed = await seedTwoPartnerships(t.db);
    slugA = seed.a.slug;
    slugB = seed.b.slug;
    await seedFullLists(t.db, seed.tenantA, { userId: seed.adminA.id, name: 'Alex' }, 'North', A);
    // B has fewer of everything: nothing of B's is counted or listed in A, nor A's in B.
    await seedFullLists(t.db, seed.tenantB, { userId: seed.adminBId, name: 'Bea' }, 'South', {
      overdue: 3,
      dueSoon: 1,
      risks: 2,
      meetings: 2,
      followUps: 1,
    });
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    adminB = new Agent(t.app);
    await adminB.signIn('bea@southvale.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('links each capped list on the Overview to all of it, saying how many', async () => {
    const page = (await admin.get(`/p/${slugA}`)).body;
    expect(rowsOf(page, 'overdue')).toHaveLength(15);
    expect(page).toContain(
      `<a class="govuk-link" href="/p/${slugA}/overview/overdue-actions">See all ${A.overdue} overdue actions</a>`,
    );
    // Every live action is in the open round and none is updated yet.
    const live = A.overdue + A.dueSoon;
    expect(page).toContain(
      `href="/p/${slugA}/overview/actions-not-updated">See all ${live} actions with no update yet in their round</a>`,
    );
    // Two due soon fit on the Overview: no link.
    expect(rowsOf(page, 'due-soon')).toHaveLength(2);
    expect(page).not.toContain('/overview/actions-due-soon');
    expect(page).toContain(`href="/p/${slugA}/risks?status=open">See all 7 open risks</a>`);
    expect(page).toContain(`href="/p/${slugA}/meetings">See all 7 planned meetings</a>`);
    expect(rowsOf(page, 'next-meetings')).toHaveLength(5);
    expect(page).toContain(
      `href="/p/${slugA}/follow-ups">See all 17 follow-up actions not done yet</a>`,
    );
    expect(rowsOf(page, 'board-follow-ups')).toHaveLength(15);
    expect(page).toContain(`href="/p/${slugA}/dates">All dates`);
    expect(page).not.toContain('South');

    // B's own Overview: its lists fit, so no "See all" links.
    const pageB = (await adminB.get(`/p/${slugB}`)).body;
    expect(pageB).not.toContain('See all');
    expect(pageB).not.toContain('North');
  });

  it('lists every overdue action a page at a time, the longest overdue first', async () => {
    const first = await admin.get(`/p/${slugA}/overview/overdue-actions`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`${A.overdue} actions, across every plan not closed`);
    const rows = rowsOf(first.body, 'full-list');
    expect(rows).toHaveLength(PAGE_SIZE);
    expect(rows[0]).toContain(`North overdue action ${A.overdue}`);
    expect(rows[0]).toContain('North WSoA');
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain(`href="/p/${slugA}/overview/overdue-actions?page=2"`);
    expect(first.body).not.toContain('South');

    const second = await admin.get(`/p/${slugA}/overview/overdue-actions?page=2`);
    expect(second.body).toContain(`<title>Overdue actions (page 2 of 2)`);
    const rest = rowsOf(second.body, 'full-list');
    expect(rest).toHaveLength(A.overdue - PAGE_SIZE);
    expect(rest.at(-1)).toContain('North overdue action 01');
    // Nothing listed twice, nothing missed.
    const names = [...rows, ...rest].map((r) => /North overdue action \d+/.exec(r)![0]);
    expect(new Set(names).size).toBe(A.overdue);
    // A page past the end shows the last; a page that is not a number, the first.
    expect(
      rowsOf((await admin.get(`/p/${slugA}/overview/overdue-actions?page=99`)).body, 'full-list'),
    ).toHaveLength(A.overdue - PAGE_SIZE);
    expect(
      rowsOf((await admin.get(`/p/${slugA}/overview/overdue-actions?page=x`)).body, 'full-list'),
    ).toHaveLength(PAGE_SIZE);
  });

  it('lists the actions due soon and those without an update in their round', async () => {
    const soon = (await admin.get(`/p/${slugA}/overview/actions-due-soon`)).body;
    expect(rowsOf(soon, 'full-list')).toHaveLength(A.dueSoon);
    expect(soon).not.toContain('govuk-pagination');
    const notUpdated = (await admin.get(`/p/${slugA}/overview/actions-not-updated`)).body;
    expect(notUpdated).toContain(`${A.overdue + A.dueSoon} actions`);
    expect(rowsOf(notUpdated, 'full-list')[0]).toContain('North update round');
    // B sees only its own.
    const soonB = (await adminB.get(`/p/${slugB}/overview/overdue-actions`)).body;
    expect(rowsOf(soonB, 'full-list')).toHaveLength(3);
    expect(soonB).not.toContain('North');
  });

  it('lists every planned meeting and every open follow-up, the soonest first', async () => {
    const meetings = (await admin.get(`/p/${slugA}/meetings`)).body;
    expect(meetings).toContain('7 planned meetings from today on');
    expect(rowsOf(meetings, 'meetings')).toHaveLength(7);
    expect(meetings).not.toContain('South');
    const followUps = (await admin.get(`/p/${slugA}/follow-ups`)).body;
    expect(followUps).toContain('17 follow-up actions with a due date');
    const rows = rowsOf(followUps, 'follow-ups');
    expect(rows).toHaveLength(17);
    expect(rows[0]).toContain('North follow-up 01');
    expect(rows[0]).toContain('Overdue');
    expect(rows[16]).not.toContain('Overdue');
    expect(followUps).not.toContain('govuk-pagination');

    const meetingsB = (await adminB.get(`/p/${slugB}/meetings`)).body;
    expect(rowsOf(meetingsB, 'meetings')).toHaveLength(2);
    expect((await adminB.get(`/p/${slugB}/follow-ups`)).body).toContain(
      '1 follow-up action with a due date',
    );
  });

  it('pages the follow-ups past one page', async () => {
    const seedRows = await t.db.query<{ meeting_id: string; partnership_id: string }>(
      `SELECT f.meeting_id, f.partnership_id FROM board_follow_ups f
       JOIN partnerships p ON p.id = f.partnership_id WHERE p.slug = $1 LIMIT 1`,
      [slugA],
    );
    const { meeting_id, partnership_id } = seedRows[0]!;
    const extra = PAGE_SIZE + 3 - A.followUps;
    await t.db.query(
      `INSERT INTO board_follow_ups (partnership_id, meeting_id, text, due_on)
       SELECT $1, $2, 'North extra follow-up ' || n, DATE '2099-01-01' + n FROM generate_series(1, $3::int) n`,
      [partnership_id, meeting_id, extra],
    );
    const first = (await admin.get(`/p/${slugA}/follow-ups`)).body;
    expect(rowsOf(first, 'follow-ups')).toHaveLength(PAGE_SIZE);
    expect(first).toContain(`${PAGE_SIZE + 3} follow-up actions`);
    const second = (await admin.get(`/p/${slugA}/follow-ups?page=2`)).body;
    expect(rowsOf(second, 'follow-ups')).toHaveLength(3);
    expect(second).toContain(`North extra follow-up ${extra}`);
    await t.db.query(`DELETE FROM board_follow_ups WHERE text LIKE 'North extra%'`);
  });

  it('answers 404 for the full lists of another partnership', async () => {
    for (const path of [
      'overview/overdue-actions',
      'overview/actions-due-soon',
      'overview/actions-not-updated',
      'meetings',
      'follow-ups',
    ])
      expect((await admin.get(`/p/${slugB}/${path}`)).statusCode, path).toBe(404);
  });
});
