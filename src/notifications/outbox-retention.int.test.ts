import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { enqueueEmail, removeExpiredContent } from '../platform/email/outbox-service.js';
import type { EmailSender } from '../platform/email/senders.js';
import { startOutboxWorker } from '../platform/email/worker.js';

const RETENTION_DAYS = 30;

type Row = {
  subject: string;
  to_address: string | null;
  to_name: string | null;
  body_text: string | null;
  status: string;
  last_error: string | null;
  dedupe_key: string | null;
  sent_at: Date | null;
  content_removed_at: Date | null;
};

describe.each(databaseKinds)('outbox retention on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let outbox = '';
  const sent: string[] = [];

  /** Queues one email, then puts it in the state and at the age a test needs. */
  const email = async (
    tenant: Tenant,
    name: string,
    state: { sql: string; dedupeKey?: string },
  ): Promise<void> => {
    await t.db.transaction((tx) =>
      enqueueEmail(tx, tenant, {
        kind: 'round-reminder',
        toAddress: `${name}@northshire.example`,
        toName: `Lead ${name}`,
        subject: `Reminder for ${name}`,
        bodyText: `Dear ${name}, your update is due.`,
        dedupeKey: state.dedupeKey ?? `round:1:due:${name}`,
      }),
    );
    await t.db.query(`UPDATE outbox SET ${state.sql} WHERE subject = $1`, [`Reminder for ${name}`]);
  };
  const row = async (name: string) =>
    (
      await t.db.query<Row>(
        `SELECT subject, to_address, to_name, body_text, status, last_error, dedupe_key, sent_at,
           content_removed_at FROM outbox WHERE subject = $1`,
        [`Reminder for ${name}`],
      )
    )[0]!;

  beforeAll(async () => {
    t = await createTestApp(kind, { outboxRetentionDays: RETENTION_DAYS });
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    outbox = `/p/${seed.a.slug}/outbox`;

    const finishedDaysAgo = (days: number) => `now() - make_interval(days => ${days})`;
    // Past the retention period: sent, and failed for good (with the address in its error).
    await email(seed.tenantA, 'oldsent', {
      sql: `status = 'sent', attempts = 1, sent_at = ${finishedDaysAgo(31)},
            created_at = ${finishedDaysAgo(31)}`,
    });
    await email(seed.tenantA, 'oldfailed', {
      sql: `status = 'failed', attempts = 5, next_attempt_at = ${finishedDaysAgo(40)},
            created_at = ${finishedDaysAgo(41)},
            last_error = 'SMTP 550: <oldfailed@northshire.example> no such mailbox'`,
    });
    await email(seed.tenantB, 'southvale', {
      sql: `status = 'sent', attempts = 1, sent_at = ${finishedDaysAgo(45)},
            created_at = ${finishedDaysAgo(45)}`,
    });
    // Within the period: kept.
    await email(seed.tenantA, 'recentsent', {
      sql: `status = 'sent', attempts = 1, sent_at = ${finishedDaysAgo(29)},
            created_at = ${finishedDaysAgo(40)}`,
    });
    await email(seed.tenantA, 'recentfailed', {
      sql: `status = 'failed', attempts = 5, next_attempt_at = ${finishedDaysAgo(29)},
            created_at = ${finishedDaysAgo(35)}, last_error = 'SMTP 550: gone'`,
    });
    // Not finished, however old: still to be sent, so never touched.
    await email(seed.tenantA, 'retrying', {
      sql: `attempts = 2, next_attempt_at = now() + interval '1 hour',
            created_at = ${finishedDaysAgo(60)}`,
    });
    await email(seed.tenantA, 'sending', {
      sql: `status = 'sending', attempts = 1, next_attempt_at = now() + interval '5 minutes',
            created_at = ${finishedDaysAgo(60)}`,
    });

    const sender: EmailSender = {
      transport: 'smtp',
      send: async (message) => {
        sent.push(message.toAddress);
        return {};
      },
    };
    const worker = startOutboxWorker({
      db: t.db,
      sender,
      log: { info() {}, warn() {}, error() {} },
      intervalMs: 0,
      retentionDays: RETENTION_DAYS,
    });
    await worker.runOnce();
    await worker.stop();
  });
  afterAll(async () => t?.close());

  it('removes the recipient and message of emails finished before the period, keeping the row', async () => {
    for (const name of ['oldsent', 'oldfailed', 'southvale']) {
      const removed = await row(name);
      expect(removed, name).toMatchObject({
        subject: `Reminder for ${name}`,
        to_address: null,
        to_name: null,
        body_text: null,
        dedupe_key: `round:1:due:${name}`,
      });
      expect(removed.content_removed_at, name).toBeInstanceOf(Date);
    }
    expect(await row('oldsent')).toMatchObject({ status: 'sent', sent_at: expect.any(Date) });
    expect(await row('oldfailed')).toMatchObject({
      status: 'failed',
      last_error: 'SMTP 550: <[address removed]> no such mailbox',
    });
    expect(sent).toEqual([]); // nothing was due, and nothing removed was sent
  });

  it('keeps recent emails and ones not yet finished, however old', async () => {
    for (const name of ['recentsent', 'recentfailed', 'retrying', 'sending']) {
      const kept = await row(name);
      expect(kept, name).toMatchObject({
        to_address: `${name}@northshire.example`,
        to_name: `Lead ${name}`,
        body_text: `Dear ${name}, your update is due.`,
        content_removed_at: null,
      });
    }
    expect((await row('recentfailed')).last_error).toBe('SMTP 550: gone');
  });

  it('records the removal in each partnership’s audit log, once', async () => {
    const audit = await t.db.query<{ partnership_id: string; actor_name: string; after: unknown }>(
      `SELECT partnership_id, actor_name, after FROM audit_log
       WHERE entity_type = 'email' AND action = 'remove old content' ORDER BY partnership_id`,
    );
    expect(audit.map((a) => a.partnership_id).sort()).toEqual([seed.a.id, seed.b.id].sort());
    const forA = audit.find((a) => a.partnership_id === seed.a.id)!;
    expect(forA.actor_name).toBe('Sendboard');
    expect(forA.after).toMatchObject({ emails: 2, retention_days: RETENTION_DAYS });
    // Already removed: a second run changes and records nothing.
    expect(await removeExpiredContent(t.db, { retentionDays: RETENTION_DAYS })).toBe(0);
    expect(
      await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'remove old content'`),
    ).toHaveLength(2);
  });

  it('never queues a reminder again because its content was removed', async () => {
    const queuedAgain = await t.db.transaction((tx) =>
      enqueueEmail(tx, seed.tenantA, {
        kind: 'round-reminder',
        toAddress: 'oldsent@northshire.example',
        subject: 'Reminder for oldsent, again',
        bodyText: 'Dear oldsent, your update is due.',
        dedupeKey: 'round:1:due:oldsent',
      }),
    );
    expect(queuedAgain).toBe(false);
    expect(
      await t.db.query(`SELECT 1 FROM outbox WHERE dedupe_key = 'round:1:due:oldsent'`),
    ).toHaveLength(1);
  });

  it('shows "removed after N days" in place of the recipient on the outbox page', async () => {
    const page = await admin.get(outbox);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('30 days after an email was sent or failed, Sendboard removes');
    const rows = page.body.split('<tr class="govuk-table__row">').slice(2);
    const rowFor = (name: string) => rows.find((r) => r.includes(`Reminder for ${name}`))!;
    expect(rowFor('oldsent')).toContain('Removed after 31 days');
    expect(rowFor('oldsent')).not.toContain('oldsent@');
    expect(rowFor('oldsent')).toContain('Sent');
    expect(rowFor('oldfailed')).toContain('Removed after 40 days');
    expect(rowFor('oldfailed')).toContain('Failed');
    expect(rowFor('oldfailed')).toContain('[address removed]');
    expect(rowFor('oldfailed')).not.toContain('/retry'); // nothing left to send again
    expect(rowFor('recentsent')).toContain('recentsent@northshire.example');
    expect(rowFor('recentsent')).not.toContain('Removed after');
    expect(rowFor('recentfailed')).toContain('/retry');
  });

  it('refuses to send again a failed email whose content was removed', async () => {
    const [{ id }] = (await t.db.query<{ id: string }>(
      `SELECT id FROM outbox WHERE subject = 'Reminder for oldfailed'`,
    )) as [{ id: string }];
    await admin.get(outbox);
    const retry = await admin.post(`${outbox}/${id}/retry`);
    expect(retry.statusCode).toBe(303);
    expect((await admin.get(outbox)).body).toContain(
      'That email’s address and message have been removed, so it cannot be sent again.',
    );
    expect((await row('oldfailed')).status).toBe('failed');
    expect(
      await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'send again' AND entity_id = $1`, [
        id,
      ]),
    ).toEqual([]);
  });

  it('states the retention period in the privacy notice', async () => {
    const privacy = await new Agent(t.app).get('/privacy');
    expect(privacy.statusCode).toBe(200);
    expect(privacy.body).toContain(
      '30 days after an email was sent, or failed to send, Sendboard removes the address',
    );
  });
});
