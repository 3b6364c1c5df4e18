// A declarative column specification, and the checker that turns raw rows into typed records or
// row-level errors. Every import (indicator values, school lists, census counts, EHC cases)
// describes its columns here, so the same file quirks are handled once: headers written in other
// ways, "1,234", "12.5%", DfE suppression markers, UK dates, periods like 2024-25.
//
// The parts: column-spec (the columns and the records they give), header-match, the cell readers
// (read-numbers, read-dates, read-periods, read-words, with cell-problem), row-checker and
// error-list. This file checks whole tables.
import { checkHeader, headerScore, matchesHeader } from './header-match.js';
import { ErrorList } from './error-list.js';
import type { ColumnDef, ColumnSpec, RecordOf } from './column-spec.js';
import { RowChecker, type RecordInfo } from './row-checker.js';
import {
  openTable,
  TableReadError,
  type OpenedTable,
  type ReadTableOptions,
  type TableFormat,
  type TableInput,
} from './read-table.js';
import type { RowError } from './types.js';

export { CellProblem } from './cell-problem.js';
export {
  defineColumns,
  SUPPRESSED_MARKERS,
  type BooleanColumn,
  type ColumnDef,
  type ColumnSpec,
  type DateColumn,
  type EnumColumn,
  type EnumValue,
  type IntegerColumn,
  type NumberColumn,
  type Period,
  type PeriodColumn,
  type PeriodKind,
  type RecordOf,
  type TextColumn,
  type ValueOf,
} from './column-spec.js';
export { ErrorList } from './error-list.js';
export { normaliseHeader } from './header-names.js';
export {
  checkHeader,
  editDistance,
  headerScore,
  matchesHeader,
  type HeaderCheck,
} from './header-match.js';
export { readDate } from './read-dates.js';
export { looksLikeFormula } from './read-numbers.js';
export { readPeriod } from './read-periods.js';
export { checkCell, RowChecker, type RecordInfo } from './row-checker.js';

export interface CheckOptions extends ReadTableOptions {
  /** Errors kept (default: the spec's maxErrors); all are counted. */
  readonly maxErrors?: number;
  /** Stop with an error after this many data rows. No limit by default. */
  readonly maxRows?: number;
}

export interface CheckReport {
  /** Non-empty data rows read after the header. */
  readonly rowsRead: number;
  /** Rows that passed and were given to the consumer. */
  readonly recordsAccepted: number;
  /** The first errors (up to maxErrors), in row order. */
  readonly errors: readonly RowError[];
  /** All errors, kept or not. Anything above 0 means the import must not be saved. */
  readonly errorCount: number;
  readonly notes: readonly string[];
  /** What was read, when the file could be opened. */
  readonly table?: {
    readonly format: TableFormat;
    readonly encoding?: string;
    readonly delimiter?: string;
    readonly sheet?: string;
    readonly headerRow: number;
    readonly headers: readonly string[];
  };
}

export type RecordConsumer<C extends readonly ColumnDef[]> = (
  record: RecordOf<C>,
  info: RecordInfo,
) => void | Promise<void>;

/**
 * Read a file and check every row against the spec, calling `onRecord` for each valid row as it
 * is read, so a caller can aggregate millions of rows without keeping them. Problems with the
 * file or its rows come back in the report; nothing the file holds makes this throw (an error
 * thrown by `onRecord` is passed on). All-or-nothing is the caller's: save only if errorCount is 0.
 * The header is found automatically (the first row with the spec's required columns, within the
 * first 20 rows) unless `headerRow` is given. Pass `errors` to count the caller's own row errors
 * (e.g. an unknown school) in the same capped list.
 */
export async function checkTable<C extends readonly ColumnDef[]>(
  input: TableInput,
  spec: ColumnSpec<C>,
  onRecord: RecordConsumer<C>,
  options: CheckOptions = {},
  errors: ErrorList = new ErrorList(options.maxErrors ?? spec.maxErrors),
): Promise<CheckReport> {
  let table: OpenedTable;
  try {
    table = await openTable(input, {
      ...options,
      isHeader:
        options.headerRow === undefined
          ? (options.isHeader ?? ((cells) => matchesHeader(spec, cells)))
          : undefined,
      scoreHeader: options.scoreHeader ?? ((cells) => headerScore(spec, cells)),
    });
  } catch (e) {
    if (!(e instanceof TableReadError)) throw e;
    errors.add(e.problem);
    return {
      rowsRead: 0,
      recordsAccepted: 0,
      errors: errors.kept,
      errorCount: errors.count,
      notes: [],
    };
  }
  return checkOpenedTable(table, spec, onRecord, options, errors);
}

/** As checkTable, for a table already opened (e.g. to show its headers first). Closes it. */
export async function checkOpenedTable<C extends readonly ColumnDef[]>(
  table: OpenedTable,
  spec: ColumnSpec<C>,
  onRecord: RecordConsumer<C>,
  options: Pick<CheckOptions, 'maxErrors' | 'maxRows'> = {},
  errors: ErrorList = new ErrorList(options.maxErrors ?? spec.maxErrors),
): Promise<CheckReport> {
  const notes: string[] = [];
  const info: CheckReport['table'] = {
    format: table.format,
    headerRow: table.headerRow,
    headers: table.headers,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    ...(table.delimiter ? { delimiter: table.delimiter } : {}),
    ...(table.sheet ? { sheet: table.sheet } : {}),
  };
  const header = checkHeader(spec, table.headers, table.headerRow);
  for (const e of header.errors) errors.add(e);
  notes.push(...header.notes);
  let rowsRead = 0;
  let accepted = 0;
  const report = (checker?: RowChecker<C>): CheckReport => ({
    rowsRead,
    recordsAccepted: accepted,
    errors: errors.kept,
    errorCount: errors.count,
    notes: [...table.notes, ...notes, ...(checker?.notes() ?? [])],
    table: { ...info, ...(table.encoding ? { encoding: table.encoding } : {}) },
  });
  if (header.errors.length > 0) {
    await table.close();
    return report();
  }
  const checker = new RowChecker<C>(header, errors, table.format);
  const maxRows = options.maxRows ?? Infinity;
  try {
    for await (const batch of table.batches()) {
      for (const row of batch) {
        rowsRead++;
        if (rowsRead > maxRows) {
          errors.add({
            row: row.rowNumber,
            column: '',
            message: `The file has more than ${maxRows.toLocaleString('en-GB')} rows of data, the most this import takes.`,
            expected: `at most ${maxRows.toLocaleString('en-GB')} rows`,
          });
          rowsRead--;
          return report(checker);
        }
        const checked = checker.check(row);
        if (!checked) continue;
        accepted++;
        const done = onRecord(checked.record, checked.info);
        if (done !== undefined) await done;
      }
    }
  } catch (e) {
    if (!(e instanceof TableReadError)) throw e;
    errors.add(e.problem);
  } finally {
    await table.close();
  }
  return report(checker);
}

/**
 * For small imports: every valid record, or none. `records` is present only when there were no
 * errors at all. Set `maxRows` to keep memory in check.
 */
export async function collectTable<C extends readonly ColumnDef[]>(
  input: TableInput,
  spec: ColumnSpec<C>,
  options: CheckOptions = {},
): Promise<CheckReport & { records?: (RecordOf<C> & { rowNumber: number })[] }> {
  const records: (RecordOf<C> & { rowNumber: number })[] = [];
  const errors = new ErrorList(options.maxErrors ?? spec.maxErrors);
  const report = await checkTable(
    input,
    spec,
    (record, info) => {
      // Once anything has failed nothing will be returned, so stop keeping records.
      if (errors.count === 0) records.push({ ...record, rowNumber: info.rowNumber });
      else records.length = 0;
    },
    options,
    errors,
  );
  return report.errorCount === 0 ? { ...report, records } : report;
}
