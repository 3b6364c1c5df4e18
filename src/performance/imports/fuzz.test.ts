// The issue's bar for imports: "wrong columns, wrong types, mixed date formats, a BOM,
// Windows-1252 text, formulas, merged cells, a million rows → row-level errors, no crash, nothing
// partly saved." Each is checked end to end here, plus properties over random input.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkCell,
  checkTable,
  collectTable,
  defineColumns,
  type CheckReport,
  type ColumnDef,
  type RecordOf,
} from '../../platform/tables/columns.js';
import { tempFiles } from '../../../test/helpers/import-files.js';
import type { RawCell } from '../../platform/tables/types.js';
import { NEED_CODES } from '../census/index.js';

const files = tempFiles();
afterAll(() => files.remove());

const census = defineColumns([
  { key: 'urn', label: 'URN', kind: 'integer', required: true, nonNegative: true },
  { key: 'upn', label: 'UPN', kind: 'text', required: true, maxLength: 13 },
  {
    key: 'provision',
    label: 'SENprovision',
    aliases: ['SEN provision'],
    kind: 'enum',
    required: true,
    values: ['E', 'K', 'N'],
  },
  { key: 'need', label: 'PrimarySENneed', kind: 'enum', values: NEED_CODES },
  { key: 'date', label: 'Census date', kind: 'date' },
] as const);

type Pupil = RecordOf<typeof census.columns>;

/** What a caller does: aggregate while streaming, then save only if there were no errors. */
async function importCensus(input: Parameters<typeof checkTable>[0], options = {}) {
  const counts = new Map<number, number>();
  const saved: Map<number, number>[] = [];
  const report = await checkTable(
    input,
    census,
    (pupil: Pupil) => void counts.set(pupil.urn, (counts.get(pupil.urn) ?? 0) + 1),
    options,
  );
  if (report.errorCount === 0) saved.push(counts);
  return { report, counts, saved };
}

function expectWellFormed(report: CheckReport): void {
  expect(report.errors.length).toBeLessThanOrEqual(report.errorCount);
  for (const error of report.errors) {
    expect(Number.isInteger(error.row) && error.row >= 0).toBe(true);
    expect(typeof error.column).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
  }
  expect(report.recordsAccepted).toBeLessThanOrEqual(report.rowsRead);
}

describe('the issue’s import checklist', () => {
  it('wrong columns: says which are missing, and saves nothing', async () => {
    const { report, saved } = await importCensus(
      files.write('wrong-columns.csv', 'School,Pupil,Provision\n100001,A123,E\n'),
    );
    expect(report.errors.map((e) => e.column)).toEqual(['URN', 'UPN', 'SENprovision']);
    expect(report.rowsRead).toBe(0);
    expect(saved).toEqual([]);
  });

  it('wrong types: an error per bad cell, by row and column, and nothing saved', async () => {
    const { report, saved } = await importCensus(
      files.write(
        'wrong-types.csv',
        'URN,UPN,SENprovision,PrimarySENneed,Census date\n' +
          '100001,A1,E,ASD,18/01/2024\n' +
          'one,A2,K,MLD,18/01/2024\n' +
          '100003,A3,Q,MLD,18/01/2024\n' +
          '100004,A4,K,XYZ,yesterday\n',
      ),
    );
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'URN'],
      [4, 'SENprovision'],
      [5, 'PrimarySENneed'],
      [5, 'Census date'],
    ]);
    expect(report.recordsAccepted).toBe(1);
    expect(saved).toEqual([]);
  });

  it('mixed date formats: each unambiguous one is read, an impossible one is an error', async () => {
    const dates = [
      '2024-01-18',
      '18/01/2024',
      '18-01-2024',
      '18.01.2024',
      '18 Jan 2024',
      '18 January 2024',
      '18-Jan-24',
    ];
    const body = dates.map((d, i) => `10000${i},A${i},N,,${d}`).join('\n');
    const read: string[] = [];
    const report = await checkTable(
      files.write(
        'mixed-dates.csv',
        `URN,UPN,SENprovision,PrimarySENneed,Census date\n${body}\n100009,A9,N,,01/18/2024\n`,
      ),
      census,
      (p) => void read.push(p.date ?? ''),
    );
    expect(read).toEqual(dates.map(() => '2024-01-18'));
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 9, column: 'Census date' });
    expect(report.errors[0]?.message).toMatch(/month-first \(US\)/);
  });

  it('a BOM: the first header still matches', async () => {
    const { report, saved } = await importCensus(
      files.write('bom.csv', '\uFEFFURN,UPN,SENprovision\r\n100001,A1,E\r\n'),
    );
    expect(report.errors).toEqual([]);
    expect(saved).toHaveLength(1);
  });

  it('Windows-1252 text: read correctly', async () => {
    const names: string[] = [];
    const spec = defineColumns([
      { key: 'name', label: 'Name', kind: 'text', required: true },
    ] as const);
    const report = await checkTable(
      files.write('ansi.csv', iconv.encode('Name\nSt Anne’s Café – £5\n', 'windows-1252')),
      spec,
      (r) => void names.push(r.name),
    );
    expect(report.table?.encoding).toBe('windows-1252');
    expect(names).toEqual(['St Anne’s Café – £5']);
  });

  it('formulas: CSV text that looks like one is an error for numbers; XLSX uses saved results', async () => {
    const csv = await importCensus(
      files.write(
        'formula.csv',
        'URN,UPN,SENprovision\n=1+100000,A1,E\n"=HYPERLINK(""x"")",A2,E\n',
      ),
    );
    expect(csv.report.errors.map((e) => e.row)).toEqual([2, 3]);
    expect(csv.report.errors[0]?.message).toMatch(/looks like a spreadsheet formula/);

    const xlsx = await files.xlsx('formula.xlsx', (wb) => {
      const ws = wb.addWorksheet('Pupils');
      ws.addRow(['URN', 'UPN', 'SENprovision']);
      ws.addRow([{ formula: '100000+1', result: 100001 }, 'A1', 'E']);
      ws.addRow([{ formula: '100000+2' }, 'A2', 'E']);
    });
    const book = await importCensus(xlsx);
    expect([...book.counts]).toEqual([[100001, 1]]);
    expect(book.report.errors).toHaveLength(1);
    expect(book.report.errors[0]?.message).toMatch(/formula \(=100000\+2\) with no saved result/);
    expect(book.saved).toEqual([]);
  });

  it('merged cells: the cells a merge covers are reported as empty, with a hint', async () => {
    const file = await files.xlsx('merged.xlsx', (wb) => {
      const ws = wb.addWorksheet('Pupils');
      ws.addRow(['URN', 'UPN', 'SENprovision']);
      ws.addRow([100001, 'A1', 'E']);
      ws.addRow([null, 'A2', 'K']);
      ws.addRow([null, 'A3', 'N']);
      ws.mergeCells('A2:A4');
    });
    const { report, saved } = await importCensus(file);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'URN'],
      [4, 'URN'],
    ]);
    expect(report.errors[0]?.message).toMatch(/may|If it is part of a merged cell/);
    expect(saved).toEqual([]);
  });

  it('a million rows: streamed in bounded memory, errors counted and capped, nothing saved', async () => {
    const rows = 1_000_000;
    const badEvery = 10_000;
    function* census(): Generator<string> {
      yield 'URN,UPN,SENprovision,PrimarySENneed\n';
      let chunk = '';
      for (let i = 1; i <= rows; i++) {
        const provision = i % badEvery === 0 ? 'Q' : 'EKN'[i % 3];
        chunk += `${100000 + (i % 5000)},A${String(i).padStart(12, '0')},${provision},${NEED_CODES[i % NEED_CODES.length]}\n`;
        if (i % 2000 === 0) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const { report, counts, saved } = await importCensus(Readable.from(census()), {
      fileName: 'census.csv',
      maxErrors: 25,
    });
    clearInterval(sampler);
    expect(report.rowsRead).toBe(rows);
    expect(report.errorCount).toBe(rows / badEvery);
    expect(report.errors).toHaveLength(25);
    expect(report.errors[0]).toMatchObject({ row: badEvery + 1, column: 'SENprovision' });
    expect(report.recordsAccepted).toBe(rows - rows / badEvery);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(report.recordsAccepted);
    expect(counts.size).toBe(5000);
    expect(saved).toEqual([]);
    expect(peak).toBeLessThan(500 * 2 ** 20);
  }, 120_000);
});

describe('properties', () => {
  it('random bytes as a CSV never throw, only give row errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        const { report } = await importCensus(Buffer.from(bytes), { fileName: 'random.csv' });
        expectWellFormed(report);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes as an XLSX never throw, only give errors', async () => {
    const zip = Buffer.from('PK\x03\x04', 'latin1');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const { report } = await importCensus(Buffer.concat([zip, bytes]), {
          fileName: 'random.xlsx',
        });
        expectWellFormed(report);
        expect(report.errorCount).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('random text that looks like CSV never throws', async () => {
    const csvish = fc
      .array(
        fc.constantFrom(
          'URN',
          'UPN',
          'SENprovision',
          ',',
          ';',
          '\t',
          '"',
          '\n',
          '\r\n',
          'E',
          '12',
          '=',
          ' ',
          'é',
          '\uFEFF',
        ),
        {
          maxLength: 80,
        },
      )
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(csvish, async (text) => {
        const { report } = await importCensus(Buffer.from(text), { fileName: 'x.csv' });
        expectWellFormed(report);
      }),
      { numRuns: 300 },
    );
  });

  const rawCell: fc.Arbitrary<RawCell> = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      'c',
      '..',
      '1,234',
      '12.5%',
      '31/02/2024',
      '2024-25',
      'Q1 2024-25',
      '=A1',
      '-',
      '+',
      '',
      ' ',
    ),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.date({ noInvalidDate: false }),
    fc.constant(null),
  );
  const defs: ColumnDef[] = [
    { key: 'a', label: 'A', kind: 'text', required: true, maxLength: 10, pattern: /^\d+$/ },
    { key: 'b', label: 'B', kind: 'integer', required: true, nonNegative: true },
    { key: 'c', label: 'C', kind: 'number', percent: true, suppressed: true },
    { key: 'd', label: 'D', kind: 'date', required: true },
    { key: 'e', label: 'E', kind: 'period' },
    { key: 'f', label: 'F', kind: 'enum', required: true, values: ['E', 'K', 'N'] },
    { key: 'g', label: 'G', kind: 'boolean', required: true },
  ];

  it('random cells never throw: each is a typed value or a message saying what was expected', () => {
    fc.assert(
      fc.property(rawCell, fc.constantFrom(...defs), (cell, def) => {
        const result = checkCell(cell, def);
        if (!result.ok) {
          expect(result.message.length).toBeGreaterThan(0);
          expect(result.expected.length).toBeGreaterThan(0);
          return;
        }
        const value = result.value;
        if (value === null) return;
        switch (def.kind) {
          case 'text':
          case 'enum':
            expect(typeof value).toBe('string');
            break;
          case 'integer':
            expect(Number.isSafeInteger(value)).toBe(true);
            break;
          case 'number':
            expect(Number.isFinite(value)).toBe(true);
            break;
          case 'date':
            expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(new Date(`${String(value)}T00:00:00Z`).toISOString().slice(0, 10)).toBe(value);
            break;
          case 'period':
            expect(value).toMatchObject({ start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
            break;
          case 'boolean':
            expect(typeof value).toBe('boolean');
            break;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('any table written as proper CSV reads back cell for cell, with correct row numbers', async () => {
    const cellText = fc
      .string({ unit: 'grapheme', maxLength: 12 })
      .map((s) => s.split('\u0000').join('')); // a NUL byte makes the file binary
    const table = fc.array(fc.tuple(cellText, cellText), { maxLength: 30 });
    const settings = fc.record({
      delimiter: fc.constantFrom(',', ';', '\t'),
      newline: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
    });
    const spec = defineColumns([
      { key: 'name', label: 'Name', kind: 'text', required: true },
      { key: 'note', label: 'Note', kind: 'text' },
    ] as const);
    await fc.assert(
      fc.asyncProperty(table, settings, async (rows, { delimiter, newline, bom }) => {
        const quote = (s: string) =>
          /["\r\n,;\t]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
        const lines = [`Name${delimiter}Note`, ...rows.map((r) => r.map(quote).join(delimiter))];
        const text = (bom ? '\uFEFF' : '') + lines.join(newline) + newline;
        const got: { row: number; name: string; note: string | null }[] = [];
        const report = await checkTable(
          Buffer.from(text, 'utf8'),
          spec,
          (r, info) => void got.push({ row: info.rowNumber, name: r.name, note: r.note }),
          { fileName: 'p.csv', headerRow: 1 },
        );
        const expected = rows
          .map(([name, note], i) => ({ row: i + 2, name: name.trim(), note: note.trim() || null }))
          .filter((r) => r.name !== '' || r.note !== null);
        expect(report.table?.delimiter).toBe(
          expected.length > 0 ? delimiter : report.table?.delimiter,
        );
        expect(got).toEqual(expected.filter((r) => r.name !== ''));
        expect(report.errors.map((e) => e.row)).toEqual(
          expected.filter((r) => r.name === '').map((r) => r.row),
        );
        expect(report.rowsRead).toBe(expected.length);
      }),
      { numRuns: 300 },
    );
  });

  it('collectTable never returns records alongside errors', async () => {
    const spec = defineColumns([
      { key: 'n', label: 'N', kind: 'integer', required: true },
    ] as const);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.nat().map(String), fc.constantFrom('x', '', '1.5', '=1')), {
          maxLength: 20,
        }),
        async (cells) => {
          const result = await collectTable(Buffer.from(`N\n${cells.join('\n')}\n`), spec, {
            fileName: 'n.csv',
          });
          if (result.errorCount > 0) expect(result.records).toBeUndefined();
          else expect(result.records?.length).toBe(result.rowsRead);
        },
      ),
      { numRuns: 200 },
    );
  });
});
