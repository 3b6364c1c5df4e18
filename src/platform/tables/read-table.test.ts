import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  columnLetter,
  detectDelimiter,
  openTable,
  readRows,
  TableReadError,
  type OpenedTable,
  type ReadTableOptions,
  type TableInput,
} from './read-table.js';
import { openFileCount, settle, tempFiles } from '../../../test/helpers/import-files.js';
import type { ReadRow } from './types.js';

const files = tempFiles();
afterAll(() => files.remove());

async function all(table: OpenedTable): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

async function read(input: TableInput, options: ReadTableOptions = {}) {
  const table = await openTable(input, options);
  return { table, rows: await all(table) };
}

async function readError(
  input: TableInput,
  options: ReadTableOptions = {},
): Promise<TableReadError> {
  try {
    await read(input, options);
  } catch (e) {
    if (e instanceof TableReadError) return e;
    throw e;
  }
  throw new Error('expected a TableReadError');
}

describe('CSV encodings', () => {
  it('reads UTF-8 with a BOM, without the BOM in the first header', async () => {
    const file = files.write('bom.csv', '\uFEFFURN,Name\n100001,Café\n');
    const { table, rows } = await read(file);
    expect(table.format).toBe('csv');
    expect(table.encoding).toBe('utf-8');
    expect(table.headers).toEqual(['URN', 'Name']);
    expect(rows).toEqual([{ rowNumber: 2, cells: ['100001', 'Café'] }]);
  });

  it('keeps a multibyte character split between chunks whole', async () => {
    const text = 'Name,Need\nZoë 😀 Ōtake,“ASD”\n';
    const bytes = Buffer.from(text, 'utf8');
    // One byte per chunk: every character is split.
    const stream = Readable.from(
      (function* () {
        for (const b of bytes) yield Buffer.from([b]);
      })(),
    );
    const { table, rows } = await read(stream, { fileName: 'upload.csv' });
    expect(table.encoding).toBe('utf-8');
    expect(rows[0]?.cells).toEqual(['Zoë 😀 Ōtake', '“ASD”']);
  });

  it('reads UTF-16 LE and BE with a BOM (Excel’s “Unicode text”, tab-separated)', async () => {
    const text = 'URN\tSchool name\n100001\tSt Mary’s C of E\n';
    for (const [name, encoding] of [
      ['le.txt', 'utf-16le'],
      ['be.txt', 'utf-16be'],
    ] as const) {
      const file = files.write(name, iconv.encode(text, encoding, { addBOM: true }));
      const { table, rows } = await read(file);
      expect(table.encoding).toBe(encoding);
      expect(table.delimiter).toBe('\t');
      expect(table.headers).toEqual(['URN', 'School name']);
      expect(rows[0]?.cells).toEqual(['100001', 'St Mary’s C of E']);
    }
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    const text = 'URN,Name,Cost\n100001,Café – ‘Ash’ Lodge,£5\n';
    const file = files.write('ansi.csv', iconv.encode(text, 'windows-1252'));
    const { table, rows } = await read(file);
    expect(table.encoding).toBe('windows-1252');
    expect(rows[0]?.cells).toEqual(['100001', 'Café – ‘Ash’ Lodge', '£5']);
  });

  it('switches to Windows-1252 when the first non-UTF-8 byte comes after plain ASCII', async () => {
    const ascii = 'URN,Name\n' + '100001,School\n'.repeat(20_000); // well past the sample
    const bytes = Buffer.concat([
      Buffer.from(ascii),
      iconv.encode('100002,Café\n', 'windows-1252'),
    ]);
    const { table, rows } = await read(bytes, { fileName: 'late.csv' });
    expect(rows).toHaveLength(20_001);
    expect(rows.at(-1)?.cells).toEqual(['100002', 'Café']);
    expect(table.encoding).toBe('windows-1252');
    expect(table.notes.join(' ')).toMatch(/Windows-1252/);
  });

  it('stops with a clear error when UTF-8 text is followed by bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('URN,Name\n100001,Zoë\n' + '100001,School\n'.repeat(20_000)),
      Buffer.from([0x31, 0x2c, 0xe9, 0x0a]), // "1,é" in Windows-1252
    ]);
    const error = await readError(bytes, { fileName: 'mixed.csv' });
    expect(error.problem.message).toMatch(/mixes text encodings/);
    expect(error.problem.row).toBe(20_003);
  });

  it('refuses binary data', async () => {
    const error = await readError(Buffer.from([0x41, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00]), {
      fileName: 'x.csv',
    });
    expect(error.problem.message).toMatch(/binary/);
  });
});

describe('CSV structure', () => {
  it('detects comma, semicolon and tab from the lines, not title rows', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('Table 1, pupils with SEN\n\nURN;Name;Count\n1;A;2\n2;B;3\n')).toBe(';');
    expect(detectDelimiter('"a;b",c\n"1;2",3\n')).toBe(',');
    expect(detectDelimiter('URN\n1\n')).toBe(',');
  });

  it('reads semicolon CSV with decimal commas left as text', async () => {
    const file = files.write('semi.csv', 'URN;Rate\r\n100001;12,5\r\n');
    const { table, rows } = await read(file);
    expect(table.delimiter).toBe(';');
    expect(rows[0]?.cells).toEqual(['100001', '12,5']);
  });

  it('handles quotes, quoted line breaks, CRLF and blank lines, numbering rows as a spreadsheet does', async () => {
    const text =
      'URN,Name,Note\r\n' +
      '100001,"Smith, ""Jo""","line one\r\nline two"\r\n' +
      '\r\n' +
      ',,\r\n' +
      '100002,Plain,\r\n';
    const { rows } = await read(files.write('quotes.csv', text));
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['100001', 'Smith, "Jo"', 'line one\r\nline two'] },
      { rowNumber: 5, cells: ['100002', 'Plain', ''] },
    ]);
  });

  it('passes on rows with more or fewer cells than the header, for the checker to report', async () => {
    const { rows } = await read(files.write('ragged.csv', 'a,b\n1\n1,2,3\n1,2,,\n'));
    expect(rows.map((r) => r.cells)).toEqual([['1'], ['1', '2', '3'], ['1', '2', '', '']]);
  });

  it('stops with the row number when a quote is never closed', async () => {
    const error = await readError(files.write('unclosed.csv', 'a,b\n1,2\n"3,4\n5,6\n'));
    expect(error.problem.row).toBe(3);
    expect(error.problem.message).toMatch(/never closed/);
  });

  it('stops when a row is absurdly long', async () => {
    const error = await readError(files.write('long.csv', `a,b\n1,${'x'.repeat(5000)}\n`), {
      maxRowChars: 1000,
    });
    expect(error.problem.row).toBe(2);
    expect(error.problem.message).toMatch(/longer than 1,000 characters/);
  });
});

describe('formats', () => {
  it.each([
    [
      'old.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /older Excel workbook \(\.xls\)/,
    ],
    ['text-named.xls', Buffer.from('a\tb\n'), /not a format Sendboard can read/],
    ['report.pdf', Buffer.from('%PDF-1.7\n'), /not a spreadsheet/],
    ['data.json', Buffer.from('{"a":1}'), /not a format Sendboard can read/],
    ['renamed.xlsx', Buffer.from('URN,Name\n'), /not a valid Excel workbook/],
    ['empty.csv', Buffer.alloc(0), /is empty/],
    ['sheet.ods', Buffer.from('PK\x03\x04rest', 'latin1'), /\.ods spreadsheet/],
  ])('refuses %s with a clear message', async (name, bytes, message) => {
    const error = await readError(files.write(name, bytes));
    expect(error.problem.row).toBe(0);
    expect(error.problem.message).toMatch(message);
    expect(error.problem.expected).toMatch(/CSV|xlsx|Excel/);
  });

  it('refuses a file with only blank lines', async () => {
    const error = await readError(files.write('blank.csv', '\n\n ,\n'));
    expect(error.problem.message).toMatch(/no rows/);
  });

  it('reads a Buffer or stream given a file name, or with no name as CSV', async () => {
    const bytes = Buffer.from('a,b\n1,2\n');
    expect((await read(bytes, { fileName: 'x.csv' })).rows).toHaveLength(1);
    expect((await read(Readable.from([bytes]))).rows).toHaveLength(1);
    expect((await read(bytes, { format: 'csv' })).table.format).toBe('csv');
  });

  it('treats a zip as XLSX whatever its name says', async () => {
    const file = await files.xlsx('book.xlsx', (wb) => wb.addWorksheet('S').addRow(['a']));
    const { readFileSync } = await import('node:fs');
    const { table } = await read(readFileSync(file), { fileName: 'upload.csv' });
    expect(table.format).toBe('xlsx');
  });
});

describe('header row', () => {
  const titled =
    'Pupils with SEN, January 2024\nSource: school census\n\nURN,SENprovision\n100001,E\n';

  it('is the first non-empty row by default', async () => {
    const { table, rows } = await read(files.write('t1.csv', titled));
    expect(table.headerRow).toBe(1);
    expect(table.headerFoundBy).toBe('first-row');
    expect(rows[0]?.rowNumber).toBe(2);
  });

  it('can be given', async () => {
    const { table, rows } = await read(files.write('t2.csv', titled), { headerRow: 4 });
    expect(table.headers).toEqual(['URN', 'SENprovision']);
    expect(table.headerFoundBy).toBe('option');
    expect(rows).toEqual([{ rowNumber: 5, cells: ['100001', 'E'] }]);
  });

  it('refuses a given header row that is blank or past the end', async () => {
    expect(
      (await readError(files.write('t3.csv', titled), { headerRow: 3 })).problem.message,
    ).toMatch(/Row 3 is empty/);
    expect(
      (await readError(files.write('t4.csv', titled), { headerRow: 40 })).problem.message,
    ).toMatch(/no row 40/);
  });

  it('can be found by a test within the first rows', async () => {
    const isHeader = (cells: readonly unknown[]) => cells.includes('URN');
    const { table, rows } = await read(files.write('t5.csv', titled), { isHeader });
    expect(table.headerRow).toBe(4);
    expect(table.headerFoundBy).toBe('match');
    expect(rows.map((r) => r.rowNumber)).toEqual([5]);
  });

  it('falls back to the first row, keeping the rows read while searching, when none matches', async () => {
    const { table, rows } = await read(files.write('t6.csv', titled), { isHeader: () => false });
    expect(table.headerRow).toBe(1);
    expect(table.headerFoundBy).toBe('first-row');
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 4, 5]);
    expect(table.notes.join(' ')).toMatch(/row 1 was taken as the header/);
  });

  it('cleans header text and drops trailing empty header cells', async () => {
    const { table } = await read(files.write('t7.csv', '\uFEFF URN ,"SEN\nprovision",,\n1,E\n'));
    expect(table.headers).toEqual(['URN', 'SEN provision']);
  });

  it('refuses absurd headers', async () => {
    const wide = `${Array.from({ length: 1200 }, (_, i) => `c${i}`).join(',')}\n`;
    expect((await readError(files.write('wide.csv', wide))).problem.message).toMatch(
      /1,200 columns; Sendboard reads at most 1,000/,
    );
    const long = `URN,${'x'.repeat(300)}\n`;
    expect((await readError(files.write('longhead.csv', long))).problem.message).toMatch(
      /column B of row 1 is 300 characters long/,
    );
  });

  it('readRows yields every row, title rows too', async () => {
    const rows: ReadRow[] = [];
    for await (const row of readRows(files.write('t8.csv', titled))) rows.push(row);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 4, 5]);
  });
});

describe('closing early', () => {
  const big = 'a,b\n' + '1,2\n'.repeat(200_000);

  it('closes a stream input on break', async () => {
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) yield Buffer.from(big);
      })(),
    );
    const table = await openTable(stream, { fileName: 'x.csv' });
    let n = 0;
    for await (const row of table.rows) if (row && ++n === 10) break;
    expect(await settle(() => stream.destroyed)).toBe(true);
  });

  it('closes the file on break, and on close() without reading', async () => {
    const file = files.write('big.csv', big);
    const before = openFileCount();
    const table = await openTable(file);
    for await (const row of table.rows) if (row) break;
    if (before !== undefined) expect(await settle(() => openFileCount() === before)).toBe(true);

    const unread = await openTable(file);
    await unread.close();
    if (before !== undefined) expect(await settle(() => openFileCount() === before)).toBe(true);
  });

  it('closes an XLSX stream on break', async () => {
    const file = await files.xlsx('many.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['n']);
      for (let i = 0; i < 5000; i++) ws.addRow([i]);
    });
    const { createReadStream } = await import('node:fs');
    const stream = createReadStream(file);
    const table = await openTable(stream, { fileName: 'many.xlsx' });
    for await (const row of table.rows) if (row) break;
    expect(await settle(() => stream.destroyed)).toBe(true);
  });
});

describe('XLSX', () => {
  it('reads the first visible sheet, typed cells, formulas, rich text, links, dates and merges', async () => {
    const file = await files.xlsx('census.xlsx', (wb) => {
      wb.addWorksheet('Notes', { state: 'hidden' }).addRow(['not this one']);
      const ws = wb.addWorksheet('Data');
      ws.addRow(['Table 1: SEN pupils']); // title row 1; row 2 blank
      ws.getCell('A3').value = 'URN';
      ws.getCell('B3').value = 'School';
      ws.getCell('C3').value = 'Census date';
      ws.getCell('D3').value = 'Pupils';
      ws.getCell('E3').value = 'Doubled';
      ws.getCell('F3').value = 'Zero';
      ws.getCell('G3').value = 'Uncalculated';
      ws.getCell('H3').value = 'Rate';
      ws.getCell('I3').value = 'Boarding';
      ws.getCell('J3').value = 'Website';
      ws.getRow(4).values = [
        100001,
        { richText: [{ text: 'St ', font: { bold: true } }, { text: 'Anne’s' }] },
        new Date(Date.UTC(2024, 0, 18)),
        120,
        { formula: 'D4*2', result: 240 },
        { formula: 'D4*0', result: 0 },
        { formula: 'SUM(D1:D3)' },
        0.125,
        true,
        { text: 'GOV.UK', hyperlink: 'https://www.gov.uk' },
      ];
      ws.getCell('H4').numFmt = '0.0%';
      ws.getCell('C5').value = 45309; // a serial number with no date format
      ws.getCell('A5').value = 100002;
      ws.getCell('B5').value = { error: '#N/A' };
      ws.getCell('A6').value = 100003;
      ws.getCell('B6').value = 'Merged over two rows';
      ws.mergeCells('B6:B7');
      ws.getCell('A7').value = 100004;
    });
    const { table, rows } = await read(file, { isHeader: (cells) => cells[0] === 'URN' });
    expect(table.format).toBe('xlsx');
    expect(table.sheet).toBe('Data');
    expect(table.headerRow).toBe(3);
    expect(table.headers).toEqual([
      'URN',
      'School',
      'Census date',
      'Pupils',
      'Doubled',
      'Zero',
      'Uncalculated',
      'Rate',
      'Boarding',
      'Website',
    ]);
    const [four, five, six, seven] = rows;
    expect(four?.rowNumber).toBe(4);
    expect(four?.cells).toEqual([
      100001,
      'St Anne’s',
      new Date(Date.UTC(2024, 0, 18)),
      120,
      240,
      0,
      null,
      0.125,
      true,
      'GOV.UK',
    ]);
    expect(four?.issues).toEqual(
      expect.arrayContaining([
        { column: 4, kind: 'formula', detail: '=D4*2' },
        { column: 5, kind: 'formula', detail: '=D4*0' },
        { column: 6, kind: 'formula-without-result', detail: '=SUM(D1:D3)' },
        { column: 7, kind: 'percent-format', detail: '0.0%' },
      ]),
    );
    expect(five?.cells.slice(0, 3)).toEqual([100002, null, 45309]);
    expect(five?.issues).toEqual([{ column: 1, kind: 'spreadsheet-error', detail: '#N/A' }]);
    expect(six?.cells.slice(0, 2)).toEqual([100003, 'Merged over two rows']);
    // The merged cell's value is only in its top-left cell.
    expect(seven?.rowNumber).toBe(7);
    expect(seven?.cells[1] ?? null).toBeNull();
  });

  it('reads a sheet by name, and lists the sheets when the name is wrong', async () => {
    const file = await files.xlsx('two.xlsx', (wb) => {
      wb.addWorksheet('Summary').addRow(['x']);
      const ws = wb.addWorksheet('Pupil data');
      ws.addRow(['URN']);
      ws.addRow([1]);
    });
    const { table, rows } = await read(file, { sheet: 'pupil DATA' });
    expect(table.sheet).toBe('Pupil data');
    expect(rows[0]?.cells).toEqual([1]);
    const error = await readError(file, { sheet: 'Pupils' });
    expect(error.problem.message).toBe(
      'The workbook has no worksheet called ‘Pupils’. Its worksheets are: Summary, Pupil data.',
    );
  });

  it('refuses a workbook whose sheets are all hidden', async () => {
    const file = await files.xlsx('hidden.xlsx', (wb) => {
      wb.addWorksheet('A', { state: 'hidden' }).addRow(['x']);
    });
    expect((await readError(file)).problem.message).toMatch(/no visible worksheet/);
  });

  it('reports a damaged workbook instead of crashing or hanging', async () => {
    const file = await files.xlsx('whole.xlsx', (wb) => {
      const ws = wb.addWorksheet('S');
      for (let i = 0; i < 2000; i++) ws.addRow([i, `row ${i}`]);
    });
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    for (const cut of [30, 400, Math.floor(bytes.length / 2), bytes.length - 30]) {
      const damaged = files.write(`cut-${cut}.xlsx`, bytes.subarray(0, cut));
      const outcome = await read(damaged).then(
        () => 'read',
        (e: unknown) => (e instanceof TableReadError ? 'error' : `threw ${String(e)}`),
      );
      expect(['read', 'error']).toContain(outcome);
    }
  });
});

describe('XLSX damage', () => {
  /** Where a zip entry's compressed data starts, from its local header. */
  function entryData(zip: Buffer, name: string): number {
    for (
      let at = zip.indexOf('PK\x03\x04', 0, 'latin1');
      at >= 0;
      at = zip.indexOf('PK\x03\x04', at + 4, 'latin1')
    ) {
      const nameLength = zip.readUInt16LE(at + 26);
      const extraLength = zip.readUInt16LE(at + 28);
      if (zip.toString('latin1', at + 30, at + 30 + nameLength) === name)
        return at + 30 + nameLength + extraLength;
    }
    throw new Error(`no ${name}`);
  }

  it('gives up on a workbook whose reader stops making progress, instead of waiting for ever', async () => {
    const file = await files.xlsx('to-damage.xlsx', (wb) => {
      const ws = wb.addWorksheet('S');
      for (let i = 0; i < 50; i++) ws.addRow([i, `row ${i}`]);
    });
    const { readFileSync } = await import('node:fs');
    const bytes = Buffer.from(readFileSync(file));
    // A bad first byte in the worksheet's deflate data: exceljs then waits for ever.
    bytes[entryData(bytes, 'xl/worksheets/sheet1.xml')] = 0xff;
    const started = Date.now();
    const error = await readError(bytes, { fileName: 'damaged.xlsx', stallMs: 200 });
    expect(error.problem.message).toMatch(/stopped part-way.*damaged/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('sheets exceljs parks in temporary files', () => {
  // exceljs writes a workbook's sheets before its shared strings, so its reader parks them in
  // temporary files and deletes each one as soon as it is skipped, while the stream that reads
  // it may not have opened yet. An error from that stream once ended the whole process.
  it('skips them without an uncaught error from a file that has gone', async () => {
    const file = await files.xlsx('sheets.xlsx', (wb) => {
      for (const name of ['A', 'B', 'C', 'D']) {
        const ws = wb.addWorksheet(name);
        for (let i = 0; i < 300; i++) ws.addRow([i, `row ${i}`]);
      }
    });
    const uncaught: unknown[] = [];
    const listener = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', listener);
    try {
      for (let i = 0; i < 30; i++) {
        const first = await openTable(file);
        let n = 0;
        for await (const row of first.rows) if (row && ++n > 5) break;
        await first.close();
        // Naming a sheet can still fail cleanly when exceljs meets the sheets before their names.
        try {
          const third = await openTable(file, { sheet: 'C' });
          for await (const row of third.rows) n += row ? 1 : 0;
        } catch (e) {
          expect(e).toBeInstanceOf(TableReadError);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', listener);
    }
    expect(uncaught).toEqual([]);
  });
});

describe('columnLetter', () => {
  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
  });
});
