// School census SEN imports: read and check a file while counting pupils per school (never keeping
// a pupil), hold the counts as a pending import, save them when the person confirms, and work out
// identification rates. Used by the pages, the CLI and the benchmark alike.
import type { Actor } from '../../platform/identity/types.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { checkOpenedTable, ErrorList, type CheckReport } from '../../platform/tables/columns.js';
import { openTable, TableReadError, type TableInput } from '../../platform/tables/read-table.js';
import type { RowError } from '../../platform/tables/types.js';
import {
  deletePendingImport,
  findPendingImport,
  recordDataImport,
  savePendingImport,
  type PendingImport,
} from '../imports/index.js';
import {
  NEED_CODES,
  PUPIL_ROW_MESSAGES,
  PupilCensusAggregator,
  SchoolCensusAggregator,
  type CensusResult,
  type NeedCountRecord,
  type PupilRow,
} from './census.js';
import {
  identificationRates,
  type IdentificationRateOptions,
  type IdentificationRates,
  type SchoolGeography,
} from './identification-rates.js';
import {
  censusHeaderScore,
  detectCensusSource,
  headerFor,
  isCensusHeader,
  NEED_EXPECTED,
  needColumnKey,
  needMemo,
  PROVISION_EXPECTED,
  provisionMemo,
  PUPIL_SPEC,
  SCHOOL_SPEC,
  type CensusSource,
} from './census-specs.js';
import {
  compactSchool,
  compactTotals,
  fromStored,
  toStored,
  type CensusTotals,
  type CompactSchool,
  type PendingCensusPayload,
} from './census-records.js';
import { recordedEnglandFigure } from './census-query.js';
import * as repo from './census-repository.js';
import { recordAudit } from '../../platform/audit/record.js';

/** Largest census file the upload form takes. */
export const CENSUS_MAX_BYTES = 200 * 1024 * 1024;
/** Row errors kept to show; all are counted. */
const MAX_ERRORS = 500;
export const LABEL_MAX = 80;

export interface CensusFileCheck {
  source: CensusSource | null;
  rowsRead: number;
  /** The first problems, in row order; `errorCount` counts them all. */
  errors: RowError[];
  errorCount: number;
  notes: string[];
  /** Counts per school; empty unless the whole file was clean. */
  schools: CompactSchool[];
  totals: CensusTotals;
}

export interface CensusFileOptions {
  fileName?: string;
  sheet?: string;
  /** YYYY-MM-DD: decides whether DS (Down syndrome) may be recorded. */
  censusDate: string;
  maxErrors?: number;
}

const EMPTY_TOTALS: CensusTotals = { schools: 0, pupils: 0, E: 0, K: 0 };

const NEED_PROBLEM_EXPECTED: Record<string, string> = {
  [PUPIL_ROW_MESSAGES.needWithoutSen]:
    'no primary type of need for a pupil with provision N; or provision E or K',
  [PUPIL_ROW_MESSAGES.nsaWithEhcPlan]: 'NSA only for pupils on SEN support (K)',
  [PUPIL_ROW_MESSAGES.downSyndromeTooEarly]:
    'a type of need collected at that census date (DS from January 2025)',
  [PUPIL_ROW_MESSAGES.unknownNeed]: NEED_EXPECTED,
};

function show(value: string): string {
  return `‘${value.length > 40 ? `${value.slice(0, 40)}…` : value}’`;
}

/**
 * Reads a pupil-level or school-level census file (CSV or XLSX), telling which from its headers,
 * and checks every row while counting pupils per school. Pupil rows are counted and dropped as
 * they are read: memory grows with the number of schools, not pupils. Nothing the file holds
 * makes this throw; problems come back as row errors.
 */
export async function readCensusFile(
  input: TableInput,
  options: CensusFileOptions,
): Promise<CensusFileCheck> {
  const maxErrors = options.maxErrors ?? MAX_ERRORS;
  let table;
  try {
    table = await openTable(input, {
      ...(options.fileName ? { fileName: options.fileName } : {}),
      ...(options.sheet ? { sheet: options.sheet } : {}),
      isHeader: isCensusHeader,
      scoreHeader: censusHeaderScore,
    });
  } catch (e) {
    if (!(e instanceof TableReadError)) throw e;
    return {
      source: null,
      rowsRead: 0,
      errors: [e.problem],
      errorCount: 1,
      notes: [],
      schools: [],
      totals: EMPTY_TOTALS,
    };
  }
  const source = detectCensusSource(table.headers, table.headerRow);
  const extra = new ErrorList(maxErrors);
  let report: CheckReport;
  let result: CensusResult;
  const census = { censusDate: options.censusDate };

  if (source === 'pupil-level') {
    const aggregator = new PupilCensusAggregator(census);
    const provisions = provisionMemo();
    const needs = needMemo();
    const provisionHeader = headerFor(PUPIL_SPEC, table.headers, 'provision');
    const needHeader = headerFor(PUPIL_SPEC, table.headers, 'need');
    // One record object reused for every pupil: the aggregator reads it and keeps nothing.
    const pupil: PupilRow = { schoolUrn: '', provision: 'N', primaryNeed: null };
    report = await checkOpenedTable(
      table,
      PUPIL_SPEC,
      (record, info) => {
        const provision = provisions.get(record.provision);
        if (provision === null) {
          extra.add({
            row: info.rowNumber,
            column: provisionHeader,
            message: `${show(record.provision)} is not an SEN provision.`,
            expected: PROVISION_EXPECTED,
          });
          return;
        }
        let need = null;
        if (record.need !== null) {
          need = needs.get(record.need);
          if (need === null) {
            extra.add({
              row: info.rowNumber,
              column: needHeader,
              message: `${show(record.need)} is not a DfE type of need.`,
              expected: NEED_EXPECTED,
            });
            return;
          }
        }
        pupil.schoolUrn = record.urn;
        pupil.provision = provision;
        pupil.primaryNeed = need;
        const problem = aggregator.add(pupil);
        if (problem !== null) {
          extra.add({
            row: info.rowNumber,
            column: needHeader,
            message: problem,
            expected: NEED_PROBLEM_EXPECTED[problem] ?? NEED_EXPECTED,
          });
        }
      },
      { maxErrors },
    );
    result = aggregator.result();
  } else {
    const aggregator = new SchoolCensusAggregator(census);
    const header = (key: string) => headerFor(SCHOOL_SPEC, table.headers, key);
    report = await checkOpenedTable(
      table,
      SCHOOL_SPEC,
      (record, info) => {
        const r = record as Record<string, string | number | null>;
        const needsE: NeedCountRecord = {};
        const needsK: NeedCountRecord = {};
        for (const code of NEED_CODES) {
          const e = r[needColumnKey('E', code)];
          const k = r[needColumnKey('K', code)];
          if (typeof e === 'number' && e > 0) needsE[code] = e;
          if (typeof k === 'number' && k > 0) needsK[code] = k;
        }
        const problem = aggregator.add({
          schoolUrn: String(r.urn),
          totalPupils: Number(r.totalPupils),
          sen: { E: Number(r.senE), K: Number(r.senK) },
          needs: { E: needsE, K: needsK },
        });
        if (problem !== null) {
          extra.add({ row: info.rowNumber, ...schoolProblemColumn(problem, header) });
        }
      },
      { maxErrors },
    );
    result = aggregator.result();
  }

  const errorCount = report.errorCount + extra.count;
  const errors = [...report.errors, ...extra.kept]
    .sort((a, b) => a.row - b.row)
    .slice(0, maxErrors);
  if (errorCount === 0 && result.schools.length === 0) {
    errors.push({
      row: 0,
      column: '',
      message: 'The file has a header row but no pupils or schools below it.',
      expected: 'one row per pupil, or one row per school, below the header row',
    });
  }
  const clean = errors.length === 0;
  const schools = clean ? result.schools.map(compactSchool) : [];
  return {
    source,
    rowsRead: report.rowsRead,
    errors,
    errorCount: Math.max(errorCount, errors.length),
    notes: [...report.notes],
    schools,
    totals: clean ? compactTotals(schools) : EMPTY_TOTALS,
  };
}

/** Which column a school-level problem is about, and what was expected. */
function schoolProblemColumn(
  message: string,
  header: (key: string) => string,
): { column: string; message: string; expected: string } {
  if (message.includes('more than once'))
    return { column: header('urn'), message, expected: 'one row for each school' };
  if (message.includes('pupils on roll'))
    return {
      column: header('totalPupils'),
      message,
      expected: 'a total at least the number of pupils with an EHC plan or on SEN support',
    };
  const provision = /\bthe (E|K) pupils by primary need/.exec(message)?.[1] as
    'E' | 'K' | undefined;
  if (provision)
    return {
      column: header(provision === 'E' ? 'senE' : 'senK'),
      message,
      expected: `need columns (${provision} …) adding up to no more than the ${provision === 'E' ? 'EHC plan' : 'SEN support'} column`,
    };
  if (message.includes('NSA'))
    return { column: 'E NSA', message, expected: 'NSA only for pupils on SEN support (K)' };
  if (message.includes('DS (Down syndrome)'))
    return {
      column: 'E DS / K DS',
      message,
      expected: 'a type of need collected at that census date (DS from January 2025)',
    };
  return { column: header('urn'), message, expected: 'counts of 0 or more that add up' };
}

// ---------------------------------------------------------------------------------------------
// Label and date

export function censusLabelProblem(label: string): string | null {
  if (label === '') return 'Enter a label for the census, like Spring 2025';
  if (label.length > LABEL_MAX) return `Label must be ${LABEL_MAX} characters or fewer`;
  return null;
}

export function censusDateProblem(iso: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return 'Give the census date as YYYY-MM-DD';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso)
    return 'Census date must be a real date';
  if (iso < '2000-01-01' || iso > '2100-12-31') return 'Census date must be between 2000 and 2100';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Upload, preview, save

export interface CensusUploadCheck extends CensusFileCheck {
  /** Schools in the file but not in the partnership's geography (they go to "Unassigned"). */
  notInGeography: string[];
  geographySchools: number;
}

export async function checkCensusUpload(
  q: Queryable,
  tenant: Tenant,
  input: TableInput,
  options: CensusFileOptions,
): Promise<CensusUploadCheck> {
  const check = await readCensusFile(input, options);
  const places = await repo.listSchoolPlaces(q, tenant);
  const known = new Set(places.map((p) => p.urn));
  const notInGeography =
    known.size === 0 ? [] : check.schools.filter((s) => !known.has(s.u)).map((s) => s.u);
  return { ...check, notInGeography, geographySchools: known.size };
}

export type CensusPreviewSummary = {
  label: string;
  censusDate: string;
  source: CensusSource;
  totals: CensusTotals;
  notes: string[];
  notInGeography: string[];
  notInGeographyCount: number;
  geographySchools: number;
};

/** Holds a clean check's counts (never a pupil) until the person confirms. */
export async function stageCensus(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: { fileName: string; label: string; censusDate: string; check: CensusUploadCheck },
): Promise<string> {
  const { check } = input;
  if (check.errorCount > 0 || check.source === null) throw new Error('The census has errors');
  const payload: PendingCensusPayload = {
    label: input.label,
    censusDate: input.censusDate,
    source: check.source,
    schools: check.schools,
  };
  const summary: CensusPreviewSummary = {
    label: input.label,
    censusDate: input.censusDate,
    source: check.source,
    totals: check.totals,
    notes: check.notes,
    notInGeography: check.notInGeography.slice(0, 50),
    notInGeographyCount: check.notInGeography.length,
    geographySchools: check.geographySchools,
  };
  return savePendingImport(db, tenant, {
    kind: 'census',
    fileName: input.fileName,
    rowsRead: check.rowsRead,
    payload,
    summary,
    createdBy: actor.userId,
  });
}

export type CensusPreview = {
  pending: PendingImport<PendingCensusPayload>;
  summary: CensusPreviewSummary;
  /** The saved census with the same date, which saving replaces. */
  replaces: Awaited<ReturnType<typeof repo.findCensusByDate>>;
  /** The first schools, for the preview table. */
  firstSchools: CompactSchool[];
};

export async function loadCensusPreview(
  q: Queryable,
  tenant: Tenant,
  pendingId: string,
): Promise<CensusPreview | undefined> {
  const pending = await findPendingImport<PendingCensusPayload>(q, tenant, pendingId, 'census');
  if (!pending) return undefined;
  const summary = pending.summary as CensusPreviewSummary;
  const replaces = await repo.findCensusByDate(q, tenant, pending.payload.censusDate);
  return { pending, summary, replaces, firstSchools: pending.payload.schools.slice(0, 20) };
}

export type ConfirmResult =
  { status: 'saved'; censusId: string; replaced: boolean; label: string } | { status: 'gone' };

/**
 * Saves a pending census in one transaction: the pending row goes (so it cannot be saved twice),
 * a census with the same date is replaced, the counts are written, the import and the change are
 * recorded.
 */
export async function confirmCensus(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  pendingId: string,
): Promise<ConfirmResult> {
  return db.transaction(async (tx) => {
    const pending = await findPendingImport<PendingCensusPayload>(tx, tenant, pendingId, 'census');
    if (!pending || !(await deletePendingImport(tx, tenant, pendingId))) return { status: 'gone' };
    const { label, censusDate, source, schools } = pending.payload;
    const totals = compactTotals(schools);
    const existing = await repo.findCensusByDate(tx, tenant, censusDate);
    if (existing) await repo.deleteCensus(tx, tenant, existing.id);
    const importId = await recordDataImport(tx, tenant, {
      kind: 'census',
      fileName: pending.file_name,
      rowsRead: pending.rows_read,
      summary: { label, censusDate, source, ...totals, replaced: existing !== undefined },
      createdBy: actor.userId,
    });
    // England's figures belong to the census year, so a replacement keeps them.
    const england = existing
      ? { senSupport: existing.england_sen_support, ehcPlan: existing.england_ehc_plan }
      : undefined;
    const censusId = await repo.insertCensus(tx, tenant, {
      label,
      censusDate,
      source,
      importId,
      ...(england ? { england } : {}),
    });
    await repo.insertSchoolCounts(tx, tenant, censusId, schools.map(toStored));
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'census',
      entityId: censusId,
      action: existing ? 'replace' : 'import',
      ...(existing
        ? {
            before: {
              id: existing.id,
              label: existing.label,
              censusDate: existing.census_date,
              source: existing.source,
              schools: existing.schools,
              pupils: existing.pupils,
            },
          }
        : {}),
      after: {
        label,
        censusDate,
        source,
        fileName: pending.file_name,
        rowsRead: pending.rows_read,
        ...totals,
      },
    });
    return { status: 'saved', censusId, replaced: existing !== undefined, label };
  });
}

export async function cancelCensus(q: Queryable, tenant: Tenant, pendingId: string) {
  return deletePendingImport(q, tenant, pendingId);
}

// ---------------------------------------------------------------------------------------------
// Deleting a saved census

export type DeleteCensusResult =
  { status: 'deleted'; census: repo.CensusSummaryRow } | { status: 'gone' };

/**
 * Deletes a saved census and its counts in one transaction, with an entry in the audit log. The
 * record of its import stays under imports. 'gone' when the partnership has no such census: it
 * was already deleted (a second click), replaced, or is another partnership's.
 */
export async function deleteCensus(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  censusId: string,
): Promise<DeleteCensusResult> {
  return db.transaction(async (tx) => {
    const census = await repo.findCensusSummary(tx, tenant, censusId);
    // Whoever deletes the row first records it; a concurrent delete finds nothing left.
    if (!census || !(await repo.deleteCensus(tx, tenant, censusId))) return { status: 'gone' };
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'census',
      entityId: census.id,
      action: 'delete',
      before: {
        label: census.label,
        censusDate: census.census_date,
        source: census.source,
        schools: census.schools,
        pupils: census.pupils,
        importId: census.import_id,
      },
    });
    return { status: 'deleted', census };
  });
}

// ---------------------------------------------------------------------------------------------
// England's figures for a census year

export type RecordEnglandResult =
  | { status: 'saved'; census: repo.CensusRow }
  | { status: 'unchanged'; census: repo.CensusRow }
  | { status: 'gone' };

/**
 * Records England's SEN support and EHC plan percentages for a census (null clears one). The last
 * write wins; the audit log keeps what it replaced. Nothing is written when nothing changes.
 */
export async function recordEnglandFigures(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  censusId: string,
  figures: repo.EnglandFigures,
): Promise<RecordEnglandResult> {
  return db.transaction(async (tx) => {
    const census = await repo.lockCensus(tx, tenant, censusId);
    if (!census) return { status: 'gone' };
    const before = { senSupport: census.england_sen_support, ehcPlan: census.england_ehc_plan };
    if (before.senSupport === figures.senSupport && before.ehcPlan === figures.ehcPlan)
      return { status: 'unchanged', census };
    await repo.updateEnglandFigures(tx, tenant, censusId, figures);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'census',
      entityId: census.id,
      action: 'record England figures',
      before: {
        label: census.label,
        england_sen_support: before.senSupport,
        england_ehc_plan: before.ehcPlan,
      },
      after: {
        label: census.label,
        england_sen_support: figures.senSupport,
        england_ehc_plan: figures.ehcPlan,
      },
    });
    return { status: 'saved', census };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading saved censuses

export const listCensuses = repo.listCensuses;
export const findCensus = repo.findCensus;
export const findCensusSummary = repo.findCensusSummary;

export type CensusRates = {
  census: repo.CensusRow;
  rates: IdentificationRates;
  /** Where England's figure came from: typed on the page, recorded with the census, or none. */
  englandFrom: 'typed' | 'recorded' | null;
  /** Schools in the partnership's geography (0: no geography imported yet). */
  geographySchools: number;
};

/** Identification rates of a saved census by school, district, locality and partnership. */
export async function loadCensusRates(
  q: Queryable,
  tenant: Tenant,
  censusId: string,
  options: IdentificationRateOptions,
  /** False when a figure was typed but not valid: then no figure, not the recorded one. */
  useRecordedEngland = true,
): Promise<CensusRates | undefined> {
  const census = await repo.findCensus(q, tenant, censusId);
  if (!census) return undefined;
  const [rows, places] = await Promise.all([
    repo.listSchoolCounts(q, tenant, censusId),
    repo.listSchoolPlaces(q, tenant),
  ]);
  const geography = new Map<string, SchoolGeography>(
    places.map((p) => [p.urn, { district: p.district, locality: p.locality, schoolName: p.name }]),
  );
  // A figure typed on the page wins over the one recorded with the census.
  const recorded =
    options.england || !useRecordedEngland ? undefined : recordedEnglandFigure(census, options);
  const rates = identificationRates(
    rows.map(fromStored),
    geography,
    recorded ? { ...options, england: recorded } : options,
  );
  const englandFrom = options.england ? 'typed' : recorded ? 'recorded' : null;
  return { census, rates, englandFrom, geographySchools: places.length };
}
