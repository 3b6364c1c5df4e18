import { describe, expect, it } from 'vitest';
import {
  errorText,
  kindLabel,
  MAX_ATTEMPTS,
  normaliseEmail,
  OutboxInputError,
  paginationItems,
  retryDelayMinutes,
  statusTag,
} from './outbox-rules.js';

describe('retry schedule', () => {
  it('waits 1, 5, 30 and 120 minutes, then gives up after the 5th attempt', () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelayMinutes)).toEqual([1, 5, 30, 120, null, null]);
    expect(MAX_ATTEMPTS).toBe(5);
    expect(() => retryDelayMinutes(0)).toThrow(RangeError);
  });
});

describe('normaliseEmail', () => {
  const email = {
    kind: 'round-reminder',
    toAddress: ' dana@northshire.example ',
    toName: 'Dana\r\nBcc: evil@example.org',
    subject: 'Update due\nBcc: evil@example.org',
    bodyText: 'Line one\r\nLine two',
  };

  it('keeps header fields on one line and normalises line endings', () => {
    expect(normaliseEmail(email)).toEqual({
      kind: 'round-reminder',
      toAddress: 'dana@northshire.example',
      toName: 'Dana Bcc: evil@example.org',
      subject: 'Update due Bcc: evil@example.org',
      bodyText: 'Line one\nLine two',
      dedupeKey: null,
    });
    expect(normaliseEmail({ ...email, toName: '', dedupeKey: ' r1:a2 ' })).toMatchObject({
      toName: null,
      dedupeKey: 'r1:a2',
    });
  });

  it('refuses what no caller should queue', () => {
    for (const bad of [
      { kind: 'Round reminder' },
      { toAddress: 'dana' },
      { toAddress: 'a@b.example, c@d.example' },
      { subject: ' ' },
      { subject: 'x'.repeat(251) },
      { bodyText: '' },
    ])
      expect(() => normaliseEmail({ ...email, ...bad }), JSON.stringify(bad)).toThrow(
        OutboxInputError,
      );
  });
});

describe('presentation', () => {
  it('tags each state, with queued-after-a-failure as retrying', () => {
    expect(statusTag({ status: 'queued', attempts: 0 }).text).toBe('Queued');
    expect(statusTag({ status: 'queued', attempts: 2 })).toEqual({
      text: 'Retrying',
      classes: 'govuk-tag--yellow',
    });
    expect(statusTag({ status: 'sent', attempts: 1 }).classes).toBe('govuk-tag--green');
    expect(statusTag({ status: 'failed', attempts: 5 }).classes).toBe('govuk-tag--red');
    expect(kindLabel('test')).toBe('Test email');
    expect(kindLabel('future-kind')).toBe('future-kind');
  });

  it('stores errors on one bounded line without URL credentials', () => {
    expect(errorText(new Error('connect to smtp://user:secret@host:587\nfailed'))).toBe(
      'connect to smtp://[redacted]@host:587 failed',
    );
    expect(errorText('x'.repeat(2000))).toHaveLength(1000);
    expect(errorText(new Error(''))).toBe('Unknown error');
  });

  it('pages: first, last and neighbours, with ellipses between', () => {
    const numbers = (current: number, pages: number) =>
      paginationItems(current, pages, (n) => `?page=${n}`).map((i) =>
        'ellipsis' in i ? '…' : i.current ? `[${i.number}]` : String(i.number),
      );
    expect(numbers(1, 1)).toEqual(['[1]']);
    expect(numbers(1, 3)).toEqual(['[1]', '2', '3']);
    expect(numbers(5, 10)).toEqual(['1', '…', '4', '[5]', '6', '…', '10']);
    expect(numbers(10, 10)).toEqual(['1', '…', '9', '[10]']);
  });
});
