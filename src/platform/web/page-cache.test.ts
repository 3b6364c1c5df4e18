import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  acceptsGzip,
  CSRF_SLOT,
  fillSlots,
  gzipSlots,
  NONCE_SLOT,
  PageCache,
  pageCacheKey,
  splitAtSlots,
} from './page-cache.js';

describe('PageCache', () => {
  it('returns what was stored until it is too old', () => {
    const cache = new PageCache(10, 1000);
    cache.set('a', ['A'], 0);
    expect(cache.get('a', 999)).toEqual(['A']);
    expect(cache.get('a', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used page when full', () => {
    const cache = new PageCache(2, 60_000);
    cache.set('a', ['A'], 0);
    cache.set('b', ['B'], 0);
    cache.get('a', 1); // a is now the most recently used
    cache.set('c', ['C'], 2);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)).toEqual(['A']);
    expect(cache.get('c', 3)).toEqual(['C']);
  });
});

describe('slots', () => {
  it('puts each request’s CSRF token and nonce where the placeholders were', () => {
    const page = splitAtSlots(
      `<script nonce="${NONCE_SLOT}"></script><input value="${CSRF_SLOT}"><input value="${CSRF_SLOT}">`,
    );
    expect(fillSlots(page, 'tok', 'n0nce').toString()).toBe(
      '<script nonce="n0nce"></script><input value="tok"><input value="tok">',
    );
    expect(fillSlots(splitAtSlots('no slots £’'), 'tok', 'n').toString()).toBe('no slots £’');
  });
});

describe('gzip from parts compressed once', () => {
  it('decompresses to exactly the page with this request’s token and nonce', () => {
    const html = `<!DOCTYPE html><script nonce="${NONCE_SLOT}"></script>${'<tr><td>Agree terms of reference – 1.1 a</td></tr>'.repeat(2000)}<input value="${CSRF_SLOT}"><p>£ ’ end</p><input value="${CSRF_SLOT}">`;
    const page = splitAtSlots(html, { compress: true });
    const gzipped = gzipSlots(page, 'token-123', 'n0nce')!;
    expect(gunzipSync(gzipped).toString()).toBe(fillSlots(page, 'token-123', 'n0nce').toString());
    expect(gzipped.length).toBeLessThan(fillSlots(page, 'token-123', 'n0nce').length / 10);
  });

  it('holds for any text and slot values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }),
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 40 }),
        (texts, token, nonce) => {
          const page = splitAtSlots(texts.join(CSRF_SLOT) + NONCE_SLOT, { compress: true });
          const expected = fillSlots(page, token, nonce);
          expect(gunzipSync(gzipSlots(page, token, nonce)!).equals(expected)).toBe(true);
        },
      ),
    );
  });

  it('is not offered for a page that was not compressed', () => {
    expect(gzipSlots(splitAtSlots('plain'), 't', 'n')).toBeUndefined();
  });

  it('reads Accept-Encoding', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('x-gzip')).toBe(false);
  });
});

describe('pageCacheKey', () => {
  const tenant = { partnershipId: 'p1', dataVersion: '7', role: 'admin' as const };

  it('names the record, the partnership’s data version, the role and the day', () => {
    const key = pageCacheKey('plan', tenant, 'x1', '2026-12-07');
    expect(key).toBe('plan:p1:7:x1:admin:2026-12-07');
    expect(pageCacheKey('plan', { ...tenant, dataVersion: '8' }, 'x1', '2026-12-07')).not.toBe(key);
    expect(pageCacheKey('plan', { ...tenant, role: 'viewer' }, 'x1', '2026-12-07')).not.toBe(key);
    expect(pageCacheKey('indicator', tenant, 'x1', '2026-12-07')).not.toBe(key);
  });

  it('keeps nothing of a page shown again with a form’s errors', () => {
    const extra = { errors: [{ text: 'Enter a value', href: '#value' }] };
    expect(pageCacheKey('plan', tenant, 'x1', '2026-12-07', { status: 400, extra })).toBeNull();
    expect(pageCacheKey('plan', tenant, 'x1', '2026-12-07', { status: 200, extra })).toBeNull();
  });
});
