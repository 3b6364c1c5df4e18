import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../identity/types.js';
import type { Tenant } from '../tenancy/tenancy.js';
import {
  claimDueMessages,
  failAbandonedMessages,
  findOutboxMessage,
  insertOutboxMessage,
  markAttemptFailed,
  markSent,
  releaseClaim,
  removeContentFinishedBefore,
  requeueFailedMessage,
  type ClaimedMessage,
} from './outbox-repository.js';
import {
  errorText,
  MAX_ATTEMPTS,
  normaliseEmail,
  retentionCutoff,
  retryDelayMinutes,
  type EmailToQueue,
} from './outbox-rules.js';
import { SendError, type EmailLog, type EmailSender } from './senders.js';
import { recordAudit } from '../audit/record.js';

/**
 * Queues an email to be sent by the outbox worker. Call it inside the transaction that makes the
 * change the email is about, so both happen or neither does; nothing is sent until it commits.
 * With a `dedupeKey` the partnership never gets the same message queued twice: a second call
 * with the same key does nothing. Returns whether the message was queued.
 */
export async function enqueueEmail(
  tx: Queryable,
  tenant: Tenant,
  email: EmailToQueue,
): Promise<boolean> {
  return (await insertOutboxMessage(tx, tenant, normaliseEmail(email))) !== undefined;
}

/** The outbox page's test: one email to an address the admin gives, to check the settings. */
export async function queueTestEmail(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: { toAddress: string; baseUrl: string },
): Promise<string> {
  const email = normaliseEmail({
    kind: 'test',
    toAddress: input.toAddress,
    subject: `Test email from Sendboard for ${tenant.partnershipName}`,
    bodyText: [
      `This is a test email from Sendboard for ${tenant.partnershipName}.`,
      `${actor.name} sent it from the outbox page to check that Sendboard can send email. If you can read this, it can. You do not need to reply.`,
      `The outbox: ${input.baseUrl}/p/${tenant.slug}/outbox`,
    ].join('\n\n'),
  });
  return db.transaction(async (tx) => {
    const id = (await insertOutboxMessage(tx, tenant, email))!;
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'email',
      entityId: id,
      action: 'queue test',
      after: { kind: email.kind, to_address: email.toAddress, subject: email.subject },
    });
    return id;
  });
}

export type RetryOutcome = 'queued' | 'not-failed' | 'removed' | 'not-found';

/** "Send again": a failed message goes back in the queue with a fresh set of attempts. */
export async function retryMessage(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
): Promise<RetryOutcome> {
  return db.transaction(async (tx) => {
    const message = await findOutboxMessage(tx, tenant, id);
    if (!message) return 'not-found';
    if (message.content_removed_at) return 'removed';
    if (!(await requeueFailedMessage(tx, tenant, id))) return 'not-failed';
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'email',
      entityId: id,
      action: 'send again',
      before: {
        status: message.status,
        attempts: message.attempts,
        last_error: message.last_error,
      },
      after: { status: 'queued', attempts: 0 },
    });
    return 'queued';
  });
}

/** Who removes old emails' content, in the audit log. */
const RETENTION_ACTOR: Actor = { userId: null, name: 'Sendboard' };

/**
 * Removes the recipient and message of every email sent or failed for good more than
 * `retentionDays` ago, in one statement, with an audit entry for each partnership affected.
 * Returns how many emails lost their content.
 */
export async function removeExpiredContent(
  db: Db,
  options: { retentionDays: number; now?: Date },
): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = retentionCutoff(now, options.retentionDays);
  return db.transaction(async (tx) => {
    const removed = await removeContentFinishedBefore(tx, cutoff, now);
    for (const { partnership_id, emails } of removed)
      await recordAudit(tx, RETENTION_ACTOR, {
        partnershipId: partnership_id,
        entityType: 'email',
        entityId: null,
        action: 'remove old content',
        after: {
          emails,
          retention_days: options.retentionDays,
          finished_before: cutoff.toISOString(),
        },
      });
    return removed.reduce((sum, r) => sum + r.emails, 0);
  });
}

export type DeliveryOptions = {
  batchSize?: number;
  /** Gives up on a send that takes longer; the message is retried like any failure. */
  sendTimeoutMs?: number;
  /** Checked between messages, so stopping waits for one send at most. */
  shouldStop?: () => boolean;
};

/**
 * Sends every due message, a batch at a time, and records each outcome. One message failing
 * never stops the others. Returns how many messages were attempted.
 */
export async function deliverDueMessages(
  db: Db,
  sender: EmailSender,
  log: EmailLog,
  options: DeliveryOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 20;
  const stop = options.shouldStop ?? (() => false);
  const abandoned = await failAbandonedMessages(db, MAX_ATTEMPTS);
  if (abandoned) log.warn({ count: abandoned }, 'outbox: interrupted emails failed for good');
  let attempted = 0;
  while (!stop()) {
    const batch = await claimDueMessages(db, batchSize, MAX_ATTEMPTS);
    for (const [i, message] of batch.entries()) {
      if (stop()) {
        // Hand back what this worker claimed but will not send, for the next worker to take.
        await releaseClaims(db, batch.slice(i));
        return attempted;
      }
      await deliverOne(db, sender, log, message, options.sendTimeoutMs ?? 90_000);
      attempted++;
    }
    if (batch.length < batchSize) break;
  }
  return attempted;
}

async function deliverOne(
  db: Db,
  sender: EmailSender,
  log: EmailLog,
  message: ClaimedMessage,
  timeoutMs: number,
): Promise<void> {
  const context = { outboxId: message.id, kind: message.kind, attempt: message.attempts };
  try {
    const result = await withTimeout(
      sender.send({
        id: message.id,
        toAddress: message.to_address,
        toName: message.to_name,
        subject: message.subject,
        bodyText: message.body_text,
      }),
      timeoutMs,
    );
    if (!(await markSent(db, message, result.providerMessageId ?? null)))
      log.warn(context, 'outbox: sent, but another worker had taken the message over');
    else log.info({ ...context, transport: sender.transport }, 'outbox: email sent');
  } catch (error) {
    const permanent = error instanceof SendError && error.permanent;
    const retryIn = permanent ? null : retryDelayMinutes(message.attempts);
    const text = errorText(error);
    await markAttemptFailed(db, message, text, retryIn);
    log.warn(
      { ...context, error: text, retryInMinutes: retryIn },
      retryIn === null ? 'outbox: email failed for good' : 'outbox: email failed, will retry',
    );
  }
}

/** Undoes a claim that was never attempted, without counting it as an attempt. */
async function releaseClaims(db: Db, messages: ClaimedMessage[]): Promise<void> {
  for (const message of messages) await releaseClaim(db, message);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`No answer from the email service after ${ms / 1000} seconds`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
