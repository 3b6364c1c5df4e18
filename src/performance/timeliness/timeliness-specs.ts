// The columns of a case-level EHC file, and the checks that need the whole file or today's date:
// a plan issued before its request, one case reference on two rows, dates in the future, a
// primary need Sendboard does not know. Pure: the service reads the file and calls these.
//
// Only five columns are read. Anything else in the file (a child's name, date of birth, address,
// UPN) is never read into a record, so it cannot be stored; its header is listed so the person
// knows it was left out.
import { normaliseNeedCode, type NeedCode } from '../census/index.js';
import { defineColumns, normaliseHeader, type RecordOf } from '../../platform/tables/columns.js';
import { columnLetter } from '../../platform/tables/read-table.js';
import type { RowError } from '../../platform/tables/types.js';
import type { EhcCase } from './ehc-timeliness.js';

/** EHC plans began with the Children and Families Act 2014 on 1 September 2014. */
export const EARLIEST_REQUEST_DATE = '2014-09-01';

/** A case reference: letters and digits, with - _ / or . inside; no spaces, so no full names. */
export const CASE_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,63}$/;

export const ehcCaseSpec = defineColumns(
  [
    {
      key: 'caseRef',
      label: 'Case reference',
      kind: 'text',
      required: true,
      aliases: [
        'Case ref',
        'Case ID',
        'Case number',
        'Case no',
        'Pseudonymous ID',
        'Pseudonymous case reference',
        'Pseudonymised ID',
        'Anonymised ID',
        'Reference',
        'Ref',
        'Record ID',
        'Request ID',
      ],
      maxLength: 64,
      pattern: CASE_REF_PATTERN,
      patternHint:
        'a case reference of letters and digits (with - _ / or . but no spaces), like EHC-2025-0001; never a name',
    },
    {
      key: 'requestDate',
      label: 'Request date',
      kind: 'date',
      required: true,
      min: EARLIEST_REQUEST_DATE,
      aliases: [
        'EHCNA request date',
        'Date request received',
        'Request received',
        'Request received date',
        'Date of request',
        'Date requested',
        'Assessment request date',
        'EHC needs assessment request date',
        'Date EHC needs assessment requested',
      ],
    },
    {
      key: 'issueDate',
      label: 'Issue date',
      kind: 'date',
      required: true,
      allowBlank: true,
      min: EARLIEST_REQUEST_DATE,
      aliases: [
        'Final plan issued',
        'Date final plan issued',
        'Final plan issue date',
        'Plan issued',
        'Plan issue date',
        'Date plan issued',
        'EHC plan issued',
        'EHC plan issue date',
        'Date issued',
        'Issued',
      ],
    },
    {
      key: 'exception',
      label: 'Exception',
      kind: 'boolean',
      required: true,
      allowBlank: true,
      aliases: [
        'Exception applies',
        'Exceptions',
        'Exception flag',
        'Exception (Y/N)',
        'Exception YN',
        '20 week exception',
        '20 weeks exception',
        'Exception to 20 weeks',
        'Statutory exception',
      ],
    },
    {
      key: 'primaryNeed',
      label: 'Primary need',
      kind: 'text',
      maxLength: 120,
      aliases: [
        'Primary need type',
        'Primary type of need',
        'Primary SEN need',
        'Primary SEND need',
        'Primary SEN type',
        'Type of need',
        'Need type',
        'Need',
      ],
    },
  ] as const,
  { maxErrors: 500 },
);

export type EhcCaseRecord = RecordOf<typeof ehcCaseSpec.columns> & { rowNumber: number };

/** A checked case as held in a pending import and saved: the five columns, nothing else. */
export interface CheckedCase {
  caseRef: string;
  requestDate: string;
  issueDate: string | null;
  exception: boolean;
  primaryNeed: NeedCode | null;
}

/** The headers as the file writes them, for the row errors and the "not read" list. */
export interface CaseHeaders {
  caseRef: string;
  requestDate: string;
  issueDate: string;
  exception: string;
  primaryNeed: string;
}

const labelOf = Object.fromEntries(ehcCaseSpec.columns.map((c) => [c.key, c.label])) as Record<
  keyof CaseHeaders,
  string
>;

const specNames: ReadonlyMap<string, keyof CaseHeaders> = new Map(
  ehcCaseSpec.columns.flatMap((c) =>
    [c.label, ...(c.aliases ?? [])].map(
      (name) => [normaliseHeader(name), c.key as keyof CaseHeaders] as const,
    ),
  ),
);

/** Which file header holds each column (the spec's label where the file has none). */
export function caseHeaders(headers: readonly string[]): CaseHeaders {
  const found = { ...labelOf };
  const seen = new Set<string>();
  for (const header of headers) {
    const key = specNames.get(normaliseHeader(header));
    if (key !== undefined && !seen.has(key)) {
      found[key] = header;
      seen.add(key);
    }
  }
  return found;
}

/**
 * The headers in the file that are not one of the five columns: never read, never stored. Listed
 * with their column letters ("‘Child name’ (column B)"), at most `max` of them.
 */
export function ignoredColumns(headers: readonly string[], max = 50): string[] {
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    if (header.trim() === '' || specNames.has(normaliseHeader(header))) return;
    const text = header.length > 80 ? `${header.slice(0, 79)}…` : header;
    ignored.push(`‘${text}’ (column ${columnLetter(index)})`);
  });
  return ignored.length > max
    ? [...ignored.slice(0, max), `and ${ignored.length - max} more`]
    : ignored;
}

const UPN = /^[A-Za-z]\d{11}[0-9A-Za-z]$/;

function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * The checks that need more than one cell: issue before request, dates after today, a case
 * reference on two rows, a UPN given as the case reference, an unknown primary need. Returns the
 * cases when there is no error at all, and the first `maxErrors` errors (in row order, all of
 * them counted) otherwise.
 */
export function checkCases(
  records: readonly EhcCaseRecord[],
  options: { today: string; headers: CaseHeaders; maxErrors?: number },
): { cases: CheckedCase[]; errors: RowError[]; errorCount: number } {
  const { today, headers } = options;
  const max = options.maxErrors ?? ehcCaseSpec.maxErrors;
  const errors: RowError[] = [];
  let errorCount = 0;
  const cases: CheckedCase[] = [];
  const firstRow = new Map<string, number>();
  const add = (error: RowError): void => {
    errorCount++;
    if (errors.length < max) errors.push(error);
  };
  for (const record of records) {
    const row = record.rowNumber;
    const before = errorCount;
    const caseRef = record.caseRef;
    if (UPN.test(caseRef)) {
      add({
        row,
        column: headers.caseRef,
        message:
          'This looks like a unique pupil number (UPN), which identifies the child. Use your own case reference instead.',
        expected: 'a case reference that does not identify the child',
      });
    }
    const key = caseRef.toLowerCase();
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      add({
        row,
        column: headers.caseRef,
        message: `The case reference ‘${caseRef}’ is also on row ${earlier}.`,
        expected: 'each case reference on one row only',
      });
    } else {
      firstRow.set(key, row);
    }
    const requestDate = record.requestDate;
    const issueDate = record.issueDate;
    if (requestDate > today) {
      add({
        row,
        column: headers.requestDate,
        message: `${ukDate(requestDate)} is in the future (today is ${ukDate(today)}).`,
        expected: `a date on or before ${ukDate(today)}`,
      });
    }
    if (issueDate !== null && issueDate > today) {
      add({
        row,
        column: headers.issueDate,
        message: `${ukDate(issueDate)} is in the future (today is ${ukDate(today)}). Leave the issue date blank until the final plan is issued.`,
        expected: `a date on or before ${ukDate(today)}, or blank if not yet issued`,
      });
    }
    if (issueDate !== null && issueDate < requestDate) {
      add({
        row,
        column: headers.issueDate,
        message: `The plan was issued (${ukDate(issueDate)}) before the request was received (${ukDate(requestDate)}).`,
        expected: 'an issue date on or after the request date',
      });
    }
    let primaryNeed: NeedCode | null = null;
    // An optional column missing from the file leaves its key out of the record.
    const need = record.primaryNeed ?? null;
    if (need !== null && need !== '') {
      primaryNeed = normaliseNeedCode(need);
      if (primaryNeed === null) {
        add({
          row,
          column: headers.primaryNeed,
          message: `‘${need}’ is not a DfE type of need.`,
          expected:
            'a DfE need code or name, like ASD, SEMH, SLCN or Moderate learning difficulty, or blank',
        });
      }
    }
    if (errorCount === before) {
      cases.push({
        caseRef,
        requestDate,
        issueDate,
        exception: record.exception ?? false,
        primaryNeed,
      });
    }
  }
  return errorCount > 0 ? { cases: [], errors, errorCount } : { cases, errors, errorCount };
}

/** A checked case in the shape the timeliness analysis takes. */
export function toEhcCase(c: CheckedCase): EhcCase {
  return {
    caseId: c.caseRef,
    requestDate: c.requestDate,
    issueDate: c.issueDate,
    exception: c.exception,
    primaryNeed: c.primaryNeed,
  };
}
