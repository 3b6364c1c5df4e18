import type { Db } from '../db/db.js';
import { deliverDueMessages, removeExpiredContent } from './outbox-service.js';
import type { EmailLog, EmailSender } from './senders.js';
import { DEFAULT_RETENTION_DAYS } from '../config/email-config.js';

/** How often a server looks for due emails when nothing says otherwise. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;

/** Old emails' content is removed at most this often: an hour past the period is soon enough. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export type OutboxWorker = {
  /**
   * Sends every due message now (after any run in progress); resolves to how many it tried. The
   * first run, and then one an hour, also removes the content of emails past retention.
   */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the message being sent, if any. */
  stop(): Promise<void>;
};

/**
 * The background sender: every `intervalMs` it sends what is due. It never throws out of its
 * loop (a failed run is logged and the next one comes) and never runs inside a request: pages
 * only queue. Each app server runs one; on PostgreSQL they share the queue without sending a
 * message twice. `intervalMs: 0` starts no polling, for tests that call runOnce themselves.
 * It also keeps the retention rule: `retentionDays` after an email was sent or failed for good,
 * its recipient and message are removed (OUTBOX_RETENTION_DAYS).
 */
export function startOutboxWorker(options: {
  db: Db;
  sender: EmailSender;
  log: EmailLog;
  intervalMs?: number;
  retentionDays?: number;
}): OutboxWorker {
  const { db, sender, log } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let retentionRanAt = -Infinity;

  // A failure here is logged and tried again an hour later; it never holds up sending.
  const keepRetention = async () => {
    if (stopped || Date.now() - retentionRanAt < RETENTION_INTERVAL_MS) return;
    retentionRanAt = Date.now();
    try {
      const removed = await removeExpiredContent(db, { retentionDays });
      if (removed)
        log.info({ count: removed, retentionDays }, 'outbox: removed the content of old emails');
    } catch (error) {
      log.error({ err: error }, 'outbox: removing the content of old emails failed');
    }
  };

  const runOnce = (): Promise<number> => {
    const run = current
      .catch(() => {})
      .then(async () => {
        if (stopped) return 0;
        const attempted = await deliverDueMessages(db, sender, log, {
          shouldStop: () => stopped,
        });
        await keepRetention();
        return attempted;
      });
    current = run;
    return run;
  };

  const schedule = () => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => void tick(), intervalMs);
    timer.unref(); // a CLI command or test never waits on the worker to exit
  };
  const tick = async () => {
    try {
      await runOnce();
    } catch (error) {
      log.error({ err: error }, 'outbox: delivery run failed; trying again later');
    } finally {
      schedule();
    }
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current.catch(() => {});
    },
  };
}
