// Importing indicator values, benchmarks and the partnership's geography from CSV or XLSX. One
// service for the pages and the CLI: check the whole file (row-level errors, nothing saved), say
// what saving would add and replace, then save everything in one transaction with an audit entry.
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Actor } from '../../platform/identity/types.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
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
import type { RowError } from '../../platform/tables/types.js';
import {
  deletePendingImport,
  findDataImport,
  recordDataImport,
  savePendingImport,
  type DataImportRow,
} from './pending-repository.js';
import * as repo from './import-repository.js';
import {
  BENCHMARK_SERIES_LABELS,
  benchmarkColumns,
  geographyColumns,
  indicatorValueColumns,
  KIND_LABELS,
  type BenchmarkSeries,
  type DataImportKind,
} from './import-specs.js';
import {
  AreaIndex,
  IndicatorIndex,
  readIndicatorPeriod,
  resolveValue,
  type IndicatorRef,
} from './import-rules.js';
import {
  GeographyCollector,
  geographyChanges,
  type GeographyChanges,
  type GeographyPayload,
  type GeographyUnit,
  type UnitKind,
} from '../geography/index.js';
import { listGeographyUnits, unitsWithValues } from '../geography/index.js';
import { toPeriod } from '../indicators/index.js';
import { recordAudit } from '../../platform/audit/record.js';

export const MAX_ERRORS = 1000;
/** Rows a values or benchmarks file may hold: far more than any partnership's history. */
export const MAX_VALUE_ROWS = 1_000_000;
export const MAX_GEOGRAPHY_ROWS = 100_000;
/** Rows written per INSERT. */
const INSERT_BATCH = 5000;
/** Sets and rows listed on a preview; the rest are counted. */
const SHOWN = 200;
const FIRST_ROWS = 10;

export type ImportSource = {
  /** A file path, or the file's bytes. */
  input: string | Uint8Array;
  fileName: string;
  /** XLSX: the worksheet to read; the first visible one when blank. */
  sheet?: string | undefined;
};

export type ImportFailure = {
  ok: false;
  rowsRead: number;
  errors: readonly RowError[];
  errorCount: number;
  notes: readonly string[];
};

export type ValuesPayload = {
  indicators: string[];
  periods: [key: string, start: string, end: string][];
  /** Geography unit ids; a row's unit index -1 is the whole partnership. */
  units: string[];
  rows: [
    indicator: number,
    period: number,
    unit: number,
    value: number | null,
    numerator: number | null,
    denominator: number | null,
  ][];
};

export type BenchmarksPayload = {
  rows: [
    indicatorId: string,
    series: BenchmarkSeries,
    periodKey: string,
    start: string,
    end: string,
    value: number,
  ][];
};

export type PayloadOf<K extends DataImportKind> = K extends 'indicator_values'
  ? ValuesPayload
  : K extends 'benchmarks'
    ? BenchmarksPayload
    : GeographyPayload;

export type ValueSetSummary = {
  indicator: string;
  indicatorName: string;
  period: string;
  periodLabel: string;
  rows: number;
  /** Values held now for this indicator and period, in any area: all are replaced. */
  replaces: number;
};

export type FirstRow = { row: number; cells: string[] };

export type ValuesSummary = {
  kind: 'indicator_values';
  rows: number;
  indicators: number;
  periods: number;
  sets: ValueSetSummary[];
  setCount: number;
  replacedSets: number;
  replacedRows: number;
  /** "code period" of each set replaced, for the audit entry. */
  replacedKeys: string[];
  first: FirstRow[];
};

export type BenchmarkSummary = {
  kind: 'benchmarks';
  rows: number;
  groups: { indicator: string; indicatorName: string; series: string; periods: string[] }[];
  replaced: {
    indicator: string;
    series: string;
    period: string;
    before: string;
    after: number;
  }[];
  replacedCount: number;
  first: FirstRow[];
};

export type GeographySummary = {
  kind: 'geography';
  rows: number;
  localities: number;
  districts: number;
  schools: number;
  added: Record<UnitKind, number>;
  updated: Record<UnitKind, number>;
  unchanged: Record<UnitKind, number>;
  removed: { kind: UnitKind; code: string; name: string }[];
  kept: { kind: UnitKind; code: string; name: string }[];
  first: FirstRow[];
};

export type ImportSummary = ValuesSummary | BenchmarkSummary | GeographySummary;

export type ImportChecked<K extends DataImportKind = DataImportKind> = {
  ok: true;
  kind: K;
  fileName: string;
  rowsRead: number;
  payload: PayloadOf<K>;
  summary: ImportSummary;
  notes: readonly string[];
};

export type ImportCheckResult<K extends DataImportKind = DataImportKind> =
  ImportChecked<K> | ImportFailure;

/** The preview was saved already, cancelled or too old. */
export class ImportGoneError extends Error {}
/** What the import refers to changed since it was checked (an indicator or area removed). */
export class ImportStaleError extends Error {}

/** Reads and checks a whole file; nothing is written. */
export async function checkImport<K extends DataImportKind>(
  q: Queryable,
  tenant: Tenant,
  kind: K,
  source: ImportSource,
): Promise<ImportCheckResult<K>> {
  switch (kind) {
    case 'indicator_values':
      return (await checkValues(q, tenant, source)) as ImportCheckResult<K>;
    case 'benchmarks':
      return (await checkBenchmarks(q, tenant, source)) as ImportCheckResult<K>;
    default:
      return (await checkGeography(q, tenant, source)) as ImportCheckResult<K>;
  }
}

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

async function openReader<C extends readonly ColumnDef[]>(
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

function failure(errors: ErrorList, rowsRead: number, notes: readonly string[]): ImportFailure {
  return { ok: false, rowsRead, errors: errors.kept, errorCount: errors.count, notes };
}

const show = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '' : String(v);

// ---------------------------------------------------------------------------------------------
// Indicator values

async function indicatorIndex(q: Queryable, tenant: Tenant): Promise<IndicatorIndex> {
  return new IndicatorIndex(await repo.listIndicatorRefs(q, tenant));
}

async function checkValues(
  q: Queryable,
  tenant: Tenant,
  source: ImportSource,
): Promise<ImportCheckResult<'indicator_values'>> {
  const [indicators, units] = await Promise.all([
    indicatorIndex(q, tenant),
    listGeographyUnits(q, tenant),
  ]);
  const areas = new AreaIndex(units);
  const reader = await openReader(indicatorValueColumns, source, MAX_VALUE_ROWS);
  if ('ok' in reader) return reader;
  const { columns, errors } = reader;

  const indicatorAt = new Map<string, number>();
  const periodAt = new Map<string, number>();
  const unitAt = new Map<string, number>();
  const payload: ValuesPayload = { indicators: [], periods: [], units: [], rows: [] };
  const seen = new Map<string, number>();
  const perSet = new Map<string, number>();
  const first: FirstRow[] = [];
  const periodObjects = new Map<string, { label: string }>();
  const indicatorById = new Map<string, IndicatorRef>();

  const { rowsRead, notes } = await reader.run((record, info) => {
    const row = info.rowNumber;
    const fail = (column: string, problem: { message: string; expected: string }) =>
      errors.add({ row, column: columns[column] ?? column, ...problem });
    const indicator = indicators.find(record.indicator);
    if ('message' in indicator) return fail('indicator', indicator);
    const period = readIndicatorPeriod(record.period, indicator.frequency);
    if ('message' in period) return fail('period', period);
    const area = areas.find(record.area);
    if (area !== null && 'message' in area) return fail('area', area);
    const resolved = resolveValue(
      indicator.unit,
      record.value,
      record.numerator,
      record.denominator,
      info.suppressed.includes('value'),
    );
    if ('message' in resolved) return fail(resolved.column, resolved);
    const key = `${indicator.id}|${period.key}|${area?.id ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return fail('indicator', {
        message: `Row ${earlier} already gives ${indicator.code} for ${period.label}${area ? ` in ${area.name}` : ' for the whole partnership'}. Each indicator, period and area once.`,
        expected: 'one row for each indicator, period and area',
      });
    }
    seen.set(key, row);
    if (errors.count > 0) return; // Keep checking, but stop collecting what cannot be saved.
    let i = indicatorAt.get(indicator.id);
    if (i === undefined) {
      i = payload.indicators.push(indicator.id) - 1;
      indicatorAt.set(indicator.id, i);
      indicatorById.set(indicator.id, indicator);
    }
    let p = periodAt.get(period.key);
    if (p === undefined) {
      p = payload.periods.push([period.key, period.start, period.end]) - 1;
      periodAt.set(period.key, p);
      periodObjects.set(period.key, { label: period.label });
    }
    let u = -1;
    if (area) {
      u = unitAt.get(area.id) ?? -1;
      if (u < 0) {
        u = payload.units.push(area.id) - 1;
        unitAt.set(area.id, u);
      }
    }
    payload.rows.push([i, p, u, resolved.value, record.numerator, record.denominator]);
    const setKey = `${indicator.id}|${period.key}`;
    perSet.set(setKey, (perSet.get(setKey) ?? 0) + 1);
    if (first.length < FIRST_ROWS) {
      first.push({
        row,
        cells: [
          indicator.code,
          period.label,
          area ? `${area.name} (${area.kind})` : 'Whole partnership',
          show(resolved.value),
          show(record.numerator),
          show(record.denominator),
        ],
      });
    }
  });
  if (errors.count > 0) return failure(errors, rowsRead, notes);

  const sets = [...perSet].map(([key, rows]) => {
    const [indicatorId = '', periodKey = ''] = key.split('|');
    return { indicatorId, periodKey, rows };
  });
  const summary = await valuesSummary(q, tenant, sets, indicatorById, periodObjects, rowsRead);
  return {
    ok: true,
    kind: 'indicator_values',
    fileName: source.fileName,
    rowsRead,
    payload,
    summary: { ...summary, first },
    notes,
  };
}

async function valuesSummary(
  q: Queryable,
  tenant: Tenant,
  sets: { indicatorId: string; periodKey: string; rows: number }[],
  indicators: Map<string, { code: string; name: string }>,
  periods: Map<string, { label: string }>,
  rowsRead: number,
): Promise<ValuesSummary> {
  const existing = await repo.existingValueSets(q, tenant, sets);
  const held = new Map(existing.map((e) => [`${e.indicator_id}|${e.period_key}`, e.n]));
  const all: ValueSetSummary[] = sets
    .map((s) => ({
      indicator: indicators.get(s.indicatorId)?.code ?? '',
      indicatorName: indicators.get(s.indicatorId)?.name ?? '',
      period: s.periodKey,
      periodLabel: periods.get(s.periodKey)?.label ?? s.periodKey,
      rows: s.rows,
      replaces: held.get(`${s.indicatorId}|${s.periodKey}`) ?? 0,
    }))
    .sort((a, b) => a.indicator.localeCompare(b.indicator) || a.period.localeCompare(b.period));
  const replaced = all.filter((s) => s.replaces > 0);
  return {
    kind: 'indicator_values',
    rows: rowsRead,
    indicators: new Set(sets.map((s) => s.indicatorId)).size,
    periods: new Set(sets.map((s) => s.periodKey)).size,
    // Replaced sets first, so the preview shows them even when the file has many.
    sets: [...replaced, ...all.filter((s) => s.replaces === 0)].slice(0, SHOWN),
    setCount: all.length,
    replacedSets: replaced.length,
    replacedRows: replaced.reduce((n, s) => n + s.replaces, 0),
    replacedKeys: replaced.map((s) => `${s.indicator} ${s.period}`),
    first: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Benchmarks

async function checkBenchmarks(
  q: Queryable,
  tenant: Tenant,
  source: ImportSource,
): Promise<ImportCheckResult<'benchmarks'>> {
  const indicators = await indicatorIndex(q, tenant);
  const reader = await openReader(benchmarkColumns, source, MAX_VALUE_ROWS);
  if ('ok' in reader) return reader;
  const { columns, errors } = reader;
  const payload: BenchmarksPayload = { rows: [] };
  const seen = new Map<string, number>();
  const first: FirstRow[] = [];
  const used = new Map<string, IndicatorRef>();
  const { rowsRead, notes } = await reader.run((record, info) => {
    const row = info.rowNumber;
    const fail = (column: string, problem: { message: string; expected: string }) =>
      errors.add({ row, column: columns[column] ?? column, ...problem });
    const indicator = indicators.find(record.indicator);
    if ('message' in indicator) return fail('indicator', indicator);
    const period = readIndicatorPeriod(record.period, indicator.frequency);
    if ('message' in period) return fail('period', period);
    const key = `${indicator.id}|${record.series}|${period.key}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return fail('series', {
        message: `Row ${earlier} already gives the ${BENCHMARK_SERIES_LABELS[record.series]} figure for ${indicator.code} in ${period.label}. Each indicator, series and period once.`,
        expected: 'one row for each indicator, series and period',
      });
    }
    seen.set(key, row);
    if (errors.count > 0) return;
    used.set(indicator.id, indicator);
    payload.rows.push([
      indicator.id,
      record.series,
      period.key,
      period.start,
      period.end,
      record.value,
    ]);
    if (first.length < FIRST_ROWS) {
      first.push({
        row,
        cells: [
          indicator.code,
          period.label,
          BENCHMARK_SERIES_LABELS[record.series],
          show(record.value),
        ],
      });
    }
  });
  if (errors.count > 0) return failure(errors, rowsRead, notes);
  const summary = await benchmarkSummary(q, tenant, payload, used, rowsRead);
  return {
    ok: true,
    kind: 'benchmarks',
    fileName: source.fileName,
    rowsRead,
    payload,
    summary: { ...summary, first },
    notes,
  };
}

function benchmarkKeys(payload: BenchmarksPayload): repo.BenchmarkKey[] {
  return payload.rows.map(([indicatorId, series, periodKey]) => ({
    indicatorId,
    series,
    periodKey,
  }));
}

async function benchmarkSummary(
  q: Queryable,
  tenant: Tenant,
  payload: BenchmarksPayload,
  indicators: Map<string, { code: string; name: string }>,
  rowsRead: number,
): Promise<BenchmarkSummary> {
  const existing = await repo.existingBenchmarks(q, tenant, benchmarkKeys(payload));
  const held = new Map(
    existing.map((e) => [`${e.indicator_id}|${e.series}|${e.period_key}`, e.value]),
  );
  const groups = new Map<string, BenchmarkSummary['groups'][number]>();
  const replaced: BenchmarkSummary['replaced'] = [];
  for (const [indicatorId, series, periodKey, , , value] of payload.rows) {
    const indicator = indicators.get(indicatorId);
    const groupKey = `${indicatorId}|${series}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = {
        indicator: indicator?.code ?? '',
        indicatorName: indicator?.name ?? '',
        series: BENCHMARK_SERIES_LABELS[series],
        periods: [],
      };
      groups.set(groupKey, group);
    }
    group.periods.push(periodKey);
    const before = held.get(`${indicatorId}|${series}|${periodKey}`);
    if (before !== undefined) {
      replaced.push({
        indicator: indicator?.code ?? '',
        series: BENCHMARK_SERIES_LABELS[series],
        period: periodKey,
        before,
        after: value,
      });
    }
  }
  return {
    kind: 'benchmarks',
    rows: rowsRead,
    groups: [...groups.values()].slice(0, SHOWN),
    replaced: replaced.slice(0, SHOWN),
    replacedCount: replaced.length,
    first: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Geography

async function checkGeography(
  q: Queryable,
  tenant: Tenant,
  source: ImportSource,
): Promise<ImportCheckResult<'geography'>> {
  const reader = await openReader(geographyColumns, source, MAX_GEOGRAPHY_ROWS);
  if ('ok' in reader) return reader;
  const { columns, errors } = reader;
  const collector = new GeographyCollector();
  const first: FirstRow[] = [];
  const { rowsRead, notes } = await reader.run((record, info) => {
    for (const e of collector.add(record, info.rowNumber, columns)) errors.add(e);
    if (first.length < FIRST_ROWS) {
      first.push({
        row: info.rowNumber,
        cells: [record.urn, record.name, show(record.phase), record.district, record.locality],
      });
    }
  });
  if (errors.count > 0) return failure(errors, rowsRead, notes);
  const payload = collector.payload();
  const [existing, referenced] = await Promise.all([
    listGeographyUnits(q, tenant),
    unitsWithValues(q, tenant),
  ]);
  const changes = geographyChanges(existing, referenced, payload);
  return {
    ok: true,
    kind: 'geography',
    fileName: source.fileName,
    rowsRead,
    payload,
    summary: { ...geographySummary(payload, changes, rowsRead), first },
    notes,
  };
}

function geographySummary(
  payload: GeographyPayload,
  changes: GeographyChanges,
  rowsRead: number,
): GeographySummary {
  const brief = (u: GeographyUnit) => ({ kind: u.kind, code: u.code, name: u.name });
  return {
    kind: 'geography',
    rows: rowsRead,
    localities: payload.localities.length,
    districts: payload.districts.length,
    schools: payload.schools.length,
    added: changes.added,
    updated: changes.updated,
    unchanged: changes.unchanged,
    removed: changes.removed.map(brief),
    kept: changes.kept.map(brief),
    first: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Saving

/** Holds a checked import for the person to confirm on the preview page. */
export async function holdForPreview(
  q: Queryable,
  tenant: Tenant,
  checked: ImportChecked,
  createdBy: string | null,
): Promise<string> {
  return savePendingImport(q, tenant, {
    kind: checked.kind,
    fileName: checked.fileName,
    rowsRead: checked.rowsRead,
    payload: checked.payload,
    // The notes (formulas used, columns ignored) are shown on the preview too.
    summary: { ...checked.summary, notes: checked.notes },
    createdBy,
  });
}

export type SaveInput<K extends DataImportKind = DataImportKind> = {
  kind: K;
  fileName: string;
  rowsRead: number;
  payload: PayloadOf<K>;
};

/**
 * Saves a checked import in one transaction: the pending preview (if any) is taken first, so the
 * same preview cannot be saved twice; what it replaces is worked out again inside the
 * transaction; the import is recorded and one audit entry summarises it.
 */
export async function saveImport(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: SaveInput,
  options: { pendingId?: string } = {},
): Promise<{ importId: string; summary: ImportSummary }> {
  return db.transaction(async (tx) => {
    await repo.lockImports(tx, tenant);
    if (options.pendingId !== undefined) {
      if (!(await deletePendingImport(tx, tenant, options.pendingId))) throw new ImportGoneError();
    }
    let saved: { importId: string; summary: ImportSummary; audit: Record<string, unknown> };
    switch (input.kind) {
      case 'indicator_values':
        saved = await saveValues(tx, actor, tenant, input as SaveInput<'indicator_values'>);
        break;
      case 'benchmarks':
        saved = await saveBenchmarks(tx, actor, tenant, input as SaveInput<'benchmarks'>);
        break;
      default:
        saved = await saveGeography(tx, actor, tenant, input as SaveInput<'geography'>);
    }
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'data_import',
      entityId: saved.importId,
      action: `import ${KIND_LABELS[input.kind]?.toLowerCase() ?? input.kind}`,
      after: { kind: input.kind, file: input.fileName, rows: input.rowsRead, ...saved.audit },
    });
    return { importId: saved.importId, summary: saved.summary };
  });
}

async function saveValues(
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  input: SaveInput<'indicator_values'>,
) {
  const { payload } = input;
  if ((await repo.countIndicators(tx, tenant, payload.indicators)) !== payload.indicators.length)
    throw new ImportStaleError('An indicator in this file has been removed since it was checked.');
  if ((await repo.countUnits(tx, tenant, payload.units)) !== payload.units.length)
    throw new ImportStaleError(
      'A locality, district or school in this file has been removed since it was checked.',
    );
  const perSet = new Map<string, number>();
  for (const [i, p] of payload.rows) perSet.set(`${i}|${p}`, (perSet.get(`${i}|${p}`) ?? 0) + 1);
  const sets = [...perSet].map(([key, rows]) => {
    const [i, p] = key.split('|').map(Number) as [number, number];
    return { indicatorId: payload.indicators[i]!, periodKey: payload.periods[p]![0], rows };
  });
  const indicators = new Map(
    (await repo.listIndicatorRefs(tx, tenant)).map((i) => [i.id, i] as const),
  );
  // Each period read with the frequency of an indicator that uses it.
  const frequencyOfPeriod = new Map<number, IndicatorRef['frequency']>();
  for (const [i, p] of payload.rows) {
    if (frequencyOfPeriod.has(p)) continue;
    const frequency = indicators.get(payload.indicators[i] ?? '')?.frequency;
    if (frequency) frequencyOfPeriod.set(p, frequency);
  }
  const periods = new Map(
    payload.periods.map(([key], p) => [key, { label: periodLabel(key, frequencyOfPeriod.get(p)) }]),
  );
  const summary = await valuesSummary(tx, tenant, sets, indicators, periods, input.rowsRead);
  const importId = await recordDataImport(tx, tenant, {
    kind: 'indicator_values',
    fileName: input.fileName,
    rowsRead: input.rowsRead,
    summary: {
      rows: payload.rows.length,
      indicators: summary.indicators,
      periods: summary.periods,
      setsReplaced: summary.replacedSets,
      valuesReplaced: summary.replacedRows,
    },
    createdBy: actor.userId,
  });
  await repo.deleteValueSets(tx, tenant, sets);
  for (let at = 0; at < payload.rows.length; at += INSERT_BATCH) {
    const batch = payload.rows.slice(at, at + INSERT_BATCH).map(([i, p, u, v, n, d]) => {
      const [periodKey, periodStart, periodEnd] = payload.periods[p]!;
      return {
        indicatorId: payload.indicators[i]!,
        periodKey,
        periodStart,
        periodEnd,
        unitId: u < 0 ? null : payload.units[u]!,
        value: v,
        numerator: n,
        denominator: d,
      };
    });
    await repo.insertValues(tx, tenant, importId, batch);
  }
  return {
    importId,
    summary,
    audit: {
      values: payload.rows.length,
      setsReplaced: summary.replacedSets,
      valuesReplaced: summary.replacedRows,
      periodsReplaced: summary.replacedKeys.slice(0, 500),
    },
  };
}

function periodLabel(key: string, frequency: IndicatorRef['frequency'] | undefined): string {
  try {
    return toPeriod(key, frequency).label;
  } catch {
    return key;
  }
}

async function saveBenchmarks(
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  input: SaveInput<'benchmarks'>,
) {
  const { payload } = input;
  const ids = [...new Set(payload.rows.map((r) => r[0]))];
  if ((await repo.countIndicators(tx, tenant, ids)) !== ids.length)
    throw new ImportStaleError('An indicator in this file has been removed since it was checked.');
  const indicators = new Map(
    (await repo.listIndicatorRefs(tx, tenant)).map((i) => [i.id, i] as const),
  );
  const summary = await benchmarkSummary(tx, tenant, payload, indicators, input.rowsRead);
  const importId = await recordDataImport(tx, tenant, {
    kind: 'benchmarks',
    fileName: input.fileName,
    rowsRead: input.rowsRead,
    summary: { rows: payload.rows.length, replaced: summary.replacedCount },
    createdBy: actor.userId,
  });
  await repo.deleteBenchmarks(tx, tenant, benchmarkKeys(payload));
  for (let at = 0; at < payload.rows.length; at += INSERT_BATCH) {
    await repo.insertBenchmarks(
      tx,
      tenant,
      importId,
      payload.rows
        .slice(at, at + INSERT_BATCH)
        .map(([indicatorId, series, periodKey, s, e, v]) => ({
          indicatorId,
          series,
          periodKey,
          periodStart: s,
          periodEnd: e,
          value: v,
        })),
    );
  }
  return {
    importId,
    summary,
    audit: {
      benchmarks: payload.rows.length,
      replaced: summary.replacedCount,
      periodsReplaced: summary.replaced
        .slice(0, 500)
        .map((r) => `${r.indicator} ${r.series} ${r.period}`),
    },
  };
}

async function saveGeography(
  tx: Queryable,
  actor: Actor,
  tenant: Tenant,
  input: SaveInput<'geography'>,
) {
  const { payload } = input;
  const [existing, referenced] = await Promise.all([
    listGeographyUnits(tx, tenant),
    unitsWithValues(tx, tenant),
  ]);
  const changes = geographyChanges(existing, referenced, payload);
  const summary = geographySummary(payload, changes, input.rowsRead);
  const localities = await repo.upsertUnits(
    tx,
    tenant,
    'locality',
    payload.localities.map((l) => ({ code: l.code, name: l.name, parentId: null, phase: null })),
  );
  const districts = await repo.upsertUnits(
    tx,
    tenant,
    'district',
    payload.districts.map((d) => ({
      code: d.code,
      name: d.name,
      parentId: localities.get(d.locality) ?? null,
      phase: null,
    })),
  );
  await repo.upsertUnits(
    tx,
    tenant,
    'school',
    payload.schools.map((s) => ({
      code: s.code,
      name: s.name,
      parentId: districts.get(s.district) ?? null,
      phase: s.phase,
    })),
  );
  await repo.deleteUnits(
    tx,
    tenant,
    changes.removed.map((u) => u.id),
  );
  const importId = await recordDataImport(tx, tenant, {
    kind: 'geography',
    fileName: input.fileName,
    rowsRead: input.rowsRead,
    summary: {
      localities: summary.localities,
      districts: summary.districts,
      schools: summary.schools,
      removed: summary.removed.length,
      kept: summary.kept.length,
    },
    createdBy: actor.userId,
  });
  return {
    importId,
    summary,
    audit: {
      localities: summary.localities,
      districts: summary.districts,
      schools: summary.schools,
      added: summary.added,
      updated: summary.updated,
      removed: summary.removed.map((u) => `${u.kind} ${u.code}`).slice(0, 500),
      kept: summary.kept.map((u) => `${u.kind} ${u.code}`).slice(0, 500),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A saved import's page, and undoing one

/** Kinds whose values an import's page can undo; a census and a case set have their own delete. */
export const UNDOABLE_KINDS: readonly string[] = ['indicator_values', 'benchmarks'];

export type ImportDetail = {
  record: DataImportRow;
  /** Values (or benchmark figures) the import wrote, as recorded when it was saved. */
  written: number | null;
  /** Its values still held, by indicator and period. */
  valueSets: { indicator: string; indicatorName: string; periodLabel: string; values: number }[];
  /** Its benchmark figures still held, by indicator and series. */
  benchmarkGroups: {
    indicator: string;
    indicatorName: string;
    series: string;
    periods: string[];
  }[];
  /** How many of its values or benchmark figures are still held. */
  held: number;
  /** The census or EHC case set it saved, while that is still held. */
  savedAs?: { id: string; label: string } | undefined;
  canUndo: boolean;
};

/** What a saved import brought and what of it is still held; undefined when there is none. */
export async function describeImport(
  q: Queryable,
  tenant: Tenant,
  importId: string,
): Promise<ImportDetail | undefined> {
  const record = await findDataImport(q, tenant, importId);
  if (!record) return undefined;
  const rows = record.summary.rows;
  const detail: ImportDetail = {
    record,
    written: typeof rows === 'number' ? rows : null,
    valueSets: [],
    benchmarkGroups: [],
    held: 0,
    canUndo: UNDOABLE_KINDS.includes(record.kind) && record.undone_at === null,
  };
  if (record.kind === 'indicator_values') {
    const sets = await repo.importedValueSets(q, tenant, importId);
    detail.valueSets = sets.map((s) => ({
      indicator: s.code,
      indicatorName: s.name,
      periodLabel: periodLabel(s.period_key, s.frequency),
      values: s.n,
    }));
    detail.held = sets.reduce((n, s) => n + s.n, 0);
  } else if (record.kind === 'benchmarks') {
    const figures = await repo.importedBenchmarks(q, tenant, importId);
    const groups = new Map<string, ImportDetail['benchmarkGroups'][number]>();
    for (const f of figures) {
      const key = `${f.code}|${f.series}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          indicator: f.code,
          indicatorName: f.name,
          series: BENCHMARK_SERIES_LABELS[f.series as BenchmarkSeries] ?? f.series,
          periods: [],
        };
        groups.set(key, group);
      }
      group.periods.push(periodLabel(f.period_key, f.frequency));
    }
    detail.benchmarkGroups = [...groups.values()];
    detail.held = figures.length;
  } else if (record.kind === 'census' || record.kind === 'ehc_cases') {
    detail.savedAs = await repo.importedRecord(q, tenant, importId, record.kind);
  }
  return detail;
}

export type UndoResult =
  | { status: 'missing' }
  | { status: 'gone'; record: DataImportRow }
  | { status: 'undone'; record: DataImportRow; removed: number };

/**
 * Undoes an import of values or benchmarks in one transaction: removes the values it wrote that
 * are still held (a later import of the same indicator and period replaced the rest already),
 * marks the import undone and records an audit entry. Values it replaced are not brought back.
 */
export async function undoImport(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  importId: string,
): Promise<UndoResult> {
  return db.transaction(async (tx) => {
    // Waits for an import being saved, so what is removed is what that save left.
    await repo.lockImports(tx, tenant);
    const before = await describeImport(tx, tenant, importId);
    if (!before) return { status: 'missing' };
    if (!(await repo.markImportUndone(tx, tenant, importId)))
      return { status: 'gone', record: before.record };
    const values = before.record.kind === 'indicator_values';
    const removed = values
      ? await repo.deleteImportedValues(tx, tenant, importId)
      : await repo.deleteImportedBenchmarks(tx, tenant, importId);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'data_import',
      entityId: importId,
      action: `undo import of ${KIND_LABELS[before.record.kind]?.toLowerCase() ?? before.record.kind}`,
      before: {
        kind: before.record.kind,
        file: before.record.file_name,
        written: before.written,
        held: before.held,
        ...(values
          ? {
              periods: before.valueSets
                .slice(0, 500)
                .map((s) => `${s.indicator} ${s.periodLabel}: ${s.values}`),
            }
          : {
              periods: before.benchmarkGroups
                .slice(0, 500)
                .map((g) => `${g.indicator} ${g.series}: ${g.periods.join(', ')}`),
            }),
      },
      after: { undone: true, removed },
    });
    return { status: 'undone', record: before.record, removed };
  });
}
