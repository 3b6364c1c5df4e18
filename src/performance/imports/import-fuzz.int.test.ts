// Import fuzzing at the service level: files that are wrong in the ways real ones are wrong give
// row-level errors, never a crash, and leave every table as it was. The readers are fuzzed on
// their own in fuzz.test.ts; this checks the rules and the all-or-nothing save above them.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../../test/helpers/databases.js';
import { seedTwoPartnerships } from '../../../test/helpers/test-app.js';
import type { Db } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { tempFiles, type TempFiles } from '../../../test/helpers/import-files.js';
import { importTableCounts, seedIndicators } from '../../../test/helpers/import-data.js';
import {
  checkImport,
  ImportStaleError,
  saveImport,
  type ImportCheckResult,
  type ImportChecked,
} from './import-service.js';
import type { DataImportKind } from './import-specs.js';

const ACTOR = { userId: null, name: 'Test' };
const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

describe.each(databaseKinds)('import service fuzzing on %s', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let tenant: Tenant;
  let files: TempFiles;

  beforeAll(async () => {
    ({ db, dispose } = await freshDatabase(kind));
    const seed = await seedTwoPartnerships(db);
    tenant = seed.tenantA;
    await seedIndicators(db, seed.a.id);
    files = tempFiles();
    const geography = await checkImport(db, tenant, 'geography', {
      input: files.write(
        'schools.csv',
        csv([
          ['URN', 'School name', 'Phase', 'District', 'Locality'],
          ...Array.from({ length: 500 }, (_, i) => [
            100000 + i,
            `School ${i}`,
            i % 5 === 0 ? 'Secondary' : 'Primary',
            `District ${i % 20}`,
            `Locality ${i % 4}`,
          ]),
        ]),
      ),
      fileName: 'schools.csv',
    });
    expect(geography.ok).toBe(true);
    await saveImport(db, ACTOR, tenant, geography as ImportChecked);
  });
  afterAll(async () => {
    files?.remove();
    await dispose?.();
  });

  /** Checks a file that must be refused: errors with rows and columns, nothing written. */
  async function refused(
    importKind: DataImportKind,
    file: string,
    fileName: string,
    sheet?: string,
  ) {
    const before = await importTableCounts(db);
    const result = await checkImport(db, tenant, importKind, { input: file, fileName, sheet });
    expect(result.ok, JSON.stringify(result).slice(0, 500)).toBe(false);
    if (result.ok) throw new Error('accepted');
    expect(result.errorCount).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(typeof e.row).toBe('number');
      expect(typeof e.column).toBe('string');
      expect(e.message.length).toBeGreaterThan(5);
    }
    expect(await importTableCounts(db)).toEqual(before);
    return result;
  }

  async function accepted(importKind: DataImportKind, file: string, fileName: string) {
    const result: ImportCheckResult = await checkImport(db, tenant, importKind, {
      input: file,
      fileName,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    return result;
  }

  it('refuses wrong columns, naming the closest header', async () => {
    const result = await refused(
      'indicator_values',
      files.write(
        'wrong.csv',
        csv([
          ['Indikator', 'Periode', 'Wert'],
          ['autism-wait', '2024-01', '5'],
        ]),
      ),
      'wrong.csv',
    );
    expect(result.errors.map((e) => e.column)).toEqual(['indicator', 'period']);
    expect(result.errors[0]!.message).toContain('Did you mean ‘Indikator’');
  });

  it('refuses wrong types, cell by cell', async () => {
    const result = await refused(
      'indicator_values',
      files.write(
        'types.csv',
        csv([
          ['indicator', 'period', 'value', 'numerator', 'denominator'],
          ['autism-wait', 'TRUE', '5', '', ''],
          ['autism-wait', '2024-02', '12 weeks', '', ''],
          ['sen-support', '2023-24', '', '-4', '100'],
          ['tribunals', '2024 Q1', '', '', ''],
          ['sen-support', '2023-24', '', '120', '100'],
          ['sen-support', '2024-25', '', '5', '0'],
        ]),
      ),
      'types.csv',
    );
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'period'],
      [3, 'value'],
      [4, 'numerator'],
      [5, 'value'],
      [6, 'numerator'],
      [7, 'value'],
    ]);
  });

  it('reads periods written in mixed ways, and refuses impossible ones', async () => {
    const book = await files.xlsx('months.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Data');
      sheet.addRow(['indicator', 'period', 'value']);
      sheet.addRow(['autism-wait', 'Mar 2024', 1]);
      sheet.addRow(['autism-wait', '2024-04', 2]);
      sheet.addRow(['autism-wait', '05/2024', 3]);
      sheet.addRow(['autism-wait', '15/06/2024', 4]);
      sheet.addRow(['autism-wait', new Date(Date.UTC(2024, 6, 1)), 5]);
      sheet.addRow(['autism-wait', 'August 2024', 6]);
      sheet.addRow(['sen-support', 202324, 7]);
      sheet.addRow(['suspensions', 'Autumn term 2024', 8]);
    });
    const ok = await accepted('indicator_values', book, 'months.xlsx');
    expect(ok.payload).toMatchObject({
      periods: [
        ['2024-03', '2024-03-01', '2024-03-31'],
        ['2024-04', '2024-04-01', '2024-04-30'],
        ['2024-05', '2024-05-01', '2024-05-31'],
        ['2024-06', '2024-06-01', '2024-06-30'],
        ['2024-07', '2024-07-01', '2024-07-31'],
        ['2024-08', '2024-08-01', '2024-08-31'],
        ['2023-24', '2023-09-01', '2024-08-31'],
        ['2024-25-autumn', '2024-09-01', '2024-12-31'],
      ],
    });
    const result = await refused(
      'indicator_values',
      files.write(
        'dates.csv',
        csv([
          ['indicator', 'period', 'value'],
          ['autism-wait', '31/02/2024', '1'],
          ['autism-wait', '2024-13', '1'],
          ['ehcp-issued-within-20-weeks', '01/01/2024', '1'],
          ['sen-support', '2024-26', '1'],
          ['suspensions', '2024', '1'],
        ]),
      ),
      'dates.csv',
    );
    expect(result.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
    expect(result.errors[2]!.message).toContain('is a date, but this indicator is annual');
  });

  it('reads a file with a byte-order mark and one in Windows-1252', async () => {
    const bom = await accepted(
      'benchmarks',
      files.write(
        'bom.csv',
        '\uFEFF' +
          csv([
            ['Indicator', 'Period', 'Series', 'Value'],
            ['sen-support', '2023-24', 'England', '13.0'],
          ]),
      ),
      'bom.csv',
    );
    expect(bom.rowsRead).toBe(1);
    const latin = await accepted(
      'geography',
      files.write(
        'latin.csv',
        iconv.encode(
          csv([
            ['URN', 'School name', 'Phase', 'District', 'Locality'],
            [200001, 'École Saint-Michel – Café Lane', 'Primary', 'Bishop’s Stortford', 'North'],
          ]),
          'windows-1252',
        ),
      ),
      'latin.csv',
    );
    expect(latin.payload).toMatchObject({
      schools: [{ code: '200001', name: 'École Saint-Michel – Café Lane' }],
      districts: [{ code: 'bishop-s-stortford', name: 'Bishop’s Stortford' }],
    });
  });

  it('uses saved formula results, refuses formulas without one and formulas typed into CSV', async () => {
    const book = await files.xlsx('formulas.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Data');
      sheet.addRow(['indicator', 'period', 'value', 'numerator', 'denominator']);
      sheet.addRow(['sen-support', '2022-23', { formula: 'D2/E2*100', result: 12.5 }, 25, 200]);
      sheet.addRow(['sen-support', '2021-22', { formula: 'D3/E3*100' }, 25, 200]);
    });
    const result = await refused('indicator_values', book, 'formulas.xlsx');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 3, column: 'value' });
    expect(result.errors[0]!.message).toContain('no saved result');
    const typed = await refused(
      'indicator_values',
      files.write(
        'typed.csv',
        csv([
          ['indicator', 'period', 'value'],
          ['sen-support', '2022-23', '=SUM(A1:A4)'],
        ]),
      ),
      'typed.csv',
    );
    expect(typed.errors[0]!.message).toContain('formula');
  });

  it('reports the empty cells that merged cells leave', async () => {
    const book = await files.xlsx('merged.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Data');
      sheet.addRow(['indicator', 'period', 'value']);
      sheet.addRow(['autism-wait', '2023-01', 4]);
      sheet.addRow(['autism-wait', '2023-02', 5]);
      sheet.addRow(['autism-wait', '2023-03', 6]);
      sheet.mergeCells('A2:A4');
    });
    const result = await refused('indicator_values', book, 'merged.xlsx');
    expect(result.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(result.errors[0]!.message).toContain('merged');
  });

  it('refuses a file that is not a spreadsheet, or a sheet that is not there', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    await refused('indicator_values', files.write('garbage.csv', garbage), 'garbage.csv');
    await refused('geography', files.write('empty.csv', ''), 'empty.csv');
    await refused(
      'geography',
      files.write('header-only.csv', 'URN,School name,District,Locality\r\n'),
      'header-only.csv',
    );
    const book = await files.xlsx('sheets.xlsx', (workbook) => {
      workbook.addWorksheet('Data').addRow(['indicator', 'period', 'value']);
    });
    const result = await refused('indicator_values', book, 'sheets.xlsx', 'Nope');
    expect(result.errors[0]!.message).toContain('Nope');
  });

  it('saves nothing when a save fails part way', async () => {
    const checked = await accepted(
      'indicator_values',
      files.write(
        'partial.csv',
        csv([
          ['indicator', 'period', 'area', 'value'],
          ['tribunals', '2020 Q1', '', '1'],
          ['tribunals', '2020 Q1', '100001', '2'],
        ]),
      ),
      'partial.csv',
    );
    const before = await importTableCounts(db);
    // A value the database refuses, after the import was recorded and the old values deleted.
    const broken = structuredClone(checked) as ImportChecked<'indicator_values'>;
    broken.payload.rows[1]![3] = 'not a number' as unknown as number;
    await expect(saveImport(db, ACTOR, tenant, broken)).rejects.toThrow();
    expect(await importTableCounts(db)).toEqual(before);
    // An area removed between the check and the save.
    const stale = structuredClone(checked) as ImportChecked<'indicator_values'>;
    stale.payload.units = ['00000000-0000-4000-8000-000000000000'];
    await expect(saveImport(db, ACTOR, tenant, stale)).rejects.toBeInstanceOf(ImportStaleError);
    expect(await importTableCounts(db)).toEqual(before);
  });

  it(
    'streams a file of 50,000 values and saves it in one transaction',
    { timeout: 600_000 },
    async () => {
      // 500 schools × 100 months (the reader's own tests stream a million rows), as numerators and denominators, written without holding them.
      const file = `${files.dir}/large.csv`;
      const out = createWriteStream(file);
      out.write('indicator,period,area,numerator,denominator\r\n');
      let lines: string[] = [];
      for (let month = 0; month < 100; month++) {
        const period = `${1990 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
        for (let school = 0; school < 500; school++) {
          lines.push(
            `autism-wait,${period},${100000 + school},${(school % 40) + month},${(school % 7) + 1}`,
          );
        }
        if (!out.write(lines.join('\r\n') + '\r\n')) await once(out, 'drain');
        lines = [];
      }
      out.end();
      await once(out, 'finish');
      const before = await importTableCounts(db);
      const checked = await accepted('indicator_values', file, 'large.csv');
      expect(checked.rowsRead).toBe(50_000);
      await saveImport(db, ACTOR, tenant, checked);
      const after = await importTableCounts(db);
      expect(after.indicator_values - before.indicator_values).toBe(50_000);
      expect(after.data_imports - before.data_imports).toBe(1);
      expect(after.audit_log - before.audit_log).toBe(1);
      const sample = await db.query<{ value: string }>(
        `SELECT v.value::text AS value FROM indicator_values v
       JOIN geography_units g ON g.id = v.geography_unit_id
       WHERE v.partnership_id = $1 AND v.period_key = '1990-01' AND g.code = '100001'`,
        [tenant.partnershipId],
      );
      expect(sample).toEqual([{ value: '0.5' }]);
    },
  );
});
