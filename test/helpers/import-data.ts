// Shared by the import tests: indicators to import against, and the row counts that show a refused
// import saved nothing. Indicators are inserted directly: the indicator pages are another capability.
import type { Queryable } from '../../src/platform/db/db.js';

export const TEST_INDICATORS = [
  ['ehcp-issued-within-20-weeks', 'New EHC plans issued within 20 weeks', 'percent', 'annual'],
  ['autism-wait', 'Autism assessment wait', 'weeks', 'monthly'],
  ['sen-support', 'Pupils with SEN support', 'percent', 'academic_year'],
  ['suspensions', 'Suspensions', 'rate_per_10000', 'termly'],
  ['tribunals', 'Tribunal appeals', 'count', 'quarterly'],
] as const;

export async function seedIndicators(q: Queryable, partnershipId: string): Promise<void> {
  let position = 0;
  for (const [code, name, unit, frequency] of TEST_INDICATORS) {
    await q.query(
      `INSERT INTO indicators (partnership_id, code, name, unit, polarity, frequency, position)
       VALUES ($1, $2, $3, $4, 'neither', $5, $6)`,
      [partnershipId, code, name, unit, frequency, position++],
    );
  }
}

/** Row counts of the tables an import writes, to show a refused import changed nothing. */
export type ImportTableCounts = Record<
  | 'indicator_values'
  | 'benchmark_values'
  | 'geography_units'
  | 'data_imports'
  | 'pending_imports'
  | 'audit_log',
  number
>;

export async function importTableCounts(q: Queryable): Promise<ImportTableCounts> {
  const rows = await q.query<{ t: string; n: number }>(
    `SELECT 'indicator_values' AS t, count(*)::int AS n FROM indicator_values
     UNION ALL SELECT 'benchmark_values', count(*)::int FROM benchmark_values
     UNION ALL SELECT 'geography_units', count(*)::int FROM geography_units
     UNION ALL SELECT 'data_imports', count(*)::int FROM data_imports
     UNION ALL SELECT 'pending_imports', count(*)::int FROM pending_imports
     UNION ALL SELECT 'audit_log', count(*)::int FROM audit_log`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n])) as ImportTableCounts;
}
