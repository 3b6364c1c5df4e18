// A saved import's page, and undoing one.
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Actor } from '../../platform/identity/types.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { findDataImport, type DataImportRow } from './pending-repository.js';
import * as repo from './import-repository.js';
import { BENCHMARK_SERIES_LABELS, KIND_LABELS, type BenchmarkSeries } from './import-specs.js';
import { recordAudit } from '../../platform/audit/record.js';
import { periodLabel } from './import-save.js';

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
