// Gives up on a workbook whose reader stops making progress.
import type { Buffer } from 'node:buffer';
import { fileProblem, type TableReadError } from './read-errors.js';

/**
 * exceljs (through unzipper) can wait for ever on some damaged workbooks: an error inflating a
 * worksheet that is being parked in a temporary file is never passed on. This rejects the wait
 * when nothing has happened for `ms` while we wait on exceljs and exceljs is not waiting on us
 * (the input is not being read from a slow upload, say).
 */
export class Watchdog {
  private lastActivity = Date.now();
  private waitingSince = 0;
  private upstreamBusy = false;
  private rejectWait: ((e: unknown) => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  stalled = false;

  constructor(private readonly ms: number) {
    this.timer = setInterval(() => this.check(), Math.max(10, Math.min(250, ms / 4)));
    this.timer.unref();
  }

  /** The input's chunks, noting when exceljs takes one and when we wait for the next. */
  async *watch(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const it = chunks[Symbol.asyncIterator]();
    try {
      for (;;) {
        this.upstreamBusy = true;
        const next = await it.next();
        this.upstreamBusy = false;
        this.lastActivity = Date.now();
        if (next.done) return;
        yield next.value;
        this.lastActivity = Date.now();
      }
    } finally {
      this.upstreamBusy = false;
      await it.return?.(undefined);
    }
  }

  wait<T>(promise: Promise<T>): Promise<T> {
    if (this.stalled) return Promise.reject(stallProblem());
    this.waitingSince = Date.now();
    return new Promise<T>((resolve, reject) => {
      this.rejectWait = reject;
      const done = () => {
        this.rejectWait = undefined;
        this.waitingSince = 0;
        this.lastActivity = Date.now();
      };
      promise.then(
        (value) => {
          done();
          resolve(value);
        },
        (e: unknown) => {
          done();
          reject(e);
        },
      );
    });
  }

  private check(): void {
    if (!this.rejectWait || this.waitingSince === 0 || this.upstreamBusy) return;
    if (Date.now() - Math.max(this.waitingSince, this.lastActivity) < this.ms) return;
    this.stalled = true;
    const reject = this.rejectWait;
    this.rejectWait = undefined;
    reject(stallProblem());
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function stallProblem(): TableReadError {
  return fileProblem(
    'The workbook could not be read: reading it stopped part-way, which usually means the file is damaged. Open it in Excel and save it again.',
  );
}
