/**
 * The SQL a store writes most: one of the partnership's rows inserted, changed as of a version,
 * deleted. Table and column names are the store's own constants, never input; values are
 * parameters.
 */
import type { Tenant } from '../tenancy/tenancy.js';
import type { Queryable } from './db.js';

/** Inserts a row of the tenant's with these columns; answers its id. */
export async function insertRow(
  q: Queryable,
  tenant: Tenant,
  table: string,
  columns: Record<string, unknown>,
): Promise<string> {
  const names = Object.keys(columns);
  const rows = await q.query<{ id: string }>(
    `INSERT INTO ${table} (partnership_id, ${names.join(', ')})
     VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
    [tenant.partnershipId, ...Object.values(columns)],
  );
  return rows[0]!.id;
}

/** Saves the columns only if nobody changed the row since `version` was read; true when saved. */
export async function updateAtVersion(
  q: Queryable,
  tenant: Tenant,
  table: string,
  id: string,
  columns: Record<string, unknown>,
  version: number,
): Promise<boolean> {
  const names = Object.keys(columns);
  const rows = await q.query(
    `UPDATE ${table} SET ${names.map((name, i) => `${name} = $${i + 3}`).join(', ')}, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $${names.length + 3} RETURNING 1`,
    [tenant.partnershipId, id, ...Object.values(columns), version],
  );
  return rows.length === 1;
}

/** Deletes one of the tenant's rows; true when there was one. */
export async function deleteRow(
  q: Queryable,
  tenant: Tenant,
  table: string,
  id: string,
): Promise<boolean> {
  const rows = await q.query(
    `DELETE FROM ${table} WHERE partnership_id = $1 AND id = $2 RETURNING 1`,
    [tenant.partnershipId, id],
  );
  return rows.length === 1;
}
