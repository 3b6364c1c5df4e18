import { stringify } from 'csv-stringify/sync';
import { fileNameSlug } from '../platform/web/file-name.js';
import { todayInLondon } from '../platform/web/today.js';
import type { ActionSheetRow, MeasureSummary } from './export-repository.js';
import { ACTION_CATEGORY_LABELS, ACTION_STATUS_LABELS } from './plan-rules.js';
import { actionNumber } from './action-numbers.js';
import { slippageDays } from './slippage-rules.js';

/** A plan's actions as a tracker: one row per action, the columns boards and the DfE ask for. */
export type ExportRow = {
  number: string;
  priority: string;
  action: string;
  category: string;
  lead: string;
  leadOrganisation: string;
  partners: string;
  start: string | null;
  due: string | null;
  originalDue: string | null;
  slippageDays: number | null;
  status: string;
  rag: string;
  overdue: 'Yes' | 'No';
  latestUpdateOn: string | null;
  latestUpdate: string;
  latestFigure: number | null;
  latestFigureFor: string;
  successMeasures: string;
  includedFrom: string;
};

type Column = { key: keyof ExportRow; header: string; width: number; kind?: 'date' | 'wrap' };

export const EXPORT_COLUMNS: readonly Column[] = [
  { key: 'number', header: 'Number', width: 8 },
  { key: 'priority', header: 'Priority', width: 30, kind: 'wrap' },
  { key: 'action', header: 'Action', width: 50, kind: 'wrap' },
  { key: 'category', header: 'Category', width: 15 },
  { key: 'lead', header: 'Lead', width: 22 },
  { key: 'leadOrganisation', header: 'Lead organisation', width: 26 },
  { key: 'partners', header: 'Partners', width: 30, kind: 'wrap' },
  { key: 'start', header: 'Start', width: 12, kind: 'date' },
  { key: 'due', header: 'Due', width: 12, kind: 'date' },
  { key: 'originalDue', header: 'Original due date', width: 12, kind: 'date' },
  { key: 'slippageDays', header: 'Slippage (days)', width: 10 },
  { key: 'status', header: 'Status', width: 13 },
  { key: 'rag', header: 'RAG', width: 8 },
  { key: 'overdue', header: 'Overdue', width: 9 },
  { key: 'latestUpdateOn', header: 'Latest update', width: 13, kind: 'date' },
  { key: 'latestUpdate', header: 'Latest update narrative', width: 60, kind: 'wrap' },
  { key: 'latestFigure', header: 'Latest figure', width: 12 },
  { key: 'latestFigureFor', header: 'Latest figure for', width: 30, kind: 'wrap' },
  { key: 'successMeasures', header: 'Success measures', width: 50, kind: 'wrap' },
  { key: 'includedFrom', header: 'Included from plan', width: 30, kind: 'wrap' },
];

const RAG_LABELS = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

function measureLine(m: MeasureSummary): string {
  const target =
    m.target !== null ? ` (target ${m.target}${m.targetDate ? ` by ${m.targetDate}` : ''})` : '';
  const by = m.target === null && m.targetDate ? ` (by ${m.targetDate})` : '';
  return `${m.text}${target}${by}`;
}

/** Rows in plan order. RAG and overdue follow the roll-up rule: complete counts as green. */
export function exportRows(actions: readonly ActionSheetRow[], today: string): ExportRow[] {
  return actions.map((a) => {
    const rag = a.status === 'complete' ? 'green' : a.rag;
    return {
      number: actionNumber(a),
      // Where this plan shows it: an action included one by one sits under a priority of this plan.
      priority: `${a.place_priority_position}. ${a.place_priority_title}`,
      action: a.title,
      category: ACTION_CATEGORY_LABELS[a.category],
      lead: a.lead_name ?? '',
      leadOrganisation: a.lead_organisation_name ?? '',
      partners: a.partner_names.join(', '),
      start: a.start_date,
      due: a.due_date,
      originalDue: a.baseline_due_date,
      slippageDays: slippageDays(a.baseline_due_date, a.due_date),
      status: ACTION_STATUS_LABELS[a.status],
      rag: rag ? RAG_LABELS[rag] : '',
      overdue: a.status !== 'complete' && a.due_date !== null && a.due_date < today ? 'Yes' : 'No',
      latestUpdateOn: a.latest_update_at ? todayInLondon(new Date(a.latest_update_at)) : null,
      latestUpdate: a.latest_update_narrative ?? '',
      latestFigure: a.figure_value === null ? null : Number(a.figure_value),
      latestFigureFor: a.figure_value === null ? '' : (a.figure_measure ?? ''),
      successMeasures: a.measures.map(measureLine).join('\n'),
      includedFrom: a.included_from ?? '',
    };
  });
}

/**
 * Text that a spreadsheet would read as a formula (= + - @, or a tab or carriage return that some
 * programs strip first) gets a leading single quote, so an export can never run a formula or a
 * DDE command someone typed into an action. Numbers we write ourselves are left alone.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r\n＝＋－＠]/.test(value) ? `'${value}` : value;
}

/** CSV with a UTF-8 byte order mark, so Excel reads “smart quotes” and accents correctly. */
export function toCsv(rows: readonly ExportRow[]): string {
  return stringify(
    rows.map((row) =>
      EXPORT_COLUMNS.map(({ key }) => {
        const value = row[key];
        return typeof value === 'string' ? neutraliseFormula(value) : value;
      }),
    ),
    {
      bom: true,
      header: true,
      columns: EXPORT_COLUMNS.map((c) => c.header),
      record_delimiter: 'windows',
      cast: { number: (n) => String(n) },
    },
  );
}

function excelDate(iso: string | null): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/**
 * An Excel workbook: bold frozen header with filters, sensible widths, wrapped long text, and dates
 * as real dates. Every text is written as a string cell, never a formula.
 */
export async function toXlsx(rows: readonly ExportRow[], title: string): Promise<Buffer> {
  // Loaded on first use: ExcelJS takes a few hundred milliseconds to import, which every start
  // of the server and the CLI would otherwise pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sendboard';
  workbook.created = new Date();
  workbook.title = title;
  const sheet = workbook.addWorksheet('Actions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style:
      c.kind === 'date'
        ? { numFmt: 'dd/mm/yyyy' }
        : c.kind === 'wrap'
          ? { alignment: { wrapText: true, vertical: 'top' } }
          : { alignment: { vertical: 'top' } },
  }));
  for (const row of rows) {
    sheet.addRow({
      ...row,
      start: excelDate(row.start),
      due: excelDate(row.due),
      originalDue: excelDate(row.originalDue),
      latestUpdateOn: excelDate(row.latestUpdateOn),
    });
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "Northshire WSoA 2018/19" → "northshire-wsoa-2018-19-actions-2026-01-31.csv": safe everywhere. */
export function exportFilename(title: string, extension: 'csv' | 'xlsx', today: string): string {
  return `${fileNameSlug(title, 'plan')}-actions-${today}.${extension}`;
}
