// The SQL of the performance imports: what an import refers to (indicators, geography units),
// what it would replace, and the writes (values, benchmarks, geography units). Every query is
// filtered by the tenant's partnership; writes take many rows per statement (unnest).
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import type { Frequency } from '../indicators/index.js';
import type { UnitKind } from '../geography/index.js';

export type IndicatorRefRow = {
  id: string;
  code: string;
  name: string;
  unit: string;
  frequency: Frequency;
};

export async function listIndicatorRefs(q: Queryable, tenant: Tenant): Promise<IndicatorRefRow[]> {
  return q.query<IndicatorRefRow>(
    `SELECT id, code, name, unit, frequency FROM indicators
     WHERE partnership_id = $1 AND archived_at IS NULL ORDER BY position`,
    [tenant.partnershipId],
  );
}

/** Takes the partnership's import lock until the transaction ends: imports save one at a time. */
export async function lockImports(tx: Queryable, tenant: Tenant): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('sendboard-import:' || $1::text))`, [
    tenant.partnershipId,
  ]);
}

/** How many of these indicators still exist (a save after an indicator was deleted is refused). */
export async function countIndicators(
  q: Queryable,
  tenant: Tenant,
  ids: readonly string[],
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM indicators WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    [tenant.partnershipId, ids],
  );
  return rows[0]?.n ?? 0;
}

export async function countUnits(
  q: Queryable,
  tenant: Tenant,
  ids: readonly string[],
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM geography_units WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    [tenant.partnershipId, ids],
  );
  return rows[0]?.n ?? 0;
}

export type ValueSet = { indicator_id: string; period_key: string; n: number };

/** The (indicator, period) sets that already hold values, with how many. */
export async function existingValueSets(
  q: Queryable,
  tenant: Tenant,
  sets: readonly { indicatorId: string; periodKey: string }[],
): Promise<ValueSet[]> {
  if (sets.length === 0) return [];
  return q.query<ValueSet>(
    `SELECT v.indicator_id, v.period_key, count(*)::int AS n
     FROM indicator_values v
     JOIN unnest($2::uuid[], $3::text[]) AS s (indicator_id, period_key)
       ON s.indicator_id = v.indicator_id AND s.period_key = v.period_key
     WHERE v.partnership_id = $1
     GROUP BY v.indicator_id, v.period_key`,
    [tenant.partnershipId, sets.map((s) => s.indicatorId), sets.map((s) => s.periodKey)],
  );
}

export async function deleteValueSets(
  tx: Queryable,
  tenant: Tenant,
  sets: readonly { indicatorId: string; periodKey: string }[],
): Promise<void> {
  if (sets.length === 0) return;
  await tx.query(
    `DELETE FROM indicator_values v
     USING unnest($2::uuid[], $3::text[]) AS s (indicator_id, period_key)
     WHERE v.partnership_id = $1 AND v.indicator_id = s.indicator_id AND v.period_key = s.period_key`,
    [tenant.partnershipId, sets.map((s) => s.indicatorId), sets.map((s) => s.periodKey)],
  );
}

export type ValueRow = {
  indicatorId: string;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  unitId: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

/** Inserts values, many per statement. */
export async function insertValues(
  tx: Queryable,
  tenant: Tenant,
  importId: string,
  rows: readonly ValueRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO indicator_values
       (partnership_id, indicator_id, period_key, period_start, period_end, geography_unit_id,
        value, numerator, denominator, import_id)
     SELECT $1, i, k, s, e, u, v, n, d, $2
     FROM unnest($3::uuid[], $4::text[], $5::date[], $6::date[], $7::uuid[], $8::numeric[],
                 $9::numeric[], $10::numeric[]) AS r (i, k, s, e, u, v, n, d)`,
    [
      tenant.partnershipId,
      importId,
      rows.map((r) => r.indicatorId),
      rows.map((r) => r.periodKey),
      rows.map((r) => r.periodStart),
      rows.map((r) => r.periodEnd),
      rows.map((r) => r.unitId),
      rows.map((r) => r.value),
      rows.map((r) => r.numerator),
      rows.map((r) => r.denominator),
    ],
  );
}

export type BenchmarkKey = { indicatorId: string; series: string; periodKey: string };

export async function existingBenchmarks(
  q: Queryable,
  tenant: Tenant,
  keys: readonly BenchmarkKey[],
): Promise<{ indicator_id: string; series: string; period_key: string; value: string }[]> {
  if (keys.length === 0) return [];
  return q.query(
    `SELECT b.indicator_id, b.series, b.period_key, b.value::text AS value
     FROM benchmark_values b
     JOIN unnest($2::uuid[], $3::text[], $4::text[]) AS k (indicator_id, series, period_key)
       ON k.indicator_id = b.indicator_id AND k.series = b.series AND k.period_key = b.period_key
     WHERE b.partnership_id = $1`,
    [
      tenant.partnershipId,
      keys.map((k) => k.indicatorId),
      keys.map((k) => k.series),
      keys.map((k) => k.periodKey),
    ],
  );
}

export async function deleteBenchmarks(
  tx: Queryable,
  tenant: Tenant,
  keys: readonly BenchmarkKey[],
): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(
    `DELETE FROM benchmark_values b
     USING unnest($2::uuid[], $3::text[], $4::text[]) AS k (indicator_id, series, period_key)
     WHERE b.partnership_id = $1 AND b.indicator_id = k.indicator_id AND b.series = k.series
       AND b.period_key = k.period_key`,
    [
      tenant.partnershipId,
      keys.map((k) => k.indicatorId),
      keys.map((k) => k.series),
      keys.map((k) => k.periodKey),
    ],
  );
}

export type BenchmarkRow = BenchmarkKey & { periodStart: string; periodEnd: string; value: number };

export async function insertBenchmarks(
  tx: Queryable,
  tenant: Tenant,
  importId: string,
  rows: readonly BenchmarkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO benchmark_values
       (partnership_id, indicator_id, series, period_key, period_start, period_end, value, import_id)
     SELECT $1, i, se, k, s, e, v, $2
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::date[], $7::date[], $8::numeric[])
       AS r (i, se, k, s, e, v)`,
    [
      tenant.partnershipId,
      importId,
      rows.map((r) => r.indicatorId),
      rows.map((r) => r.series),
      rows.map((r) => r.periodKey),
      rows.map((r) => r.periodStart),
      rows.map((r) => r.periodEnd),
      rows.map((r) => r.value),
    ],
  );
}

export type UnitInput = {
  code: string;
  name: string;
  parentId: string | null;
  phase: string | null;
};

/** Adds units of one kind or updates them by code; returns each code's id. */
export async function upsertUnits(
  tx: Queryable,
  tenant: Tenant,
  kind: UnitKind,
  units: readonly UnitInput[],
): Promise<Map<string, string>> {
  if (units.length === 0) return new Map();
  const rows = await tx.query<{ id: string; code: string }>(
    `INSERT INTO geography_units (partnership_id, kind, code, name, parent_id, phase)
     SELECT $1, $2, c, n, p, ph FROM unnest($3::text[], $4::text[], $5::uuid[], $6::text[])
       AS u (c, n, p, ph)
     ON CONFLICT (partnership_id, kind, code)
     DO UPDATE SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, phase = EXCLUDED.phase
     RETURNING id, code`,
    [
      tenant.partnershipId,
      kind,
      units.map((u) => u.code),
      units.map((u) => u.name),
      units.map((u) => u.parentId),
      units.map((u) => u.phase),
    ],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Removes units (children before parents: give schools, then districts, then localities). */
export async function deleteUnits(
  tx: Queryable,
  tenant: Tenant,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`DELETE FROM geography_units WHERE partnership_id = $1 AND id = ANY($2::uuid[])`, [
    tenant.partnershipId,
    ids,
  ]);
}

// ---------------------------------------------------------------------------------------------
// What a saved import wrote, and undoing it

export type ImportedValueSet = {
  code: string;
  name: string;
  frequency: Frequency;
  period_key: string;
  n: number;
};

/** The values an import wrote that are still held, by indicator and period. */
export async function importedValueSets(
  q: Queryable,
  tenant: Tenant,
  importId: string,
): Promise<ImportedValueSet[]> {
  return q.query<ImportedValueSet>(
    `SELECT i.code, i.name, i.frequency, v.period_key, count(*)::int AS n
     FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
     WHERE v.partnership_id = $1 AND v.import_id = $2
     GROUP BY i.id, i.code, i.name, i.frequency, i.position, v.period_key
     ORDER BY i.position, i.code, min(v.period_start), v.period_key`,
    [tenant.partnershipId, importId],
  );
}

export type ImportedBenchmark = {
  code: string;
  name: string;
  frequency: Frequency;
  series: string;
  period_key: string;
};

/** The benchmark figures an import wrote that are still held. */
export async function importedBenchmarks(
  q: Queryable,
  tenant: Tenant,
  importId: string,
): Promise<ImportedBenchmark[]> {
  return q.query<ImportedBenchmark>(
    `SELECT i.code, i.name, i.frequency, b.series, b.period_key
     FROM benchmark_values b JOIN indicators i ON i.id = b.indicator_id
     WHERE b.partnership_id = $1 AND b.import_id = $2
     ORDER BY i.position, i.code, b.series, b.period_start, b.period_key`,
    [tenant.partnershipId, importId],
  );
}

/** The census or EHC case set a census or case-set import saved, while it is still held. */
export async function importedRecord(
  q: Queryable,
  tenant: Tenant,
  importId: string,
  kind: 'census' | 'ehc_cases',
): Promise<{ id: string; label: string } | undefined> {
  const table = kind === 'census' ? 'censuses' : 'ehc_case_sets';
  const rows = await q.query<{ id: string; label: string }>(
    `SELECT id, label FROM ${table} WHERE partnership_id = $1 AND import_id = $2`,
    [tenant.partnershipId, importId],
  );
  return rows[0];
}

/**
 * Marks an import of values or benchmarks undone; false when it is not there to undo (undone
 * already, or another kind). The row lock makes a second, concurrent undo wait and then find it
 * undone.
 */
export async function markImportUndone(
  tx: Queryable,
  tenant: Tenant,
  importId: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE data_imports SET undone_at = now()
     WHERE partnership_id = $1 AND id = $2 AND undone_at IS NULL
       AND kind IN ('indicator_values', 'benchmarks')
     RETURNING 1`,
    [tenant.partnershipId, importId],
  );
  return rows.length > 0;
}

/** Removes the values an import wrote that are still held; how many went. */
export async function deleteImportedValues(
  tx: Queryable,
  tenant: Tenant,
  importId: string,
): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `WITH gone AS (DELETE FROM indicator_values WHERE partnership_id = $1 AND import_id = $2 RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [tenant.partnershipId, importId],
  );
  return rows[0]?.n ?? 0;
}

export async function deleteImportedBenchmarks(
  tx: Queryable,
  tenant: Tenant,
  importId: string,
): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `WITH gone AS (DELETE FROM benchmark_values WHERE partnership_id = $1 AND import_id = $2 RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [tenant.partnershipId, importId],
  );
  return rows[0]?.n ?? 0;
}
