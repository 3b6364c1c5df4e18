// EHC plan timeliness: reading a case-level file, holding the checked cases for the person to
// confirm, saving a case set (replacing one with the same label) and analysing it. The rules live
// here; the SQL in timeliness-repository.ts; the arithmetic in ehc-timeliness.ts.
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Actor } from '../../platform/identity/types.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { checkTable } from '../../platform/tables/columns.js';
import type { TableInput } from '../../platform/tables/read-table.js';
import type { RowError } from '../../platform/tables/types.js';
import {
  deletePendingImport,
  findPendingImport,
  recordDataImport,
  savePendingImport,
} from '../imports/index.js';
import { analyseEhcTimeliness } from './ehc-timeliness.js';
import * as repo from './timeliness-repository.js';
import {
  caseHeaders,
  checkCases,
  ehcCaseSpec,
  ignoredColumns,
  toEhcCase,
  type CheckedCase,
  type EhcCaseRecord,
} from './timeliness-specs.js';
import { timelinessView, type TimelinessView } from './timeliness-view.js';
import { recordAudit } from '../../platform/audit/record.js';

/** The largest file the upload page takes. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Far more requests than any local authority receives in years; keeps the preview small. */
export const MAX_CASE_ROWS = 100_000;
export const MAX_LABEL_LENGTH = 120;
/** Rows shown on the preview. */
export const PREVIEW_ROWS = 10;

const KIND = 'ehc_cases' as const;

/** What is wrong with a case set's label, or null. */
export function labelProblem(label: string): string | null {
  if (label === '') return 'Enter a label for the case set, like SEN2 cases 2025';
  if (label.length > MAX_LABEL_LENGTH)
    return `The label must be ${MAX_LABEL_LENGTH} characters or fewer`;
  return null;
}

export interface CaseFileCheck {
  /** Data rows read under the header. */
  rowsRead: number;
  /** Every case, checked; empty when there is any error. */
  cases: CheckedCase[];
  errors: RowError[];
  errorCount: number;
  notes: string[];
  /** Headers in the file that were not read: nothing under them is kept. */
  ignoredColumns: string[];
}

/**
 * Reads and checks a whole file: each cell against the column spec, then the rows together
 * (dates after `today`, issue before request, a case reference twice). Only the five columns are
 * read into the cases; nothing the file holds makes this throw.
 */
export async function checkCaseFile(
  input: TableInput,
  options: { fileName: string; sheet?: string; today: string },
): Promise<CaseFileCheck> {
  const records: EhcCaseRecord[] = [];
  const report = await checkTable(
    input,
    ehcCaseSpec,
    (record, info) => void records.push({ ...record, rowNumber: info.rowNumber }),
    {
      fileName: options.fileName,
      maxRows: MAX_CASE_ROWS,
      ...(options.sheet ? { sheet: options.sheet } : {}),
    },
  );
  const headers = report.table?.headers ?? [];
  const base = {
    rowsRead: report.rowsRead,
    // checkHeader's own "Not used" note says what ignoredColumns lists.
    notes: report.notes.filter((n) => !n.startsWith('Not used:')),
    ignoredColumns: ignoredColumns(headers),
  };
  if (report.table === undefined || report.errors.some((e) => e.row <= report.table!.headerRow)) {
    // The file could not be read, or its header is wrong: the rows mean nothing yet.
    return { ...base, cases: [], errors: [...report.errors], errorCount: report.errorCount };
  }
  if (report.rowsRead === 0) {
    return {
      ...base,
      cases: [],
      errors: [
        {
          row: 0,
          column: '',
          message: 'The file has a header row but no cases under it.',
          expected: 'one row for each request for an EHC needs assessment',
        },
      ],
      errorCount: 1,
    };
  }
  // The rows that passed the cell checks are checked together too, so every problem shows at once.
  const together = checkCases(records, { today: options.today, headers: caseHeaders(headers) });
  const errorCount = report.errorCount + together.errorCount;
  if (errorCount === 0) return { ...base, cases: together.cases, errors: [], errorCount };
  const errors = [...report.errors, ...together.errors]
    .sort((a, b) => a.row - b.row)
    .slice(0, ehcCaseSpec.maxErrors);
  return { ...base, cases: [], errors, errorCount };
}

export interface CaseImportSummary {
  label: string;
  cases: number;
  issued: number;
  open: number;
  withException: number;
  withNeed: number;
  firstRequest: string | null;
  lastRequest: string | null;
  ignoredColumns: string[];
  notes: string[];
}

export function summariseCases(
  label: string,
  cases: readonly CheckedCase[],
  check: Pick<CaseFileCheck, 'ignoredColumns' | 'notes'>,
): CaseImportSummary {
  let issued = 0;
  let withException = 0;
  let withNeed = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const c of cases) {
    if (c.issueDate !== null) issued++;
    if (c.exception) withException++;
    if (c.primaryNeed !== null) withNeed++;
    if (first === null || c.requestDate < first) first = c.requestDate;
    if (last === null || c.requestDate > last) last = c.requestDate;
  }
  return {
    label,
    cases: cases.length,
    issued,
    open: cases.length - issued,
    withException,
    withNeed,
    firstRequest: first,
    lastRequest: last,
    ignoredColumns: check.ignoredColumns,
    notes: check.notes,
  };
}

type Payload = { label: string; cases: CheckedCase[] };

/** Holds checked cases for the person to confirm; returns the pending import's id. */
export async function stageCaseImport(
  db: Db,
  tenant: Tenant,
  createdBy: string | null,
  input: { label: string; fileName: string; check: CaseFileCheck },
): Promise<string> {
  const { label, fileName, check } = input;
  if (check.errorCount > 0) throw new Error('A file with errors cannot be staged');
  return savePendingImport(db, tenant, {
    kind: KIND,
    fileName,
    rowsRead: check.rowsRead,
    payload: { label, cases: check.cases } satisfies Payload,
    summary: { ...summariseCases(label, check.cases, check) },
    createdBy,
  });
}

export interface CasePreview {
  id: string;
  fileName: string;
  rowsRead: number;
  summary: CaseImportSummary;
  firstCases: CheckedCase[];
  /** Case sets that saving will replace (same label). */
  replaces: repo.CaseSetRow[];
}

export async function loadCasePreview(
  db: Db,
  tenant: Tenant,
  id: string,
): Promise<CasePreview | undefined> {
  const pending = await findPendingImport<Payload>(db, tenant, id, KIND);
  if (!pending) return undefined;
  const summary = pending.summary as unknown as CaseImportSummary;
  return {
    id: pending.id,
    fileName: pending.file_name,
    rowsRead: pending.rows_read,
    summary,
    firstCases: pending.payload.cases.slice(0, PREVIEW_ROWS),
    replaces: await repo.findCaseSetsByLabel(db, tenant, pending.payload.label),
  };
}

export interface SavedCaseSet {
  caseSetId: string;
  importId: string;
  cases: number;
  replaced: { id: string; label: string; cases: number }[];
}

/**
 * Saves a case set inside the caller's transaction: replaces any set with the same label,
 * writes the cases, records the import and the audit entry. The CLI calls this directly.
 */
export async function saveCaseSet(
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  input: {
    label: string;
    fileName: string;
    rowsRead: number;
    cases: readonly CheckedCase[];
    summary: CaseImportSummary;
  },
): Promise<SavedCaseSet> {
  await repo.lockCaseSets(tx, tenant);
  const existing = await repo.findCaseSetsByLabel(tx, tenant, input.label);
  const replaced = existing.map((s) => ({ id: s.id, label: s.label, cases: s.case_count }));
  await repo.deleteCaseSets(
    tx,
    tenant,
    existing.map((s) => s.id),
  );
  const importSummary = {
    label: input.label,
    cases: input.summary.cases,
    issued: input.summary.issued,
    open: input.summary.open,
    withException: input.summary.withException,
    ignoredColumns: input.summary.ignoredColumns,
    replaced: replaced.length,
  };
  const importId = await recordDataImport(tx, tenant, {
    kind: KIND,
    fileName: input.fileName,
    rowsRead: input.rowsRead,
    summary: importSummary,
    createdBy: actor.userId,
  });
  const caseSetId = await repo.insertCaseSet(tx, tenant, { label: input.label, importId });
  await repo.insertCases(tx, tenant, caseSetId, input.cases);
  // Counts only: case references stay out of the audit log.
  await recordAudit(tx, actor, {
    partnershipId: tenant.partnershipId,
    entityType: 'ehc_case_set',
    entityId: caseSetId,
    action: replaced.length > 0 ? 'replace' : 'import',
    ...(replaced.length > 0 ? { before: { caseSets: replaced } } : {}),
    after: { ...importSummary, fileName: input.fileName, importId },
  });
  return { caseSetId, importId, cases: input.cases.length, replaced };
}

/**
 * Saves a pending import in one transaction. `undefined` when it is gone (already saved,
 * cancelled or expired): nothing is saved twice.
 */
export async function confirmCaseImport(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  pendingId: string,
): Promise<SavedCaseSet | undefined> {
  return db.transaction(async (tx) => {
    const pending = await findPendingImport<Payload>(tx, tenant, pendingId, KIND);
    if (!pending) return undefined;
    // Whoever deletes it first saves it; a second click finds nothing to delete.
    if (!(await deletePendingImport(tx, tenant, pendingId))) return undefined;
    return saveCaseSet(tx, actor, tenant, {
      label: pending.payload.label,
      fileName: pending.file_name,
      rowsRead: pending.rows_read,
      cases: pending.payload.cases,
      summary: pending.summary as unknown as CaseImportSummary,
    });
  });
}

/** Drops a pending import; false when it was already gone. */
export async function cancelCaseImport(
  db: Db,
  tenant: Tenant,
  pendingId: string,
): Promise<boolean> {
  return deletePendingImport(db, tenant, pendingId);
}

/**
 * Deletes a case set and its cases in one transaction, with an entry in the audit log (counts,
 * never case references). The record of its import stays. undefined when the partnership has no
 * such case set: already deleted, replaced, or another partnership's.
 */
export async function deleteCaseSet(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  caseSetId: string,
): Promise<repo.CaseSetRow | undefined> {
  return db.transaction(async (tx) => {
    // The same lock as a save, so a save replacing this set and the delete do not cross.
    await repo.lockCaseSets(tx, tenant);
    const caseSet = await repo.findCaseSet(tx, tenant, caseSetId);
    if (!caseSet || (await repo.deleteCaseSets(tx, tenant, [caseSet.id])) === 0) return undefined;
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'ehc_case_set',
      entityId: caseSet.id,
      action: 'delete',
      before: {
        label: caseSet.label,
        cases: caseSet.case_count,
        fileName: caseSet.file_name,
        importId: caseSet.import_id,
      },
    });
    return caseSet;
  });
}

/** A case set of the partnership, for the page that asks before deleting it. */
export const findCaseSet = repo.findCaseSet;

export interface TimelinessPage {
  caseSets: repo.CaseSetRow[];
  current: repo.CaseSetRow | null;
  view: TimelinessView | null;
}

/**
 * The analysis of one case set (the newest unless `setId` is given) as of `today`. undefined
 * when `setId` names no case set of this partnership.
 */
export async function loadTimeliness(
  db: Db,
  tenant: Tenant,
  options: { setId?: string; today: string },
): Promise<TimelinessPage | undefined> {
  const caseSets = await repo.listCaseSets(db, tenant);
  const current =
    options.setId === undefined
      ? (caseSets[0] ?? null)
      : caseSets.find((s) => s.id === options.setId);
  if (current === undefined) return undefined;
  if (current === null) return { caseSets, current: null, view: null };
  const cases = await repo.listCases(db, tenant, current.id);
  const analysis = analyseEhcTimeliness(cases.map(toEhcCase), { asOf: options.today });
  return { caseSets, current, view: timelinessView(analysis, current.label) };
}

export interface OpenCaseRow {
  caseRef: string;
  requestDate: string;
  weeksOpen: number;
  exception: boolean;
}

/** Cases still open on `today` and already past 20 weeks, longest open first (admins only). */
export async function loadOpenCasesPast20Weeks(
  db: Db,
  tenant: Tenant,
  options: { setId?: string; today: string },
): Promise<
  { caseSets: repo.CaseSetRow[]; current: repo.CaseSetRow | null; cases: OpenCaseRow[] } | undefined
> {
  const caseSets = await repo.listCaseSets(db, tenant);
  const current =
    options.setId === undefined
      ? (caseSets[0] ?? null)
      : caseSets.find((s) => s.id === options.setId);
  if (current === undefined) return undefined;
  if (current === null) return { caseSets, current: null, cases: [] };
  const cases = await repo.listCases(db, tenant, current.id);
  const analysis = analyseEhcTimeliness(cases.map(toEhcCase), { asOf: options.today });
  return {
    caseSets,
    current,
    cases: analysis.open.cases
      .filter((c) => c.past20Weeks)
      .map((c) => ({
        caseRef: c.caseId,
        requestDate: c.requestDate,
        weeksOpen: c.weeksOpen,
        exception: c.exception,
      })),
  };
}
