// Shapes shared by every import (indicator values, geography, census, EHC cases): a file is read
// into raw rows, the rows are checked against a column specification, and the checked records are
// handed to a capability's own rules. A problem is always reported against the row and column a
// user can find in their spreadsheet.

/** One cell as read from a CSV or XLSX file, before any checking. */
export type RawCell = string | number | boolean | Date | null;

/** One data row. `rowNumber` is the row a spreadsheet shows (the header row is usually 1). */
export interface RawRow {
  readonly rowNumber: number;
  readonly cells: readonly RawCell[];
}

/** One problem with an import, in words an analyst can act on. */
export interface RowError {
  /** Row number as the spreadsheet shows it; 0 for a problem with the file as a whole. */
  readonly row: number;
  /** The column's header as written in the file, or the expected header if it is missing. */
  readonly column: string;
  /** What is wrong, e.g. "‘31/02/2024’ is not a real date". */
  readonly message: string;
  /** What was expected, e.g. "a date like 31/01/2024 or 2024-01-31". */
  readonly expected?: string;
}

/**
 * Something the reader noticed about one cell that the checker should report, because the value
 * alone cannot show it (e.g. an XLSX formula with no saved result reads as an empty cell).
 */
export interface CellIssue {
  /** Index into `cells` (0 is the first column). */
  readonly column: number;
  /**
   * - `formula`: the cell holds a formula; its saved (cached) result is the value.
   * - `formula-without-result`: a formula with no saved result; the value is null.
   * - `spreadsheet-error`: the cell shows an error such as #N/A or #DIV/0!; the value is null.
   * - `percent-format`: a number formatted as a percentage, so 12.5% is held as 0.125.
   * - `unreadable`: a value the reader could not turn into text, a number, a date or a boolean.
   */
  readonly kind:
    'formula' | 'formula-without-result' | 'spreadsheet-error' | 'percent-format' | 'unreadable';
  /** The formula text, the error code, or what was found. */
  readonly detail: string;
}

/** A row as the reader yields it: a RawRow, plus anything the reader noticed about its cells. */
export interface ReadRow extends RawRow {
  readonly issues?: readonly CellIssue[];
}
