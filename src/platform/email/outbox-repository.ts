import type { Queryable } from '../db/db.js';
import type { Tenant } from '../tenancy/tenancy.js';
import { CLAIM_LEASE_MINUTES, type EmailToQueue, type OutboxStatus } from './outbox-rules.js';

export type OutboxRow = {
  id: string;
  kind: string;
  /** Null, like to_name, once the retention period removed it (content_removed_at). */
  to_address: string | null;
  to_name: string | null;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  content_removed_at: Date | null;
};

const COLUMNS = `id, kind, to_address, to_name, subject, status, attempts, next_attempt_at, last_error,
  provider_message_id, created_at, sent_at, content_removed_at`;

/** Queues one message; undefined when the partnership already has a message with its dedupe key. */
export async function insertOutboxMessage(
  q: Queryable,
  tenant: Tenant,
  email: Required<EmailToQueue>,
): Promise<string | undefined> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO outbox (partnership_id, kind, to_address, to_name, subject, body_text, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (partnership_id, dedupe_key) DO NOTHING
     RETURNING id`,
    [
      tenant.partnershipId,
      email.kind,
      email.toAddress,
      email.toName,
      email.subject,
      email.bodyText,
      email.dedupeKey,
    ],
  );
  return rows[0]?.id;
}

export async function listOutbox(
  q: Queryable,
  tenant: Tenant,
  page: { limit: number; offset: number },
): Promise<OutboxRow[]> {
  return q.query<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox WHERE partnership_id = $1
     ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
    [tenant.partnershipId, page.limit, page.offset],
  );
}

export async function countOutboxByStatus(
  q: Queryable,
  tenant: Tenant,
): Promise<Record<OutboxStatus, number>> {
  const rows = await q.query<{ status: OutboxStatus; n: number }>(
    'SELECT status, count(*)::int AS n FROM outbox WHERE partnership_id = $1 GROUP BY status',
    [tenant.partnershipId],
  );
  const counts = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

export async function findOutboxMessage(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<OutboxRow | undefined> {
  const rows = await q.query<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox WHERE partnership_id = $1 AND id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

/**
 * A failed message goes back in the queue with a fresh set of attempts; not one whose recipient
 * and message the retention period removed, since there is nothing left to send.
 */
export async function requeueFailedMessage(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = now()
     WHERE partnership_id = $1 AND id = $2 AND status = 'failed' AND content_removed_at IS NULL
     RETURNING 1`,
    [tenant.partnershipId, id],
  );
  return rows.length === 1;
}

// The worker's queries act for the whole deployment, across partnerships, like the CLI does:
// it sends what pages of each partnership queued and shows nothing to anyone.

export type ClaimedMessage = {
  id: string;
  partnership_id: string;
  kind: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  body_text: string;
  /** This attempt's number, 1 for the first; it guards the outcome against a lapsed claim. */
  attempts: number;
};

/**
 * Claims up to `limit` due messages for this worker: queued ones whose time has come, and ones
 * whose sender's claim lapsed (it died mid-send). SKIP LOCKED lets several servers claim at
 * once on PostgreSQL without waiting for or taking each other's messages.
 */
export async function claimDueMessages(
  q: Queryable,
  limit: number,
  maxAttempts: number,
): Promise<ClaimedMessage[]> {
  return q.query<ClaimedMessage>(
    `WITH due AS MATERIALIZED (
       SELECT id FROM outbox
       WHERE status IN ('queued', 'sending') AND next_attempt_at <= now() AND attempts < $2
       ORDER BY next_attempt_at, created_at
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     )
     UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1,
       next_attempt_at = now() + make_interval(mins => $3)
     FROM due WHERE o.id = due.id
     RETURNING o.id, o.partnership_id, o.kind, o.to_address, o.to_name, o.subject, o.body_text, o.attempts`,
    [limit, maxAttempts, CLAIM_LEASE_MINUTES],
  );
}

/** Messages whose last allowed attempt was claimed and never finished fail for good. */
export async function failAbandonedMessages(q: Queryable, maxAttempts: number): Promise<number> {
  const rows = await q.query(
    `UPDATE outbox SET status = 'failed',
       last_error = coalesce(last_error || ' ', '') || '(The last attempt was interrupted before it finished.)'
     WHERE status = 'sending' AND next_attempt_at <= now() AND attempts >= $1 RETURNING 1`,
    [maxAttempts],
  );
  return rows.length;
}

/** Records a delivery; false if the claim had lapsed and another worker owns the message now. */
export async function markSent(
  q: Queryable,
  claimed: { id: string; attempts: number },
  providerMessageId: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE outbox SET status = 'sent', sent_at = now(), provider_message_id = $3
     WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING 1`,
    [claimed.id, claimed.attempts, providerMessageId],
  );
  return rows.length === 1;
}

/** Records a failed attempt: back in the queue after `retryInMinutes`, or failed when null. */
export async function markAttemptFailed(
  q: Queryable,
  claimed: { id: string; attempts: number },
  error: string,
  retryInMinutes: number | null,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE outbox SET last_error = $3,
       status = CASE WHEN $4::int IS NULL THEN 'failed' ELSE 'queued' END,
       next_attempt_at = CASE WHEN $4::int IS NULL THEN next_attempt_at
                              ELSE now() + make_interval(mins => $4::int) END
     WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING 1`,
    [claimed.id, claimed.attempts, error, retryInMinutes],
  );
  return rows.length === 1;
}

/**
 * Retention, in one statement for every partnership: emails sent or failed for good before
 * `cutoff` lose their recipient and message (and the address in any error text); the row, its
 * dedupe key and its history stay. Uses outbox_retention_idx. Returns how many per partnership.
 */
export async function removeContentFinishedBefore(
  q: Queryable,
  cutoff: Date,
  now: Date,
): Promise<{ partnership_id: string; emails: number }[]> {
  return q.query<{ partnership_id: string; emails: number }>(
    `WITH removed AS (
       UPDATE outbox SET to_address = NULL, to_name = NULL, body_text = NULL,
         last_error = replace(last_error, to_address, '[address removed]'),
         content_removed_at = $2
       WHERE status IN ('sent', 'failed') AND content_removed_at IS NULL
         AND coalesce(sent_at, next_attempt_at) < $1
       RETURNING partnership_id
     )
     SELECT partnership_id, count(*)::int AS emails FROM removed
     GROUP BY partnership_id ORDER BY partnership_id`,
    [cutoff, now],
  );
}

/** Hands back a claimed message that was never attempted, without counting an attempt. */
export async function releaseClaim(
  q: Queryable,
  claimed: { id: string; attempts: number },
): Promise<void> {
  await q.query(
    `UPDATE outbox SET status = 'queued', attempts = attempts - 1, next_attempt_at = now()
     WHERE id = $1 AND status = 'sending' AND attempts = $2`,
    [claimed.id, claimed.attempts],
  );
}
