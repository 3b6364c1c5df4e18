import type { Queryable } from '../db/db.js';
import type { Actor } from '../auth/types.js';

export type AuditChange = {
  partnershipId: string | null;
  entityType: string;
  entityId: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
};

/** Records one change. Call it inside the transaction that makes the change, so both or neither land. */
export async function recordAudit(tx: Queryable, actor: Actor, change: AuditChange): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_user_id, actor_name, partnership_id, entity_type, entity_id, action, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      actor.userId,
      actor.name,
      change.partnershipId,
      change.entityType,
      change.entityId,
      change.action,
      change.before === undefined ? null : JSON.stringify(redact(change.before)),
      change.after === undefined ? null : JSON.stringify(redact(change.after)),
      actor.requestId ?? null,
    ],
  );
}

const SECRET_KEYS = new Set([
  'password_hash',
  'passwordHash',
  'password',
  'token_hash',
  'tokenHash',
  'token',
]);

/** Secrets never reach the audit log; that they changed is recorded instead. */
function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEYS.has(k) ? '[redacted]' : v,
    ]),
  );
}

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
