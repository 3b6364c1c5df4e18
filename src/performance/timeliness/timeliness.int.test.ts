import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { projectRoot } from '../../platform/config/paths.js';
import { tempFiles, type TempFiles } from '../../../test/helpers/import-files.js';
import { todayInLondon } from '../../platform/web/today.js';
import { importEhcCases } from './cli.js';

const NAME = 'Zebedee Quintrell';
const DOB = '17/03/2015';

/** A YYYY-MM-DD date `days` before today, as a UK date. */
function daysAgo(days: number): string {
  const date = new Date(`${todayInLondon()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  const iso = date.toISOString().slice(0, 10);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// Six requests: 001 within 20 weeks; 002 over 20; 003 within, with an exception; 004 open since
// 2024 (past 20 weeks); 005 over 52 weeks; 006 open for 10 days. Mixed date formats, a need
// written as a name, and three columns Sendboard must never store.
const GOOD_CSV = [
  'Case ref,Child name,Date of birth,EHCNA request date,Final plan issued,Exception applies,Primary need type,Home address',
  `EHC-001,${NAME},${DOB},03/01/2024,15/05/2024,N,ASD,"1 Acacia Avenue, Northtown"`,
  `EHC-002,${NAME} Jr,${DOB},2024-01-10,2024-07-01,N,Autism,"2 Acacia Avenue"`,
  `EHC-003,Someone Else,${DOB},10 January 2024,20/05/2024,Y,SEMH,""`,
  `EHC-004,Another Child,${DOB},01/02/2024,,N,,""`,
  `EHC-005,A Fifth,${DOB},01/03/2024,01/04/2025,No,Moderate learning difficulty,""`,
  `EHC-006,A Sixth,${DOB},${daysAgo(10)},,,SLCN,""`,
].join('\r\n');

describe.each(databaseKinds)('EHC plan timeliness on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let files: TempFiles;
  let base = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    base = `/p/${seed.a.slug}/performance/ehc-timeliness`;
    files = tempFiles();
  });
  afterAll(async () => {
    files?.remove();
    await t?.close();
  });

  /** Opens the upload page, then posts its form as the agent's browser would. */
  async function upload(
    agent: Agent,
    fields: Record<string, string>,
    file?: { filename: string; bytes: Uint8Array },
    options: { csrf?: false; url?: string } = {},
  ) {
    await agent.get(`${base}/upload`);
    return agent.postMultipart(
      options.url ?? `${base}/upload`,
      fields,
      file && { field: 'caseFile', ...file },
      options.csrf === false ? { csrf: false } : {},
    );
  }

  const csv = (text: string, filename = 'cases.csv') => ({
    filename,
    bytes: new TextEncoder().encode(text),
  });

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.query<{ n: number }>(sql, params))[0]!.n;
  const caseCount = () =>
    count('SELECT count(*)::int AS n FROM ehc_cases WHERE partnership_id = $1', [seed.a.id]);
  const pendingCount = () =>
    count(
      `SELECT count(*)::int AS n FROM pending_imports WHERE partnership_id = $1 AND kind = 'ehc_cases'`,
      [seed.a.id],
    );

  /** Every text, JSON and array value in every table that mentions `needle`. */
  async function tablesMentioning(needle: string): Promise<string[]> {
    const columns = await t.db.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
         AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`,
    );
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const n = await count(
        `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE $1`,
        [`%${needle}%`],
      );
      if (n > 0) found.push(`${table}.${column}`);
    }
    return found;
  }

  /** Uploads a file and saves it through the preview; returns the preview page's HTML. */
  async function importCases(label: string, file: { filename: string; bytes: Uint8Array }) {
    const uploaded = await upload(admin, { label }, file);
    expect(uploaded.statusCode, uploaded.body).toBe(303);
    const preview = await admin.get(uploaded.headers.location as string);
    expect(preview.statusCode).toBe(200);
    const importId = /name="importId" value="([^"]+)"/.exec(preview.body)![1]!;
    const saved = await admin.post(`${base}/save`, { importId });
    expect(saved.statusCode).toBe(303);
    return { preview: decode(preview.body), importId, location: saved.headers.location as string };
  }

  it('shows an empty page before any import, and the upload form to admins', async () => {
    const page = await admin.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No EHC cases have been imported yet');
    const form = await admin.get(`${base}/upload`);
    expect(form.statusCode).toBe(200);
    expect(decode(form.body)).toContain(
      'Do not include names, dates of birth or addresses; use a case reference that does not identify the child. Sendboard stores only these five columns.',
    );
    expect(form.body).toContain('enctype="multipart/form-data"');
  });

  it('shows every row error, keeps the label, and saves nothing', async () => {
    const future = daysAgo(-30);
    const bad = [
      'Case reference,Request date,Issue date,Exception,Primary need',
      'A1,2024-05-01,2024-04-01,N,ASD', // issued before the request
      'A2,31/02/2024,,N,', // not a date
      'A1,2024-01-01,,N,', // duplicate reference
      `A3,${future},,N,`, // future request
      'A4,2024-01-01,2024-02-01,maybe,', // not Y/N
      'A5,2024-01-01,,N,Grumpiness', // unknown need
      'Jo Bloggs,2024-01-01,,N,', // a name, with a space
      'A123456789012,2024-01-01,,N,', // a UPN
    ].join('\n');
    const response = await upload(admin, { label: 'Bad cases' }, csv(bad, 'bad.csv'));
    expect(response.statusCode).toBe(400);
    const html = decode(response.body);
    expect(html).toContain('bad.csv cannot be imported yet');
    expect(html).toContain('before the request was received');
    expect(html).toContain('is also on row 2');
    expect(html).toContain('is in the future');
    expect(html).toContain('is not a DfE type of need');
    expect(html).toContain('is not yes or no');
    expect(html).toContain('unique pupil number');
    expect(html).toMatch(/31\/02\/2024|not a real date/);
    expect(html).toContain('value="Bad cases"');
    expect(await caseCount()).toBe(0);
    expect(await pendingCount()).toBe(0);
  });

  it('asks for a label and a file', async () => {
    const response = await upload(admin, { label: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter a label for the case set');
    expect(response.body).toContain('Select a CSV or Excel (.xlsx) file of cases');
  });

  it('previews, then saves a file, never storing any other column', async () => {
    const uploaded = await upload(admin, { label: 'SEN2 cases 2025' }, csv(GOOD_CSV));
    expect(uploaded.statusCode, uploaded.body).toBe(303);
    // Waiting for confirmation: only the five columns are held.
    expect(await tablesMentioning('Quintrell')).toEqual([]);
    expect(await tablesMentioning('Acacia')).toEqual([]);
    expect(await caseCount()).toBe(0);

    const preview = await admin.get(uploaded.headers.location as string);
    const html = decode(preview.body);
    expect(html).toContain('‘Child name’ (column B)');
    expect(html).toContain('‘Date of birth’ (column C)');
    expect(html).toContain('‘Home address’ (column H)');
    expect(html).not.toContain('Quintrell');
    expect(html).toContain('EHC-001');
    expect(html).not.toContain('Saving replaces');

    const importId = /name="importId" value="([^"]+)"/.exec(preview.body)![1]!;
    const saved = await admin.post(`${base}/save`, { importId });
    expect(saved.statusCode).toBe(303);
    expect(await caseCount()).toBe(6);
    expect(await pendingCount()).toBe(0);
    expect(await tablesMentioning('Quintrell')).toEqual([]);
    expect(await tablesMentioning('Acacia')).toEqual([]);
    expect(await tablesMentioning('2015-03-17')).toEqual([]);
    const stored = await t.db.query<Record<string, unknown>>(
      `SELECT case_ref, to_char(request_date, 'YYYY-MM-DD') AS request_date,
         to_char(issue_date, 'YYYY-MM-DD') AS issue_date, exception, primary_need
       FROM ehc_cases WHERE partnership_id = $1 ORDER BY case_ref`,
      [seed.a.id],
    );
    expect(stored.slice(0, 5)).toEqual([
      {
        case_ref: 'EHC-001',
        request_date: '2024-01-03',
        issue_date: '2024-05-15',
        exception: false,
        primary_need: 'ASD',
      },
      {
        case_ref: 'EHC-002',
        request_date: '2024-01-10',
        issue_date: '2024-07-01',
        exception: false,
        primary_need: 'ASD',
      },
      {
        case_ref: 'EHC-003',
        request_date: '2024-01-10',
        issue_date: '2024-05-20',
        exception: true,
        primary_need: 'SEMH',
      },
      {
        case_ref: 'EHC-004',
        request_date: '2024-02-01',
        issue_date: null,
        exception: false,
        primary_need: null,
      },
      {
        case_ref: 'EHC-005',
        request_date: '2024-03-01',
        issue_date: '2025-04-01',
        exception: false,
        primary_need: 'MLD',
      },
    ]);
    const imports = await t.db.query<{ kind: string; rows_read: number }>(
      'SELECT kind, rows_read FROM data_imports WHERE partnership_id = $1',
      [seed.a.id],
    );
    expect(imports).toEqual([{ kind: 'ehc_cases', rows_read: 6 }]);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE partnership_id = $1 AND entity_type = 'ehc_case_set'`,
      [seed.a.id],
    );
    expect(audit).toEqual([{ action: 'import' }]);

    // A second click on Save finds nothing to save.
    const again = await admin.post(`${base}/save`, { importId });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('There is no file waiting to be saved');
    expect(await caseCount()).toBe(6);
  });

  it('analyses the latest case set without showing case references', async () => {
    const page = await admin.get(base);
    expect(page.statusCode).toBe(200);
    const html = decode(page.body);
    expect(html).not.toMatch(/EHC-00\d/);
    expect(html).toContain('SEN2 cases 2025');
    // Excluding exceptions: 1 of 3 (001 yes; 002 and 005 no). Including: 2 of 4.
    const headline = /<table class="govuk-table" id="ehc-headline">[\s\S]*?<\/table>/.exec(
      html,
    )![0];
    expect(headline).toContain('33.3%');
    expect(headline).toContain('50.0%');
    expect(headline).toContain('England, 2024 (calendar year, excluding exceptions)');
    expect(headline).toContain('46.4%');
    const bands = /<table class="govuk-table" id="ehc-bands">[\s\S]*?<\/table>/.exec(html)![0];
    expect(bands.replace(/\s+/g, ' ')).toMatch(/Up to 20 weeks<\/th>\s?<td[^>]*>2<\/td>/);
    expect(bands).toMatch(/Over 52 weeks<\/th><td[^>]*>1<\/td>/);
    expect(html).toContain('role="img"');
    expect(html).toContain('<title id="ehc-bands-chart-title">');
    expect(html).toContain('<title id="ehc-by-month-chart-title">');
    const months = /<table class="govuk-table" id="ehc-by-month">[\s\S]*?<\/table>/.exec(html)![0];
    expect(months).toContain('May 2024');
    expect(months).toContain('46.4% (2024)');
    expect(months).toContain('April 2025');
    expect(html).toContain('calendar years');
    const needs = /<table class="govuk-table" id="ehc-by-need">[\s\S]*?<\/table>/.exec(html)![0];
    expect(needs).toContain('ASD — Autistic spectrum disorder');
    expect(needs).toContain('MLD — Moderate learning difficulty');
    const open = /<p class="govuk-body" id="ehc-open-summary">[\s\S]*?<\/p>/.exec(html)![0];
    expect(open).toContain(
      '2 requests have no plan issued yet. 1 of them (50.0%) is already past 20 weeks',
    );
    expect(html).toContain(`${base}/open-cases?set=`);

    const list = await admin.get(`${base}/open-cases`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('EHC-004');
    expect(list.body).not.toContain('EHC-006');
  });

  it('lets every member read the analysis but only admins see case references or change things', async () => {
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    const page = await viewer.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('33.3%');
    expect(page.body).not.toContain('open-cases');
    expect(page.body).not.toContain('Upload EHC cases</a>');
    expect((await viewer.get(`${base}/open-cases`)).statusCode).toBe(403);
    expect((await viewer.get(`${base}/upload`)).statusCode).toBe(403);
    expect((await upload(viewer, { label: 'By viewer' }, csv(GOOD_CSV))).statusCode).toBe(403);
    expect((await viewer.post(`${base}/save`, { importId: randomUuid() })).statusCode).toBe(403);
    expect(await pendingCount()).toBe(0);
  });

  it('answers 404 to another partnership’s admin', async () => {
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    expect((await other.get(base)).statusCode).toBe(404);
    expect((await other.get(`${base}/open-cases`)).statusCode).toBe(404);
    const response = await upload(other, { label: 'Intruder' }, csv(GOOD_CSV));
    expect(response.statusCode).toBe(404);
    expect(await pendingCount()).toBe(0);
  });

  it('refuses an upload or a save without the CSRF token', async () => {
    const response = await upload(admin, { label: 'No token' }, csv(GOOD_CSV), { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await pendingCount()).toBe(0);
    const uploaded = await upload(admin, { label: 'Token test' }, csv(GOOD_CSV));
    const importId = new URL(uploaded.headers.location as string, 'http://x').searchParams.get(
      'import',
    )!;
    expect((await admin.post(`${base}/save`, { importId }, { csrf: false })).statusCode).toBe(403);
    const cancelled = await admin.post(`${base}/cancel`, { importId });
    expect(cancelled.statusCode).toBe(303);
    expect(await pendingCount()).toBe(0);
    expect(await caseCount()).toBe(6);
  });

  it('replaces a case set with the same label, from an Excel file, and says so', async () => {
    const file = await files.xlsx('cases.xlsx', (workbook) => {
      workbook.addWorksheet('Notes').addRow(['Read me']);
      const sheet = workbook.addWorksheet('Cases');
      sheet.addRow([
        'Case reference',
        'Child name',
        'Date request received',
        'Issue date',
        'Exception',
        'Primary need',
      ]);
      sheet.addRow([
        'R-1',
        NAME,
        new Date(Date.UTC(2024, 0, 1)),
        new Date(Date.UTC(2024, 3, 1)),
        'N',
        'SLCN',
      ]);
      sheet.addRow(['R-2', NAME, new Date(Date.UTC(2024, 0, 8)), null, 'Y', null]);
    });
    const bytes = new Uint8Array(readFileSync(file));
    const uploaded = await upload(
      admin,
      { label: 'sen2 cases 2025 ', sheet: 'Cases' },
      { filename: 'cases.xlsx', bytes },
    );
    expect(uploaded.statusCode, decode(uploaded.body)).toBe(303);
    const preview = decode((await admin.get(uploaded.headers.location as string)).body);
    expect(preview, preview).toContain('Saving replaces the case set ‘SEN2 cases 2025’');
    expect(preview).toContain('(6 cases)');
    const importId = /name="importId" value="([^"]+)"/.exec(preview)![1]!;
    expect((await admin.post(`${base}/save`, { importId })).statusCode).toBe(303);
    expect(await caseCount()).toBe(2);
    expect(
      await count('SELECT count(*)::int AS n FROM ehc_case_sets WHERE partnership_id = $1', [
        seed.a.id,
      ]),
    ).toBe(1);
    expect(await tablesMentioning('Quintrell')).toEqual([]);
    const audit = await t.db.query<{ action: string; before: { caseSets: { cases: number }[] } }>(
      `SELECT action, before FROM audit_log WHERE partnership_id = $1 AND entity_type = 'ehc_case_set' ORDER BY at DESC, id DESC LIMIT 1`,
      [seed.a.id],
    );
    expect(audit[0]!.action).toBe('replace');
    expect(audit[0]!.before.caseSets[0]!.cases).toBe(6);
  });

  it('keeps older case sets and shows a chosen one', async () => {
    await importCases(
      'Cases 2023',
      csv('Case reference,Request date,Issue date,Exception\nOLD-1,2023-01-02,2023-03-01,N'),
    );
    const page = decode((await admin.get(base)).body);
    expect(page).toContain('Cases 2023');
    const older = /href="([^"]*\?set=[^"]+)">sen2 cases 2025</.exec(page)?.[1];
    expect(older).toBeDefined();
    const chosen = await admin.get(older!);
    expect(chosen.statusCode).toBe(200);
    expect((await admin.get(`${base}?set=00000000-0000-0000-0000-000000000000`)).statusCode).toBe(
      404,
    );
    expect((await admin.get(`${base}?set=nonsense`)).statusCode).toBe(404);
  });

  it('imports from the command line with the same checks, saving nothing on errors', async () => {
    const withDb = (use: (db: typeof t.db) => Promise<number>) => use(t.db);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const before = await caseCount();
    const bad = files.write(
      'bad.csv',
      'Case reference,Request date,Issue date,Exception\nX1,2024-05-01,2024-04-01,N\n',
    );
    expect(
      await importEhcCases(withDb, bad, { partnership: seed.a.slug, label: 'CLI', yes: true }, io),
    ).toBe(1);
    expect(lines.join('\n')).toContain('Row 2');
    expect(await caseCount()).toBe(before);

    const good = files.write('good.csv', GOOD_CSV);
    lines.length = 0;
    expect(await importEhcCases(withDb, good, { partnership: seed.a.slug, label: 'CLI' }, io)).toBe(
      0,
    );
    expect(lines.join('\n')).toContain('Nothing saved. Run again with --yes to save.');
    expect(lines.join('\n')).toContain('‘Child name’ (column B)');
    expect(await caseCount()).toBe(before);

    expect(
      await importEhcCases(withDb, good, { partnership: 'nowhere', label: 'CLI', yes: true }, io),
    ).toBe(1);
    expect(
      await importEhcCases(withDb, good, { partnership: seed.a.slug, label: 'CLI', yes: true }, io),
    ).toBe(0);
    expect(await caseCount()).toBe(before + 6);
    expect(await tablesMentioning('Quintrell')).toEqual([]);
    const audit = await t.db.query<{ actor_name: string }>(
      `SELECT actor_name FROM audit_log WHERE partnership_id = $1 AND entity_type = 'ehc_case_set' ORDER BY at DESC, id DESC LIMIT 1`,
      [seed.a.id],
    );
    expect(audit[0]!.actor_name).toBe('Command line');
  });
});

function randomUuid(): string {
  return '3f1c9a4e-0000-4000-8000-000000000001';
}

describe('sendboard import ehc-cases', { timeout: 120_000 }, () => {
  it('exits 1 on row errors', async () => {
    const files = tempFiles();
    try {
      const bad = files.write(
        'bad.csv',
        'Case reference,Request date,Issue date,Exception\nX1,2024-05-01,2024-04-01,N\n',
      );
      const run = promisify(execFile);
      const result = run(
        path.join(projectRoot, 'node_modules/.bin/tsx'),
        [
          path.join(projectRoot, 'src/cli.ts'),
          'import',
          'ehc-cases',
          bad,
          '--partnership',
          'x',
          '--label',
          'L',
          '--yes',
        ],
        {
          env: { ...process.env, DATA_DIR: files.dir, DATABASE_URL: '', NODE_ENV: 'test' },
          cwd: projectRoot,
        },
      );
      result.child.stdin?.end();
      await expect(result).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('before the request was received'),
      });
    } finally {
      files.remove();
    }
  });
});
