// A capped list of row errors.
import type { RowError } from './types.js';

/** Errors kept up to a cap, all of them counted, so a million bad rows do not fill memory. */
export class ErrorList {
  readonly kept: RowError[] = [];
  count = 0;
  constructor(readonly max: number) {}
  add(error: RowError): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push(error);
  }
}
