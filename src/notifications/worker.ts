import type { Db } from '../db/db.js';
import { deliverDueMessages } from './outbox-service.js';
import type { EmailLog, EmailSender } from './senders.js';

/** How often a server looks for due emails when nothing says otherwise. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;

export type OutboxWorker = {
  /** Sends every due message now (after any run in progress); resolves to how many it tried. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the message being sent, if any. */
  stop(): Promise<void>;
};

/**
 * The background sender: every `intervalMs` it sends what is due. It never throws out of its
 * loop (a failed run is logged and the next one comes) and never runs inside a request: pages
 * only queue. Each app server runs one; on PostgreSQL they share the queue without sending a
 * message twice. `intervalMs: 0` starts no polling, for tests that call runOnce themselves.
 */
export function startOutboxWorker(options: {
  db: Db;
  sender: EmailSender;
  log: EmailLog;
  intervalMs?: number;
}): OutboxWorker {
  const { db, sender, log } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  const runOnce = (): Promise<number> => {
    const run = current
      .catch(() => {})
      .then(() =>
        stopped ? 0 : deliverDueMessages(db, sender, log, { shouldStop: () => stopped }),
      );
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
