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
 * The page as UTF-8 bytes between its slots (encoding a large page for every response would be
 * most of the work): text, slot, text, slot, …, text, the slots as their names.
 */
export type SlottedPage = readonly (Buffer | string)[];

export function splitAtSlots(html: string): SlottedPage {
  return html
    .split(/(sendboard-slot-(?:csrf|nonce))/)
    .map((part, i) => (i % 2 === 0 ? Buffer.from(part) : part));
}

export function fillSlots(page: SlottedPage, csrfToken: string, nonce: string): Buffer {
  const csrf = Buffer.from(csrfToken);
  const nonceBytes = Buffer.from(nonce);
  return Buffer.concat(
    page.map((part) =>
      typeof part === 'string' ? (part === CSRF_SLOT ? csrf : nonceBytes) : part,
    ),
  );
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
