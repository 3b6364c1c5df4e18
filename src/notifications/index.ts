/** Email: queue messages in a transaction (enqueueEmail); a background worker sends them. */
export { enqueueEmail, retryMessage, queueTestEmail } from './outbox-service.js';
export type { EmailToQueue } from './outbox-rules.js';
export {
  describeEmailConfig,
  EmailConfigError,
  loadEmailConfig,
  type EmailConfig,
} from './email-config.js';
export { createEmailSender, type EmailSender, type OutgoingEmail } from './senders.js';
export { DEFAULT_POLL_INTERVAL_MS, startOutboxWorker, type OutboxWorker } from './worker.js';
export { queueReminders, ROUND_REMINDER_DAYS } from './reminders.js';
