import type { Db, Queryable } from '../platform/db/db.js';
import { recordAudit } from '../platform/audit/record.js';
import type { Actor } from '../platform/identity/types.js';

export const BACKUP_FORMAT = 'sendboard-backup';
export const BACKUP_VERSION = 1;

type Row = Record<string, unknown>;

export type Backup = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
  scope: { partnership: string | null };
  tables: Record<string, Row[]>;
};

export class BackupError extends Error {}

/**
 * Tables in restore order (parents first), each with how to select one partnership's rows.
 * Sessions and invitation links are never backed up: restoring signs everyone out. Imports
 * waiting for confirmation are not either: they are re-read from the file.
 */
const TABLES: {
  name: string;
  scoped: string;
  userColumns: string[];
  skipColumns?: string[];
  allOnly?: boolean;
}[] = [
  { name: 'partnerships', scoped: 'id = ANY($1)', userColumns: [] },
  {
    name: 'users',
    scoped: 'id IN (SELECT user_id FROM memberships WHERE partnership_id = ANY($1))',
    userColumns: ['id'],
  },
  { name: 'memberships', scoped: 'partnership_id = ANY($1)', userColumns: ['user_id'] },
  { name: 'organisations', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'organisation_members', scoped: 'partnership_id = ANY($1)', userColumns: ['user_id'] },
  { name: 'api_tokens', scoped: 'false', userColumns: ['user_id'], allOnly: true },
  { name: 'inspections', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'findings', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'plans', scoped: 'partnership_id = ANY($1)', userColumns: ['owner_user_id'] },
  { name: 'plan_versions', scoped: 'partnership_id = ANY($1)', userColumns: ['created_by'] },
  { name: 'priorities', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'priority_findings', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'actions', scoped: 'partnership_id = ANY($1)', userColumns: ['lead_user_id'] },
  { name: 'action_partners', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'success_measures', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'plan_inclusions', scoped: 'partnership_id = ANY($1)', userColumns: ['created_by'] },
  { name: 'update_rounds', scoped: 'partnership_id = ANY($1)', userColumns: ['created_by'] },
  { name: 'round_plans', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  {
    name: 'action_updates',
    scoped: 'partnership_id = ANY($1)',
    userColumns: ['author_user_id', 'corrected_by'],
  },
  {
    name: 'action_due_date_changes',
    scoped: 'partnership_id = ANY($1)',
    userColumns: ['changed_by', 'approved_by'],
  },
  { name: 'plan_status_events', scoped: 'partnership_id = ANY($1)', userColumns: ['created_by'] },
  { name: 'partnership_settings', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'key_dates', scoped: 'partnership_id = ANY($1)', userColumns: ['created_by'] },
  // Boards before risks: a risk may be escalated to one.
  { name: 'boards', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'board_members', scoped: 'partnership_id = ANY($1)', userColumns: ['user_id'] },
  { name: 'board_meetings', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'board_reports', scoped: 'partnership_id = ANY($1)', userColumns: ['created_by'] },
  { name: 'agenda_items', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'board_decisions', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'board_follow_ups', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'risk_matrices', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  {
    name: 'risks',
    scoped: 'partnership_id = ANY($1)',
    userColumns: ['owner_user_id', 'created_by'],
  },
  { name: 'risk_mitigations', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'risk_reviews', scoped: 'partnership_id = ANY($1)', userColumns: ['created_by'] },
  // A feed's secret, like an API token's, goes only in a whole backup.
  { name: 'calendar_feeds', scoped: 'false', userColumns: ['created_by'], allOnly: true },
  { name: 'indicators', scoped: 'partnership_id = ANY($1)', userColumns: ['owner_user_id'] },
  { name: 'indicator_targets', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'indicator_actions', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'indicator_findings', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'geography_units', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'data_imports', scoped: 'partnership_id = ANY($1)', userColumns: ['created_by'] },
  {
    name: 'indicator_values',
    scoped: 'partnership_id = ANY($1)',
    userColumns: [],
    skipColumns: ['id'],
  },
  {
    name: 'benchmark_values',
    scoped: 'partnership_id = ANY($1)',
    userColumns: [],
    skipColumns: ['id'],
  },
  { name: 'censuses', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'census_school_counts', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'ehc_case_sets', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  { name: 'ehc_cases', scoped: 'partnership_id = ANY($1)', userColumns: [] },
  {
    name: 'audit_log',
    scoped: 'partnership_id = ANY($1)',
    userColumns: ['actor_user_id'],
    skipColumns: ['id'],
  },
];

/** A consistent snapshot (one repeatable-read transaction) of one partnership, or of everything. */
export async function createBackup(db: Db, partnershipSlug?: string): Promise<Backup> {
  return db.transaction(
    async (tx) => {
      let ids: string[] | undefined;
      if (partnershipSlug) {
        const rows = await tx.query<{ id: string }>('SELECT id FROM partnerships WHERE slug = $1', [
          partnershipSlug,
        ]);
        if (rows.length === 0)
          throw new BackupError(`No partnership with the URL name "${partnershipSlug}"`);
        ids = rows.map((r) => r.id);
      }
      const tables: Record<string, Row[]> = {};
      for (const table of TABLES) {
        if (ids && table.allOnly) continue;
        const where = ids ? `WHERE ${table.scoped}` : '';
        const order = table.name === 'audit_log' ? 'ORDER BY id' : '';
        tables[table.name] = await tx.query<Row>(
          `SELECT * FROM ${table.name} ${where} ${order}`,
          ids ? [ids] : [],
        );
        for (const row of tables[table.name]!)
          for (const col of table.skipColumns ?? []) delete row[col];
      }
      const migrations = (
        await tx.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
      ).map((r) => r.name);
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        migrations,
        scope: { partnership: partnershipSlug ?? null },
        tables,
      };
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}

/** Who restores a backup when no one else is named: the command line. */
const COMMAND_LINE: Actor = { userId: null, name: 'Sendboard command line' };

/**
 * Restores a backup into this database in one transaction: all of it or none. People are matched
 * by email, so restoring a partnership beside others reuses existing accounts. The restore is
 * itself audited, in each restored partnership's log after the entries the file brought.
 */
export async function restoreBackup(
  db: Db,
  backup: Backup,
  actor: Actor = COMMAND_LINE,
): Promise<{ partnerships: string[]; rows: number }> {
  if (backup?.format !== BACKUP_FORMAT || typeof backup.tables !== 'object')
    throw new BackupError('This file is not a Sendboard backup');
  if (backup.version > BACKUP_VERSION)
    throw new BackupError(
      `This backup is version ${backup.version}; this Sendboard reads up to version ${BACKUP_VERSION}. Upgrade Sendboard first.`,
    );
  return db.transaction(async (tx) => {
    const known = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
    );
    const missing = backup.migrations.filter((m) => !known.has(m));
    if (missing.length)
      throw new BackupError(
        `This backup comes from a newer Sendboard (migrations ${missing.join(', ')}). Upgrade Sendboard first.`,
      );

    const partnerships = backup.tables.partnerships ?? [];
    const restoredIds = new Set<string>();
    for (const p of partnerships) {
      // The slug ends up in URLs and pages: it must look like one Sendboard makes.
      if (
        typeof p.slug !== 'string' ||
        !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.slug) ||
        p.slug.length > 80
      )
        throw new BackupError(
          'This backup has a partnership with an invalid URL name. Nothing was restored.',
        );
      const clash = await tx.query('SELECT 1 FROM partnerships WHERE id = $1 OR slug = $2', [
        p.id,
        p.slug,
      ]);
      if (clash.length)
        throw new BackupError(
          `Partnership "${String(p.slug)}" already exists in this database. Nothing was restored.`,
        );
      restoredIds.add(String(p.id));
    }
    // Only a restore into an empty database may bring platform owners, tokens and account-level history.
    const emptyTarget = (await tx.query('SELECT 1 FROM users LIMIT 1')).length === 0;
    const userIdMap = await mapUsers(tx, backup.tables.users ?? []);
    let count = 0;
    for (const table of TABLES) {
      let rows = backup.tables[table.name];
      if (!rows?.length) continue;
      if (
        !Array.isArray(rows) ||
        rows.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))
      )
        throw new BackupError(
          `The ${table.name} in this backup are not rows. Nothing was restored.`,
        );
      // Column names come from the database, never from the file: the file only supplies values.
      const real = new Set(
        (
          await tx.query<{ column_name: string }>(
            `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
            [table.name],
          )
        ).map((c) => c.column_name),
      );
      const unknown = rows.flatMap((r) => Object.keys(r)).find((k) => !real.has(k));
      if (unknown !== undefined)
        throw new BackupError(
          `This backup has an unknown column in ${table.name}. Nothing was restored.`,
        );
      if (table.name !== 'partnerships' && real.has('partnership_id')) {
        const foreign = rows.find(
          (r) =>
            !(r.partnership_id === null && emptyTarget) &&
            !restoredIds.has(String(r.partnership_id)),
        );
        if (foreign)
          throw new BackupError(
            `This backup has ${table.name} of a partnership it does not contain. Nothing was restored.`,
          );
      }
      if (
        !emptyTarget &&
        (table.name === 'api_tokens' ||
          (table.name === 'users' && rows.some((r) => r.is_platform_owner === true)))
      )
        throw new BackupError(
          'Platform owners and API tokens can only be restored into an empty Sendboard. Nothing was restored.',
        );
      // Accounts that already exist here are reused, not inserted again.
      if (table.name === 'users')
        rows = rows.filter((r) => !userIdMap.existing.has(r.id as string));
      rows = rows.map((row) => remap(row, table.userColumns, userIdMap));
      if (rows.length === 0) continue;
      const columns = [...real].filter(
        (c) => rows!.some((r) => c in r) && !(table.skipColumns ?? []).includes(c),
      );
      const list = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
      // json_populate_recordset converts every column to the table's own type, on PGlite and PostgreSQL alike.
      await tx.query(
        `INSERT INTO ${table.name} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table.name}, $1::json)`,
        [JSON.stringify(rows)],
      );
      count += rows.length;
    }
    for (const p of partnerships)
      await recordAudit(tx, actor, {
        partnershipId: String(p.id),
        entityType: 'partnership',
        entityId: String(p.id),
        action: 'restore from backup',
        after: { name: p.name, backup_created_at: backup.createdAt, rows: count },
      });
    return { partnerships: partnerships.map((p) => String(p.slug)), rows: count };
  });
}

async function mapUsers(
  tx: Queryable,
  users: Row[],
): Promise<Map<string, string> & { existing: Set<string> }> {
  const map = new Map<string, string>() as Map<string, string> & { existing: Set<string> };
  map.existing = new Set();
  for (const user of users) {
    const found = await tx.query<{ id: string }>(
      'SELECT id FROM users WHERE lower(email) = lower($1) OR id = $2',
      [user.email, user.id],
    );
    if (found[0]) {
      map.set(user.id as string, found[0].id);
      map.existing.add(user.id as string);
    }
  }
  return map;
}

function remap(row: Row, columns: string[], map: Map<string, string>): Row {
  if (columns.length === 0) return row;
  const copy = { ...row };
  for (const c of columns)
    if (typeof copy[c] === 'string' && map.has(copy[c] as string))
      copy[c] = map.get(copy[c] as string);
  return copy;
}
