/** The outbox's pure rules: when to try again, what to call things, what a message may hold. */

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * How long to wait before the next attempt, after `attempts` attempts have failed; null when
 * there is no next attempt and the message has failed for good.
 */
export function retryDelayMinutes(attempts: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('attempts must be >= 1');
  return RETRY_DELAYS_MINUTES[attempts - 1] ?? null;
}

/** How long a worker may hold a claimed message before another may take it over. */
export const CLAIM_LEASE_MINUTES = 10;
const DAY_MS = 86_400_000;

/**
 * Emails sent, or failed for good, before this moment lose their recipient and message. A day
 * is 24 hours: the rule needs no calendar, and an hour either way at a clock change is harmless.
 */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new RangeError('retentionDays must be a whole number of at least 1');
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * When an email stopped changing: when it was sent, or for one that failed for good, the time
 * its last attempt left in next_attempt_at (within minutes of failing). The retention query
 * and its index say the same in SQL: coalesce(sent_at, next_attempt_at).
 */
export function finishedAt(message: { sent_at: Date | null; next_attempt_at: Date }): Date {
  return message.sent_at ?? message.next_attempt_at;
}

/** Whole days an email kept its content before it was removed, as the outbox page says it. */
export function daysKept(finished: Date, removed: Date): number {
  return Math.max(0, Math.floor((removed.getTime() - finished.getTime()) / DAY_MS));
}

export const KIND_LABELS: Record<string, string> = {
  'round-reminder': 'Update round reminder',
  'deadline-reminder': 'Deadline reminder',
  test: 'Test email',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** The GOV.UK tag for a message's state; a queued message that has failed before is retrying. */
export function statusTag(message: { status: OutboxStatus; attempts: number }): {
  text: string;
  classes: string;
} {
  switch (message.status) {
    case 'queued':
      return message.attempts > 0
        ? { text: 'Retrying', classes: 'govuk-tag--yellow' }
        : { text: 'Queued', classes: 'govuk-tag--grey' };
    case 'sending':
      return { text: 'Sending', classes: '' };
    case 'sent':
      return { text: 'Sent', classes: 'govuk-tag--green' };
    case 'failed':
      return { text: 'Failed', classes: 'govuk-tag--red' };
  }
}

export type EmailToQueue = {
  /** What the message is for, like 'round-reminder': lower case, digits and hyphens. */
  kind: string;
  toAddress: string;
  toName?: string | null;
  subject: string;
  bodyText: string;
  /** A key unique within the partnership: the same key is never queued twice. */
  dedupeKey?: string | null;
};

export class OutboxInputError extends Error {}

const KIND = /^[a-z][a-z0-9-]{0,39}$/;
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/**
 * Checks and tidies a message before it is queued. Header fields lose line breaks (no header
 * injection); a bad kind or address is a programming error, since callers queue addresses
 * that were validated when they were saved.
 */
export function normaliseEmail(email: EmailToQueue): Required<EmailToQueue> {
  const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, ' ').trim();
  const toAddress = email.toAddress.trim();
  if (!KIND.test(email.kind)) throw new OutboxInputError(`Invalid email kind "${email.kind}"`);
  if (toAddress.length > 254 || !ADDRESS.test(toAddress))
    throw new OutboxInputError(`Invalid email address "${toAddress}"`);
  const subject = oneLine(email.subject);
  if (subject === '') throw new OutboxInputError('An email needs a subject');
  if (subject.length > 250)
    throw new OutboxInputError('An email subject must be 250 characters or fewer');
  if (email.bodyText.trim() === '') throw new OutboxInputError('An email needs a body');
  const toName = email.toName ? oneLine(email.toName) || null : null;
  const dedupeKey = email.dedupeKey ? email.dedupeKey.trim() || null : null;
  return {
    kind: email.kind,
    toAddress,
    toName,
    subject,
    bodyText: email.bodyText.replace(/\r\n?/g, '\n'),
    dedupeKey,
  };
}

/** Errors are stored for admins to read: one line, bounded, with any URL credentials removed. */
export function errorText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const text = raw
    .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//[redacted]@')
    .replace(/\s+/g, ' ')
    .trim();
  return (text || 'Unknown error').slice(0, 1000);
}

/** Page links for the GOV.UK pagination component (kept here for the outbox; shared by every list). */
export { paginationItems } from '../web/pagination.js';
