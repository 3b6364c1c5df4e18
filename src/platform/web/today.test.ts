import { describe, expect, it } from 'vitest';
import { todayInLondon } from './today.js';

describe('todayInLondon', () => {
  it('follows London’s day, summer time included', () => {
    expect(todayInLondon(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15'); // GMT
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // BST
    expect(todayInLondon(new Date('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
    expect(todayInLondon(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
  });
});
