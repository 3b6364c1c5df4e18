// Saving a checked import: held for the preview, then everything in one transaction with an audit
// entry.
import type { Db, Queryable } from '../../platform/db/db.js';
import type { Actor } from '../../platform/identity/types.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { deletePendingImport, recordDataImport, savePendingImport } from './pending-repository.js';
import * as repo from './import-repository.js';
import { KIND_LABELS, type DataImportKind } from './import-specs.js';
import { type IndicatorRef } from './import-rules.js';
import { geographyChanges } from '../geography/index.js';
import { listGeographyUnits, unitsWithValues } from '../geography/index.js';
import { toPeriod } from '../indicators/index.js';
import { recordAudit } from '../../platform/audit/record.js';
import {
  INSERT_BATCH,
  type ImportChecked,
  ImportGoneError,
  ImportStaleError,
  type ImportSummary,
  type PayloadOf,
} from './import-types.js';
import {
  benchmarkKeys,
  benchmarkSummary,
  geographySummary,
  valuesSummary,
} from './import-check.js';

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

export function periodLabel(key: string, frequency: IndicatorRef['frequency'] | undefined): string {
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
