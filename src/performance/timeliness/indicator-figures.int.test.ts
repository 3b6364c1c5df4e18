import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import { appWithAdmin, saveCases, SEEDER } from '../../../test/helpers/saved-uploads.js';
import {
  PASSWORD,
  type seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { addStarterSet } from '../indicators/index.js';
import { checkImport, saveImport } from '../imports/index.js';
import type { DataImportKind } from '../imports/index.js';
import { todayInLondon } from '../../platform/web/today.js';
import { loadIndicatorFigures } from './indicator-figures-service.js';

const TODAY = todayInLondon();
const THIS_YEAR = Number(TODAY.slice(0, 4));

/** A YYYY-MM-DD date `days` before today. */
function daysAgo(days: number): string {
  const date = new Date(`${TODAY}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

// Day counts worked out by hand from the calendar. A plan belongs to the calendar year it was
// issued in; exceptions are left out of both counts.
//   2022: P01 140 days (within, on the limit), P02 212 days (late), P03 exception → 1 of 2 = 50%
//   2023: Q01 92 days (requested in 2022: counts in 2023), Q02 140 days (within), Q03 141 days
//         (late), Q04 exception → 2 of 3 = 66.666667%
//   2024: R01 323 days (late) → 0 of 1 = 0%
//   this year: S01 issued today, 10 days after its request: to date, not recorded
//   T01 open: in no year
const CASES_CSV = [
  'Case ref,Request date,Issue date,Exception',
  'P01,2022-01-10,2022-05-30,N',
  'P02,2022-02-01,2022-09-01,N',
  'P03,2022-03-01,2022-10-03,Y',
  'Q01,2022-11-01,2023-02-01,N',
  'Q02,2023-01-09,2023-05-29,N',
  'Q03,2023-01-09,2023-05-30,N',
  'Q04,2023-03-01,2023-04-01,Y',
  'R01,2024-02-01,2024-12-20,N',
  `S01,${daysAgo(10)},${TODAY},N`,
  'T01,2024-06-01,,N',
].join('\r\n');

const GEOGRAPHY_CSV = ['URN,School name,District,Locality', '100001,Hillside,Ashford,North'].join(
  '\r\n',
);

// Held before: 2021 (kept: not in the case set) and 2023, for the partnership and one school
// (both replaced, as a re-import of 2023 would replace them).
const VALUES_CSV = [
  'Indicator,Period,Area,Value,Numerator,Denominator',
  'ehcp-issued-within-20-weeks,2021,,55,,',
  'ehcp-issued-within-20-weeks,2023,,40,8,20',
  'ehcp-issued-within-20-weeks,2023,100001,30,,',
].join('\r\n');

describe.each(databaseKinds)('EHC timeliness figures for the indicator on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let base = '';
  let setId = '';
  let indicatorId = '';
  let url = '';

  const saveSet = (tenant: Tenant, label: string, csv: string) =>
    saveCases(t.db, tenant, { label, fileName: 'cases.csv', csv, today: TODAY });

  /** Imports a file through the values import's own check and save. */
  async function importFile(kind: DataImportKind, csv: string, fileName: string) {
    const checked = await checkImport(t.db, seed.tenantA, kind, {
      input: Buffer.from(csv),
      fileName,
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    await saveImport(t.db, SEEDER, seed.tenantA, {
      kind,
      fileName,
      rowsRead: checked.rowsRead,
      payload: checked.payload,
    });
  }

  const values = () =>
    t.db.query<{
      period_key: string;
      period_start: string;
      period_end: string;
      area: string | null;
      value: string | null;
      numerator: string | null;
      denominator: string | null;
      file_name: string;
    }>(
      `SELECT v.period_key, v.period_start::text AS period_start, v.period_end::text AS period_end,
              g.code AS area, v.value::text AS value, v.numerator::text AS numerator,
              v.denominator::text AS denominator, d.file_name
       FROM indicator_values v
       JOIN indicators i ON i.id = v.indicator_id
       LEFT JOIN geography_units g ON g.id = v.geography_unit_id
       JOIN data_imports d ON d.id = v.import_id
       WHERE v.partnership_id = $1 AND i.code = 'ehcp-issued-within-20-weeks'
       ORDER BY v.period_key, g.code NULLS FIRST`,
      [seed.a.id],
    );
  const auditEntries = () =>
    t.db.query<{
      entity_id: string;
      actor_name: string;
      partnership_id: string;
      before: { values: unknown[] } | null;
      after: { source: string; values: unknown[]; importId: string };
    }>(
      `SELECT entity_id, actor_name, partnership_id, before, after FROM audit_log
       WHERE action = 'record values from EHC cases' ORDER BY at`,
    );

  beforeAll(async () => {
    ({ t, seed, admin } = await appWithAdmin(kind));
    base = `/p/${seed.a.slug}/performance/ehc-timeliness`;
    setId = await saveSet(seed.tenantA, 'SEN2 cases 2025', CASES_CSV);
    url = `${base}/case-sets/${setId}/indicator`;
  });
  afterAll(async () => t?.close());

  it('without the indicator, points to the starter set instead and records nothing', async () => {
    const page = decode((await admin.get(base)).body);
    expect(page).not.toContain('Use these figures for the indicator');
    expect(page).toContain(
      'To record these figures year by year as the indicator ‘New EHC plans issued within 20 weeks, excluding exceptions’, first <a class="govuk-link" href="/p/northshire-send-partnership/performance/indicators">add the starter set on the indicators page</a>.',
    );

    const confirm = await admin.get(url);
    expect(confirm.statusCode).toBe(200);
    const text = decode(confirm.body);
    expect(text).toContain('does not have the indicator ‘New EHC plans issued within 20 weeks');
    expect(text).not.toContain('name="years"');

    const posted = await admin.post(url, { years: '2022,2023,2024' });
    expect(posted.statusCode).toBe(409);
    expect(decode(posted.body)).toContain('Nothing was recorded');
    expect(await auditEntries()).toEqual([]);
  });

  it('shows the button to admins once the indicator exists (the cached page is renewed)', async () => {
    await addStarterSet(t.db, { userId: seed.adminA.id, name: 'Alex Admin' }, seed.tenantA);
    indicatorId = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM indicators WHERE partnership_id = $1 AND code = 'ehcp-issued-within-20-weeks'`,
        [seed.a.id],
      )
    )[0]!.id;
    await importFile('geography', GEOGRAPHY_CSV, 'schools.csv');
    await importFile('indicator_values', VALUES_CSV, 'values.csv');

    const page = decode((await admin.get(base)).body);
    expect(page).toContain(`href="${url}"`);
    expect(page).toContain('Use these figures for the indicator');
    expect(page).not.toContain('add the starter set on the indicators page');
  });

  it('lists each year’s figures, the year to date, and what will be replaced', async () => {
    const confirm = await admin.get(url);
    expect(confirm.statusCode).toBe(200);
    const text = decode(confirm.body);
    const rows = [
      ...text.matchAll(
        /<tr class="govuk-table__row">\s*<th scope="row"[^>]*>([^<]+)<\/th>((?:\s*<td[^>]*>[^<]*<\/td>)+)/g,
      ),
    ].map((m) => [
      m[1]!.trim(),
      ...[...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]!.trim()),
    ]);
    expect(rows).toEqual([
      ['2022', '1', '2', '50.0%', 'Nothing held', 'Recorded'],
      ['2023', '2', '3', '66.7%', '40.0%, and 1 value by area', 'Recorded, replacing what is held'],
      ['2024', '0', '1', '0.0%', 'Nothing held', 'Recorded'],
      [`${THIS_YEAR} to date`, '1', '1', '100.0%', '–', 'Not recorded: the year is not over'],
    ]);
    expect(text).toContain(
      `${THIS_YEAR} is not over, so its figure to date is shown but not recorded`,
    );
    expect(text).toContain(
      'Recording replaces every value the indicator holds for 2023, including any by locality, district or school',
    );
    expect(text).toContain(`action="${url}"`);
    expect(text).toContain('name="_csrf"');
    expect(text).toContain('<input type="hidden" name="years" value="2022,2023,2024">');
    expect(text).toContain('Record values for 2022, 2023 and 2024');
  });

  it('lets only partnership admins see the button, the page or record', async () => {
    for (const role of ['lead', 'contributor', 'viewer', 'forum', 'adviser']) {
      const member = new Agent(t.app);
      await member.signIn(`${role}@northshire.example`, PASSWORD);
      const page = await member.get(base);
      expect(page.statusCode, role).toBe(200);
      expect(page.body, role).not.toContain('Use these figures for the indicator');
      expect(page.body, role).not.toContain('/indicator"');
      expect((await member.get(url)).statusCode, role).toBe(403);
      expect((await member.post(url, { years: '2022,2023,2024' })).statusCode, role).toBe(403);
    }
    expect(await auditEntries()).toEqual([]);
  });

  it('refuses a record without a valid CSRF token', async () => {
    await admin.get(url);
    expect((await admin.post(url, { years: '2022,2023,2024' }, { csrf: false })).statusCode).toBe(
      403,
    );
    expect(
      (await admin.post(url, { years: '2022,2023,2024' }, { csrf: 'forged' })).statusCode,
    ).toBe(403);
    expect(await auditEntries()).toEqual([]);
  });

  it('records nothing when the years to record are not those the page showed', async () => {
    await admin.get(url);
    const stale = await admin.post(url, { years: '2022,2023' });
    expect(stale.statusCode).toBe(409);
    expect(decode(stale.body)).toContain('Nothing was recorded');
    expect(await auditEntries()).toEqual([]);
    expect((await values()).map((v) => v.period_key)).toEqual(['2021', '2023', '2023']);
  });

  it('refuses another partnership’s case set', async () => {
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    const ownUrl = `/p/${seed.b.slug}/performance/ehc-timeliness/case-sets/${setId}/indicator`;
    await other.get(`/p/${seed.b.slug}/performance/ehc-timeliness`);
    const page = await other.get(ownUrl);
    expect(page.statusCode).toBe(404);
    expect(decode(page.body)).not.toContain('SEN2 cases 2025');
    expect(decode(page.body)).toContain('This case set is not saved');
    expect(decode(page.body)).toContain('Nothing was recorded.');
    expect((await other.post(ownUrl, { years: '2022,2023,2024' })).statusCode).toBe(404);
    expect((await other.get(url)).statusCode).toBe(404);
    expect((await other.post(url, { years: '2022,2023,2024' })).statusCode).toBe(404);
    expect(await auditEntries()).toEqual([]);
  });

  it('records the complete years, replacing those periods and keeping the others', async () => {
    const indicatorPage = `/p/${seed.a.slug}/performance/indicators/${indicatorId}`;
    // Both pages are cached for the partnership's data version before the change.
    expect(decode((await admin.get(indicatorPage)).body)).toContain('40.0%');
    // The dashboard shows each indicator's latest value and its period; only this one has values.
    const latestOnDashboard = async () =>
      /<strong>([^<]+)<\/strong><br><span class="govuk-body-s">(\d{4})<\/span>/
        .exec(decode((await admin.get(`/p/${seed.a.slug}/performance`)).body))
        ?.slice(1);
    expect(await latestOnDashboard()).toEqual(['40.0%', '2023']);

    await admin.get(url);
    const recorded = await admin.post(url, { years: '2022,2023,2024' });
    expect(recorded.statusCode).toBe(303);
    expect(recorded.headers.location).toBe(indicatorPage);

    const source = 'EHC case set ‘SEN2 cases 2025’';
    expect(await values()).toEqual([
      {
        period_key: '2021',
        period_start: '2021-01-01',
        period_end: '2021-12-31',
        area: null,
        value: '55',
        numerator: null,
        denominator: null,
        file_name: 'values.csv',
      },
      {
        period_key: '2022',
        period_start: '2022-01-01',
        period_end: '2022-12-31',
        area: null,
        value: '50',
        numerator: '1',
        denominator: '2',
        file_name: source,
      },
      {
        period_key: '2023',
        period_start: '2023-01-01',
        period_end: '2023-12-31',
        area: null,
        value: '66.666667',
        numerator: '2',
        denominator: '3',
        file_name: source,
      },
      {
        period_key: '2024',
        period_start: '2024-01-01',
        period_end: '2024-12-31',
        area: null,
        value: '0',
        numerator: '0',
        denominator: '1',
        file_name: source,
      },
    ]);

    const entries = await auditEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity_id: indicatorId,
      actor_name: 'Alex Admin',
      partnership_id: seed.a.id,
      before: {
        values: [
          {
            period: '2023',
            partnership: { value: 40, numerator: 8, denominator: 20 },
            valuesByArea: 1,
          },
        ],
      },
      after: {
        source,
        values: [
          { period: '2022', value: 50, numerator: 1, denominator: 2 },
          { period: '2023', value: 66.666667, numerator: 2, denominator: 3 },
          { period: '2024', value: 0, numerator: 0, denominator: 1 },
        ],
      },
    });
    const imported = await t.db.query<{ kind: string; rows_read: number; created_by: string }>(
      'SELECT kind, rows_read, created_by FROM data_imports WHERE id = $1',
      [entries[0]!.after.importId],
    );
    expect(imported).toEqual([
      { kind: 'indicator_values', rows_read: 3, created_by: seed.adminA.id },
    ]);

    const page = decode((await admin.get(indicatorPage)).body);
    expect(page).toContain('govuk-notification-banner--success');
    expect(page).toContain(
      'Values for 2022, 2023 and 2024 recorded from the EHC case set ‘SEN2 cases 2025’. They replace the values held for 2023.',
    );
    expect(page).toContain('66.7%');
    // Without the banner the page comes from the cache again, for the new data version.
    const again = decode((await admin.get(indicatorPage)).body);
    expect(again).not.toContain('govuk-notification-banner--success');
    expect(again).toContain('66.7%');
    expect(again).not.toContain('40.0%');
    expect(await latestOnDashboard()).toEqual(['0.0%', '2024']);

    // Recording again replaces its own values: still one value a year.
    await admin.get(url);
    expect((await admin.post(url, { years: '2022,2023,2024' })).statusCode).toBe(303);
    expect((await values()).map((v) => v.period_key)).toEqual(['2021', '2022', '2023', '2024']);
    expect(await auditEntries()).toHaveLength(2);
  });
  it('counts a year as complete only if the case set was imported after it ended', async () => {
    const lastYear = THIS_YEAR - 1;
    const header = CASES_CSV.split('\r\n')[0];
    const csv = [
      header,
      `X01,${lastYear - 1}-01-05,${lastYear - 1}-03-01,N`,
      `X02,${lastYear}-01-05,${lastYear}-03-01,N`,
    ].join('\r\n');
    const id = await saveSet(seed.tenantA, 'Extract of last June', csv);
    await t.db.query('UPDATE ehc_case_sets SET created_at = $2 WHERE id = $1', [
      id,
      `${lastYear}-06-15T12:00:00Z`,
    ]);
    const page = await loadIndicatorFigures(t.db, seed.tenantA, id, { today: TODAY });
    const statusOf = (year: number) =>
      page!.figures.find((f) => f.period.key === String(year))?.status;
    expect(statusOf(lastYear - 1)).toBe('record');
    // The file was taken mid-year: that year's share is not the whole year's.
    expect(statusOf(lastYear)).toBe('year not over');
    expect(page!.toRecord.map((f) => f.period.key)).toEqual([String(lastYear - 1)]);
  });
});
