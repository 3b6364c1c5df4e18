// CSV: the delimiter, then the rows, parsed by csv-parse from text checked or decoded to UTF-8.
import { Readable, pipeline } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { Source } from './byte-source.js';
import { decoded, detectEncoding, sampleText, utf8Checked } from './csv-encoding.js';
import { fileProblem, TableReadError } from './read-errors.js';
import {
  BATCH,
  READ_DEFAULTS,
  SAMPLE,
  type Delimiter,
  type ReadState,
  type ReadTableOptions,
} from './read-options.js';
import type { ReadRow } from './types.js';

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

export async function* csvBatches(
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
