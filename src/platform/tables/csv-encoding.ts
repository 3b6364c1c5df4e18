// A CSV file's text encoding: told from its first bytes, and checked or decoded as it is read, so
// that what reaches the CSV parser is always UTF-8.
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { startsWith } from './file-format.js';
import { fileProblem, type TableReadError } from './read-errors.js';
import type { ReadState, TextEncoding } from './read-options.js';

/** The text encoding from a byte-order mark or the first bytes, and how many BOM bytes to skip. */
export function detectEncoding(
  sample: Buffer,
  complete: boolean,
): { encoding: TextEncoding; bom: number } {
  if (startsWith(sample, Buffer.from([0xef, 0xbb, 0xbf]))) return { encoding: 'utf-8', bom: 3 };
  if (startsWith(sample, Buffer.from([0xff, 0xfe]))) return { encoding: 'utf-16le', bom: 2 };
  if (startsWith(sample, Buffer.from([0xfe, 0xff]))) return { encoding: 'utf-16be', bom: 2 };
  const probe = sample.subarray(0, 4096);
  if (probe.includes(0)) {
    // UTF-16 without a BOM: ASCII text has a zero in every other byte.
    let even = 0;
    let odd = 0;
    for (let i = 0; i < probe.length; i++) {
      if (probe[i] === 0) {
        if (i % 2 === 0) even++;
        else odd++;
      }
    }
    const half = probe.length / 2;
    if (odd > half * 0.3 && even < half * 0.05) return { encoding: 'utf-16le', bom: 0 };
    if (even > half * 0.3 && odd < half * 0.05) return { encoding: 'utf-16be', bom: 0 };
    throw fileProblem('This file holds binary data, not the text of a CSV file.');
  }
  const whole = complete ? sample : sample.subarray(0, completeUtf8Length(sample));
  return { encoding: isUtf8(whole) ? 'utf-8' : 'windows-1252', bom: 0 };
}

/** Length of `buf` up to the end of its last complete UTF-8 character. */
function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  let i = n - 1;
  let back = 0;
  while (i >= 0 && back < 3 && ((buf[i] ?? 0) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return n;
  const lead = buf[i] ?? 0;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > n - i ? i : n;
}

/**
 * UTF-8 bytes pass straight to csv-parse (which copes with a character split between chunks); each
 * chunk is checked, cut at a character boundary. If bytes that are not UTF-8 turn up after a
 * sample that was plain ASCII, the rest is read as Windows-1252, which agrees with ASCII; after
 * real UTF-8 text they mean the file mixes encodings, and reading stops at the start of the line
 * holding them, so that the error names the right row.
 */
export async function* utf8Checked(
  chunks: AsyncIterable<Buffer>,
  state: ReadState,
  trust: boolean,
): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  let fallback: ReturnType<typeof iconv.getDecoder> | undefined;
  let seenNonAscii = false;
  const fallBack = (bytes: Buffer): Buffer => {
    if (!fallback) {
      fallback = iconv.getDecoder('windows-1252');
      state.encoding = 'windows-1252';
      state.notes.push(
        `The file is not UTF-8 text after row ${state.rowsSeen}; it was read as Windows-1252 (the usual encoding of CSV files saved by older Excel).`,
      );
    }
    return Buffer.from(fallback.write(bytes), 'utf8');
  };
  for await (const chunk of chunks) {
    if (trust) {
      yield chunk;
      continue;
    }
    if (fallback) {
      yield fallBack(chunk);
      continue;
    }
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : undefined;
    const piece = buf.subarray(0, cut);
    if (isUtf8(piece)) {
      if (!seenNonAscii && !isAscii(piece)) seenNonAscii = true;
      yield piece;
    } else if (!seenNonAscii) {
      const rest = carry ? Buffer.concat([piece, carry]) : piece;
      carry = undefined;
      yield fallBack(rest);
    } else {
      yield upToBadLine(piece);
      state.stoppedBy = mixedEncoding;
      return;
    }
  }
  if (carry) {
    if (fallback || !seenNonAscii) yield fallBack(carry);
    else state.stoppedBy = mixedEncoding;
  }
}

/** The lines of `piece` before the one holding its first byte that is not UTF-8. */
function upToBadLine(piece: Buffer): Buffer {
  const text = piece.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  const offset = bad < 0 ? 0 : Buffer.byteLength(text.slice(0, bad));
  return piece.subarray(0, piece.lastIndexOf(0x0a, offset) + 1);
}

function mixedEncoding(row: number): TableReadError {
  return fileProblem(
    `The file mixes text encodings: it starts as UTF-8, but row ${row} has characters that are not UTF-8. Nothing from row ${row} on could be read.`,
    row,
    'a CSV file saved as “CSV UTF-8” from Excel',
  );
}

export async function* decoded(
  chunks: AsyncIterable<Buffer>,
  encoding: 'utf-16le' | 'utf-16be' | 'windows-1252',
): AsyncGenerator<Buffer> {
  // iconv-lite's decoders keep a byte split between chunks for the next one.
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text.length > 0) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.end();
  if (rest) yield Buffer.from(rest, 'utf8');
}

export function sampleText(sample: Buffer, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return sample.toString('utf8');
  return iconv.decode(sample, encoding, { stripBOM: true });
}
