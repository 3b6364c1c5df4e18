import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  checkCell,
  checkHeader,
  checkTable,
  collectTable,
  defineColumns,
  editDistance,
  normaliseHeader,
  type ColumnDef,
  type Period,
  type RecordOf,
} from './columns.js';
import { tempFiles } from '../../../test/helpers/import-files.js';
import type { RowError } from './types.js';

const files = tempFiles();
afterAll(() => files.remove());

const schools = defineColumns([
  {
    key: 'urn',
    label: 'URN',
    aliases: ['School URN'],
    kind: 'integer',
    required: true,
    nonNegative: true,
  },
  {
    key: 'name',
    label: 'School name',
    aliases: ['EstablishmentName'],
    kind: 'text',
    required: true,
    maxLength: 100,
  },
  { key: 'opened', label: 'Open date', kind: 'date' },
  { key: 'pupils', label: 'Number of pupils', kind: 'integer', suppressed: true },
  { key: 'senRate', label: 'SEN rate', kind: 'number', percent: true, suppressed: true },
  {
    key: 'phase',
    label: 'Phase',
    kind: 'enum',
    values: ['Primary', 'Secondary', { value: 'All-through', aliases: ['all through'] }],
  },
  { key: 'boarding', label: 'Boarders', kind: 'boolean' },
  { key: 'year', label: 'Academic year', kind: 'period', accept: ['academic-year'] },
] as const);

const ok = (cell: Parameters<typeof checkCell>[0], def: ColumnDef) => {
  const result = checkCell(cell, def);
  if (!result.ok) throw new Error(`expected ok for ${String(cell)}: ${result.message}`);
  return result.value;
};
const bad = (cell: Parameters<typeof checkCell>[0], def: ColumnDef) => {
  const result = checkCell(cell, def);
  if (result.ok)
    throw new Error(`expected a problem for ${String(cell)}, got ${String(result.value)}`);
  return result.message;
};

describe('types', () => {
  it('gives typed records', () => {
    type School = RecordOf<typeof schools.columns>;
    expectTypeOf<School['urn']>().toEqualTypeOf<number>();
    expectTypeOf<School['name']>().toEqualTypeOf<string>();
    expectTypeOf<School['opened']>().toEqualTypeOf<string | null>();
    expectTypeOf<School['pupils']>().toEqualTypeOf<number | null>();
    expectTypeOf<School['phase']>().toEqualTypeOf<'Primary' | 'Secondary' | 'All-through' | null>();
    expectTypeOf<School['boarding']>().toEqualTypeOf<boolean | null>();
    expectTypeOf<School['year']>().toEqualTypeOf<Period | null>();
  });

  it('refuses a spec where one header fits two columns', () => {
    expect(() =>
      defineColumns([
        { key: 'a', label: 'URN', kind: 'text' },
        { key: 'b', label: 'u_r_n', kind: 'text' },
      ]),
    ).toThrow(/fits both/);
  });
});

describe('header', () => {
  it('matches ignoring case, spaces, underscores, punctuation and a BOM, and aliases', () => {
    expect(normaliseHeader('\uFEFF School_URN (6-digit)')).toBe('schoolurn6digit');
    const check = checkHeader(
      schools,
      ['\uFEFFschool urn', 'ESTABLISHMENT_NAME', 'Open-date', 'Extra'],
      1,
    );
    expect(check.errors).toEqual([]);
    expect(check.columns.map((c) => [c.def.key, c.index])).toEqual([
      ['urn', 0],
      ['name', 1],
      ['opened', 2],
    ]);
    expect(check.notes).toEqual(['Not used: ‘Extra’ (column D).']);
  });

  it('says which required column is missing, lists the headers and suggests the nearest', () => {
    const check = checkHeader(schools, ['UNR', 'School name', 'Pupils'], 3);
    expect(check.errors).toEqual([
      {
        row: 3,
        column: 'URN',
        message:
          'The column ‘URN’ is missing. The header row (row 3) has: ‘UNR’, ‘School name’, ‘Pupils’. Did you mean ‘UNR’ (column A)?',
        expected: 'a column headed ‘URN’ (or ‘School URN’)',
      },
    ]);
  });

  it('does not suggest a header that is nothing like the missing one', () => {
    const [error] = checkHeader(schools, ['Postcode', 'School name'], 1).errors;
    expect(error?.message).not.toMatch(/Did you mean/);
  });

  it('reports a column given twice', () => {
    const check = checkHeader(schools, ['URN', 'School name', 'school_urn'], 1);
    expect(check.errors).toHaveLength(1);
    expect(check.errors[0]?.message).toBe(
      'Columns A (‘URN’) and C (‘school_urn’) are all ‘URN’. Keep one of them.',
    );
  });

  it('notes columns with no header, as a merged header cell leaves them', () => {
    const check = checkHeader(schools, ['URN', 'School name', '', 'Phase'], 1);
    expect(check.errors).toEqual([]);
    expect(check.notes.join(' ')).toMatch(
      /Column C in the header row has no header.*merged header/,
    );
  });

  it('measures edit distance', () => {
    expect(editDistance('urn', 'unr')).toBe(1);
    expect(editDistance('urn', 'upn')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('integer and number cells', () => {
  const integer: ColumnDef = {
    key: 'n',
    label: 'N',
    kind: 'integer',
    nonNegative: true,
    required: true,
  };
  const number: ColumnDef = { key: 'x', label: 'X', kind: 'number', required: true };
  const percent: ColumnDef = {
    key: 'p',
    label: 'P',
    kind: 'number',
    percent: true,
    required: true,
  };
  const suppressible: ColumnDef = {
    key: 's',
    label: 'S',
    kind: 'number',
    required: true,
    suppressed: true,
  };

  it('accepts whole numbers as written in the wild', () => {
    expect(ok('1,234', integer)).toBe(1234);
    expect(ok(' 42 ', integer)).toBe(42);
    expect(ok('7.0', integer)).toBe(7);
    expect(ok(12, integer)).toBe(12);
    expect(ok(2.0000000000000004, integer)).toBe(2);
  });

  it('refuses what is not a whole number, saying why', () => {
    expect(bad('12.5', integer)).toBe('‘12.5’ is not a whole number.');
    expect(bad('-3', integer)).toBe('-3 is negative.');
    expect(bad('n/a', integer)).toBe('‘n/a’ is not a whole number.');
    expect(bad('1,23', integer)).toBe('‘1,23’ is not a whole number.');
    expect(bad(true, integer)).toMatch(/TRUE or FALSE, not a whole number/);
    expect(bad('c', integer)).toMatch(
      /suppressed or unavailable value, which this column does not accept/,
    );
  });

  it('reads numbers and percentages', () => {
    expect(ok('12.5', number)).toBe(12.5);
    expect(ok('-0.5', number)).toBe(-0.5);
    expect(ok('1,234.5', number)).toBe(1234.5);
    expect(ok('1.5E3', number)).toBe(1500);
    expect(ok('12.5%', percent)).toBe(12.5);
    expect(ok('12.5 %', percent)).toBe(12.5);
    expect(ok('12.5', percent)).toBe(12.5);
    expect(bad('12.5%', number)).toBe(
      '‘12.5%’ is a percentage, but this column takes a plain number.',
    );
    expect(bad('n/a', number)).toBe('‘n/a’ is not a number.');
    expect(bad('£12', number)).toBe('‘£12’ is not a number.');
  });

  it('reads DfE suppression markers as null when the column allows them', () => {
    for (const marker of ['c', 'X', 'z', '*', '..', '[c]', 'low'])
      expect(ok(marker, suppressible)).toBeNull();
    expect(bad('n/a', suppressible)).toBe('‘n/a’ is not a number.');
  });

  it('treats text that looks like a formula as an error for numbers', () => {
    for (const text of ['=SUM(A1:A3)', '+A1', '-B2*3', '@SUM(A1)', '=1+1']) {
      expect(bad(text, number)).toMatch(/looks like a spreadsheet formula/);
      expect(bad(text, integer)).toMatch(/looks like a spreadsheet formula/);
    }
    const text: ColumnDef = { key: 't', label: 'T', kind: 'text' };
    expect(ok('=HYPERLINK("x")', text)).toBe('=HYPERLINK("x")');
  });
});

describe('enum, boolean and text cells', () => {
  const provision: ColumnDef = {
    key: 'p',
    label: 'SENprovision',
    kind: 'enum',
    required: true,
    values: [
      { value: 'E', aliases: ['EHC plan', 'EHCP'] },
      { value: 'K', aliases: ['SEN support'] },
      { value: 'N', aliases: ['No SEN'] },
    ],
  };

  it('matches values and aliases ignoring case and spaces', () => {
    expect(ok('e', provision)).toBe('E');
    expect(ok(' K ', provision)).toBe('K');
    expect(ok('sen  Support', provision)).toBe('K');
    expect(ok('EHCP', provision)).toBe('E');
    expect(bad('S', provision)).toBe('‘S’ is not one of the allowed values.');
    expect(checkCell('S', provision)).toMatchObject({ expected: 'one of E, K, N' });
  });

  it('reads yes/no in its common forms', () => {
    const flag: ColumnDef = { key: 'b', label: 'B', kind: 'boolean', required: true };
    for (const yes of ['Y', 'yes', 'TRUE', '1', true, 1]) expect(ok(yes, flag)).toBe(true);
    for (const no of ['n', 'No', 'false', '0', false, 0]) expect(ok(no, flag)).toBe(false);
    expect(bad('maybe', flag)).toBe('‘maybe’ is not yes or no.');
  });

  it('trims text, checks its length and pattern, and writes numbers and dates as text', () => {
    const upn: ColumnDef = {
      key: 'u',
      label: 'UPN',
      kind: 'text',
      required: true,
      maxLength: 13,
      pattern: /^[A-Z]\d{11}[0-9A-Z]$/,
      patternHint: 'a 13-character UPN',
    };
    expect(ok('  A12345678901B ', upn)).toBe('A12345678901B');
    expect(bad('A1234567890123', upn)).toMatch(/14 characters long; the most allowed is 13/);
    expect(checkCell('x', upn)).toMatchObject({ ok: false, expected: 'a 13-character UPN' });
    const text: ColumnDef = { key: 't', label: 'T', kind: 'text', required: true };
    expect(ok(100001, text)).toBe('100001');
    expect(ok(new Date(Date.UTC(2024, 0, 2)), text)).toBe('2024-01-02');
  });

  it('says a required cell is empty, and optional ones read as null', () => {
    const required: ColumnDef = { key: 'r', label: 'R', kind: 'text', required: true };
    expect(bad('   ', required)).toBe('This cell is empty.');
    expect(bad(null, required)).toBe('This cell is empty.');
    expect(ok('', { key: 'o', label: 'O', kind: 'integer' })).toBeNull();
    expect(ok('', { ...required, allowBlank: true })).toBeNull();
  });
});

describe('checkTable', () => {
  async function run(content: string | Buffer, name = 'schools.csv', options = {}) {
    const records: RecordOf<typeof schools.columns>[] = [];
    const rows: number[] = [];
    const report = await checkTable(
      files.write(name, content),
      schools,
      (record, info) => {
        records.push(record);
        rows.push(info.rowNumber);
      },
      options,
    );
    return { report, records, rows };
  }

  it('gives typed records for valid rows and errors for the others, by row and column', async () => {
    const { report, records, rows } = await run(
      'URN,School name,Open date,Number of pupils,SEN rate,Phase,Boarders,Academic year\n' +
        '100001,Ash Primary,01/09/2010,"1,204",12.5%,primary,N,2024-25\n' +
        '100002,Beech School,31/02/2024,c,x,Tertiary,maybe,2024\n' +
        '100003,Cedar,2019-09-01,,,,,\n',
    );
    expect(records).toEqual([
      {
        urn: 100001,
        name: 'Ash Primary',
        opened: '2010-09-01',
        pupils: 1204,
        senRate: 12.5,
        phase: 'Primary',
        boarding: false,
        year: { kind: 'academic-year', label: '2024-25', start: '2024-09-01', end: '2025-08-31' },
      },
      {
        urn: 100003,
        name: 'Cedar',
        opened: '2019-09-01',
        pupils: null,
        senRate: null,
        phase: null,
        boarding: null,
        year: null,
      },
    ]);
    expect(rows).toEqual([2, 4]);
    expect(report.rowsRead).toBe(3);
    expect(report.recordsAccepted).toBe(2);
    expect(report.errorCount).toBe(4);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Open date'],
      [3, 'Phase'],
      [3, 'Boarders'],
      [3, 'Academic year'],
    ]);
    expect(report.errors[3]?.message).toMatch(/calendar year; this column takes an academic year/);
    expect(report.table).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      headerRow: 1,
    });
  });

  it('gives null for optional columns the file does not have', async () => {
    const { records } = await run('URN,School name\n1,A\n');
    expect(records).toEqual([
      {
        urn: 1,
        name: 'A',
        opened: null,
        pupils: null,
        senRate: null,
        phase: null,
        boarding: null,
        year: null,
      },
    ]);
  });

  it('passes suppressed columns to the consumer', async () => {
    const infos: string[][] = [];
    await checkTable(
      files.write('supp.csv', 'URN,School name,Number of pupils,SEN rate\n1,A,c,z\n2,B,3,4\n'),
      schools,
      (_record, info) => void infos.push([...info.suppressed]),
    );
    expect(infos).toEqual([['pupils', 'senRate'], []]);
  });

  it('finds the header below title rows, and reports missing columns without reading rows', async () => {
    const found = await run('Schools in Northshire\nAs at January 2024\n\nURN,School name\n1,A\n');
    expect(found.report.table?.headerRow).toBe(4);
    expect(found.records).toHaveLength(1);
    const missing = await run('Title\nURN,Name\n1,A\n');
    expect(missing.report.rowsRead).toBe(0);
    expect(missing.report.table?.headerRow).toBe(2);
    expect(missing.report.errors.map((e) => e.message)).toEqual([
      'The column ‘School name’ is missing. The header row (row 2) has: ‘URN’, ‘Name’. Did you mean ‘Name’ (column B)?',
    ]);
    expect(missing.report.notes.join(' ')).toMatch(
      /row 2, the nearest, was taken as the header row/,
    );
  });

  it('reports values beyond the header and reads short rows as blank cells', async () => {
    const { report, records } = await run('URN,School name\n1,"Smith, Jo",x\n2,B,,\n3\n');
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'column C'],
      [4, 'School name'],
    ]);
    expect(report.errors[0]?.message).toMatch(
      /value in column C \(‘x’\), beyond the last column with a header \(B\)/,
    );
    expect(records.map((r) => r.urn)).toEqual([2]);
  });

  it('returns file problems as errors instead of throwing', async () => {
    const { report } = await run(
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      'old.xls',
    );
    expect(report.errorCount).toBe(1);
    expect(report.errors[0]).toMatchObject({ row: 0, column: '' });
    const unclosed = await run('URN,School name\n1,A\n2,"B\n3,C\n', 'unclosed.csv');
    expect(unclosed.report.errors.at(-1)).toMatchObject({ row: 3 });
  });

  it('keeps the first errors and counts them all', async () => {
    const lines = ['URN,School name'];
    for (let i = 0; i < 5000; i++) lines.push(`bad${i},School`);
    const { report } = await run(lines.join('\n'), 'bad.csv', { maxErrors: 100 });
    expect(report.errorCount).toBe(5000);
    expect(report.errors).toHaveLength(100);
    expect(report.errors[99]?.row).toBe(101);
  });

  it('stops at maxRows with an error', async () => {
    const { report } = await run('URN,School name\n1,A\n2,B\n3,C\n', 'max.csv', { maxRows: 2 });
    expect(report.rowsRead).toBe(2);
    expect(report.errors[0]?.message).toMatch(/more than 2 rows/);
  });

  it('passes on an error thrown by the consumer', async () => {
    await expect(
      checkTable(files.write('c.csv', 'URN,School name\n1,A\n'), schools, () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
  });

  it('awaits an async consumer', async () => {
    const seen: number[] = [];
    await checkTable(
      files.write('async.csv', 'URN,School name\n1,A\n2,B\n'),
      schools,
      async (r) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(r.urn);
      },
    );
    expect(seen).toEqual([1, 2]);
  });
});

describe('collectTable: all or nothing', () => {
  it('gives every record when all rows pass', async () => {
    const result = await collectTable(
      files.write('good.csv', 'URN,School name\n1,A\n2,B\n'),
      schools,
    );
    expect(result.records?.map((r) => [r.rowNumber, r.urn])).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });

  it('gives no records at all when any row fails', async () => {
    const result = await collectTable(
      files.write('one-bad.csv', 'URN,School name\n1,A\nabc,B\n3,C\n'),
      schools,
    );
    expect(result.records).toBeUndefined();
    expect(result.errors).toEqual<RowError[]>([
      {
        row: 3,
        column: 'URN',
        message: '‘abc’ is not a whole number.',
        expected: 'a whole number, like 12 or 1,234',
      },
    ]);
  });
});

describe('XLSX through the checker', () => {
  const spec = defineColumns([
    { key: 'urn', label: 'URN', kind: 'integer', required: true },
    { key: 'name', label: 'School', kind: 'text', required: true },
    { key: 'date', label: 'Census date', kind: 'date', required: true },
    { key: 'pupils', label: 'Pupils', kind: 'integer', required: true },
    { key: 'rate', label: 'Rate', kind: 'number', percent: true },
  ] as const);

  it('uses formula results, reports formulas without one, Excel errors and merged cells', async () => {
    const file = await files.xlsx('checked.xlsx', (wb) => {
      const ws = wb.addWorksheet('Census');
      ws.addRow(['Table 3: pupils by school']);
      ws.addRow(['Source: DfE']);
      ws.addRow(['URN', 'School', 'Census date', 'Pupils', 'Rate']);
      ws.addRow([
        100001,
        'Ash',
        new Date(Date.UTC(2024, 0, 18)),
        { formula: '100+20', result: 120 },
        0.125,
      ]);
      ws.getCell('E4').numFmt = '0.0%';
      ws.addRow([100002, 'Beech', 45309, { formula: 'SUM(X1:X9)' }, null]);
      ws.addRow([100003, { error: '#REF!' }, '18/01/2024', 5, null]);
      ws.addRow([100004, 'Cedar (merged down)', '2024-01-18', 6, null]);
      ws.addRow([100005, null, '2024-01-18', 7, null]);
      ws.mergeCells('B7:B8');
      ws.addRow([100006, 'Elm', 45309, 8, '12.5%']);
    });
    const records: RecordOf<typeof spec.columns>[] = [];
    const report = await checkTable(file, spec, (r) => void records.push(r));
    expect(report.table).toMatchObject({ format: 'xlsx', sheet: 'Census', headerRow: 3 });
    expect(records).toEqual([
      { urn: 100001, name: 'Ash', date: '2024-01-18', pupils: 120, rate: 12.5 },
      { urn: 100004, name: 'Cedar (merged down)', date: '2024-01-18', pupils: 6, rate: null },
      { urn: 100006, name: 'Elm', date: '2024-01-18', pupils: 8, rate: 12.5 },
    ]);
    expect(report.errors).toEqual([
      {
        row: 5,
        column: 'Pupils',
        message: expect.stringMatching(/holds a formula \(=SUM\(X1:X9\)\) with no saved result/),
        expected: 'a whole number, like 12 or 1,234',
      },
      {
        row: 6,
        column: 'School',
        message: 'This cell shows a spreadsheet error (#REF!).',
        expected: 'some text',
      },
      {
        row: 8,
        column: 'School',
        message:
          'This cell is empty. If it is part of a merged cell, unmerge it and fill in the value on every row.',
        expected: 'some text',
      },
    ]);
    expect(report.notes).toContain(
      '1 cell in ‘Pupils’ held formulas; the results saved in the file were used.',
    );
  });
});
