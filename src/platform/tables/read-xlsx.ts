// XLSX: the rows of one worksheet, streamed by exceljs.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Source } from './byte-source.js';
import { fileProblem, TableReadError } from './read-errors.js';
import { BATCH } from './read-options.js';
import type { ReadRow } from './types.js';
import { xlsxRow } from './xlsx-cells.js';
import { Watchdog } from './xlsx-watchdog.js';

/** The parts of exceljs's streaming worksheet reader that its type declarations leave out. */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name?: string;
  state?: string;
  iterator?: {
    destroy?: () => void;
    return?: () => unknown;
    on?: (event: 'error', listener: (e: unknown) => void) => unknown;
  };
}

interface BookReader {
  model?: { sheets?: { name: string; state?: string }[] };
}

const visible = (state: string | undefined) => state !== 'hidden' && state !== 'veryHidden';

export async function* xlsxBatches(
  source: Source,
  wanted: string | undefined,
  chosen: { name: string | undefined },
  stallMs: number,
): AsyncGenerator<ReadRow[]> {
  let failure: unknown;
  const watchdog = new Watchdog(stallMs);
  const stream = Readable.from(watchdog.watch(source.chunks()), { objectMode: false });
  // exceljs does not listen for errors on the stream it is given; keep one for the message.
  stream.on('error', (e) => (failure ??= e));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell dates and percentages from plain numbers
    hyperlinks: 'ignore', // a hyperlink cell then reads as its text
    worksheets: 'emit',
    entries: 'ignore',
  });
  // exceljs names a sheet from the workbook part, which some writers (exceljs itself) store
  // after the sheets; it reads such a sheet at once if it has the relationships, and then fails
  // on `model.sheets` (exceljs issue 3064). Hiding the relationships until the workbook part has
  // been read makes it park those sheets and read them, named, at the end.
  let relationships: unknown;
  Object.defineProperty(reader, 'workbookRels', {
    get(this: { model?: unknown }) {
      return this.model ? relationships : undefined;
    },
    set(value: unknown) {
      relationships = value;
    },
    configurable: true,
  });
  const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<SheetReader>;
  const names: string[] = [];
  let current: SheetReader | undefined;
  try {
    for (;;) {
      const next = await watchdog.wait(sheets.next());
      if (next.done) break;
      const sheet = next.value;
      const name = sheet.name ?? `Sheet${names.length + 1}`;
      names.push(name);
      if (chosen.name !== undefined || !isWanted(sheet, name, wanted, reader as BookReader)) {
        skipSheet(sheet);
        continue;
      }
      chosen.name = name;
      current = sheet;
      let batch: ReadRow[] = [];
      const rows = sheet[Symbol.asyncIterator]();
      for (;;) {
        const row = await watchdog.wait(rows.next());
        if (row.done) break;
        const read = xlsxRow(row.value);
        if (read) batch.push(read);
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      current = undefined;
      if (batch.length > 0) yield batch;
      break;
    }
  } catch (e) {
    if (e instanceof TableReadError) throw e;
    throw fileProblem(
      `The workbook could not be read; it may be damaged (${((failure ?? e) as Error).message}).`,
    );
  } finally {
    if (!watchdog.stalled) {
      if (current) skipSheet(current);
      await finishWorkbook(stream, sheets, watchdog);
    }
    // If exceljs got stuck, release the input and leave it (its temporary files go at exit).
    if (watchdog.stalled) stream.destroy();
    watchdog.stop();
    await source.close();
  }
  if (chosen.name === undefined) {
    if (names.length === 0) throw fileProblem('The workbook has no worksheets.');
    if (wanted !== undefined) {
      throw fileProblem(
        `The workbook has no worksheet called ‘${wanted}’. Its worksheets are: ${names.join(', ')}.`,
        0,
        `a worksheet called ‘${wanted}’`,
      );
    }
    throw fileProblem('The workbook has no visible worksheet: every sheet is hidden.');
  }
}

function isWanted(
  sheet: SheetReader,
  name: string,
  wanted: string | undefined,
  reader: BookReader,
): boolean {
  if (wanted !== undefined) return name.trim().toLowerCase() === wanted.trim().toLowerCase();
  if (!visible(sheet.state)) return false;
  // Sheets arrive in zip order; the tab order is in the workbook part, when it came first.
  const first = reader.model?.sheets?.find((s) => visible(s.state));
  return first === undefined || first.name === name;
}

function skipSheet(sheet: SheetReader): void {
  const it = sheet.iterator;
  // A sheet exceljs parked in a temporary file is read through a file stream that opens later;
  // exceljs deletes the file as soon as the sheet is skipped, so that late open can fail. Nobody
  // else listens to that stream: without a listener its error would end the whole process.
  it?.on?.('error', () => {});
  if (it?.destroy) it.destroy();
  else void it?.return?.();
}

/**
 * Once the zip has been read to its end (sheets parked in temporary files), stepping through the
 * remaining sheets lets exceljs delete those files; otherwise stop reading the zip.
 */
async function finishWorkbook(
  stream: Readable,
  sheets: AsyncIterator<SheetReader>,
  watchdog: Watchdog,
): Promise<void> {
  try {
    if (stream.readableEnded) {
      for (;;) {
        const next = await watchdog.wait(sheets.next());
        if (next.done) break;
        skipSheet(next.value);
      }
    } else {
      stream.destroy();
      await sheets.return?.(undefined);
    }
  } catch {
    // Closing after a failure: the failure has already been reported.
  }
}
