import { inspectionTitle, type InspectionKind } from '../inspections/index.js';
import { actionNumber } from '../plans/index.js';
import type { Queryable } from '../platform/db/db.js';
import { ID_KINDS, type IdKind, type KnownRecord, type Names } from './describe-change.js';
export type AuditRow = {
  id: string;
  at: Date;
  actor_name: string | null;
  entity_type: string;
  entity_id: string | null;
  action: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
};

export type AuditFilter = {
  entityType?: string;
  actor?: string;
  from?: string;
  to?: string;
  beforeId?: string;
  limit: number;
};

export async function listAudit(
  q: Queryable,
  partnershipId: string,
  filter: AuditFilter,
): Promise<AuditRow[]> {
  const where = ['partnership_id = $1'];
  const params: unknown[] = [partnershipId];
  if (filter.entityType) {
    params.push(filter.entityType);
    where.push(`entity_type = $${params.length}`);
  }
  if (filter.actor) {
    params.push(`%${filter.actor.toLowerCase()}%`);
    where.push(`lower(actor_name) LIKE $${params.length}`);
  }
  if (filter.from) {
    params.push(filter.from);
    where.push(`at >= $${params.length}::date`);
  }
  if (filter.to) {
    params.push(filter.to);
    where.push(`at < ($${params.length}::date + 1)`);
  }
  if (filter.beforeId) {
    params.push(filter.beforeId);
    where.push(`id < $${params.length}::bigint`);
  }
  params.push(filter.limit);
  return q.query<AuditRow>(
    `SELECT id::text AS id, at, actor_name, entity_type, entity_id, action, before, after, request_id
     FROM audit_log WHERE ${where.join(' AND ')} ORDER BY audit_log.id DESC LIMIT $${params.length}`,
    params,
  );
}

export async function auditEntityTypes(q: Queryable, partnershipId: string): Promise<string[]> {
  const rows = await q.query<{ entity_type: string }>(
    'SELECT DISTINCT entity_type FROM audit_log WHERE partnership_id = $1 ORDER BY entity_type',
    [partnershipId],
  );
  return rows.map((r) => r.entity_type);
}

/**
 * The current names of the records a page of entries names by id: one query per kind of record,
 * whatever the number of entries, each scoped to the partnership. A record that is gone (or
 * belongs elsewhere) is simply missing from the answer.
 */
export async function resolveAuditNames(
  q: Queryable,
  partnershipId: string,
  ids: Record<IdKind, string[]>,
): Promise<Names> {
  const lookups: { [K in IdKind]: string } = {
    person: `SELECT u.id::text AS id, u.name FROM users u
      JOIN memberships m ON m.user_id = u.id AND m.partnership_id = $1 WHERE u.id = ANY($2::uuid[])`,
    organisation: `SELECT id::text AS id, name FROM organisations WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    action: `SELECT a.id::text AS id, a.title AS name, pr.position AS priority_position, a.position,
        pa.position AS parent_position
      FROM actions a JOIN priorities pr ON pr.id = a.priority_id LEFT JOIN actions pa ON pa.id = a.parent_action_id
      WHERE a.partnership_id = $1 AND a.id = ANY($2::uuid[])`,
    finding: `SELECT id::text AS id, text AS name FROM findings WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    priority: `SELECT id::text AS id, title AS name, position::text AS number FROM priorities WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    plan: `SELECT id::text AS id, title AS name FROM plans WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    inspection: `SELECT id::text AS id, kind, published_on::text AS published_on, on_site_start::text AS on_site_start
      FROM inspections WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    indicator: `SELECT id::text AS id, name FROM indicators WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    round: `SELECT id::text AS id, title AS name FROM update_rounds WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
    board: `SELECT id::text AS id, name FROM boards WHERE partnership_id = $1 AND id = ANY($2::uuid[])`,
  };
  const answers = await Promise.all(
    ID_KINDS.map(async (kind) => {
      if (ids[kind].length === 0) return [kind, new Map<string, KnownRecord>()] as const;
      const rows = await q.query<NameRow>(lookups[kind], [partnershipId, ids[kind]]);
      return [kind, new Map(rows.map((row) => [row.id, knownRecord(kind, row)]))] as const;
    }),
  );
  return Object.fromEntries(answers) as Names;
}

type NameRow = {
  id: string;
  name?: string;
  number?: string;
  priority_position?: number;
  position?: number;
  parent_position?: number | null;
  kind?: InspectionKind;
  published_on?: string | null;
  on_site_start?: string | null;
};

function knownRecord(kind: IdKind, row: NameRow): KnownRecord {
  if (kind === 'inspection') return { name: inspectionTitle({ ...row, kind: row.kind! }) };
  if (kind === 'action')
    return {
      name: row.name!,
      number: actionNumber({
        priority_position: row.priority_position!,
        position: row.position!,
        parent_position: row.parent_position ?? null,
      }),
    };
  return row.number ? { name: row.name!, number: row.number } : { name: row.name! };
}
