import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCensusFile } from './census-service.js';
import { detectCensusSource } from './census-specs.js';
import { compactSchool, expandSchool, fromStored, toStored } from './census-records.js';
import { describeMeasure, percent, points, readRateQuery } from './census-query.js';

const csv = (text: string) => Buffer.from(text);

describe('detectCensusSource', () => {
  it('tells pupil-level from school-level files by their headers', () => {
    expect(detectCensusSource(['URN', 'UPN', 'SENprovision', 'PrimarySENneed'], 1)).toBe(
      'pupil-level',
    );
    expect(detectCensusSource(['urn', 'total_pupils', 'EHC plan', 'SEN support', 'K MLD'], 1)).toBe(
      'school-level',
    );
    // Missing columns: the nearer kind, so its missing columns are reported.
    expect(detectCensusSource(['URN', 'Total pupils'], 1)).toBe('school-level');
    expect(detectCensusSource(['URN', 'SEN provision'], 1)).toBe('pupil-level');
  });
});

describe('readCensusFile', () => {
  it('counts pupil-level rows per school and keeps no pupil', async () => {
    const check = await readCensusFile(
      csv(
        'URN,UPN,Name,SEN provision,Primary SEN need\n' +
          '100001,A1,Ann,E,ASD\n100001,A2,Bob,K,moderate learning difficulties\n' +
          '100001,A3,Cal,N,\n100002,A4,Dee,EHC plan,\n100002,A5,Eve,SEN support,NSA\n',
      ),
      { censusDate: '2025-01-16' },
    );
    expect(check.errors).toEqual([]);
    expect(check.source).toBe('pupil-level');
    expect(check.rowsRead).toBe(5);
    expect(check.totals).toEqual({ schools: 2, pupils: 5, E: 2, K: 2 });
    const [first, second] = check.schools.map(expandSchool);
    expect(first!.needs.ASD).toEqual({ E: 1, K: 0 });
    expect(first!.needs.MLD).toEqual({ E: 0, K: 1 });
    expect(second!.notRecorded).toEqual({ E: 1, K: 0 });
    expect(JSON.stringify(check)).not.toContain('Ann');
  });

  it('reports every bad row with its row number and column, and keeps no counts', async () => {
    const check = await readCensusFile(
      csv(
        'URN,SENprovision,PrimarySENneed\n100001,E,NSA\n100001,N,MLD\n100001,S,\n1234,K,MLD\n100001,K,DS\n',
      ),
      { censusDate: '2024-01-18' },
    );
    expect(check.errorCount).toBe(5);
    expect(check.schools).toEqual([]);
    expect(check.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'PrimarySENneed'],
      [3, 'PrimarySENneed'],
      [4, 'SENprovision'],
      [5, 'URN'],
      [6, 'PrimarySENneed'],
    ]);
    expect(check.errors[4]!.message).toContain('DS (Down syndrome) was not a need type');
  });

  it('reads a school-level XLSX with a title row, and checks that counts add up', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Counts');
    sheet.addRow(['School census January 2025']);
    sheet.addRow(['URN', 'Total pupils', 'E', 'K', 'E ASD', 'SEN support MLD']);
    sheet.addRow([100001, 300, 10, 40, 6, 20]);
    sheet.addRow([100002, 20, 5, 30, 0, 0]);
    sheet.addRow([100001, 300, 10, 40, 6, 20]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const check = await readCensusFile(bytes, { censusDate: '2025-01-16', fileName: 'c.xlsx' });
    expect(check.source).toBe('school-level');
    expect(check.errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'Total pupils'],
      [5, 'URN'],
    ]);

    const cleanBook = new ExcelJS.Workbook();
    const cleanSheet = cleanBook.addWorksheet('Counts');
    cleanSheet.addRow(['URN', 'Total pupils', 'E', 'K', 'E ASD', 'SEN support MLD']);
    cleanSheet.addRow([100001, 300, 10, 40, 6, 20]);
    const clean = await readCensusFile(new Uint8Array(await cleanBook.xlsx.writeBuffer()), {
      censusDate: '2025-01-16',
    });
    expect(clean.errors).toEqual([]);
    const school = expandSchool(clean.schools[0]!);
    expect(school).toMatchObject({ totalPupils: 300, sen: { E: 10, K: 40 } });
    expect(school.needs.MLD).toEqual({ E: 0, K: 20 });
    expect(school.notRecorded).toEqual({ E: 4, K: 20 });
  });

  it('reports a file it cannot read, or one with no rows', async () => {
    const empty = await readCensusFile(csv('URN,SEN provision\n'), { censusDate: '2025-01-16' });
    expect(empty.errorCount).toBe(1);
    expect(empty.errors[0]!.message).toContain('no pupils or schools');
    const missing = await readCensusFile(csv('School,Provision type\nx,y\n'), {
      censusDate: '2025-01-16',
    });
    expect(missing.errorCount).toBeGreaterThan(0);
    expect(missing.errors[0]!.message).toContain('is missing');
  });
});

describe('census records', () => {
  it('round-trip between compact, stored and full shapes', async () => {
    const check = await readCensusFile(
      csv('URN,SEN provision,Primary SEN need\n100001,E,ASD\n100001,K,\n100001,N,\n'),
      { censusDate: '2025-01-16' },
    );
    const compact = check.schools[0]!;
    const stored = toStored(compact);
    expect(stored.needs).toEqual({ ASD: { E: 1, K: 0 } });
    expect(compactSchool(fromStored(stored))).toEqual(compact);
  });
});

describe('rate query', () => {
  it('reads the GET parameters with defaults, and refuses a bad England rate', () => {
    const defaults = readRateQuery({});
    expect(defaults.options).toEqual({
      need: 'any SEN',
      provision: 'E and K',
      denominator: 'all pupils',
    });
    expect(defaults.minPupils).toBe(10);
    const chosen = readRateQuery({
      need: 'MLD',
      provision: 'K',
      denominator: 'sen',
      england: '3.6%',
      level: 'district',
      minPupils: '25',
    });
    expect(chosen.options).toMatchObject({
      need: 'MLD',
      provision: 'K',
      denominator: 'pupils with SEN',
    });
    expect((chosen.options.england as { rate: number }).rate).toBeCloseTo(0.036, 10);
    expect(chosen.query.level).toBe('district');
    expect(chosen.minPupils).toBe(25);
    expect(readRateQuery({ england: '120', minPupils: '0' }).problems.map((p) => p.field)).toEqual([
      'england',
      'minPupils',
    ]);
    expect(readRateQuery({ need: 'constructor', provision: '__proto__' }).options.need).toBe(
      'any SEN',
    );
    expect(describeMeasure(chosen.options).numerator).toBe(
      'Pupils on SEN support whose primary need is MLD — Moderate learning difficulty',
    );
    expect(percent(0.1234)).toBe('12.3%');
    expect(points(-0.004)).toBe('−0.4 points');
    expect(points(0.012)).toBe('+1.2 points');
  });
});
