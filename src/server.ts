import type { Config } from './config/config.js';
import { buildApp } from './app.js';
import { openAndMigrate } from './db/open.js';
import {
  createEmailSender,
  describeEmailConfig,
  loadEmailConfig,
  startOutboxWorker,
} from './notifications/index.js';

/** Opens the database, runs migrations, serves, and shuts down cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config): Promise<void> {
  const email = loadEmailConfig(); // refuse bad email settings before opening anything
  const db = await openAndMigrate(config);
  const app = await buildApp({ config, db });
  // Sends queued emails in the background; pages only queue them.
  const worker = startOutboxWorker({ db, sender: createEmailSender(email, app.log), log: app.log });
  app.log.info({ email: describeEmailConfig(email) }, 'email outbox worker started');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
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
    await worker.stop();
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  process.stdout.write(`Sendboard is running at http://localhost:${port} on ${where}\n`);
}
