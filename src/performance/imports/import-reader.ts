// Reading an import's file: the table opened, each record checked against its columns.
import {
  checkOpenedTable,
  ErrorList,
  headerScore,
  matchesHeader,
  normaliseHeader,
  type ColumnSpec,
  type RecordInfo,
  type RecordOf,
  type ColumnDef,
} from '../../platform/tables/columns.js';
import { openTable, TableReadError, type OpenedTable } from '../../platform/tables/read-table.js';
import { type ImportFailure, type ImportSource, MAX_ERRORS } from './import-types.js';

// ---------------------------------------------------------------------------------------------
// Reading

type Reader<C extends readonly ColumnDef[]> = {
  /** The header as written in the file for each column key. */
  columns: Record<string, string>;
  errors: ErrorList;
  run: (
    onRecord: (record: RecordOf<C>, info: RecordInfo) => void,
  ) => Promise<{ rowsRead: number; notes: readonly string[]; errorCount: number }>;
};

export async function openReader<C extends readonly ColumnDef[]>(
  spec: ColumnSpec<C>,
  source: ImportSource,
  maxRows: number,
): Promise<Reader<C> | ImportFailure> {
  let table: OpenedTable;
  try {
    table = await openTable(source.input, {
      fileName: source.fileName,
      ...(source.sheet ? { sheet: source.sheet } : {}),
      isHeader: (cells) => matchesHeader(spec, cells),
      scoreHeader: (cells) => headerScore(spec, cells),
    });
  } catch (e) {
    if (!(e instanceof TableReadError)) throw e;
    return { ok: false, rowsRead: 0, errors: [e.problem], errorCount: 1, notes: [] };
  }
  const columns: Record<string, string> = {};
  for (const def of spec.columns) {
    const names = new Set([def.label, ...(def.aliases ?? [])].map(normaliseHeader));
    columns[def.key] = table.headers.find((h) => names.has(normaliseHeader(h))) ?? def.label;
  }
  const errors = new ErrorList(MAX_ERRORS);
  return {
    columns,
    errors,
    run: async (onRecord) => {
      const report = await checkOpenedTable(table, spec, onRecord, { maxRows }, errors);
      if (report.rowsRead === 0 && report.errorCount === 0) {
        errors.add({
          row: 0,
          column: '',
          message: `The file has a header row (row ${table.headerRow}) but no rows of data below it.`,
          expected: 'one row for each figure, below the header row',
        });
      }
      return { rowsRead: report.rowsRead, notes: report.notes, errorCount: errors.count };
    },
  };
}

export function failure(
  errors: ErrorList,
  rowsRead: number,
  notes: readonly string[],
): ImportFailure {
  return { ok: false, rowsRead, errors: errors.kept, errorCount: errors.count, notes };
}

export const show = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '' : String(v);
