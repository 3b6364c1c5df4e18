import { describe, expect, it } from 'vitest';
import { CSRF_SLOT, fillSlots, NONCE_SLOT, PageCache, splitAtSlots } from './page-cache.js';

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
