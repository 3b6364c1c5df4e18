// Checking a whole import file (row-level errors, nothing saved) and saying what saving would add
// and replace: indicator values, benchmarks and the geography.
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import * as repo from './import-repository.js';
import {
  BENCHMARK_SERIES_LABELS,
  benchmarkColumns,
  geographyColumns,
  indicatorValueColumns,
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
} from '../geography/index.js';
import { listGeographyUnits, unitsWithValues } from '../geography/index.js';
import {
  type BenchmarkSummary,
  type BenchmarksPayload,
  FIRST_ROWS,
  type FirstRow,
  type GeographySummary,
  type ImportCheckResult,
  type ImportSource,
  MAX_GEOGRAPHY_ROWS,
  MAX_VALUE_ROWS,
  SHOWN,
  type ValueSetSummary,
  type ValuesPayload,
  type ValuesSummary,
} from './import-types.js';
import { failure, openReader, show } from './import-reader.js';

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

export async function valuesSummary(
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

export function benchmarkKeys(payload: BenchmarksPayload): repo.BenchmarkKey[] {
  return payload.rows.map(([indicatorId, series, periodKey]) => ({
    indicatorId,
    series,
    periodKey,
  }));
}

export async function benchmarkSummary(
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

export function geographySummary(
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
