// CSV or XLSX, told from the first bytes and the file name.
import { Buffer } from 'node:buffer';
import path from 'node:path';
import { fileProblem } from './read-errors.js';
import type { TableFormat } from './read-options.js';

const CSV_EXTENSIONS = new Set(['', '.csv', '.tsv', '.tab', '.txt']);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function startsWith(head: Buffer, magic: Buffer | string): boolean {
  const bytes = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : magic;
  return head.length >= bytes.length && head.subarray(0, bytes.length).equals(bytes);
}

/** CSV or XLSX from the first bytes and the file name; refuses anything else with a reason. */
export function detectFormat(
  head: Buffer,
  fileName: string | undefined,
  format?: TableFormat,
): TableFormat {
  const ext = fileName ? path.extname(fileName).toLowerCase() : '';
  const named = fileName ? `‘${fileName}’` : 'This file';
  if (head.length === 0) throw fileProblem(`${named} is empty.`);
  if (startsWith(head, OLE)) {
    throw fileProblem(
      `${named} is an older Excel workbook (.xls) or a password-protected one, which Sendboard cannot read. ` +
        'Open it in Excel, remove any password, and save it as an Excel Workbook (.xlsx) or as CSV UTF-8.',
    );
  }
  if (startsWith(head, ZIP)) {
    if (ext === '.ods' || ext === '.numbers' || ext === '.xlsb') {
      throw fileProblem(
        `${named} is a ${ext} spreadsheet, which Sendboard cannot read. Save it as an Excel Workbook (.xlsx) or as CSV.`,
      );
    }
    return 'xlsx';
  }
  if (startsWith(head, EMPTY_ZIP)) throw fileProblem(`${named} is an empty zip archive.`);
  if (format === 'xlsx' || ext === '.xlsx' || ext === '.xlsm') {
    throw fileProblem(
      `${named} is not a valid Excel workbook: it may be damaged, or a different kind of file renamed to .xlsx.`,
    );
  }
  if (ext === '.xls' || ext === '.xlsb' || ext === '.ods' || ext === '.numbers') {
    throw fileProblem(
      `${named} is not a format Sendboard can read. Save it as an Excel Workbook (.xlsx) or as CSV UTF-8.`,
    );
  }
  if (startsWith(head, '%PDF') || startsWith(head, '{\\rtf') || startsWith(head, '\x1f\x8b')) {
    throw fileProblem(
      `${named} is not a spreadsheet (it looks like a PDF, RTF or compressed file).`,
    );
  }
  if (format === 'csv' || CSV_EXTENSIONS.has(ext)) return 'csv';
  throw fileProblem(`${named} is not a format Sendboard can read.`);
}
