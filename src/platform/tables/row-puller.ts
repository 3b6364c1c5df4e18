// Rows pulled one at a time from a reader's batches.
import type { ReadRow } from './types.js';

/** Rows pulled one at a time from batches, with the rest of a batch handed on whole. */
export class RowPuller {
  private batch: readonly ReadRow[] = [];
  private at = 0;
  private closed = false;

  constructor(private readonly batches: AsyncGenerator<ReadRow[]>) {}

  async next(): Promise<ReadRow | undefined> {
    while (this.at >= this.batch.length) {
      if (!(await this.fetch())) return undefined;
    }
    return this.batch[this.at++];
  }

  async nextBatch(): Promise<readonly ReadRow[] | undefined> {
    if (this.at < this.batch.length) {
      const rest = this.at === 0 ? this.batch : this.batch.slice(this.at);
      this.at = this.batch.length;
      return rest;
    }
    if (!(await this.fetch())) return undefined;
    this.at = this.batch.length;
    return this.batch;
  }

  /** Take the next batch from the reader, unread; false when there is none. */
  private async fetch(): Promise<boolean> {
    if (this.closed) return false;
    const next = await this.batches.next();
    if (next.done) {
      this.closed = true;
      return false;
    }
    this.batch = next.value;
    this.at = 0;
    return true;
  }

  /** Put rows read ahead (while looking for the header) back in front. */
  unread(rows: readonly ReadRow[]): void {
    this.batch = [...rows, ...this.batch.slice(this.at)];
    this.at = 0;
  }

  async close(): Promise<void> {
    if (this.closed) {
      this.batch = [];
      return;
    }
    this.closed = true;
    this.batch = [];
    await this.batches.return(undefined);
  }
}
