import type { Queryable } from '../db/db.js';
import type { Actor } from '../identity/types.js';
import { redact } from './redact.js';

export type AuditChange = {
  partnershipId: string | null;
  entityType: string;
  entityId: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
};

/**
 * Records one change. Call it inside the transaction that makes the change, so both or neither
 * land. Secrets are redacted at any depth (see redact.ts): that they changed is recorded instead.
 */
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

/**
 * Records the rows a delete took with it (the database cascades them): each as deleted, with
 * what it was, in the delete's transaction.
 */
export async function recordCascadedDeletes(
  tx: Queryable,
  actor: Actor,
  partnershipId: string,
  entityType: string,
  rows: readonly { id: string }[],
): Promise<void> {
  for (const row of rows)
    await recordAudit(tx, actor, {
      partnershipId,
      entityType,
      entityId: row.id,
      action: 'delete',
      before: row,
    });
}
