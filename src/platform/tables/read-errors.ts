// Problems with a file as a whole, or ones that stop it being read further.
import type { RowError } from './types.js';

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

/** A problem with the file (row 0) or one that stops reading at `row`. */
export function fileProblem(message: string, row = 0, expected: string = ACCEPTED): TableReadError {
  return new TableReadError({ row, column: '', message, expected });
}

/** Anything thrown while reading, as a problem to report. */
export function asReadError(e: unknown): TableReadError {
  if (e instanceof TableReadError) return e;
  return fileProblem(`The file could not be read (${(e as Error)?.message ?? String(e)}).`);
}
