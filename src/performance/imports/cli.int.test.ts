import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config/paths.js';
import { PgliteDb } from '../../platform/db/db.js';
import { importTableCounts, seedIndicators } from '../../../test/helpers/import-data.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'sendboard-import-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' };

function sendboard(args: string[]) {
  const child = run(
    path.join(projectRoot, 'node_modules/.bin/tsx'),
    [path.join(projectRoot, 'src/cli.ts'), ...args],
    { env, cwd: projectRoot },
  );
  child.child.stdin!.end();
  return child;
}

/** The embedded database, opened while no CLI command holds it. */
async function withDb<T>(fn: (db: PgliteDb) => Promise<T>): Promise<T> {
  const db = await PgliteDb.open(path.join(dataDir, 'pglite'));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const file = (name: string, content: string) => {
  const at = path.join(dataDir, name);
  writeFileSync(at, content);
  return at;
};

const SCHOOLS = [
  'URN,School name,Phase,District,Quadrant',
  '100001,Hillside Primary School,Primary,Ashford,North East',
  '100002,Ashford Academy,Secondary,Ashford,North East',
  '100003,Riverside Special School,Special,Brookdale,South',
].join('\n');

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each command is a fresh Node process opening the embedded database: allow for a busy machine.
describe('sendboard import', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    await sendboard([
      'user',
      'add',
      '--email',
      'admin@northshire.example',
      '--name',
      'Ada Admin',
      '--partnership-name',
      'Northshire',
      '--local-authority',
      'Northshire Council',
      '--la-code',
      '901',
    ]);
    await withDb(async (db) => {
      const [partnership] = await db.query<{ id: string }>(
        `SELECT id FROM partnerships WHERE slug = 'northshire'`,
      );
      await seedIndicators(db, partnership!.id);
    });
  }, 180_000);

  it('prints row-level errors, exits 1 and saves nothing', async () => {
    const bad = file(
      'bad-schools.csv',
      [
        SCHOOLS,
        '100001,Hillside again,Primary,Ashford,North East',
        'ABC,No URN,,Ashford,North East',
      ].join('\n'),
    );
    await expect(
      sendboard(['import', 'geography', bad, '--partnership', 'northshire', '--yes']),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /bad-schools\.csv cannot be imported: 2 problems\. Nothing was saved\.\nRow 5, column ‘URN’: The school with URN 100001 is also on row 2\. Each school appears once\. Expected: each URN once\.\nRow 6, column ‘URN’: ‘ABC’ is not in the expected form\. Expected: a URN of 6 digits, like 100001\./,
      ),
    });
    const counts = await withDb(importTableCounts);
    expect(counts.geography_units).toBe(0);
  });

  it('prints the preview without --yes, and saves with it', async () => {
    const schools = file('schools.csv', SCHOOLS);
    const preview = await sendboard([
      'import',
      'geography',
      schools,
      '--partnership',
      'northshire',
    ]);
    expect(preview.stdout).toContain('2 localities, 2 districts, 3 schools.');
    expect(preview.stdout).toContain('school: 3 new, 0 changed, 0 unchanged');
    expect(preview.stdout).toContain('Run again with --yes to save');
    expect((await withDb(importTableCounts)).geography_units).toBe(0);

    const saved = await sendboard([
      'import',
      'geography',
      schools,
      '--partnership',
      'northshire',
      '--yes',
    ]);
    expect(saved.stdout).toContain(
      'Saved: Localities, districts and schools from schools.csv, 3 rows',
    );

    const values = file(
      'values.csv',
      [
        'indicator,period,area,value,numerator,denominator',
        'ehcp-issued-within-20-weeks,2024,,,45,90',
        'ehcp-issued-within-20-weeks,2024,North East,60,,',
        'ehcp-issued-within-20-weeks,2024,100003,55,,',
      ].join('\n'),
    );
    const imported = await sendboard([
      'import',
      'indicators',
      values,
      '--partnership',
      'northshire',
      '--yes',
    ]);
    expect(imported.stdout).toContain('ehcp-issued-within-20-weeks 2024: 3 values');
    expect(imported.stdout).toContain('Saved: Indicator values from values.csv, 3 rows');

    const book = new ExcelJS.Workbook();
    book.addWorksheet('Notes').addRow(['Benchmarks from the LAIT']);
    const sheet = book.addWorksheet('Data');
    sheet.addRow(['Indicator', 'Period', 'Series', 'Value']);
    sheet.addRow(['ehcp-issued-within-20-weeks', 2024, 'England', 46.4]);
    sheet.addRow(['ehcp-issued-within-20-weeks', 2024, 'SN average', 49.1]);
    const xlsx = path.join(dataDir, 'benchmarks.xlsx');
    await book.xlsx.writeFile(xlsx);
    const benchmarks = await sendboard([
      'import',
      'benchmarks',
      xlsx,
      '--sheet',
      'Data',
      '--partnership',
      'northshire',
    ]);
    expect(benchmarks.stdout).toContain('ehcp-issued-within-20-weeks Statistical neighbours: 2024');
    expect(benchmarks.stdout).toContain('Run again with --yes to save');

    await withDb(async (db) => {
      const counts = await importTableCounts(db);
      expect(counts).toMatchObject({
        geography_units: 7,
        indicator_values: 3,
        benchmark_values: 0,
        data_imports: 2,
      });
      const audit = await db.query<{ actor_name: string; action: string }>(
        `SELECT actor_name, action FROM audit_log WHERE entity_type = 'data_import' ORDER BY id`,
      );
      expect(audit).toEqual([
        { actor_name: 'Command line', action: 'import localities, districts and schools' },
        { actor_name: 'Command line', action: 'import indicator values' },
      ]);
      const computed = await db.query<{ value: string }>(
        `SELECT value::text AS value FROM indicator_values WHERE geography_unit_id IS NULL`,
      );
      expect(computed).toEqual([{ value: '50' }]);
    });
  });

  it('refuses an unknown partnership', async () => {
    await expect(
      sendboard(['import', 'indicators', file('x.csv', 'a,b\n'), '--partnership', 'nowhere']),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No partnership') });
  });
});
