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
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { CellIssue, RawCell, ReadRow, RowError } from './types.js';

export type TableFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';

/** A file path, the file's bytes, or a stream of them (e.g. an upload). */
export type TableInput = string | Uint8Array | Readable | AsyncIterable<Uint8Array | string>;

export interface ReadTableOptions {
  /** The file's name as uploaded, used with the first bytes to tell CSV from XLSX. */
  readonly fileName?: string;
  /** Skip detection. The first bytes still win: a zip is read as XLSX, an old .xls is refused. */
  readonly format?: TableFormat;
  /** XLSX: the worksheet to read (case-insensitive); by default the first visible one. */
  readonly sheet?: string;
  /** CSV: skip delimiter detection. */
  readonly delimiter?: Delimiter;
  /** CSV: skip encoding detection. */
  readonly encoding?: TextEncoding;
  /** The header's row number as a spreadsheet shows it; by default it is found (see isHeader). */
  readonly headerRow?: number;
  /**
   * Says whether a row is the header. The first of the first `headerSearchRows` non-empty rows
   * for which it is true is the header (title rows above it are skipped); if none is, the first
   * non-empty row is taken. Without it, the first non-empty row is the header.
   */
  readonly isHeader?: (cells: readonly RawCell[]) => boolean;
  /**
   * When no row passes isHeader: how near a row is to being the header (e.g. how many expected
   * headers it names). The highest-scoring row searched is taken, or the first if none scores.
   */
  readonly scoreHeader?: (cells: readonly RawCell[]) => number;
  readonly headerSearchRows?: number;
  /** Refuse a header row with more columns than this. */
  readonly maxColumns?: number;
  /** Refuse a header cell longer than this (a sign that the wrong row was taken as the header). */
  readonly maxHeaderLength?: number;
  /** CSV: refuse a row longer than this many characters (usually an unclosed quote). */
  readonly maxRowChars?: number;
  /**
   * XLSX: call the workbook damaged when its reader makes no progress for this long (ms) while
   * not waiting for input. Some damaged workbooks would otherwise never finish. Default 10 s.
   */
  readonly stallMs?: number;
}

export const READ_DEFAULTS = {
  maxColumns: 1000,
  maxHeaderLength: 250,
  maxRowChars: 1_000_000,
  headerSearchRows: 20,
  stallMs: 10_000,
} as const;

export interface OpenedTable {
  readonly format: TableFormat;
  /** CSV only. Can change to windows-1252 while reading if text after the sample turns out not to be UTF-8. */
  readonly encoding: TextEncoding | undefined;
  readonly delimiter: Delimiter | undefined;
  /** XLSX only: the worksheet read. */
  readonly sheet: string | undefined;
  /** Header cells as text: trimmed, inner whitespace collapsed, trailing empty cells dropped. */
  readonly headers: readonly string[];
  readonly headerRow: number;
  /** How the header row was chosen. */
  readonly headerFoundBy: 'option' | 'match' | 'first-row';
  /** Things worth telling the user about the file as a whole; can grow while rows are read. */
  readonly notes: readonly string[];
  /**
   * The non-empty rows after the header, once. Stopping early (break) closes the file. Read either
   * `rows` or `batches()`, not both.
   */
  readonly rows: AsyncIterable<ReadRow>;
  /** The same rows in arrays, which is faster for millions of rows. */
  batches(): AsyncIterable<readonly ReadRow[]>;
  /** Close the file without reading (more of) the rows. Safe to call more than once. */
  close(): Promise<void>;
}

/** A problem with the file as a whole, or one that stops it being read further. */
export class TableReadError extends Error {
  readonly problem: RowError;
  constructor(problem: RowError) {
    super(problem.message);
    this.name = 'TableReadError';
    this.problem = problem;
  }
}

const ACCEPTED = 'a CSV file (.csv) or an Excel workbook (.xlsx)';
const CHUNK = 256 * 1024;
const SAMPLE = 64 * 1024;
const BATCH = 512;

function fileProblem(message: string, row = 0, expected: string = ACCEPTED): TableReadError {
  return new TableReadError({ row, column: '', message, expected });
}

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

// ---------------------------------------------------------------------------------------------
// Bytes in

/** The input as a pull-based sequence of byte chunks, with a peek at the first bytes. */
class Source {
  private readonly iterator: AsyncIterator<Buffer>;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(input: TableInput) {
    this.iterator = byteChunks(input)[Symbol.asyncIterator]();
  }

  /** The first `size` bytes (fewer if the file is shorter), kept to be read again by chunks(). */
  async readHead(size: number): Promise<Buffer> {
    let length = 0;
    for (;;) {
      if (length >= size) break;
      const next = await this.iterator.next();
      if (next.done) break;
      this.pending.push(next.value);
      length += next.value.length;
    }
    const head = Buffer.concat(this.pending);
    this.pending = head.length > 0 ? [head] : [];
    return head;
  }

  /** Drop the first `n` bytes of what readHead returned (a byte-order mark). */
  skip(n: number): void {
    const first = this.pending[0];
    if (first) this.pending[0] = first.subarray(n);
  }

  async *chunks(): AsyncGenerator<Buffer> {
    try {
      while (this.pending.length > 0) {
        const chunk = this.pending.shift();
        if (chunk && chunk.length > 0) yield chunk;
      }
      for (;;) {
        const next = await this.iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    await this.iterator.return?.(undefined);
  }
}

async function* byteChunks(input: TableInput): AsyncGenerator<Buffer> {
  if (typeof input === 'string') {
    const stream = createReadStream(input, { highWaterMark: CHUNK });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (e) {
      throw fileProblem(`The file could not be opened (${(e as Error).message}).`);
    } finally {
      stream.destroy();
    }
  } else if (input instanceof Uint8Array) {
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
  } else {
    try {
      for await (const chunk of input) {
        yield typeof chunk === 'string'
          ? Buffer.from(chunk, 'utf8')
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
    } finally {
      if (input instanceof Readable) input.destroy();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Format

const CSV_EXTENSIONS = new Set(['', '.csv', '.tsv', '.tab', '.txt']);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function startsWith(head: Buffer, magic: Buffer | string): boolean {
  const bytes = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : magic;
  return head.length >= bytes.length && head.subarray(0, bytes.length).equals(bytes);
}

/** CSV or XLSX from the first bytes and the file name; refuses anything else with a reason. */
export function detectFormat(
  head: Buffer,
  fileName: string | undefined,
  format?: TableFormat,
): TableFormat {
  const ext = fileName ? path.extname(fileName).toLowerCase() : '';
  const named = fileName ? `‘${fileName}’` : 'This file';
  if (head.length === 0) throw fileProblem(`${named} is empty.`);
  if (startsWith(head, OLE)) {
    throw fileProblem(
      `${named} is an older Excel workbook (.xls) or a password-protected one, which Sendboard cannot read. ` +
        'Open it in Excel, remove any password, and save it as an Excel Workbook (.xlsx) or as CSV UTF-8.',
    );
  }
  if (startsWith(head, ZIP)) {
    if (ext === '.ods' || ext === '.numbers' || ext === '.xlsb') {
      throw fileProblem(
        `${named} is a ${ext} spreadsheet, which Sendboard cannot read. Save it as an Excel Workbook (.xlsx) or as CSV.`,
      );
    }
    return 'xlsx';
  }
  if (startsWith(head, EMPTY_ZIP)) throw fileProblem(`${named} is an empty zip archive.`);
  if (format === 'xlsx' || ext === '.xlsx' || ext === '.xlsm') {
    throw fileProblem(
      `${named} is not a valid Excel workbook: it may be damaged, or a different kind of file renamed to .xlsx.`,
    );
  }
  if (ext === '.xls' || ext === '.xlsb' || ext === '.ods' || ext === '.numbers') {
    throw fileProblem(
      `${named} is not a format Sendboard can read. Save it as an Excel Workbook (.xlsx) or as CSV UTF-8.`,
    );
  }
  if (startsWith(head, '%PDF') || startsWith(head, '{\\rtf') || startsWith(head, '\x1f\x8b')) {
    throw fileProblem(
      `${named} is not a spreadsheet (it looks like a PDF, RTF or compressed file).`,
    );
  }
  if (format === 'csv' || CSV_EXTENSIONS.has(ext)) return 'csv';
  throw fileProblem(`${named} is not a format Sendboard can read.`);
}

// ---------------------------------------------------------------------------------------------
// CSV

interface ReadState {
  /** Rows (records, blank ones too) read so far: where a problem happened. */
  rowsSeen: number;
  /** Set when the text stops being readable; reported after the rows before it. */
  stoppedBy?: (row: number) => TableReadError;
  notes: string[];
  encoding: TextEncoding | undefined;
  delimiter: Delimiter | undefined;
}

/** The text encoding from a byte-order mark or the first bytes, and how many BOM bytes to skip. */
export function detectEncoding(
  sample: Buffer,
  complete: boolean,
): { encoding: TextEncoding; bom: number } {
  if (startsWith(sample, Buffer.from([0xef, 0xbb, 0xbf]))) return { encoding: 'utf-8', bom: 3 };
  if (startsWith(sample, Buffer.from([0xff, 0xfe]))) return { encoding: 'utf-16le', bom: 2 };
  if (startsWith(sample, Buffer.from([0xfe, 0xff]))) return { encoding: 'utf-16be', bom: 2 };
  const probe = sample.subarray(0, 4096);
  if (probe.includes(0)) {
    // UTF-16 without a BOM: ASCII text has a zero in every other byte.
    let even = 0;
    let odd = 0;
    for (let i = 0; i < probe.length; i++) {
      if (probe[i] === 0) {
        if (i % 2 === 0) even++;
        else odd++;
      }
    }
    const half = probe.length / 2;
    if (odd > half * 0.3 && even < half * 0.05) return { encoding: 'utf-16le', bom: 0 };
    if (even > half * 0.3 && odd < half * 0.05) return { encoding: 'utf-16be', bom: 0 };
    throw fileProblem('This file holds binary data, not the text of a CSV file.');
  }
  const whole = complete ? sample : sample.subarray(0, completeUtf8Length(sample));
  return { encoding: isUtf8(whole) ? 'utf-8' : 'windows-1252', bom: 0 };
}

/** Length of `buf` up to the end of its last complete UTF-8 character. */
function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  let i = n - 1;
  let back = 0;
  while (i >= 0 && back < 3 && ((buf[i] ?? 0) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return n;
  const lead = buf[i] ?? 0;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > n - i ? i : n;
}

/**
 * UTF-8 bytes pass straight to csv-parse (which copes with a character split between chunks); each
 * chunk is checked, cut at a character boundary. If bytes that are not UTF-8 turn up after a
 * sample that was plain ASCII, the rest is read as Windows-1252, which agrees with ASCII; after
 * real UTF-8 text they mean the file mixes encodings, and reading stops at the start of the line
 * holding them, so that the error names the right row.
 */
async function* utf8Checked(
  chunks: AsyncIterable<Buffer>,
  state: ReadState,
  trust: boolean,
): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  let fallback: ReturnType<typeof iconv.getDecoder> | undefined;
  let seenNonAscii = false;
  const fallBack = (bytes: Buffer): Buffer => {
    if (!fallback) {
      fallback = iconv.getDecoder('windows-1252');
      state.encoding = 'windows-1252';
      state.notes.push(
        `The file is not UTF-8 text after row ${state.rowsSeen}; it was read as Windows-1252 (the usual encoding of CSV files saved by older Excel).`,
      );
    }
    return Buffer.from(fallback.write(bytes), 'utf8');
  };
  for await (const chunk of chunks) {
    if (trust) {
      yield chunk;
      continue;
    }
    if (fallback) {
      yield fallBack(chunk);
      continue;
    }
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : undefined;
    const piece = buf.subarray(0, cut);
    if (isUtf8(piece)) {
      if (!seenNonAscii && !isAscii(piece)) seenNonAscii = true;
      yield piece;
    } else if (!seenNonAscii) {
      const rest = carry ? Buffer.concat([piece, carry]) : piece;
      carry = undefined;
      yield fallBack(rest);
    } else {
      yield upToBadLine(piece);
      state.stoppedBy = mixedEncoding;
      return;
    }
  }
  if (carry) {
    if (fallback || !seenNonAscii) yield fallBack(carry);
    else state.stoppedBy = mixedEncoding;
  }
}

/** The lines of `piece` before the one holding its first byte that is not UTF-8. */
function upToBadLine(piece: Buffer): Buffer {
  const text = piece.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  const offset = bad < 0 ? 0 : Buffer.byteLength(text.slice(0, bad));
  return piece.subarray(0, piece.lastIndexOf(0x0a, offset) + 1);
}

function mixedEncoding(row: number): TableReadError {
  return fileProblem(
    `The file mixes text encodings: it starts as UTF-8, but row ${row} has characters that are not UTF-8. Nothing from row ${row} on could be read.`,
    row,
    'a CSV file saved as “CSV UTF-8” from Excel',
  );
}

async function* decoded(
  chunks: AsyncIterable<Buffer>,
  encoding: 'utf-16le' | 'utf-16be' | 'windows-1252',
): AsyncGenerator<Buffer> {
  // iconv-lite's decoders keep a byte split between chunks for the next one.
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text.length > 0) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.end();
  if (rest) yield Buffer.from(rest, 'utf8');
}

function sampleText(sample: Buffer, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return sample.toString('utf8');
  return iconv.decode(sample, encoding, { stripBOM: true });
}

/**
 * The delimiter that splits the first lines into the most equal numbers of fields. Looking at
 * several lines, not only the first, copes with title rows above the header.
 */
export function detectDelimiter(text: string): Delimiter {
  const candidates: Delimiter[] = [',', ';', '\t'];
  const counts = new Map<Delimiter, number[]>(candidates.map((d) => [d, []]));
  let line = new Map<string, number>();
  let inQuotes = false;
  let lines = 0;
  let nonEmpty = false;
  const endLine = () => {
    if (nonEmpty) {
      for (const d of candidates) counts.get(d)?.push(line.get(d) ?? 0);
      lines++;
    }
    line = new Map();
    nonEmpty = false;
  };
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i] as string;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) endLine();
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) {
      line.set(ch, (line.get(ch) ?? 0) + 1);
      nonEmpty = true;
    } else if (ch.trim() !== '') nonEmpty = true;
  }
  if (lines < 20) endLine();
  let best: Delimiter = ',';
  let bestScore = [0, 0];
  for (const d of candidates) {
    const frequency = new Map<number, number>();
    for (const c of counts.get(d) ?? []) if (c > 0) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    for (const [fields, lineCount] of frequency) {
      const [bestLines = 0, bestFields = 0] = bestScore;
      if (lineCount > bestLines || (lineCount === bestLines && fields > bestFields)) {
        best = d;
        bestScore = [lineCount, fields];
      }
    }
  }
  return best;
}

async function* csvBatches(
  source: Source,
  head: Buffer,
  options: ReadTableOptions,
  state: ReadState,
): AsyncGenerator<ReadRow[]> {
  const detected = detectEncoding(head, head.length < SAMPLE);
  if (options.encoding) {
    state.encoding = options.encoding;
    // Still drop a byte-order mark that matches the encoding given.
    if (detected.encoding === options.encoding) source.skip(detected.bom);
  } else {
    state.encoding = detected.encoding;
    source.skip(detected.bom);
  }
  const encoding = state.encoding;
  state.delimiter =
    options.delimiter ?? detectDelimiter(sampleText(head.subarray(detected.bom), encoding));
  const bytes =
    encoding === 'utf-8'
      ? utf8Checked(source.chunks(), state, options.encoding === 'utf-8')
      : decoded(source.chunks(), encoding);
  const text = Readable.from(bytes, { objectMode: false });
  const maxRowChars = options.maxRowChars ?? READ_DEFAULTS.maxRowChars;
  const parser = parseCsv({
    delimiter: state.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: maxRowChars,
    bom: false,
  });
  // Errors from either side come out of the parser's iteration below.
  pipeline(text, parser, () => {});
  let batch: ReadRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const rowNumber = ++state.rowsSeen;
      if (isBlankRecord(record)) continue;
      batch.push({ rowNumber, cells: record });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    // csv-parse counts the records before the problem, blank ones too, as we do.
    const records = (e as { records?: unknown }).records;
    const row = (typeof records === 'number' ? records : state.rowsSeen) + 1;
    throw csvProblem(e, row, maxRowChars);
  } finally {
    parser.destroy();
    text.destroy();
    await source.close();
  }
  if (batch.length > 0) yield batch;
  if (state.stoppedBy) throw state.stoppedBy(state.rowsSeen + 1);
}

function isBlankRecord(record: readonly string[]): boolean {
  for (const cell of record) if (cell.length > 0 && cell.trim().length > 0) return false;
  return true;
}

function csvProblem(e: unknown, row: number, maxRowChars: number): TableReadError {
  if (e instanceof TableReadError) return e;
  const code = (e as { code?: string }).code;
  const expected =
    'each row on its own line, with any value that holds a comma or line break in double quotes';
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return fileProblem(
      `Row ${row} starts a quoted value that is never closed: a double quote (") with no closing quote. Nothing after it could be read.`,
      row,
      expected,
    );
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return fileProblem(
      `Row ${row} is longer than ${maxRowChars.toLocaleString('en-GB')} characters, which usually means a double quote (") is not closed. Nothing after it could be read.`,
      row,
      expected,
    );
  }
  return fileProblem(
    `Row ${row} could not be read as CSV (${(e as Error).message}). Nothing after it could be read.`,
    row,
    expected,
  );
}

// ---------------------------------------------------------------------------------------------
// XLSX

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

/**
 * exceljs (through unzipper) can wait for ever on some damaged workbooks: an error inflating a
 * worksheet that is being parked in a temporary file is never passed on. This rejects the wait
 * when nothing has happened for `ms` while we wait on exceljs and exceljs is not waiting on us
 * (the input is not being read from a slow upload, say).
 */
class Watchdog {
  private lastActivity = Date.now();
  private waitingSince = 0;
  private upstreamBusy = false;
  private rejectWait: ((e: unknown) => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  stalled = false;

  constructor(private readonly ms: number) {
    this.timer = setInterval(() => this.check(), Math.max(10, Math.min(250, ms / 4)));
    this.timer.unref();
  }

  /** The input's chunks, noting when exceljs takes one and when we wait for the next. */
  async *watch(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const it = chunks[Symbol.asyncIterator]();
    try {
      for (;;) {
        this.upstreamBusy = true;
        const next = await it.next();
        this.upstreamBusy = false;
        this.lastActivity = Date.now();
        if (next.done) return;
        yield next.value;
        this.lastActivity = Date.now();
      }
    } finally {
      this.upstreamBusy = false;
      await it.return?.(undefined);
    }
  }

  wait<T>(promise: Promise<T>): Promise<T> {
    if (this.stalled) return Promise.reject(stallProblem());
    this.waitingSince = Date.now();
    return new Promise<T>((resolve, reject) => {
      this.rejectWait = reject;
      const done = () => {
        this.rejectWait = undefined;
        this.waitingSince = 0;
        this.lastActivity = Date.now();
      };
      promise.then(
        (value) => {
          done();
          resolve(value);
        },
        (e: unknown) => {
          done();
          reject(e);
        },
      );
    });
  }

  private check(): void {
    if (!this.rejectWait || this.waitingSince === 0 || this.upstreamBusy) return;
    if (Date.now() - Math.max(this.waitingSince, this.lastActivity) < this.ms) return;
    this.stalled = true;
    const reject = this.rejectWait;
    this.rejectWait = undefined;
    reject(stallProblem());
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function stallProblem(): TableReadError {
  return fileProblem(
    'The workbook could not be read: reading it stopped part-way, which usually means the file is damaged. Open it in Excel and save it again.',
  );
}

async function* xlsxBatches(
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

function xlsxRow(row: ExcelJS.Row): ReadRow | undefined {
  const cells: RawCell[] = [];
  let issues: CellIssue[] | undefined;
  let empty = true;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    while (cells.length < col - 1) cells.push(null);
    const value = xlsxCell(cell, col - 1, (issue) => (issues ??= []).push(issue));
    if (value !== null && !(typeof value === 'string' && value.trim() === '')) empty = false;
    cells.push(value);
  });
  if (empty && issues === undefined) return undefined;
  return issues ? { rowNumber: row.number, cells, issues } : { rowNumber: row.number, cells };
}

function xlsxCell(cell: ExcelJS.Cell, column: number, flag: (issue: CellIssue) => void): RawCell {
  const value = cell.value as unknown;
  const plain = plainValue(value, column, flag);
  if (typeof plain === 'number' && typeof cell.numFmt === 'string' && cell.numFmt.includes('%')) {
    flag({ column, kind: 'percent-format', detail: cell.numFmt });
  }
  if (value !== null && typeof value === 'object' && isFormula(value)) {
    // exceljs drops a saved result of 0 from `value`; the model keeps it.
    const model = cell.model as { result?: unknown };
    const result = model.result !== undefined ? model.result : value.result;
    const text = String(value.formula ?? '');
    const formula = text === '' ? 'a shared formula' : `=${text}`;
    if (result === undefined || result === null) {
      flag({ column, kind: 'formula-without-result', detail: formula });
      return null;
    }
    const read = plainValue(result, column, flag);
    if (typeof read === 'number' && Number.isNaN(read)) {
      // An error result (#DIV/0!) reaches us as NaN.
      flag({ column, kind: 'spreadsheet-error', detail: `${formula} gives an error` });
      return null;
    }
    flag({ column, kind: 'formula', detail: formula });
    return read;
  }
  return plain;
}

interface FormulaLike {
  formula?: unknown;
  sharedFormula?: unknown;
  result?: unknown;
}

function isFormula(value: object): value is FormulaLike {
  return 'formula' in value || 'sharedFormula' in value;
}

function plainValue(value: unknown, column: number, flag: (issue: CellIssue) => void): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value) || Number.isNaN(value)) return value;
    flag({ column, kind: 'unreadable', detail: String(value) });
    return null;
  }
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value;
    flag({ column, kind: 'unreadable', detail: 'an invalid date' });
    return null;
  }
  if (typeof value === 'object') {
    if (isFormula(value))
      return value.result === undefined ? null : plainValue(value.result, column, flag);
    const v = value as { richText?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((run) => String(run.text ?? '')).join('');
    }
    if ('text' in v) return plainValue(v.text, column, flag); // a hyperlink: its text
    if (typeof v.error === 'string') {
      flag({ column, kind: 'spreadsheet-error', detail: v.error });
      return null;
    }
  }
  flag({ column, kind: 'unreadable', detail: JSON.stringify(value)?.slice(0, 40) ?? '' });
  return null;
}

// ---------------------------------------------------------------------------------------------
// Header and rows out

/** Rows pulled one at a time from batches, with the rest of a batch handed on whole. */
class RowPuller {
  private batch: readonly ReadRow[] = [];
  private at = 0;
  private closed = false;

  constructor(private readonly batches: AsyncGenerator<ReadRow[]>) {}

  async next(): Promise<ReadRow | undefined> {
    while (this.at >= this.batch.length) {
      if (this.closed) return undefined;
      const next = await this.batches.next();
      if (next.done) {
        this.closed = true;
        return undefined;
      }
      this.batch = next.value;
      this.at = 0;
    }
    return this.batch[this.at++];
  }

  async nextBatch(): Promise<readonly ReadRow[] | undefined> {
    if (this.at < this.batch.length) {
      const rest = this.at === 0 ? this.batch : this.batch.slice(this.at);
      this.at = this.batch.length;
      return rest;
    }
    if (this.closed) return undefined;
    const next = await this.batches.next();
    if (next.done) {
      this.closed = true;
      return undefined;
    }
    this.batch = next.value;
    this.at = this.batch.length;
    return next.value;
  }

  /** Put rows read ahead (while looking for the header) back in front. */
  unread(rows: readonly ReadRow[]): void {
    this.batch = [...rows, ...this.batch.slice(this.at)];
    this.at = 0;
  }

  async close(): Promise<void> {
    if (this.closed) {
      this.batch = [];
      return;
    }
    this.closed = true;
    this.batch = [];
    await this.batches.return(undefined);
  }
}

interface Header {
  readonly headers: string[];
  readonly headerRow: number;
  readonly foundBy: OpenedTable['headerFoundBy'];
}

async function findHeader(
  puller: RowPuller,
  options: ReadTableOptions,
  notes: string[],
): Promise<Header> {
  const limits = {
    maxColumns: options.maxColumns ?? READ_DEFAULTS.maxColumns,
    maxHeaderLength: options.maxHeaderLength ?? READ_DEFAULTS.maxHeaderLength,
  };
  if (options.headerRow !== undefined) {
    const wanted = options.headerRow;
    for (;;) {
      const row = await puller.next();
      if (!row) throw fileProblem(`There is no row ${wanted}: the file ends before it.`, wanted);
      if (row.rowNumber < wanted) continue;
      if (row.rowNumber > wanted) {
        throw fileProblem(
          `Row ${wanted} is empty, but it should hold the column headers.`,
          wanted,
          'the column headers in that row',
        );
      }
      return { headers: headerCells(row, limits), headerRow: row.rowNumber, foundBy: 'option' };
    }
  }
  const first = await puller.next();
  if (!first) throw fileProblem('The file has no rows: it is empty apart from blank lines.');
  if (!options.isHeader || options.isHeader(first.cells)) {
    return {
      headers: headerCells(first, limits),
      headerRow: first.rowNumber,
      foundBy: options.isHeader ? 'match' : 'first-row',
    };
  }
  const searched: ReadRow[] = [first];
  const limit = options.headerSearchRows ?? READ_DEFAULTS.headerSearchRows;
  while (searched.length < limit) {
    const row = await puller.next();
    if (!row) break;
    if (options.isHeader(row.cells)) {
      return { headers: headerCells(row, limits), headerRow: row.rowNumber, foundBy: 'match' };
    }
    searched.push(row);
  }
  let chosen = 0;
  let best = 0;
  searched.forEach((row, i) => {
    const score = options.scoreHeader?.(row.cells) ?? 0;
    if (score > best) {
      best = score;
      chosen = i;
    }
  });
  const header = searched[chosen] ?? first;
  puller.unread(searched.slice(chosen + 1));
  notes.push(
    `No row among the first ${searched.length} has all the expected column headers, so row ${header.rowNumber}${chosen > 0 ? ', the nearest,' : ''} was taken as the header row.`,
  );
  return {
    headers: headerCells(header, limits),
    headerRow: header.rowNumber,
    foundBy: 'first-row',
  };
}

/** A header cell as text: BOM removed, whitespace (line breaks too) collapsed, trimmed. */
export function headerText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  let text: string;
  if (cell instanceof Date) text = cell.toISOString().slice(0, 10);
  else if (typeof cell === 'boolean') text = cell ? 'TRUE' : 'FALSE';
  else text = String(cell);
  return text
    .replace(/\uFEFF/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function headerCells(
  row: ReadRow,
  limits: { maxColumns: number; maxHeaderLength: number },
): string[] {
  const headers = row.cells.map(headerText);
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length > limits.maxColumns) {
    throw fileProblem(
      `The header row (row ${row.rowNumber}) has ${headers.length.toLocaleString('en-GB')} columns; Sendboard reads at most ${limits.maxColumns.toLocaleString('en-GB')}.`,
      row.rowNumber,
      'one header row naming each column once',
    );
  }
  const long = headers.findIndex((h) => h.length > limits.maxHeaderLength);
  if (long >= 0) {
    throw fileProblem(
      `The header in column ${columnLetter(long)} of row ${row.rowNumber} is ${(headers[long] ?? '').length.toLocaleString('en-GB')} characters long, so row ${row.rowNumber} does not look like a header row.`,
      row.rowNumber,
      `column headers of at most ${limits.maxHeaderLength} characters`,
    );
  }
  return headers;
}

/** A column's letter as a spreadsheet shows it, from a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
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

function asReadError(e: unknown): TableReadError {
  if (e instanceof TableReadError) return e;
  return fileProblem(`The file could not be read (${(e as Error)?.message ?? String(e)}).`);
}
