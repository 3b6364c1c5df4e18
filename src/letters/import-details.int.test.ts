import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import { formFields } from '../../test/helpers/form-fields.js';
import { textPdf } from '../../test/helpers/pdf.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';
import { projectRoot } from '../platform/config/paths.js';

const REPORTS = path.join(projectRoot, '../shared/data/area-send-reports');
const hasReports = existsSync(path.join(REPORTS, 'bury.pdf'));
const MONITORING = readFileSync(path.join(projectRoot, 'src/letters/fixtures/monitoring-2023.txt'));

// A PDF with text that is no inspection report: the minutes of a board meeting.
const MINUTES_PDF = textPdf([
  [
    [72, 760, 'Northshire SEND Partnership Board: minutes'],
    [72, 730, 'Apologies were received from the chair. The written statement of action'],
    [72, 715, 'was discussed and the board agreed to meet again next month.'],
  ],
]);

// What the letter import keeps beyond the findings (issue #11): each area for priority action's
// responsible body, the inspection team and the outcome as published, and a monitoring
// inspection's links to the full inspection it follows.
describe.each(databaseKinds)('letter import details on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let importUrl = '';
  let checkUrl = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    importUrl = `/p/${seed.a.slug}/inspections/import`;
    checkUrl = `${importUrl}/check`;
  });
  afterAll(async () => t?.close());

  const api = (url: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
    });
  const inspectionCount = async () =>
    (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM inspections WHERE partnership_id = $1',
        [seed.a.id],
      )
    )[0]!.n;

  it('refuses a PDF that is no inspection report, saying why, and saves nothing', async () => {
    await admin.get(importUrl);
    const response = await admin.postMultipart(
      importUrl,
      {},
      { field: 'letter', filename: 'minutes.pdf', bytes: MINUTES_PDF },
    );
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'This file does not look like an area SEND inspection letter or report: no inspection dates or findings were found. Check you chose the right file, or record the inspection yourself.',
    ]);
    expect(response.body).not.toContain('Findings: none');
    expect(await inspectionCount()).toBe(0);
  });

  let fullId = '';

  it.skipIf(!hasReports)(
    'keeps each area for priority action’s responsible body, the team and the outcome as published',
    async () => {
      await admin.get(importUrl);
      const check = await admin.postMultipart(
        importUrl,
        {},
        {
          field: 'letter',
          filename: 'bury.pdf',
          bytes: readFileSync(path.join(REPORTS, 'bury.pdf')),
        },
      );
      expect(check.statusCode).toBe(200);
      const fields = formFields(check.body, checkUrl);
      const n = Number(fields.findingCount);
      const priority = Array.from({ length: n }, (_, i) => i + 1).filter(
        (i) => fields[`finding-${i}-type`] === 'priority_action',
      );
      expect(priority).toHaveLength(6);
      for (const i of priority)
        expect(fields[`finding-${i}-responsibleBody`]).toBe(
          'Bury Metropolitan Borough Council and NHS Greater Manchester ICB',
        );
      expect(fields.team!.split('\n')[0]).toBe('Adam Sproston HMI, Ofsted lead inspector');
      expect(fields.outcomeText).toMatch(/^There are widespread and\/or systemic failings/);

      // The responsible body is changed on the check page, then saved.
      const first = priority[0]!;
      const saved = await admin.post(checkUrl, {
        ...fields,
        [`finding-${first}-responsibleBody`]: 'NHS Greater Manchester ICB',
        'publishedOn-day': '4',
        'publishedOn-month': '4',
        'publishedOn-year': '2024',
        action: 'save',
      });
      expect(saved.statusCode).toBe(303);
      fullId = saved.headers.location!.split('/').pop()!;
      const rows = await t.db.query<{ responsible_body: string }>(
        `SELECT responsible_body FROM findings WHERE inspection_id = $1 AND type = 'priority_action' ORDER BY position`,
        [fullId],
      );
      expect(rows.map((r) => r.responsible_body)).toEqual([
        'NHS Greater Manchester ICB',
        ...Array(5).fill('Bury Metropolitan Borough Council and NHS Greater Manchester ICB'),
      ]);

      const page = await admin.get(saved.headers.location!);
      expect(page.body).toContain('Responsible body: NHS Greater Manchester ICB');
      expect(page.body).toContain('Adam Sproston HMI, Ofsted lead inspector<br />');
      expect(page.body).toContain('Outcome in the report’s words');

      const inspection = await api(`inspections/${fullId}`);
      expect(inspection.json()).toMatchObject({
        team: expect.stringContaining('Kaye Goodfellow, CQC lead inspector'),
        outcomeText: expect.stringMatching(/must address urgently\.$/),
      });
      const findings = (await api(`inspections/${fullId}/findings`)).json<
        { type: string; responsibleBody: string }[]
      >();
      expect(findings.filter((f) => f.type === 'priority_action')[1]!.responsibleBody).toBe(
        'Bury Metropolitan Borough Council and NHS Greater Manchester ICB',
      );
      expect(findings.find((f) => f.type === 'strength')!.responsibleBody).toBe('');
      const spec = (await t.app.inject({ url: '/api/v1/openapi.json' })).body;
      expect(spec).toContain('responsibleBody');
    },
  );

  it('imports a 2023 monitoring inspection linked to the full inspection and its areas for priority action', async () => {
    // The full inspection it follows, with the two areas for priority action it judges.
    const full = await t.app.inject({
      method: 'POST',
      url: `/api/v1/partnerships/${seed.a.slug}/inspections`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        framework: '2023',
        kind: 'full',
        onSiteStart: '2023-11-27',
        onSiteEnd: '2023-12-01',
        // Published after the report imported above: the latest full inspection is proposed.
        publishedOn: '2024-05-10',
        outcome: 3,
      },
    });
    expect(full.statusCode).toBe(201);
    const fullInspection = full.json<{ id: string }>().id;
    const earlier: string[] = [];
    for (const text of [
      'Leaders should improve the quality of EHC plans so that they set out precisely what help each child or young person will receive. This includes: • contributions from health and social care • timely annual reviews.',
      'Leaders should urgently reduce the time children and young people wait for an assessment of their speech and language needs, and make sure that families are supported while they wait.',
    ]) {
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/v1/partnerships/${seed.a.slug}/inspections/${fullInspection}/findings`,
        headers: { authorization: `Bearer ${token}` },
        payload: { type: 'priority_action', text, responsibleBody: 'Larkfield Council' },
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ responsibleBody: 'Larkfield Council' });
      earlier.push(added.json<{ id: string }>().id);
    }

    await admin.get(importUrl);
    const check = await admin.post(importUrl, { letterText: MONITORING.toString('utf8') });
    expect(check.statusCode).toBe(200);
    const fields = formFields(check.body, checkUrl);
    expect(fields).toMatchObject({
      framework: '2023',
      kind: 'monitoring',
      followsInspectionId: fullInspection,
      findingCount: '2',
      'finding-1-type': 'priority_action',
      'finding-1-sufficientProgress': 'yes',
      'finding-1-judgesFindingId': earlier[1],
      'finding-2-sufficientProgress': 'no',
      'finding-2-judgesFindingId': earlier[0],
    });
    const saved = await admin.post(checkUrl, {
      ...fields,
      'publishedOn-day': '18',
      'publishedOn-month': '7',
      'publishedOn-year': '2025',
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    const id = saved.headers.location!.split('/').pop()!;
    const [row] = await t.db.query<{ kind: string; follows_inspection_id: string }>(
      'SELECT kind, follows_inspection_id FROM inspections WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ kind: 'monitoring', follows_inspection_id: fullInspection });
    const judged = await t.db.query<{ judges_finding_id: string; sufficient_progress: boolean }>(
      'SELECT judges_finding_id, sufficient_progress FROM findings WHERE inspection_id = $1 ORDER BY position',
      [id],
    );
    expect(judged).toEqual([
      { judges_finding_id: earlier[1], sufficient_progress: true },
      { judges_finding_id: earlier[0], sufficient_progress: false },
    ]);
  });
});
