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

type Upload = { filename: string; bytes: Uint8Array };

/** 20 more schools like 100001, so that the funnel has enough units to judge the spread. */
const ORDINARY = Array.from({ length: 20 }, (_, i) => String(100005 + i));

/**
 * Pupil-level CSV: schools 100001, 100002 and 20 more with 10 of 200 pupils with MLD, 100003 with
 * 60 of 200 (far above the rest), 100004 with 5 pupils (not in the geography, below the minimum).
 */
function pupilCsv(extraRows: string[] = []): string {
  const lines = ['UPN,Forename,Surname,DOB,URN,SENprovision,PrimarySENneed'];
  let n = 0;
  const pupil = (urn: string, provision: string, need: string) =>
    lines.push(
      `A${String(++n).padStart(12, '0')},Pupil${n},Surname${n},2015-03-0${(n % 9) + 1},${urn},${provision},${need}`,
    );
  const schools: [string, number][] = [
    ['100001', 10],
    ['100002', 10],
    ['100003', 60],
    ...ORDINARY.map((urn): [string, number] => [urn, 10]),
  ];
  for (const [urn, mld] of schools) {
    for (let i = 0; i < 200; i++) {
      if (i < mld) pupil(urn, i % 4 === 0 ? 'E' : 'K', 'MLD');
      else if (i < mld + 6) pupil(urn, 'E', 'ASD');
      else if (i < mld + 10) pupil(urn, 'K', i % 2 ? 'NSA' : '');
      else pupil(urn, 'N', '');
    }
  }
  for (let i = 0; i < 5; i++) pupil('100004', i === 0 ? 'K' : 'N', i === 0 ? 'SLCN' : '');
  lines.push(...extraRows);
  return lines.join('\r\n') + '\r\n';
}

async function schoolLevelXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Census');
  sheet.addRow(['Spring census, school-level counts']);
  sheet.addRow(['URN', 'Total pupils', 'EHC plan', 'SEN support', 'E ASD', 'K MLD', 'K SLCN']);
  sheet.addRow([100001, 300, 10, 40, 6, 20, 10]);
  sheet.addRow([100002, 250, 5, 30, 5, 25, 0]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe.each(databaseKinds)('school census SEN import on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let base = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    base = `/p/${seed.a.slug}/performance/census`;
    // Geography of A: locality North → districts Ashford (100001, 100002) and Brook (100003).
    const [north] = await t.db.query<{ id: string }>(
      `INSERT INTO geography_units (partnership_id, kind, code, name) VALUES ($1, 'locality', 'N', 'North') RETURNING id`,
      [seed.a.id],
    );
    const districts = await t.db.query<{ id: string; code: string }>(
      `INSERT INTO geography_units (partnership_id, kind, code, name, parent_id)
       VALUES ($1, 'district', 'A', 'Ashford', $2), ($1, 'district', 'B', 'Brook', $2) RETURNING id, code`,
      [seed.a.id, north!.id],
    );
    const ashford = districts.find((d) => d.code === 'A')!.id;
    const brook = districts.find((d) => d.code === 'B')!.id;
    await t.db.query(
      `INSERT INTO geography_units (partnership_id, kind, code, name, parent_id, phase) VALUES
       ($1, 'school', '100001', 'Ashford Primary', $2, 'primary'),
       ($1, 'school', '100002', 'Ashford Juniors', $2, 'primary'),
       ($1, 'school', '100003', '=HYPERLINK("http://evil.example")', $3, 'secondary')`,
      [seed.a.id, ashford, brook],
    );
    for (const urn of ORDINARY)
      await t.db.query(
        `INSERT INTO geography_units (partnership_id, kind, code, name, parent_id) VALUES ($1, 'school', $2, $3, $4)`,
        [seed.a.id, urn, `School ${urn}`, ashford],
      );
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  /** Opens the list, then posts its upload form as the agent's browser would. */
  async function upload(
    agent: Agent,
    file: Upload | undefined,
    fields: Record<string, string> = {},
    options: { csrf?: string | false; url?: string } = {},
  ) {
    const url = options.url ?? base;
    await agent.get(url);
    return agent.postMultipart(
      url,
      {
        label: 'Spring 2025',
        'censusDate-day': '16',
        'censusDate-month': '1',
        'censusDate-year': '2025',
        ...fields,
      },
      file && { field: 'censusFile', ...file },
      options.csrf === undefined ? {} : { csrf: options.csrf },
    );
  }

  const counts = async () =>
    (
      await t.db.query<{ censuses: number; pending: number; schools: number }>(
        `SELECT (SELECT count(*)::int FROM censuses WHERE partnership_id = $1) AS censuses,
                (SELECT count(*)::int FROM pending_imports WHERE partnership_id = $1) AS pending,
                (SELECT count(*)::int FROM census_school_counts WHERE partnership_id = $1) AS schools`,
        [seed.a.id],
      )
    )[0]!;

  let censusId = '';

  it('imports a pupil-level CSV: preview, then save; no pupil is stored', async () => {
    const response = await upload(admin, {
      filename: 'spring.csv',
      bytes: Buffer.from(pupilCsv()),
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    const previewUrl = response.headers.location!;
    expect(previewUrl).toMatch(new RegExp(`^${base}/preview/[0-9a-f-]{36}$`));
    expect(await counts()).toEqual({ censuses: 0, pending: 1, schools: 0 });

    // The pending payload is per-school counts only.
    const [pending] = await t.db.query<{ payload: unknown }>(
      'SELECT payload FROM pending_imports WHERE partnership_id = $1',
      [seed.a.id],
    );
    const stored = JSON.stringify(pending!.payload);
    expect(stored).not.toContain('A000000000001');
    expect(stored).not.toContain('Pupil1');

    const preview = await admin.get(previewUrl);
    expect(preview.statusCode).toBe(200);
    const text = decode(preview.body);
    expect(text).toContain('Check the census before you save it');
    expect(text).toContain('spring.csv');
    expect(text).toMatch(/Schools\s*<\/dt>\s*<dd[^>]*>\s*24\s*</);
    expect(text).toMatch(/Pupils\s*<\/dt>\s*<dd[^>]*>\s*4,605\s*</);
    expect(text).toContain('No pupil, UPN, name or date of birth is stored');
    expect(text).toContain('1 school is not in the partnership’s list of schools');
    expect(text).toContain('100004');
    expect(text).not.toContain('Saving replaces');

    const saved = await admin.post(previewUrl);
    expect(saved.statusCode).toBe(303);
    censusId = saved.headers.location!.split('/').pop()!;
    expect(await counts()).toEqual({ censuses: 1, pending: 0, schools: 24 });
    const rows = await t.db.query<{
      school_urn: string;
      total_pupils: number;
      sen_e: number;
      sen_k: number;
      needs: Record<string, { E: number; K: number }>;
    }>(
      'SELECT school_urn, total_pupils, sen_e, sen_k, needs FROM census_school_counts WHERE census_id = $1 ORDER BY school_urn',
      [censusId],
    );
    expect(rows[2]).toMatchObject({
      school_urn: '100003',
      total_pupils: 200,
      sen_e: 21,
      sen_k: 49,
    });
    expect(rows[2]!.needs.MLD).toEqual({ E: 15, K: 45 });
    expect(JSON.stringify(rows)).not.toContain('A0000');

    const audit = await t.db.query<{ action: string; entity_type: string }>(
      `SELECT action, entity_type FROM audit_log WHERE partnership_id = $1 AND entity_type = 'census'`,
      [seed.a.id],
    );
    expect(audit).toEqual([{ action: 'import', entity_type: 'census' }]);
    const imports = await t.db.query<{ kind: string; rows_read: number }>(
      'SELECT kind, rows_read FROM data_imports WHERE partnership_id = $1',
      [seed.a.id],
    );
    expect(imports).toEqual([{ kind: 'census', rows_read: 4605 }]);

    const page = await admin.get(saved.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(decode(page.body)).toContain('Census ‘Spring 2025’ saved.');

    // Saving the same preview again saves nothing twice.
    const again = await admin.post(previewUrl);
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('Nothing was saved twice');
    expect(await counts()).toEqual({ censuses: 1, pending: 0, schools: 24 });

    const list = await admin.get(base);
    expect(list.body).toContain('Spring 2025');
    expect(list.body).toContain('Pupil-level rows');
  });

  it('shows row-level errors and saves nothing', async () => {
    const before = await counts();
    const response = await upload(
      admin,
      {
        filename: 'bad.csv',
        bytes: Buffer.from(
          pupilCsv([
            'X1,A,B,2015-01-01,100001,X,',
            'X2,A,B,2015-01-01,100001,N,MLD',
            'X3,A,B,2015-01-01,100001,E,NSA',
            'X4,A,B,2015-01-01,12,K,ASD',
            'X5,A,B,2015-01-01,100001,K,Unicorns',
          ]),
        ),
      },
      {
        label: 'Bad census',
        'censusDate-day': '2',
        'censusDate-month': '10',
        'censusDate-year': '2025',
      },
    );
    expect(response.statusCode).toBe(400);
    const text = decode(response.body);
    expect(text).toContain('<title>Error:');
    expect(text).toContain('bad.csv cannot be imported yet');
    expect(text).toContain('5 problems were found');
    expect(text).toContain('‘X’ is not an SEN provision.');
    expect(text).toContain(
      'recorded as N (no special educational need) but has a primary type of need',
    );
    expect(text).toContain('NSA (SEN support but no specialist assessment) cannot be recorded');
    expect(text).toContain('the school’s 6-digit unique reference number');
    expect(text).toContain('‘Unicorns’ is not a DfE type of need.');
    // The typed values come back.
    expect(text).toContain('value="Bad census"');
    expect(await counts()).toEqual(before);
  });

  it('asks for a label, date and file', async () => {
    const response = await upload(admin, undefined, {
      label: '',
      'censusDate-day': '31',
      'censusDate-month': '2',
      'censusDate-year': '',
    });
    expect(response.statusCode).toBe(400);
    const text = decode(response.body);
    expect(text).toContain('Enter a label for the census');
    expect(text).toContain('Census date must include a year');
    expect(text).toContain('Select a census file (CSV or Excel)');
  });

  it('re-importing the same census date replaces it (school-level XLSX)', async () => {
    const response = await upload(
      admin,
      { filename: 'spring.xlsx', bytes: await schoolLevelXlsx() },
      { label: 'Spring 2025 (corrected)' },
    );
    expect(response.statusCode, decode(response.body).slice(0, 3000)).toBe(303);
    const preview = await admin.get(response.headers.location!);
    const text = decode(preview.body);
    expect(text).toContain('Saving replaces the census already saved for 16 January 2025');
    expect(text).toContain('School-level counts');
    expect(text).toContain('Replace and save census');
    const saved = await admin.post(response.headers.location!);
    expect(saved.statusCode).toBe(303);
    const newId = saved.headers.location!.split('/').pop()!;
    expect(newId).not.toBe(censusId);
    const censuses = await t.db.query<{ label: string; source: string }>(
      'SELECT label, source FROM censuses WHERE partnership_id = $1',
      [seed.a.id],
    );
    expect(censuses).toEqual([{ label: 'Spring 2025 (corrected)', source: 'school-level' }]);
    const [school] = await t.db.query<{ sen_k: number; not_recorded: { E: number; K: number } }>(
      `SELECT sen_k, not_recorded FROM census_school_counts WHERE census_id = $1 AND school_urn = '100001'`,
      [newId],
    );
    expect(school).toEqual({ sen_k: 40, not_recorded: { E: 4, K: 10 } });
    const audit = await t.db.query<{ action: string; before: { id: string } | null }>(
      `SELECT action, before FROM audit_log WHERE partnership_id = $1 AND entity_type = 'census' ORDER BY id`,
      [seed.a.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['import', 'replace']);
    expect(audit[1]!.before!.id).toBe(censusId);
    // The old census page is gone.
    expect((await admin.get(`${base}/${censusId}`)).statusCode).toBe(404);
    censusId = newId;

    // Put the pupil-level census back for the rates and funnel tests.
    const again = await upload(admin, { filename: 'spring.csv', bytes: Buffer.from(pupilCsv()) });
    const done = await admin.post(again.headers.location!);
    censusId = done.headers.location!.split('/').pop()!;
  });

  it('cancels a pending import (of a file larger than the 1 MB form limit)', async () => {
    const big = Array.from(
      { length: 40_000 },
      (_, i) => `A${String(i).padStart(12, '0')},Someone,Surname,2015-01-01,100001,N,`,
    );
    const response = await upload(
      admin,
      { filename: 'autumn.csv', bytes: Buffer.from(pupilCsv(big)) },
      { label: 'Autumn 2025', 'censusDate-day': '2', 'censusDate-month': '10' },
    );
    expect(response.statusCode).toBe(303);
    const cancel = await admin.post(`${response.headers.location!}/cancel`);
    expect(cancel.statusCode).toBe(303);
    expect((await counts()).pending).toBe(0);
    expect((await admin.get(response.headers.location!)).statusCode).toBe(404);
  });

  it('shows identification rates by district, locality and school, with England if given', async () => {
    const page = await admin.get(`${base}/${censusId}?need=MLD&provision=EK&denominator=all`);
    expect(page.statusCode).toBe(200);
    const text = decode(page.body);
    expect(text).toContain('Spring 2025: identification rates');
    // Ashford: 220 of 4,400 = 5.0%; Brook: 60 of 200 = 30.0%; partnership: 280 of 4,605 = 6.1%.
    expect(text).toMatch(
      /Ashford<\/th>\s*<td[^>]*>220<\/td>\s*<td[^>]*>4,400<\/td>\s*<td[^>]*>5\.0%/,
    );
    expect(text).toMatch(/Brook<\/th>\s*<td[^>]*>60<\/td>\s*<td[^>]*>200<\/td>\s*<td[^>]*>30\.0%/);
    expect(text).toContain('<strong>6.1%</strong> (280 of 4,605)');
    expect(text).toContain('Unassigned');
    expect(text).not.toContain('Compared with England');

    const withEngland = decode((await admin.get(`${base}/${censusId}?need=MLD&england=3.5`)).body);
    expect(withEngland).toContain('Compared with England (3.5%)');
    expect(withEngland).toContain('+2.6 points from England');

    const bad = await admin.get(`${base}/${censusId}?need=MLD&england=lots`);
    expect(bad.statusCode).toBe(400);
    expect(decode(bad.body)).toContain('England rate must be a percentage from 0 to 100');

    const ehcOfSen = decode(
      (await admin.get(`${base}/${censusId}?need=ASD&provision=E&denominator=sen`)).body,
    );
    expect(ehcOfSen).toContain('whose primary need is ASD');
  });

  it('draws the funnel plot, lists excluded units and downloads flagged schools as safe CSV', async () => {
    const url = `${base}/${censusId}/funnel?need=MLD&provision=EK&denominator=all&level=school&minPupils=10`;
    const page = await admin.get(url);
    expect(page.statusCode, page.body.slice(0, 3000)).toBe(200);
    const text = decode(page.body);
    expect(text).toContain('<svg');
    expect(text).toContain('role="img"');
    expect(text).toContain('Every school on the plot, flagged first');
    expect(text).toContain('Fewer than 10 pupils');
    expect(text).toMatch(/φ = \d/);
    expect(text).toContain('<strong class="govuk-tag govuk-tag--red">High (0.001)</strong>');
    expect(text).toContain('exact binomial limits');
    // The flagged school is listed first.
    const tableStart = text.indexOf('id="funnel-table"');
    expect(text.indexOf('HYPERLINK', tableStart)).toBeLessThan(
      text.indexOf('Ashford Primary', tableStart),
    );
    expect(text).toContain(`${base}/${censusId}/funnel.csv?need=MLD`);

    const csv = await admin.get(`${base}/${censusId}/funnel.csv?need=MLD&level=school`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(
      'funnel-2025-01-16-mld-school-flagged.csv',
    );
    expect(csv.body).toContain('ID,Name,Numerator,Denominator');
    expect(csv.body).toContain(`100003,"'=HYPERLINK(""http://evil.example"")",60,200`);
    expect(csv.body).not.toContain('Ashford Primary');

    const districts = await admin.get(`${base}/${censusId}/funnel?need=MLD&level=district`);
    expect(districts.statusCode).toBe(200);
    expect(decode(districts.body)).toContain('Every district on the plot');

    const badMin = await admin.get(`${base}/${censusId}/funnel?minPupils=none`);
    expect(badMin.statusCode).toBe(400);
  });

  it('serves the school-level template', async () => {
    const response = await admin.get(`${base}/template.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('URN,Total pupils,EHC plan,SEN support,E SPLD');
    expect(response.body).not.toContain('E NSA');
  });

  it('lets members read, but only admins import; CSRF is checked', async () => {
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    const list = await viewer.get(base);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Upload and check');
    expect(list.body).not.toContain('What the file must contain');
    expect(list.body).toMatch(
      /Only partnership admins can import a census\. If a file needs importing, ask\s+the partnership’s admin, Alex Admin\./,
    );
    expect((await viewer.get(`${base}/${censusId}`)).statusCode).toBe(200);
    expect((await viewer.get(`${base}/${censusId}/funnel`)).statusCode).toBe(200);
    const refused = await upload(viewer, { filename: 'x.csv', bytes: Buffer.from(pupilCsv()) });
    expect(refused.statusCode).toBe(403);

    const staged = await upload(
      admin,
      { filename: 'summer.csv', bytes: Buffer.from(pupilCsv()) },
      { label: 'Summer 2025', 'censusDate-day': '15', 'censusDate-month': '5' },
    );
    expect(staged.statusCode).toBe(303);
    const previewUrl = staged.headers.location!;
    expect((await viewer.get(previewUrl)).statusCode).toBe(403);
    expect((await viewer.post(previewUrl)).statusCode).toBe(403);
    expect((await admin.post(previewUrl, {}, { csrf: false })).statusCode).toBe(403);
    expect(
      (
        await upload(
          admin,
          { filename: 'x.csv', bytes: Buffer.from(pupilCsv()) },
          {},
          { csrf: false },
        )
      ).statusCode,
    ).toBe(403);
    expect((await counts()).censuses).toBe(1);
    await admin.post(`${previewUrl}/cancel`);
  });

  it('answers 404 to another partnership’s admin', async () => {
    const staged = await upload(
      admin,
      { filename: 'summer.csv', bytes: Buffer.from(pupilCsv()) },
      { label: 'Summer 2025', 'censusDate-day': '15', 'censusDate-month': '5' },
    );
    const previewUrl = staged.headers.location!;
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    expect((await other.get(base)).statusCode).toBe(404);
    expect((await other.get(`${base}/${censusId}`)).statusCode).toBe(404);
    expect((await other.get(`${base}/${censusId}/funnel`)).statusCode).toBe(404);
    expect((await other.get(`${base}/${censusId}/funnel.csv`)).statusCode).toBe(404);
    expect((await other.get(previewUrl)).statusCode).toBe(404);
    await other.get(`/p/${seed.b.slug}/performance/census`);
    expect((await other.post(previewUrl)).statusCode).toBe(404);
    // Their own census path with A's ids finds nothing either.
    const ownBase = `/p/${seed.b.slug}/performance/census`;
    expect((await other.get(`${ownBase}/${censusId}`)).statusCode).toBe(404);
    expect((await other.post(`${ownBase}/preview/${previewUrl.split('/').pop()}`)).statusCode).toBe(
      404,
    );
    expect((await counts()).pending).toBe(1);
  });
});
