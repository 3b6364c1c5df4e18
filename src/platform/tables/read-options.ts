// What reading a table takes (the input and its options) and gives (an opened table), and the
// state a reader shares with the code that opened it.
import type { Readable } from 'node:stream';
import type { TableReadError } from './read-errors.js';
import type { RawCell, ReadRow } from './types.js';

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

/** Bytes read from a file at a time. */
export const CHUNK = 256 * 1024;
/** Bytes looked at to tell the format, the encoding and the delimiter. */
export const SAMPLE = 64 * 1024;
/** Rows handed on at a time. */
export const BATCH = 512;

/** What reading has found out so far, shared by the CSV reader and the table it feeds. */
export interface ReadState {
  /** Rows (records, blank ones too) read so far: where a problem happened. */
  rowsSeen: number;
  /** Set when the text stops being readable; reported after the rows before it. */
  stoppedBy?: (row: number) => TableReadError;
  notes: string[];
  encoding: TextEncoding | undefined;
  delimiter: Delimiter | undefined;
}
