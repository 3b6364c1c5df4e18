import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import type { GeographyUnit } from './geography.js';

/** Every locality, district and school of the partnership (a county has a few hundred). */
export async function listGeographyUnits(q: Queryable, tenant: Tenant): Promise<GeographyUnit[]> {
  return q.query<GeographyUnit>(
    `SELECT id, kind, code, name, parent_id, phase FROM geography_units
     WHERE partnership_id = $1 ORDER BY kind, name`,
    [tenant.partnershipId],
  );
}

/** Units that indicator values refer to: they are kept when a re-import leaves them out. */
export async function unitsWithValues(q: Queryable, tenant: Tenant): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT geography_unit_id AS id FROM indicator_values
     WHERE partnership_id = $1 AND geography_unit_id IS NOT NULL`,
    [tenant.partnershipId],
  );
  return new Set(rows.map((r) => r.id));
}
