// Checking each row against a spec once the header is known: a typed record, or the row's errors.
import { CellProblem, clip, show } from './cell-problem.js';
import { defaultMarkers, type ColumnDef, type RecordOf } from './column-spec.js';
import { ErrorList } from './error-list.js';
import type { HeaderCheck } from './header-match.js';
import { columnLetter } from './header-row.js';
import { DATE_EXPECTED, readDate } from './read-dates.js';
import { INTEGER_EXPECTED, numberExpected, readInteger, readNumber } from './read-numbers.js';
import { ALL_PERIODS, periodExpected, readPeriod } from './read-periods.js';
import type { TableFormat } from './read-options.js';
import { BOOLEAN_EXPECTED, enumIndex, readBoolean, readEnum, readText } from './read-words.js';
import type { CellIssue, RawCell, ReadRow } from './types.js';

/** Where a valid record came from, for the consumer. */
export interface RecordInfo {
  readonly rowNumber: number;
  /** Keys of the columns whose cell held a suppression marker (their value is null). */
  readonly suppressed: readonly string[];
}

const NO_SUPPRESSED: readonly string[] = Object.freeze([]);

interface Bound {
  readonly def: ColumnDef;
  readonly key: string;
  readonly index: number;
  readonly header: string;
  readonly blankOk: boolean;
  readonly markers: ReadonlySet<string> | undefined;
  formulas: number;
}

/**
 * Checks rows against a spec once the header is known. `check` returns the record, or undefined
 * after adding the row's errors to the list.
 */
export class RowChecker<C extends readonly ColumnDef[]> {
  private readonly bound: Bound[];
  private readonly width: number;
  private readonly merged: boolean;
  private readonly absent: readonly string[];

  constructor(
    header: HeaderCheck,
    private readonly errors: ErrorList,
    format: TableFormat = 'csv',
  ) {
    this.width = header.width;
    this.merged = format === 'xlsx';
    this.absent = header.absent ?? [];
    this.bound = header.columns.map(({ def, index, header }) => ({
      def,
      key: def.key,
      index,
      header,
      blankOk: def.allowBlank ?? !def.required,
      markers:
        def.suppressed === true
          ? defaultMarkers
          : Array.isArray(def.suppressed)
            ? new Set((def.suppressed as readonly string[]).map((m) => m.toLowerCase()))
            : undefined,
      formulas: 0,
    }));
  }

  check(row: ReadRow): { record: RecordOf<C>; info: RecordInfo } | undefined {
    const record: Record<string, unknown> = {};
    for (const key of this.absent) record[key] = null;
    let suppressed: string[] | undefined;
    let bad = false;
    const cells = row.cells;
    for (const col of this.bound) {
      let cell = cells[col.index] ?? null;
      let percentFormatted = false;
      if (row.issues) {
        let problem: CellIssue | undefined;
        for (const issue of row.issues) {
          if (issue.column !== col.index) continue;
          if (issue.kind === 'formula') col.formulas++;
          else if (issue.kind === 'percent-format') percentFormatted = true;
          else problem ??= issue;
        }
        if (problem) {
          this.fail(row, col, issueProblem(problem, col.def));
          bad = true;
          continue;
        }
      }
      if (typeof cell === 'string') {
        const trimmed = cell.trim();
        if (trimmed.length === 0) cell = null;
        else if (col.markers && col.markers.has(trimmed.toLowerCase())) {
          record[col.key] = null;
          (suppressed ??= []).push(col.key);
          continue;
        }
      }
      if (cell === null) {
        if (col.blankOk) {
          record[col.key] = null;
          continue;
        }
        this.fail(row, col, this.emptyProblem(col.def));
        bad = true;
        continue;
      }
      const value = readCell(cell, col.def, percentFormatted);
      if (value instanceof CellProblem) {
        this.fail(row, col, value);
        bad = true;
      } else {
        record[col.key] = value;
      }
    }
    if (cells.length > this.width) {
      for (let i = this.width; i < cells.length; i++) {
        const extra = cells[i];
        if (
          extra === null ||
          extra === undefined ||
          (typeof extra === 'string' && extra.trim() === '')
        )
          continue;
        this.errors.add({
          row: row.rowNumber,
          column: `column ${columnLetter(i)}`,
          message: `This row has a value in column ${columnLetter(i)} (${show(extra)}), beyond the last column with a header${this.width > 0 ? ` (${columnLetter(this.width - 1)})` : ''}. A value with an unquoted comma or a missing header can cause this.`,
          expected: `no more values than there are headers (${this.width})`,
        });
        bad = true;
        break;
      }
    }
    if (bad) return undefined;
    return {
      record: record as RecordOf<C>,
      info: { rowNumber: row.rowNumber, suppressed: suppressed ?? NO_SUPPRESSED },
    };
  }

  /** Notes worth telling the user once all rows are checked. */
  notes(): string[] {
    return this.bound
      .filter((col) => col.formulas > 0)
      .map(
        (col) =>
          `${col.formulas.toLocaleString('en-GB')} ${col.formulas === 1 ? 'cell' : 'cells'} in ‘${col.header}’ held formulas; the results saved in the file were used.`,
      );
  }

  private fail(row: ReadRow, col: Bound, problem: CellProblem): void {
    this.errors.add({
      row: row.rowNumber,
      column: col.header,
      message: problem.message,
      expected: problem.expected,
    });
  }

  private emptyProblem(def: ColumnDef): CellProblem {
    return new CellProblem(
      this.merged
        ? 'This cell is empty. If it is part of a merged cell, unmerge it and fill in the value on every row.'
        : 'This cell is empty.',
      expectedFor(def),
    );
  }
}

function issueProblem(issue: CellIssue, def: ColumnDef): CellProblem {
  const expected = expectedFor(def);
  switch (issue.kind) {
    case 'formula-without-result':
      return new CellProblem(
        `This cell holds a formula (${clip(issue.detail)}) with no saved result. Open the file in Excel, let it calculate, and save it again; or paste the values in.`,
        expected,
      );
    case 'spreadsheet-error':
      return new CellProblem(
        `This cell shows a spreadsheet error (${clip(issue.detail)}).`,
        expected,
      );
    default:
      return new CellProblem(`This cell could not be read (${clip(issue.detail)}).`, expected);
  }
}

function expectedFor(def: ColumnDef): string {
  switch (def.kind) {
    case 'text':
      return def.patternHint ?? 'some text';
    case 'integer':
      return INTEGER_EXPECTED;
    case 'number':
      return numberExpected(def);
    case 'date':
      return DATE_EXPECTED;
    case 'period':
      return periodExpected(def.accept ?? ALL_PERIODS);
    case 'enum':
      return enumIndex(def).expected;
    case 'boolean':
      return BOOLEAN_EXPECTED;
  }
}

function readCell(
  cell: Exclude<RawCell, null>,
  def: ColumnDef,
  percentFormatted: boolean,
): unknown {
  if (cell instanceof Date && Number.isNaN(cell.getTime())) {
    return new CellProblem('This cell holds a date that is not valid.', expectedFor(def));
  }
  switch (def.kind) {
    case 'text':
      return readText(cell, def);
    case 'integer':
      return readInteger(cell, def);
    case 'number':
      return readNumber(cell, def, percentFormatted);
    case 'date':
      return readDate(cell, def);
    case 'period':
      return readPeriod(cell, def);
    case 'enum':
      return readEnum(cell, def);
    case 'boolean':
      return readBoolean(cell);
  }
}

/** Check one cell against a column, outside a table: the value, or what is wrong. */
export function checkCell(
  cell: RawCell,
  def: ColumnDef,
): { ok: true; value: unknown } | { ok: false; message: string; expected: string } {
  const errors = new ErrorList(1);
  const checker = new RowChecker(
    { columns: [{ def, index: 0, header: def.label }], errors: [], notes: [], width: 1 },
    errors,
  );
  const result = checker.check({ rowNumber: 1, cells: [cell] });
  if (result) return { ok: true, value: (result.record as Record<string, unknown>)[def.key] };
  const error = errors.kept[0];
  return { ok: false, message: error?.message ?? '', expected: error?.expected ?? '' };
}
