// Finding the header row (given, matched, or the first), and the header cells as text.
import { fileProblem } from './read-errors.js';
import { READ_DEFAULTS, type OpenedTable, type ReadTableOptions } from './read-options.js';
import type { RowPuller } from './row-puller.js';
import type { RawCell, ReadRow } from './types.js';

export interface Header {
  readonly headers: string[];
  readonly headerRow: number;
  readonly foundBy: OpenedTable['headerFoundBy'];
}

export async function findHeader(
  puller: RowPuller,
  options: ReadTableOptions,
  notes: string[],
): Promise<Header> {
  const limits = {
    maxColumns: options.maxColumns ?? READ_DEFAULTS.maxColumns,
    maxHeaderLength: options.maxHeaderLength ?? READ_DEFAULTS.maxHeaderLength,
  };
  const take = (row: ReadRow, foundBy: Header['foundBy']): Header => ({
    headers: headerCells(row, limits),
    headerRow: row.rowNumber,
    foundBy,
  });
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
      return take(row, 'option');
    }
  }
  const first = await puller.next();
  if (!first) throw fileProblem('The file has no rows: it is empty apart from blank lines.');
  if (!options.isHeader || options.isHeader(first.cells)) {
    return take(first, options.isHeader ? 'match' : 'first-row');
  }
  const searched: ReadRow[] = [first];
  const limit = options.headerSearchRows ?? READ_DEFAULTS.headerSearchRows;
  while (searched.length < limit) {
    const row = await puller.next();
    if (!row) break;
    if (options.isHeader(row.cells)) return take(row, 'match');
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
  return take(header, 'first-row');
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
