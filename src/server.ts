import type { Config } from './platform/config/config.js';
import { openAndMigrate } from './platform/db/open.js';
import {
  createEmailSender,
  describeEmailConfig,
  queueReminders,
  startOutboxWorker,
} from './notifications/index.js';
import { todayInLondon } from './platform/web/today.js';

const REMINDER_INTERVAL_MS = 15 * 60_000;

/** Opens the database, runs migrations, serves, and shuts down cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config): Promise<void> {
  const { email } = config; // loadConfig refused bad email settings before anything opened
  // Load the application's modules while the database opens: both take a moment at start.
  const appModule = import('./app.js');
  const db = await openAndMigrate(config);
  const { buildApp } = await appModule;
  const app = await buildApp({ config, db });
  // Sends queued emails in the background; pages only queue them.
  const worker = startOutboxWorker({
    db,
    sender: createEmailSender(email, app.log),
    log: app.log,
    retentionDays: config.outboxRetentionDays,
  });
  app.log.info({ email: describeEmailConfig(email) }, 'email outbox worker started');
  // Reminders are queued with dedupe keys, so checking often never sends one twice.
  const remind = () =>
    queueReminders(db, { baseUrl: config.baseUrl, today: todayInLondon() }).then(
      (queued) => app.log.info({ queued }, 'reminders checked'),
      (error: unknown) => app.log.error({ err: error }, 'queueing reminders failed'),
    );
  const reminders = setInterval(() => void remind(), REMINDER_INTERVAL_MS);
  reminders.unref();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    clearInterval(reminders);
    try {
      await app.close(); // stops accepting, lets in-flight requests finish
    } finally {
      await worker.stop();
      await db.close();
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    clearInterval(reminders);
    await worker.stop();
    await db.close();
    throw error;
  }
  void remind();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  process.stdout.write(`Sendboard is running at http://localhost:${port} on ${where}\n`);
}
