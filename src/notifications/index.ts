/** Email: queue messages in a transaction (enqueueEmail); a background worker sends them. */
export { enqueueEmail, retryMessage, queueTestEmail } from '../platform/email/outbox-service.js';
export type { EmailToQueue } from '../platform/email/outbox-rules.js';
export {
  describeEmailConfig,
  EmailConfigError,
  loadEmailConfig,
  type EmailConfig,
} from '../platform/config/email-config.js';
export {
  createEmailSender,
  type EmailSender,
  type OutgoingEmail,
} from '../platform/email/senders.js';
export {
  DEFAULT_POLL_INTERVAL_MS,
  startOutboxWorker,
  type OutboxWorker,
} from '../platform/email/worker.js';
export { queueReminders, ROUND_REMINDER_DAYS } from './reminders.js';
export { notificationRoutes } from './pages/outbox/route.js';
