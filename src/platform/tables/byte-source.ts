// The input, whatever form it comes in (a path, bytes, a stream), as chunks of bytes.
import { Buffer } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { fileProblem } from './read-errors.js';
import { CHUNK, type TableInput } from './read-options.js';

/** The input as a pull-based sequence of byte chunks, with a peek at the first bytes. */
export class Source {
  private readonly iterator: AsyncIterator<Buffer>;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(input: TableInput) {
    this.iterator = byteChunks(input)[Symbol.asyncIterator]();
  }

  /** The first `size` bytes (fewer if the file is shorter), kept to be read again by chunks(). */
  async readHead(size: number): Promise<Buffer> {
    let length = 0;
    for (;;) {
      if (length >= size) break;
      const next = await this.iterator.next();
      if (next.done) break;
      this.pending.push(next.value);
      length += next.value.length;
    }
    const head = Buffer.concat(this.pending);
    this.pending = head.length > 0 ? [head] : [];
    return head;
  }

  /** Drop the first `n` bytes of what readHead returned (a byte-order mark). */
  skip(n: number): void {
    const first = this.pending[0];
    if (first) this.pending[0] = first.subarray(n);
  }

  async *chunks(): AsyncGenerator<Buffer> {
    try {
      while (this.pending.length > 0) {
        const chunk = this.pending.shift();
        if (chunk && chunk.length > 0) yield chunk;
      }
      for (;;) {
        const next = await this.iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    await this.iterator.return?.(undefined);
  }
}

async function* byteChunks(input: TableInput): AsyncGenerator<Buffer> {
  if (typeof input === 'string') {
    const stream = createReadStream(input, { highWaterMark: CHUNK });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (e) {
      throw fileProblem(`The file could not be opened (${(e as Error).message}).`);
    } finally {
      stream.destroy();
    }
  } else if (input instanceof Uint8Array) {
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
  } else {
    try {
      for await (const chunk of input) {
        yield typeof chunk === 'string'
          ? Buffer.from(chunk, 'utf8')
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
    } finally {
      if (input instanceof Readable) input.destroy();
    }
  }
}
