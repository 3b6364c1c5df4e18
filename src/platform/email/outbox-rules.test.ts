import { describe, expect, it } from 'vitest';
import {
  daysKept,
  errorText,
  finishedAt,
  kindLabel,
  MAX_ATTEMPTS,
  normaliseEmail,
  OutboxInputError,
  paginationItems,
  retentionCutoff,
  retryDelayMinutes,
  statusTag,
} from './outbox-rules.js';
import { DEFAULT_RETENTION_DAYS } from '../config/email-config.js';

describe('retry schedule', () => {
  it('waits 1, 5, 30 and 120 minutes, then gives up after the 5th attempt', () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelayMinutes)).toEqual([1, 5, 30, 120, null, null]);
    expect(MAX_ATTEMPTS).toBe(5);
    expect(() => retryDelayMinutes(0)).toThrow(RangeError);
  });
});

describe('retention', () => {
  const now = new Date('2026-05-20T09:30:00Z');

  it('removes content from emails finished more than the retention period ago', () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(90);
    expect(retentionCutoff(now, 90)).toEqual(new Date('2026-02-19T09:30:00Z'));
    expect(retentionCutoff(now, 1)).toEqual(new Date('2026-05-19T09:30:00Z'));
    // Days of 24 hours: across the clocks going forward on 29 March the cutoff keeps its UTC time.
    expect(retentionCutoff(new Date('2026-04-01T12:00:00Z'), 7)).toEqual(
      new Date('2026-03-25T12:00:00Z'),
    );
  });

  it('refuses a period that is not a whole number of days', () => {
    for (const days of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => retentionCutoff(now, days), String(days)).toThrow(RangeError);
  });

  it('counts from when an email was sent, or for a failed one from its last attempt', () => {
    const lastAttempt = new Date('2026-01-10T08:00:00Z');
    const sent = new Date('2026-01-09T08:00:00Z');
    expect(finishedAt({ sent_at: sent, next_attempt_at: lastAttempt })).toBe(sent);
    expect(finishedAt({ sent_at: null, next_attempt_at: lastAttempt })).toBe(lastAttempt);
  });

  it('says how many whole days an email kept its content', () => {
    const finished = new Date('2026-01-01T10:00:00Z');
    expect(daysKept(finished, new Date('2026-04-01T10:00:00Z'))).toBe(90);
    expect(daysKept(finished, new Date('2026-04-01T10:59:00Z'))).toBe(90); // an hour late
    expect(daysKept(finished, new Date('2026-04-01T09:59:59Z'))).toBe(89);
    expect(daysKept(finished, new Date('2025-12-31T10:00:00Z'))).toBe(0); // clocks disagree
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
