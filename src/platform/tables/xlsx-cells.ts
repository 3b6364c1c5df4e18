// An XLSX row's cells as plain values, with what the values alone cannot show (formulas,
// spreadsheet errors, percentage formats) noted as the row's issues.
import type ExcelJS from 'exceljs';
import type { CellIssue, RawCell, ReadRow } from './types.js';

export function xlsxRow(row: ExcelJS.Row): ReadRow | undefined {
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
