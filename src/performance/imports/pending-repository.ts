import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';

/**
 * Imports are checked in full, shown as a preview, and saved only when the person confirms.
 * Between the two requests the checked records wait here (never the file itself).
 */
export type ImportKind = 'indicator_values' | 'benchmarks' | 'geography' | 'census' | 'ehc_cases';

export type PendingImport<Payload> = {
  id: string;
  kind: ImportKind;
  file_name: string;
  rows_read: number;
  payload: Payload;
  summary: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
};

/** Unconfirmed previews older than this are cleared. */
const PENDING_HOURS = 24;

export async function savePendingImport(
  q: Queryable,
  tenant: Tenant,
  input: {
    kind: ImportKind;
    fileName: string;
    rowsRead: number;
    payload: unknown;
    summary: Record<string, unknown>;
    createdBy: string | null;
  },
): Promise<string> {
  await q.query(
    `DELETE FROM pending_imports WHERE partnership_id = $1 AND created_at < now() - make_interval(hours => $2)`,
    [tenant.partnershipId, PENDING_HOURS],
  );
  const rows = await q.query<{ id: string }>(
    `INSERT INTO pending_imports (partnership_id, kind, file_name, rows_read, payload, summary, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      tenant.partnershipId,
      input.kind,
      input.fileName,
      input.rowsRead,
      JSON.stringify(input.payload),
      JSON.stringify(input.summary),
      input.createdBy,
    ],
  );
  return rows[0]!.id;
}

export async function findPendingImport<Payload>(
  q: Queryable,
  tenant: Tenant,
  id: string,
  kind: ImportKind,
): Promise<PendingImport<Payload> | undefined> {
  const rows = await q.query<PendingImport<Payload>>(
    `SELECT id, kind, file_name, rows_read, payload, summary, created_by, created_at
     FROM pending_imports
     WHERE partnership_id = $1 AND id = $2 AND kind = $3
       AND created_at >= now() - make_interval(hours => $4)`,
    [tenant.partnershipId, id, kind, PENDING_HOURS],
  );
  return rows[0];
}

/** Removes a pending import; false when it was already gone (saved twice, or abandoned). */
export async function deletePendingImport(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<boolean> {
  const rows = await q.query(
    'DELETE FROM pending_imports WHERE partnership_id = $1 AND id = $2 RETURNING 1',
    [tenant.partnershipId, id],
  );
  return rows.length > 0;
}

/** Records a saved import; call inside the transaction that saves its rows. */
export async function recordDataImport(
  q: Queryable,
  tenant: Tenant,
  input: {
    kind: ImportKind;
    fileName: string;
    rowsRead: number;
    summary: Record<string, unknown>;
    createdBy: string | null;
  },
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO data_imports (partnership_id, kind, file_name, rows_read, summary, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      tenant.partnershipId,
      input.kind,
      input.fileName,
      input.rowsRead,
      JSON.stringify(input.summary),
      input.createdBy,
    ],
  );
  return rows[0]!.id;
}

export type DataImportRow = {
  id: string;
  kind: ImportKind;
  file_name: string;
  rows_read: number;
  summary: Record<string, unknown>;
  created_by_name: string | null;
  created_at: Date;
  /** When it was undone (indicator values and benchmarks only); its row stays. */
  undone_at: Date | null;
};

const DATA_IMPORT_COLUMNS = `d.id, d.kind, d.file_name, d.rows_read, d.summary,
  u.name AS created_by_name, d.created_at, d.undone_at`;

export async function listDataImports(
  q: Queryable,
  tenant: Tenant,
  kind?: ImportKind,
): Promise<DataImportRow[]> {
  return q.query<DataImportRow>(
    `SELECT ${DATA_IMPORT_COLUMNS}
     FROM data_imports d LEFT JOIN users u ON u.id = d.created_by
     WHERE d.partnership_id = $1 AND ($2::text IS NULL OR d.kind = $2)
     ORDER BY d.created_at DESC LIMIT 200`,
    [tenant.partnershipId, kind ?? null],
  );
}

export async function findDataImport(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<DataImportRow | undefined> {
  const rows = await q.query<DataImportRow>(
    `SELECT ${DATA_IMPORT_COLUMNS}
     FROM data_imports d LEFT JOIN users u ON u.id = d.created_by
     WHERE d.partnership_id = $1 AND d.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}
