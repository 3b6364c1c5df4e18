import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';
import type { Tenant } from '../tenancy/tenancy.js';

/**
 * Rendered pages, kept until the partnership's data changes (its data version, read with the
 * session on every request; see migration 005) or the day turns. A busy page such as a plan is
 * then one session query and a string join instead of a dozen queries and a large template:
 * every request still proves who is asking and what they may see.
 *
 * A page is rendered with placeholders where each form's CSRF token and the script nonce go,
 * split there once, and the real values are put in per request.
 */
export const CSRF_SLOT = 'sendboard-slot-csrf';
export const NONCE_SLOT = 'sendboard-slot-nonce';

/**
 * One stretch of the page between slots: its UTF-8 bytes (encoding a large page for every
 * response would be most of the work) and, for pages worth keeping, the same bytes compressed
 * once as raw deflate blocks that end on a byte boundary, so that a response can be built by
 * joining them (see gzipSlots).
 */
type TextPart = { readonly bytes: Buffer; readonly deflated?: Buffer };

/** Text and slots alternate: text, slot, text, slot, …, text, the slots as their names. */
export type SlottedPage = readonly (TextPart | string)[];

export function splitAtSlots(html: string, options: { compress?: boolean } = {}): SlottedPage {
  return html.split(/(sendboard-slot-(?:csrf|nonce))/).map((part, i) => {
    if (i % 2 === 1) return part;
    const bytes = Buffer.from(part);
    if (!options.compress) return { bytes };
    // A sync flush ends the blocks on a byte boundary without marking the last one final.
    return { bytes, deflated: deflateRawSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH }) };
  });
}

export function fillSlots(page: SlottedPage, csrfToken: string, nonce: string): Buffer {
  const csrf = Buffer.from(csrfToken);
  const nonceBytes = Buffer.from(nonce);
  return Buffer.concat(
    page.map((part) =>
      typeof part === 'string' ? (part === CSRF_SLOT ? csrf : nonceBytes) : part.bytes,
    ),
  );
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty fixed-Huffman block marked final: ends the deflate stream. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** A slot's value as a stored (uncompressed) deflate block: no compression work per request. */
function storedBlock(data: Buffer): Buffer {
  const block = Buffer.alloc(5 + data.length);
  block.writeUInt16LE(data.length, 1);
  block.writeUInt16LE(~data.length & 0xffff, 3);
  data.copy(block, 5);
  return block;
}

/**
 * The page as a gzip response, from the parts compressed when it was cached: the text's deflate
 * blocks, each slot's value as a stored block, a final empty block, then the CRC-32 and length
 * of the whole. Returns undefined for a page that was not compressed.
 */
export function gzipSlots(page: SlottedPage, csrfToken: string, nonce: string): Buffer | undefined {
  const values = { [CSRF_SLOT]: Buffer.from(csrfToken), [NONCE_SLOT]: Buffer.from(nonce) };
  const blocks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  for (const part of page) {
    const bytes = typeof part === 'string' ? values[part as keyof typeof values] : part.bytes;
    if (typeof part === 'string') blocks.push(storedBlock(bytes));
    else if (part.deflated) blocks.push(part.deflated);
    else return undefined;
    // Node 20's crc32 answers 0 for some empty buffers instead of passing the value through.
    if (bytes.length > 0) crc = crc32(bytes, crc);
    length += bytes.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  blocks.push(FINAL_BLOCK, trailer);
  return Buffer.concat(blocks);
}

/** Whether a request's Accept-Encoding takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((entry) => {
    const [coding = '', ...params] = entry.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/**
 * The key of one record's page (a plan, an indicator) whose body depends only on the
 * partnership's data, the viewer's role and the day: reused until one of them changes. Null
 * (render afresh, keep nothing) when the page is shown again with a form's values or errors.
 */
export function pageCacheKey(
  page: string,
  tenant: Pick<Tenant, 'partnershipId' | 'dataVersion' | 'role'>,
  id: string,
  today: string,
  shown: { status: number; extra: Record<string, unknown> } = { status: 200, extra: {} },
): string | null {
  if (shown.status !== 200 || Object.keys(shown.extra).length > 0) return null;
  return `${page}:${tenant.partnershipId}:${tenant.dataVersion}:${id}:${tenant.role}:${today}`;
}

type Entry = { page: SlottedPage; expiresAt: number };

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param maxEntries pages kept, least recently used dropped first
   * @param maxAgeMs a ceiling on how long a page is reused even if nothing seemed to change
   */
  constructor(
    private readonly maxEntries = 300,
    private readonly maxAgeMs = 10 * 60_000,
  ) {}

  get(key: string, now = Date.now()): SlottedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.page;
  }

  set(key: string, page: SlottedPage, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { page, expiresAt: now + this.maxAgeMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
