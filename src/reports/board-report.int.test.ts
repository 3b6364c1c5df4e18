import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import { docxToPdfText, libreOfficeAvailable } from '../../test/helpers/libreoffice.js';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { createToken } from '../account/index.js';
import { createDemo } from '../demo/index.js';
import { createBoard, createMeeting } from '../governance/index.js';
import { systemTenant } from '../platform/tenancy/tenancy.js';
import { createRisk } from '../risks/index.js';
import { writeBoardReport } from './index.js';

const TODAY = '2026-03-18';

// Board reports and monitoring packs (issue #13): written from the demo's 60-action WSoA with its
// linked indicators, a risk and a board meeting; kept as written; written again to show what
// changed; a Word file LibreOffice opens; the same verdicts on the page and the API.
describe.each(databaseKinds)('board reports on %s', (kind) => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof createDemo>>;
  let admin: Agent;
  let token = '';
  let slug = '';
  let planId = '';
  let meetingId = '';
  let firstReport = '';

  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    demo = await createDemo(t.db, { today: TODAY });
    const northshire = demo.partnerships[0]!;
    slug = northshire.slug;
    planId = northshire.planPath.split('/').pop()!;
    const [adminRow] = await t.db.query<{ id: string; name: string }>(
      'SELECT id, name FROM users WHERE lower(email) = lower($1)',
      [northshire.people[0]!.email],
    );
    token = (
      await createToken(t.db, { userId: adminRow!.id, name: adminRow!.name }, adminRow!.id, 'admin')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn(northshire.people[0]!.email, demo.password);
    const context = {
      db: t.db,
      tenant: systemTenant({ id: northshire.id, slug, name: 'Northshire SEND Partnership' }),
      actor: { userId: adminRow!.id, name: adminRow!.name },
    };
    const board = await createBoard(context, {
      kind: 'health_wellbeing',
      name: 'Northshire Health and Wellbeing Board',
    });
    if (board.kind !== 'ok') throw new Error(board.kind);
    const meeting = await createMeeting(context, board.value.id, {
      meetsOn: '2026-04-14',
      status: 'planned',
    });
    if (meeting.kind !== 'ok') throw new Error(meeting.kind);
    meetingId = meeting.value.id;
    const risk = await createRisk(context, {
      title: 'EHC coordinator vacancies delay new plans',
      ownerUserId: adminRow!.id,
      inherentLikelihood: 5,
      inherentImpact: 5,
      currentLikelihood: 4,
      currentImpact: 5,
    });
    if (risk.kind !== 'ok') throw new Error(JSON.stringify(risk));
  });
  afterAll(async () => t?.close());

  it('offers the form with last month and the board report’s sections ticked', async () => {
    const page = await admin.get(`/p/${slug}/reports/new?kind=board&meeting=${meetingId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Write a board report');
    expect(page.body).toMatch(/name="sections" type="checkbox" value="implications" checked/);
    expect(page.body).toMatch(new RegExp(`value="${meetingId}" selected`));
  });

  it('refuses a report with no plan and a period that runs backwards, keeping what was typed', async () => {
    const form = {
      kind: 'board',
      title: 'Progress report to the board',
      'periodFrom-day': '30',
      'periodFrom-month': '11',
      'periodFrom-year': '2026',
      'periodTo-day': '1',
      'periodTo-month': '11',
      'periodTo-year': '2026',
      sections: ['summary', 'priorities'],
      purpose: 'To update the board on the written statement of action.',
    };
    const page = await admin.post(`/p/${slug}/reports/new`, form);
    expect(page.statusCode).toBe(400);
    const text = textOf(page.body);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Select at least one plan the report is about');
    expect(text).toContain('The end of the period must be the same as or after its start');
    expect(page.body).toContain('To update the board on the written statement of action.');
    // The API gives the same verdict on the same input.
    const answer = await api('POST', 'reports', {
      kind: 'board',
      title: 'Progress report to the board',
      planIds: [planId],
      periodFrom: '2026-11-30',
      periodTo: '2026-11-01',
      sections: ['summary'],
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json<{ message: string }>().message).toBe(
      'The end of the period must be the same as or after its start',
    );
  });

  it('writes a board report for the meeting, puts it on the agenda and keeps it', async () => {
    const posted = await admin.post(`/p/${slug}/reports/new`, {
      kind: 'board',
      title: 'SEND improvement: progress report, February 2026',
      planIds: planId,
      'periodFrom-day': '1',
      'periodFrom-month': '2',
      'periodFrom-year': '2026',
      'periodTo-day': '28',
      'periodTo-month': '2',
      'periodTo-year': '2026',
      meetingId,
      addToAgenda: 'yes',
      sections: [
        'purpose',
        'recommendations',
        'summary',
        'priorities',
        'exceptions',
        'indicators',
        'risks',
        'implications',
      ],
      recommendations: '1. Note the progress made\n2. Agree the revised dates',
      financial: 'The two extra coordinators are funded from the high needs block.',
    });
    expect(posted.statusCode, posted.body).toBe(303);
    const location = String(posted.headers.location);
    firstReport = location.split('/').pop()!;
    const page = await admin.get(location);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Northshire Health and Wellbeing Board, 14 April 2026');
    expect(text).toContain('1. Purpose of the report');
    expect(text).toContain('The Northshire Health and Wellbeing Board is asked to:');
    expect(text).toContain('Note the progress made');
    expect(text).toMatch(/Of 60 actions, \d+ (is|are) complete/);
    expect(text).toContain('This is the first report of its kind for these plans in Sendboard.');
    expect(text).toContain('Progress by priority: Northshire written statement of action');
    expect(text).toContain('EHC coordinator vacancies delay new plans');
    expect(text).toContain('The two extra coordinators are funded from the high needs block.');
    expect(text).toContain('Legal implications');
    expect(text).toContain('None identified.');
    // The demo links indicators to the plan's actions: their charts are drawn in the page.
    expect(page.body).toContain('<figure class="app-document__chart');
    expect(page.body).toMatch(/<svg[^>]+role="img"/);

    const meeting = await admin.get(`/p/${slug}/meetings/${meetingId}`);
    expect(meeting.body).toContain(`href="/p/${slug}/reports/${firstReport}"`);
    const listed = textOf((await admin.get(`/p/${slug}/reports?meeting=${meetingId}`)).body);
    expect(listed).toContain('SEND improvement: progress report, February 2026');

    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'board report' AND entity_id = $1`,
      [firstReport],
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const agendaAudit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'agenda item' AND after->>'reportId' = $1`,
      [firstReport],
    );
    expect(agendaAudit[0]!.n).toBe(1);
    // Odd pages and meeting ids get a page or a 404, never an error.
    expect((await admin.get(`/p/${slug}/reports?page=Infinity`)).statusCode).toBe(200);
    expect((await admin.get(`/p/${slug}/reports?page=999999`)).statusCode).toBe(200);
    expect((await admin.get(`/p/${slug}/reports?meeting=${'-'.repeat(36)}`)).statusCode).toBe(404);
  });

  it('written again after an action goes off track, says what changed and keeps the first as it was', async () => {
    const before = (await admin.get(`/p/${slug}/reports/${firstReport}`)).body;
    const actions = await t.db.query<{ id: string }>(
      `SELECT a.id FROM actions a JOIN priorities pr ON pr.id = a.priority_id
       WHERE a.plan_id = $1 AND a.status <> 'complete' AND a.rag = 'green' ORDER BY pr.position, a.position LIMIT 1`,
      [planId],
    );
    const update = await api('POST', `plans/${planId}/actions/${actions[0]!.id}/updates`, {
      status: 'off_track',
      rag: 'red',
      narrative: 'The provider withdrew; the service is being commissioned again.',
    });
    expect(update.statusCode, update.body).toBe(201);

    const again = await admin.post(`/p/${slug}/reports/${firstReport}/regenerate`, {});
    expect(again.statusCode).toBe(303);
    const second = String(again.headers.location);
    expect(second).not.toContain(firstReport);
    const text = textOf((await admin.get(second)).body);
    expect(text).toMatch(
      /Since the last report \(“SEND improvement: progress report, February 2026”, [^)]+\), \d+ actions? improved (its|their) rating and 1 action worsened/,
    );
    expect(text).toMatch(/(Green|Amber) → Red/);
    // The first report still says what it said, and points to the newer one.
    const first = await admin.get(`/p/${slug}/reports/${firstReport}`);
    expect(textOf(first.body)).toContain('read the newer report');
    const strip = (html: string) => html.slice(html.indexOf('<article'));
    expect(strip(first.body)).toBe(strip(before));
  });

  it.skipIf(!libreOfficeAvailable())(
    'downloads a Word file with the charts that LibreOffice opens and converts to PDF',
    async () => {
      const response = await admin.get(`/p/${slug}/reports/${firstReport}/report.docx`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('wordprocessingml.document');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="send-improvement-progress-report-february-2026-\d{4}-\d{2}-\d{2}\.docx"$/,
      );
      // Each chart is a PNG inside the file.
      expect(response.rawPayload.includes(Buffer.from('word/media/'))).toBe(true);
      const { text, pages } = await docxToPdfText(response.rawPayload);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(text).toContain('SEND improvement: progress report, February 2026');
      expect(text).toContain('3. Executive summary');
      expect(text).toContain('EHC coordinator vacancies delay new plans');
      expect(text).toContain('Produced by Sendboard');
    },
    180_000,
  );

  it('writes a monitoring pack from the API and the command line, answering per weakness', async () => {
    const made = await api('POST', 'reports', {
      kind: 'monitoring',
      title: 'DfE and NHS England monitoring, March 2026',
      planIds: [planId],
      periodFrom: '2026-03-01',
      periodTo: '2026-03-31',
      sections: ['summary', 'findings', 'indicators', 'risks', 'slippage'],
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id } = made.json<{ id: string }>();
    const read = await api('GET', `reports/${id}`);
    expect(read.statusCode).toBe(200);
    const body = read.json<{
      document: { blocks: { kind: string; text?: string }[] };
      dataVersions: { plans: { id: string }[] };
    }>();
    const headings = body.document.blocks.filter((b) => b.kind === 'section').map((b) => b.text);
    expect(headings).toEqual([
      'Executive summary',
      'Progress against each weakness',
      // In the report's own order, whatever order they were sent in.
      'Slippage: actions whose due dates moved',
      'Movement in the data',
      'Top risks',
    ]);
    expect(body.dataVersions.plans.map((p) => p.id)).toEqual([planId]);
    expect((await api('GET', 'reports')).json<unknown[]>().length).toBe(3);

    const dir = await mkdtemp(path.join(tmpdir(), 'sendboard-board-'));
    const out = path.join(dir, 'board.docx');
    const said = await writeBoardReport(t.db, {
      plan: [planId],
      period: '2026-03-01..2026-03-31',
      kind: 'monitoring',
      out,
    });
    expect(said).toMatch(/^Wrote SEND improvement: monitoring pack \(2026-03-01 to 2026-03-31\)/);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');
    await expect(writeBoardReport(t.db, { plan: [planId], period: 'March', out })).rejects.toThrow(
      '--period must be FROM..TO',
    );
  });

  it('is not another partnership’s to read or write', async () => {
    const other = new Agent(t.app);
    await other.signIn(demo.partnerships[0]!.people[0]!.email, demo.password);
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partnerships/${slug}/reports/00000000-0000-0000-0000-000000000000`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(foreign.statusCode).toBe(404);
    const wrongPlan = await api('POST', 'reports', {
      kind: 'board',
      title: 'A report',
      planIds: ['00000000-0000-0000-0000-000000000000'],
      periodFrom: '2026-03-01',
      periodTo: '2026-03-31',
      sections: ['summary'],
    });
    expect(wrongPlan.statusCode).toBe(400);
    expect(wrongPlan.json<{ message: string }>().message).toBe('Select the plans from the list');
  });
});
