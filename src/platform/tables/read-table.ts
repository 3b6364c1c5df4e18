// Reads a CSV or XLSX file into raw rows, streaming, so that a census file of millions of pupil
// rows is read in bounded memory. Nothing here knows what the columns mean: checking a row against
// a column specification is columns.ts's job.
//
// How cells arrive:
// - CSV: every cell is a string, as written (not trimmed). Blank lines are skipped but still counted,
//   so row numbers match what a spreadsheet shows (a quoted value with line breaks is one row).
// - XLSX: numbers, strings, booleans and Dates (a number formatted as a date becomes a Date at
//   midnight UTC on that calendar day). Rich text becomes plain text, a hyperlink its text. A
//   formula gives its saved result, and the row's `issues` say so; with no saved result the cell is
//   null and the issue says that too. Merged cells: exceljs's streaming reader gives the value only
//   in the top-left cell and leaves the others empty, and the merge ranges come after the rows in
//   the file, so they cannot be known while streaming. So a merged cell reads as one value and the
//   rest of its cells as empty; the checker reports such empty cells in an XLSX file with a hint
//   that they may be part of a merged cell, and a merged header leaves columns with no header.
// - exceljs parks worksheets in temporary files when the workbook's shared strings come after the
//   sheets in the zip (as Excel writes them); it removes them when the workbook has been read.
//
// The parts: byte-source (the input as chunks), file-format (CSV or XLSX), csv-encoding and
// read-csv, read-xlsx with xlsx-cells and xlsx-watchdog, row-puller and header-row.
import path from 'node:path';
import { Source } from './byte-source.js';
import { detectFormat } from './file-format.js';
import { findHeader, type Header } from './header-row.js';
import { csvBatches } from './read-csv.js';
import { asReadError } from './read-errors.js';
import {
  READ_DEFAULTS,
  SAMPLE,
  type OpenedTable,
  type ReadState,
  type ReadTableOptions,
  type TableFormat,
  type TableInput,
} from './read-options.js';
import { xlsxBatches } from './read-xlsx.js';
import { RowPuller } from './row-puller.js';
import type { ReadRow } from './types.js';

export { detectEncoding } from './csv-encoding.js';
export { detectFormat } from './file-format.js';
export { columnLetter, headerText } from './header-row.js';
export { detectDelimiter } from './read-csv.js';
export { TableReadError } from './read-errors.js';
export {
  READ_DEFAULTS,
  type Delimiter,
  type OpenedTable,
  type ReadTableOptions,
  type TableFormat,
  type TableInput,
  type TextEncoding,
} from './read-options.js';

/**
 * Open a table and read up to its header row. Throws TableReadError for a file that cannot be read
 * (wrong format, empty, no header, absurd size); reading `rows` can throw one too (e.g. a quote
 * that is never closed, a damaged workbook).
 */
export async function openTable(
  input: TableInput,
  options: ReadTableOptions = {},
): Promise<OpenedTable> {
  const started = await start(input, options);
  const puller = new RowPuller(started.batches);
  try {
    const header = await findHeader(puller, options, started.state.notes);
    return makeTable(started, header, puller);
  } catch (e) {
    await puller.close().catch(() => undefined);
    throw asReadError(e);
  }
}

/** Every non-empty row of the table, title and header rows included, with no header handling. */
export async function* readRows(
  input: TableInput,
  options: ReadTableOptions = {},
): AsyncGenerator<ReadRow> {
  const started = await start(input, options);
  try {
    for await (const batch of started.batches) yield* batch;
  } catch (e) {
    throw asReadError(e);
  } finally {
    await started.batches.return(undefined);
  }
}

interface Started {
  readonly format: TableFormat;
  readonly state: ReadState;
  readonly sheet: { name: string | undefined };
  readonly batches: AsyncGenerator<ReadRow[]>;
}

async function start(input: TableInput, options: ReadTableOptions): Promise<Started> {
  const source = new Source(input);
  try {
    const head = await source.readHead(SAMPLE);
    const name = options.fileName ?? (typeof input === 'string' ? path.basename(input) : undefined);
    const format = detectFormat(head, name, options.format);
    const state: ReadState = { rowsSeen: 0, notes: [], encoding: undefined, delimiter: undefined };
    const sheet: { name: string | undefined } = { name: undefined };
    const batches =
      format === 'xlsx'
        ? xlsxBatches(source, options.sheet, sheet, options.stallMs ?? READ_DEFAULTS.stallMs)
        : csvBatches(source, head, options, state);
    return { format, state, sheet, batches };
  } catch (e) {
    await source.close();
    throw asReadError(e);
  }
}

function makeTable(started: Started, header: Header, puller: RowPuller): OpenedTable {
  const { format, state, sheet } = started;
  const close = () => puller.close();
  async function* batches(): AsyncGenerator<readonly ReadRow[]> {
    try {
      for (;;) {
        const batch = await puller.nextBatch();
        if (!batch) return;
        yield batch;
      }
    } catch (e) {
      throw asReadError(e);
    } finally {
      await close();
    }
  }
  async function* rows(): AsyncGenerator<ReadRow> {
    for await (const batch of batches()) yield* batch;
  }
  return {
    format,
    get encoding() {
      return state.encoding;
    },
    delimiter: state.delimiter,
    sheet: sheet.name,
    headers: header.headers,
    headerRow: header.headerRow,
    headerFoundBy: header.foundBy,
    notes: state.notes,
    rows: { [Symbol.asyncIterator]: () => rows() },
    batches,
    close,
  };
}
