import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { importTableCounts, seedIndicators } from '../../../test/helpers/import-data.js';

type Sent = { filename: string; bytes: Uint8Array | string };

/** Opens the upload form, then posts it as the agent's browser would, with its CSRF token. */
async function upload(
  agent: Agent,
  url: string,
  fields: Record<string, string>,
  file?: Sent,
  options: { csrf?: false } = {},
) {
  await agent.get(url);
  return agent.postMultipart(url, fields, file && { field: 'file', ...file }, options);
}

/** The row-level problems (or the error page) of a refused upload, for a failing test's message. */
const problemsIn = (html: string) =>
  decode(
    (
      /<table class="govuk-table" id="row-errors">[\s\S]*?<\/table>/.exec(html)?.[0] ??
      /<main[\s\S]*?<\/main>/.exec(html)?.[0] ??
      html
    ).replace(/<[^>]+>|\s+/g, ' '),
  );

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

const GEOGRAPHY = csv([
  ['URN', 'Establishment name', 'Phase of education', 'District', 'Quadrant'],
  [100001, 'Hillside Primary School', 'Primary', 'Ashford', 'North East'],
  [100002, 'Ashford Academy', 'Secondary', 'Ashford', 'North East'],
  [100003, 'Riverside Special School', 'Special', 'Brookdale', 'South'],
  [100004, 'Brookdale Infants', 'Primary', 'Brookdale', 'South'],
]);

describe.each(databaseKinds)('performance imports on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let importsUrl: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    await seedIndicators(t.db, seed.a.id);
    await seedIndicators(t.db, seed.b.id);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    importsUrl = `/p/${seed.a.slug}/performance/imports`;
  });
  afterAll(async () => t?.close());

  /** Upload, follow to the preview, press Save: the preview page and the save response. */
  async function importFile(kindValue: string, file: Sent, fields: Record<string, string> = {}) {
    const uploaded = await upload(admin, importsUrl, { kind: kindValue, ...fields }, file);
    expect(uploaded.statusCode, problemsIn(uploaded.body)).toBe(303);
    const previewUrl = uploaded.headers.location!;
    const preview = await admin.get(previewUrl);
    expect(preview.statusCode).toBe(200);
    const id = new URL(previewUrl, 'http://x').searchParams.get('id')!;
    const saved = await admin.post(`${importsUrl}/preview`, {
      id,
      kind: kindValue,
      action: 'save',
    });
    return { preview, previewUrl, id, saved };
  }

  it('shows the start form, the columns of each kind and downloadable templates', async () => {
    const page = await admin.get(importsUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('What are you importing?');
    for (const slug of ['indicator-values', 'benchmarks', 'geography'])
      expect(page.body).toContain(`${importsUrl}/template/${slug}.csv`);
    expect(page.body).toContain('govuk-details');
    expect(page.body).toContain('Columns of an indicator values file');
    expect(page.body).toContain('Columns of a benchmarks file');
    const template = await admin.get(`${importsUrl}/template/indicator-values.csv`);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.headers['content-disposition']).toContain('attachment');
    expect(template.body.split('\r\n')[0]).toBe(
      'indicator,period,area,value,numerator,denominator',
    );
  });

  it('imports the geography, then the templates as they are downloaded', async () => {
    const { preview, saved } = await importFile('geography', {
      filename: 'schools.csv',
      bytes: GEOGRAPHY,
    });
    expect(preview.body).toContain('What saving changes');
    expect(preview.body).toContain('Hillside Primary School');
    expect(saved.statusCode).toBe(303);
    const after = await admin.get(saved.headers.location!);
    expect(after.body).toContain('imported from schools.csv: 4 rows');
    const units = await t.db.query<{ kind: string; code: string; parent: string | null }>(
      `SELECT u.kind, u.code, p.code AS parent FROM geography_units u
       LEFT JOIN geography_units p ON p.id = u.parent_id
       WHERE u.partnership_id = $1 ORDER BY u.kind, u.code`,
      [seed.a.id],
    );
    expect(units).toEqual([
      { kind: 'district', code: 'ashford', parent: 'north-east' },
      { kind: 'district', code: 'brookdale', parent: 'south' },
      { kind: 'locality', code: 'north-east', parent: null },
      { kind: 'locality', code: 'south', parent: null },
      { kind: 'school', code: '100001', parent: 'ashford' },
      { kind: 'school', code: '100002', parent: 'ashford' },
      { kind: 'school', code: '100003', parent: 'brookdale' },
      { kind: 'school', code: '100004', parent: 'brookdale' },
    ]);
    const geography = await admin.get(`/p/${seed.a.slug}/performance/geography`);
    expect(geography.statusCode).toBe(200);
    expect(geography.body).toContain('2 localities, 2 districts and 4 schools');
    expect(geography.body).toContain('Riverside Special School');
    expect(geography.body).toContain('100003');

    for (const slug of ['indicator-values', 'benchmarks']) {
      const template = await admin.get(`${importsUrl}/template/${slug}.csv`);
      const { saved: ok } = await importFile(
        slug === 'benchmarks' ? 'benchmarks' : 'indicator_values',
        { filename: `${slug}.csv`, bytes: template.body },
      );
      expect(ok.statusCode).toBe(303);
    }
    const values = await t.db.query<{ area: string | null; value: string }>(
      `SELECT g.code AS area, v.value::text AS value FROM indicator_values v
       LEFT JOIN geography_units g ON g.id = v.geography_unit_id
       WHERE v.partnership_id = $1 ORDER BY g.code NULLS FIRST`,
      [seed.a.id],
    );
    expect(values).toEqual([
      { area: null, value: '52.5' },
      { area: '100001', value: '60' },
      { area: 'north-east', value: '48' },
    ]);
    const history = await admin.get(importsUrl);
    expect(history.body).toContain('indicator-values.csv');
    expect(history.body).toContain('Alex Admin');
    const audit = await t.db.query<{ action: string; after: { file: string; rows: number } }>(
      `SELECT action, after FROM audit_log WHERE partnership_id = $1 AND entity_type = 'data_import' ORDER BY id`,
      [seed.a.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'import localities, districts and schools',
      'import indicator values',
      'import benchmarks',
    ]);
    expect(audit[1]!.after).toMatchObject({ file: 'indicator-values.csv', rows: 3 });
  });

  it('shows every row-level problem, and saves nothing', async () => {
    const before = await importTableCounts(t.db);
    const response = await upload(
      admin,
      importsUrl,
      { kind: 'indicator_values' },
      {
        filename: 'bad.csv',
        bytes: csv([
          ['Indicator', 'Period', 'Area', 'Value', 'Numerator', 'Denominator'],
          ['ehcp-issued-within-20-weks', '2023', '', '50', '', ''],
          ['autism-wait', '2024 Q1', '', '12', '', ''],
          ['ehcp-issued-within-20-weeks', '2023', 'Nowhere', '50', '', ''],
          ['ehcp-issued-within-20-weeks', '2023', '', '70', '50', '100'],
          ['ehcp-issued-within-20-weeks', '2022', 'Ashford', '50', '', ''],
          ['ehcp-issued-within-20-weeks', '2022', 'ashford', '51', '', ''],
          ['ehcp-issued-within-20-weeks', '2021', '', 'lots', '', ''],
        ]),
      },
    );
    expect(response.statusCode).toBe(400);
    const body = decode(response.body);
    expect(body).toContain('<title>Error:');
    expect(body).toContain('bad.csv cannot be imported yet');
    expect(body).toContain('Did you mean ‘ehcp-issued-within-20-weeks’');
    expect(body).toContain('is a quarter, but this indicator is monthly');
    expect(body).toContain('There is no locality, district or school ‘Nowhere’');
    expect(body).toContain('does not match the numerator and denominator');
    expect(body).toContain('Row 6 already gives ehcp-issued-within-20-weeks');
    expect(body).toContain('‘lots’ is not a number');
    expect(body).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">8<\/td>/);
    expect(await importTableCounts(t.db)).toEqual(before);
  });

  it('replaces every value of a re-imported indicator and period, and says so first', async () => {
    const first = await importFile('indicator_values', {
      filename: 'waits-1.csv',
      bytes: csv([
        ['indicator', 'period', 'area', 'value'],
        ['autism-wait', 'Jan 2024', '', '40'],
        ['autism-wait', 'Jan 2024', 'Ashford', '44'],
        ['autism-wait', 'Jan 2024', '100003', '38'],
        ['autism-wait', '2024-02', '', '41'],
      ]),
    });
    expect(first.saved.statusCode).toBe(303);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Waits');
    sheet.addRow(['Indicator', 'Period', 'Area', 'Value', 'Numerator', 'Denominator']);
    sheet.addRow([
      'Autism assessment wait',
      new Date(Date.UTC(2024, 0, 1)),
      'partnership',
      null,
      390,
      10,
    ]);
    const second = await importFile(
      'indicator_values',
      { filename: 'waits-2.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) },
      { sheet: 'waits' },
    );
    const preview = decode(second.preview.body);
    expect(preview).toContain('Saving replaces 3 values held now for 1 indicator and period');
    expect(preview).toContain('January 2024');
    expect(second.saved.statusCode).toBe(303);
    const rows = await t.db.query<{ period_key: string; value: string; area: string | null }>(
      `SELECT period_key, value::text AS value, geography_unit_id AS area FROM indicator_values v
       JOIN indicators i ON i.id = v.indicator_id
       WHERE v.partnership_id = $1 AND i.code = 'autism-wait' ORDER BY period_key`,
      [seed.a.id],
    );
    expect(rows).toEqual([
      { period_key: '2024-01', value: '39', area: null },
      { period_key: '2024-02', value: '41', area: null },
    ]);
    const audit = await t.db.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE partnership_id = $1 AND entity_type = 'data_import'
       ORDER BY id DESC LIMIT 1`,
      [seed.a.id],
    );
    expect(audit[0]!.after).toMatchObject({
      kind: 'indicator_values',
      file: 'waits-2.xlsx',
      rows: 1,
      setsReplaced: 1,
      valuesReplaced: 3,
      periodsReplaced: ['autism-wait 2024-01'],
    });
  });

  it('replaces a benchmark of the same indicator, series and period, with its aliases', async () => {
    const file = (value: string) =>
      csv([
        ['Indicator', 'Time period', 'Comparator', 'Value'],
        ['sen-support', '2023-24', 'England', '13.0%'],
        ['sen-support', '2023-24', 'Stat neighbours', value],
        ['sen-support', '2024-25', 'SN average', '12.1'],
      ]);
    expect(
      (await importFile('benchmarks', { filename: 'b1.csv', bytes: file('12') })).saved.statusCode,
    ).toBe(303);
    const again = await importFile('benchmarks', { filename: 'b2.csv', bytes: file('12.4') });
    expect(decode(again.preview.body)).toContain('Saving replaces 3 benchmark figures');
    const rows = await t.db.query<{ series: string; period_key: string; value: string }>(
      `SELECT series, period_key, value::text AS value FROM benchmark_values b
       JOIN indicators i ON i.id = b.indicator_id
       WHERE b.partnership_id = $1 AND i.code = 'sen-support' ORDER BY period_key, series`,
      [seed.a.id],
    );
    expect(rows).toEqual([
      { series: 'england', period_key: '2023-24', value: '13' },
      { series: 'statistical_neighbours', period_key: '2023-24', value: '12.4' },
      { series: 'statistical_neighbours', period_key: '2024-25', value: '12.1' },
    ]);
  });

  it('re-imports the geography, keeping units that values refer to', async () => {
    // Values refer to 100001 and north-east (the template); the others were replaced above.
    const { preview, saved } = await importFile('geography', {
      filename: 'schools-2025.csv',
      bytes: csv([
        ['URN', 'School', 'Phase', 'District', 'Locality'],
        [100002, 'Ashford Academy', 'All-through', 'Ashford', 'North'],
        [100005, 'New Free School', 'Primary', 'Cray', 'North'],
      ]),
    });
    const body = decode(preview.body);
    expect(body).toContain('Kept because values refer to them (2)');
    expect(body).toContain('Removed: no longer in the file (4)');
    expect(saved.statusCode).toBe(303);
    const units = await t.db.query<{
      kind: string;
      code: string;
      parent: string | null;
      phase: string | null;
    }>(
      `SELECT u.kind, u.code, p.code AS parent, u.phase FROM geography_units u
       LEFT JOIN geography_units p ON p.id = u.parent_id
       WHERE u.partnership_id = $1 ORDER BY u.kind, u.code`,
      [seed.a.id],
    );
    expect(units).toEqual([
      { kind: 'district', code: 'ashford', parent: 'north', phase: null },
      { kind: 'district', code: 'cray', parent: 'north', phase: null },
      { kind: 'locality', code: 'north', parent: null, phase: null },
      { kind: 'locality', code: 'north-east', parent: null, phase: null },
      { kind: 'school', code: '100001', parent: 'ashford', phase: 'Primary' },
      { kind: 'school', code: '100002', parent: 'ashford', phase: 'All-through' },
      { kind: 'school', code: '100005', parent: 'cray', phase: 'Primary' },
    ]);
  });

  it('reports a school given twice and a district in two localities', async () => {
    const before = await importTableCounts(t.db);
    const response = await upload(
      admin,
      importsUrl,
      { kind: 'geography' },
      {
        filename: 'twice.csv',
        bytes: csv([
          ['URN', 'School name', 'District', 'Locality'],
          [100001, 'Hillside', 'Ashford', 'North'],
          [100001, 'Hillside again', 'Ashford', 'North'],
          [100009, 'Elsewhere', 'Ashford', 'South'],
          ['12AB', 'Not a URN', 'Ashford', 'North'],
        ]),
      },
    );
    expect(response.statusCode).toBe(400);
    const body = decode(response.body);
    expect(body).toContain('The school with URN 100001 is also on row 2');
    expect(body).toContain(
      'The district ‘Ashford’ is in the locality ‘North’ on row 2 but in ‘South’ here',
    );
    expect(body).toContain('a URN of 6 digits');
    expect(await importTableCounts(t.db)).toEqual(before);
  });

  it('asks for a kind and a file', async () => {
    const response = await upload(admin, importsUrl, {});
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Select what you are importing');
    expect(response.body).toContain('Select a CSV or Excel file');
  });

  it('saves a preview once; a second save or a cancelled one saves nothing', async () => {
    const file = {
      filename: 'once.csv',
      bytes: csv([
        ['indicator', 'period', 'value'],
        ['tribunals', '2024 Q3', '7'],
      ]),
    };
    const { id, saved } = await importFile('indicator_values', file);
    expect(saved.statusCode).toBe(303);
    const before = await importTableCounts(t.db);
    const again = await admin.post(`${importsUrl}/preview`, {
      id,
      kind: 'indicator_values',
      action: 'save',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This import is not waiting to be saved');
    expect(await importTableCounts(t.db)).toEqual(before);

    const uploaded = await upload(admin, importsUrl, { kind: 'indicator_values' }, file);
    const pendingId = new URL(uploaded.headers.location!, 'http://x').searchParams.get('id')!;
    const cancelled = await admin.post(`${importsUrl}/preview`, {
      id: pendingId,
      kind: 'indicator_values',
      action: 'cancel',
    });
    expect(cancelled.statusCode).toBe(303);
    expect(await importTableCounts(t.db)).toEqual(before);
    expect((await admin.get(uploaded.headers.location!)).body).toContain('not waiting to be saved');
  });

  it('lets every member read, only admins import; refuses a missing CSRF token', async () => {
    const file = {
      filename: 'x.csv',
      bytes: csv([
        ['indicator', 'period', 'value'],
        ['tribunals', '2024 Q4', '7'],
      ]),
    };
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    const page = await viewer.get(importsUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    // Who can import, by name, rather than instructions they cannot follow.
    expect(page.body).toMatch(
      /Only partnership admins can import files\. If a file needs importing, ask\s+the partnership’s admin, Alex Admin\./,
    );
    expect(page.body).not.toContain('The columns each file needs');
    expect(page.body).not.toContain('/template/');
    expect((await viewer.get(`/p/${seed.a.slug}/performance/geography`)).statusCode).toBe(200);
    expect((await upload(viewer, importsUrl, { kind: 'indicator_values' }, file)).statusCode).toBe(
      403,
    );
    expect((await viewer.get(`${importsUrl}/preview`)).statusCode).toBe(403);
    expect(
      (await viewer.post(`${importsUrl}/preview`, { id: seed.a.id, action: 'save' })).statusCode,
    ).toBe(403);

    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    expect((await other.get(importsUrl)).statusCode).toBe(404);
    expect((await other.get(`/p/${seed.a.slug}/performance/geography`)).statusCode).toBe(404);
    expect((await upload(other, importsUrl, { kind: 'indicator_values' }, file)).statusCode).toBe(
      404,
    );

    const before = await importTableCounts(t.db);
    const noToken = await upload(admin, importsUrl, { kind: 'indicator_values' }, file, {
      csrf: false,
    });
    expect(noToken.statusCode).toBe(403);
    const uploaded = await upload(admin, importsUrl, { kind: 'indicator_values' }, file);
    const id = new URL(uploaded.headers.location!, 'http://x').searchParams.get('id')!;
    const noTokenSave = await admin.post(
      `${importsUrl}/preview`,
      { id, kind: 'indicator_values', action: 'save' },
      { csrf: false },
    );
    expect(noTokenSave.statusCode).toBe(403);
    expect((await importTableCounts(t.db)).indicator_values).toBe(before.indicator_values);
  });

  it('keeps each partnership’s pending imports to itself', async () => {
    const file = {
      filename: 'a.csv',
      bytes: csv([
        ['indicator', 'period', 'value'],
        ['tribunals', '2023 Q4', '3'],
      ]),
    };
    const uploaded = await upload(admin, importsUrl, { kind: 'indicator_values' }, file);
    const id = new URL(uploaded.headers.location!, 'http://x').searchParams.get('id')!;
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    const urlB = `/p/${seed.b.slug}/performance/imports`;
    expect((await other.get(`${urlB}/preview?kind=indicator_values&id=${id}`)).body).toContain(
      'not waiting to be saved',
    );
    expect(
      (await other.post(`${urlB}/preview`, { id, kind: 'indicator_values', action: 'save' }))
        .statusCode,
    ).toBe(409);
    const inB = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM indicator_values WHERE partnership_id = $1',
      [seed.b.id],
    );
    expect(inB[0]!.n).toBe(0);
  });
});
