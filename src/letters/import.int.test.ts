import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode, errorSummary } from '../../test/helpers/agent.js';
import { formFields } from '../../test/helpers/form-fields.js';
import { buildPdf } from '../../test/helpers/pdf.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { projectRoot } from '../platform/config/paths.js';
import { createInspection } from '../inspections/index.js';

const REPORTS = path.join(projectRoot, '../shared/data/area-send-reports');
const hasReports = existsSync(path.join(REPORTS, 'suffolk.pdf'));
const MEDWAY = readFileSync(path.join(projectRoot, 'src/letters/fixtures/medway-2018.txt'));
const REVISIT = readFileSync(path.join(projectRoot, 'src/letters/fixtures/revisit-letter.txt'));

type Upload = { filename: string; bytes: Uint8Array; type?: string };

// Hand-written PDFs: a scan (an image, no text) and a locked one.
const IMAGE_ONLY_PDF = buildPdf([
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
  '<< /Length 33 >>\nstream\nq 400 0 0 500 90 200 cm /Im1 Do Q\nendstream',
  '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream',
]);

const ENCRYPTED_PDF = buildPdf(
  [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> >>`,
  ],
  `/Encrypt 4 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>] `,
);

describe.each(databaseKinds)('outcome letter import on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let importUrl = '';
  let checkUrl = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    importUrl = `/p/${seed.a.slug}/inspections/import`;
    checkUrl = `${importUrl}/check`;
  });
  afterAll(async () => t?.close());

  /** Opens the upload form, then posts it as the agent's browser would, with its CSRF token. */
  async function upload(agent: Agent, file?: Upload, options: { csrf?: string | false } = {}) {
    await agent.get(importUrl);
    return agent.postMultipart(importUrl, {}, file && { field: 'letter', ...file }, options);
  }

  const inspectionCount = async () =>
    (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM inspections WHERE partnership_id = $1',
        [seed.a.id],
      )
    )[0]!.n;

  const findingsOf = (id: string) =>
    t.db.query<{
      type: string;
      question: string | null;
      text: string;
      sufficient_progress: boolean | null;
    }>(
      'SELECT type, question, text, sufficient_progress FROM findings WHERE inspection_id = $1 ORDER BY position',
      [id],
    );

  const countBy = (rows: { type: string }[]) =>
    rows.reduce<Record<string, number>>((n, r) => ({ ...n, [r.type]: (n[r.type] ?? 0) + 1 }), {});

  it('offers the import to admins only', async () => {
    const list = await admin.get(`/p/${seed.a.slug}/inspections`);
    expect(list.body).toContain('Import an outcome letter or report');
    const page = await admin.get(importUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('type="file"');

    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    expect((await viewer.get(`/p/${seed.a.slug}/inspections`)).body).not.toContain(
      'Import an outcome letter',
    );
    expect((await viewer.get(importUrl)).statusCode).toBe(403);
    expect((await viewer.post(importUrl, { letterText: MEDWAY.toString('utf8') })).statusCode).toBe(
      403,
    );
    // The viewer's token is valid, so the 403 is the role, not the CSRF check.
    const token = /name="_csrf" value="([^"]+)"/.exec(
      (await viewer.get(`/p/${seed.a.slug}/inspections`)).body,
    )![1]!;
    const refused = await viewer.postMultipart(
      importUrl,
      {},
      { field: 'letter', filename: 'medway.txt', bytes: MEDWAY },
      { csrf: token },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You do not have permission');
    expect((await viewer.post(checkUrl, { framework: '2016' })).statusCode).toBe(403);
    expect(await inspectionCount()).toBe(0);
  });

  it('refuses an upload without a valid CSRF token', async () => {
    const file = { filename: 'medway.txt', bytes: MEDWAY };
    const missing = await upload(admin, file, { csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('This form has expired');
    const wrong = await upload(admin, file, { csrf: 'not-the-token' });
    expect(wrong.statusCode).toBe(403);
    expect((await upload(admin, file)).statusCode).toBe(200);
    expect(await inspectionCount()).toBe(0);
  });

  it('keeps multipart to its own routes', async () => {
    await admin.get(importUrl);
    const response = await admin.postMultipart(
      `/p/${seed.a.slug}/inspections/new`,
      { framework: '2016' },
      undefined,
      { csrf: false },
    );
    expect(response.statusCode).toBe(415);
  });

  it.each([
    ['no file', { filename: '', bytes: new Uint8Array() }, 'Select the letter or report to upload'],
    [
      'an empty file',
      { filename: 'letter.pdf', bytes: new Uint8Array() },
      'The selected file is empty',
    ],
    [
      'a Word document',
      { filename: 'letter.docx', bytes: Buffer.from('PK\u0003\u0004 not a letter') },
      'Upload the letter as a PDF (.pdf) or a plain text file (.txt).',
    ],
    [
      'a PDF that is not one',
      { filename: 'letter.pdf', bytes: Buffer.from('Dear Ian Sutherland') },
      'This file is not a PDF. Upload the report as a PDF.',
    ],
    [
      'a scanned PDF',
      { filename: 'scan.pdf', bytes: IMAGE_ONLY_PDF },
      'This PDF has no text layer: it looks like a scanned image. Upload the PDF published by Ofsted, or paste the text of the letter instead.',
    ],
    [
      'a password-protected PDF',
      { filename: 'locked.pdf', bytes: ENCRYPTED_PDF },
      'This PDF is protected by a password. Remove the password, or download the report again from the Ofsted website, and upload it again.',
    ],
    [
      'a damaged PDF',
      { filename: 'broken.pdf', bytes: Buffer.from('%PDF-1.7\nthis is not really a PDF') },
      'This PDF could not be read. It may be damaged: download it again and upload it again.',
    ],
    [
      'a file that is no letter',
      { filename: 'notes.txt', bytes: Buffer.from('Shopping list: milk, eggs and bread.') },
      'This file does not look like an area SEND inspection letter or report: no inspection dates or findings were found. Check you chose the right file, or record the inspection yourself.',
    ],
    [
      'a file over 10 MB',
      { filename: 'huge.txt', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') },
      'The selected file must be smaller than 10 MB',
    ],
  ])('explains %s and saves nothing', async (_name, file, message) => {
    const response = await upload(admin, file);
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([message]);
    expect(response.body).toContain('href="#letter"');
    expect(response.body).toContain('govuk-file-upload--error');
    expect(await inspectionCount()).toBe(0);
  });

  it('explains pasted text it cannot use, and keeps it', async () => {
    await admin.get(importUrl);
    const empty = await admin.post(importUrl, { letterText: '  \n ' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Paste the text of the letter or report']);
    const notes = await admin.post(importUrl, { letterText: 'Notes from the <b>board</b>' });
    expect(errorSummary(notes.body)).toEqual([
      'This text does not look like an area SEND inspection letter or report: no inspection dates or findings were found. Check you chose the right text, or record the inspection yourself.',
    ]);
    expect(notes.body).toContain('Notes from the &lt;b&gt;board&lt;/b&gt;</textarea>');
    // Over 10 MB of text: the parser's own message, not a 413 and not a crash.
    const huge = await admin.post(importUrl, {
      letterText: 'Joint local area SEND inspection '.repeat(330_000),
    });
    expect(huge.statusCode).toBe(400);
    expect(errorSummary(huge.body)).toEqual([
      'This file has more than 10 MB of text, which is far more than an inspection letter or report. Check that you chose the right file.',
    ]);
    expect(await inspectionCount()).toBe(0);
  });

  it.skipIf(!hasReports)('imports a real report: Suffolk, 2023, widespread failings', async () => {
    const bytes = readFileSync(path.join(REPORTS, 'suffolk.pdf'));
    const check = await upload(admin, { filename: 'suffolk.pdf', bytes, type: 'application/pdf' });
    expect(check.statusCode).toBe(200);
    const html = decode(check.body);
    expect(html).toContain('Check the inspection before you save it');
    expect(html).toContain('Imported from suffolk.pdf');
    expect(html).toContain('The letter names Suffolk, not Northshire County Council');
    expect(html).toContain(
      '7 strengths, 10 areas for development, 2 areas for priority action, 3 areas for improvement',
    );
    const fields = formFields(check.body, checkUrl);
    expect(fields).toMatchObject({
      framework: '2023',
      kind: 'full',
      outcome: '3',
      'onSiteStart-day': '13',
      'onSiteStart-month': '11',
      'onSiteStart-year': '2023',
      'onSiteEnd-day': '17',
      findingCount: '22',
      'finding-18-type': 'priority_action',
    });
    expect(fields['finding-18-text']).toMatch(/^The LAP should work more collaboratively/);

    // The report does not carry its publication date: the page asks for it.
    const missing = await admin.post(checkUrl, { ...fields, action: 'save' });
    expect(missing.statusCode).toBe(400);
    expect(errorSummary(missing.body)).toEqual([
      'Enter the date the letter or report was published',
    ]);
    expect(await inspectionCount()).toBe(0);

    const saved = await admin.post(checkUrl, {
      ...formFields(missing.body, checkUrl),
      'publishedOn-day': '10',
      'publishedOn-month': '1',
      'publishedOn-year': '2024',
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    const shown = await admin.get(saved.headers.location!);
    expect(shown.body).toContain('Inspection imported with 22 findings.');
    expect(shown.body).toContain('Areas for priority action (2)');
    const id = saved.headers.location!.split('/').pop()!;
    const [row] = await t.db.query<Record<string, unknown>>(
      'SELECT framework, kind, outcome, on_site_start::text, on_site_end::text, published_on::text FROM inspections WHERE id = $1',
      [id],
    );
    expect(row).toEqual({
      framework: '2023',
      kind: 'full',
      outcome: 3,
      on_site_start: '2023-11-13',
      on_site_end: '2023-11-17',
      published_on: '2024-01-10',
    });
    expect(countBy(await findingsOf(id))).toEqual({
      strength: 7,
      area_for_development: 10,
      priority_action: 2,
      area_for_improvement: 3,
    });
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'inspection' AND entity_id = $1`,
      [id],
    );
    expect(audit[0]!.n).toBe(1);
    await t.db.query('DELETE FROM findings WHERE inspection_id = $1', [id]);
    await t.db.query('DELETE FROM inspections WHERE id = $1', [id]);
  });

  it('imports the Medway letter, pasted, with the changes made on the check page', async () => {
    await admin.get(importUrl);
    const check = await admin.post(importUrl, { letterText: MEDWAY.toString('utf8') });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Imported from pasted text');
    expect(check.body).toContain('8 areas of significant weakness');
    expect(check.body).toContain('The letter names Medway, not Northshire County Council');
    let fields = formFields(check.body, checkUrl);
    expect(fields).toMatchObject({
      framework: '2016',
      kind: 'initial',
      wsoaRequired: 'yes',
      'publishedOn-day': '31',
      'publishedOn-month': '1',
      'publishedOn-year': '2018',
      findingCount: '62',
      'finding-1-type': 'strength',
      'finding-1-question': 'identify',
    });
    const removed = fields['finding-2-text']!;

    // Change a finding's text, remove another, add one: check the list again before saving.
    const updated = await admin.post(checkUrl, {
      ...fields,
      'finding-1-text': 'Early identification of needs is strong, reworded on the check page.',
      'finding-2-remove': 'yes',
      'new-type': 'strength',
      'new-question': 'outcomes',
      'new-text': 'A strength the import missed.',
      action: 'update',
    });
    expect(updated.statusCode).toBe(200);
    expect(await inspectionCount()).toBe(0);
    fields = formFields(updated.body, checkUrl);
    expect(fields.findingCount).toBe('62');
    expect(fields['finding-1-text']).toBe(
      'Early identification of needs is strong, reworded on the check page.',
    );
    expect(Object.values(fields)).not.toContain(removed);
    expect(fields).toMatchObject({
      'finding-62-type': 'strength',
      'finding-62-question': 'outcomes',
      'finding-62-text': 'A strength the import missed.',
      'new-text': '',
    });

    const saved = await admin.post(checkUrl, { ...fields, action: 'save' });
    expect(saved.statusCode).toBe(303);
    const id = saved.headers.location!.split('/').pop()!;
    expect((await admin.get(saved.headers.location!)).body).toContain(
      'Inspection imported with 62 findings.',
    );
    const findings = await findingsOf(id);
    expect(countBy(findings)).toEqual({
      strength: 16,
      area_for_development: 38,
      significant_weakness: 8,
    });
    expect(findings[0]!.text).toBe(
      'Early identification of needs is strong, reworded on the check page.',
    );
    expect(findings.map((f) => f.text)).not.toContain(removed);
    expect(findings.at(-1)).toEqual({
      type: 'strength',
      question: 'outcomes',
      text: 'A strength the import missed.',
      sufficient_progress: null,
    });
    const [row] = await t.db.query<Record<string, unknown>>(
      'SELECT framework, kind, wsoa_required, outcome, published_on::text FROM inspections WHERE id = $1',
      [id],
    );
    expect(row).toEqual({
      framework: '2016',
      kind: 'initial',
      wsoa_required: true,
      outcome: null,
      published_on: '2018-01-31',
    });
  });

  it('imports a revisit letter with a judgement for each weakness, linked to the weakness it judges', async () => {
    // The initial inspection the revisit follows, its weaknesses worded as the first letter had them.
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    const initial = await createInspection(
      t.db,
      actor,
      seed.tenantA,
      {
        framework: '2016',
        kind: 'initial',
        onSiteStart: '2018-03-05',
        onSiteEnd: '2018-03-09',
        publishedOn: '2018-04-26',
        team: '',
        outcome: null,
        wsoaRequired: true,
        outcomeText: '',
      },
      [
        'The lack of a coherent strategy for co-production with parents and carers at a strategic level.',
        'The inconsistent quality of education, health and care (EHC) plans, including the weak contributions from health and social care.',
        'Weak joint commissioning arrangements, including the long waits for assessment by the speech and language therapy service.',
        'Leaders’ ambition for children is shared across the area.',
      ].map((text, i) => ({
        type: i === 3 ? ('strength' as const) : ('significant_weakness' as const),
        question: null,
        text,
        sufficientProgress: null,
      })),
    );
    const earlier = await t.db.query<{ id: string }>(
      'SELECT id FROM findings WHERE inspection_id = $1 ORDER BY position',
      [initial.id],
    );
    const check = await upload(admin, { filename: 'revisit.txt', bytes: REVISIT });
    expect(check.statusCode).toBe(200);
    const fields = formFields(check.body, checkUrl);
    expect(fields).toMatchObject({
      kind: 'revisit',
      findingCount: '3',
      followsInspectionId: initial.id,
      'finding-1-sufficientProgress': 'yes',
      'finding-2-sufficientProgress': 'yes',
      'finding-3-sufficientProgress': 'no',
      // The letter restates the weaknesses in another order: each is linked to its own.
      'finding-1-judgesFindingId': earlier[1]!.id,
      'finding-2-judgesFindingId': earlier[0]!.id,
      'finding-3-judgesFindingId': earlier[2]!.id,
    });
    // A link to a strength is refused in the page's words, and nothing is saved.
    const wrong = await admin.post(checkUrl, {
      ...fields,
      'finding-1-judgesFindingId': earlier[3]!.id,
      action: 'save',
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummary(wrong.body)).toEqual([
      'Select the weakness or area for priority action this judges from the list',
    ]);
    const saved = await admin.post(checkUrl, { ...fields, action: 'save' });
    expect(saved.statusCode).toBe(303);
    const revisitId = saved.headers.location!.split('/').pop()!;
    const findings = await findingsOf(revisitId);
    expect(findings.map((f) => [f.type, f.sufficient_progress])).toEqual([
      ['significant_weakness', true],
      ['significant_weakness', true],
      ['significant_weakness', false],
    ]);
    const links = await t.db.query<{ judges_finding_id: string }>(
      'SELECT judges_finding_id FROM findings WHERE inspection_id = $1 ORDER BY position',
      [revisitId],
    );
    expect(links.map((l) => l.judges_finding_id)).toEqual([
      earlier[1]!.id,
      earlier[0]!.id,
      earlier[2]!.id,
    ]);
  });

  it('refuses tampered or invalid fields and saves nothing', async () => {
    await admin.get(importUrl);
    const check = await admin.post(importUrl, { letterText: MEDWAY.toString('utf8') });
    const fields = formFields(check.body, checkUrl);
    const before = await inspectionCount();
    const cases: [Record<string, string>, string[]][] = [
      [{ 'finding-3-type': 'bogus' }, ['Select the type of finding 3']],
      [
        { framework: '2023', kind: 'full', outcome: '2', wsoaRequired: '' },
        Array.from(
          { length: 8 },
          (_, i) =>
            `Finding ${55 + i}: areas of significant weakness are not part of the 2023 framework`,
        ),
      ],
      [
        { findingCount: '100000' },
        ['The list of findings could not be read. Upload or paste the letter again.'],
      ],
      [
        { wsoaRequired: 'maybe' },
        ['Select whether the letter requires a written statement of action'],
      ],
      [
        {
          'publishedOn-day': '31',
          'publishedOn-month': '2',
          'finding-5-text': ' ',
          'finding-7-question': 'why',
        },
        [
          'Date the letter or report was published must be a real date',
          'Enter the text of finding 5',
          'Select the inspection question of finding 7, or none',
        ],
      ],
      [{ 'finding-9-text': 'x'.repeat(5001) }, ['Finding 9 must be 5000 characters or fewer']],
    ];
    for (const [change, messages] of cases) {
      const response = await admin.post(checkUrl, { ...fields, ...change, action: 'save' });
      expect(response.statusCode, JSON.stringify(change).slice(0, 80)).toBe(400);
      expect(errorSummary(response.body)).toEqual(messages);
    }
    expect(await inspectionCount()).toBe(before);
  });
});

describe('large import bodies before sign-in', () => {
  it('are refused before the body is read', async () => {
    const t = await createTestApp('pglite');
    try {
      const seed = await seedTwoPartnerships(t.db);
      const response = await t.app.inject({
        method: 'POST',
        url: `/p/${seed.a.slug}/inspections/import`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'text=' + 'x'.repeat(5_000_000),
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toContain('/sign-in');
    } finally {
      await t.close();
    }
  });
});
