import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Agent, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { enqueueEmail } from '../platform/email/outbox-service.js';
import { startOutboxWorker } from '../platform/email/worker.js';
import type { EmailSender } from '../platform/email/senders.js';

describe.each(databaseKinds)('the outbox page on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let outbox = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    outbox = `/p/${seed.a.slug}/outbox`;
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.db.query('DELETE FROM outbox');
  });

  const queue = (n: number, extra: Record<string, unknown> = {}) =>
    t.db.transaction(async (tx) => {
      for (let i = 0; i < n; i++)
        await enqueueEmail(tx, seed.tenantA, {
          kind: 'deadline-reminder',
          toAddress: `lead${i}@northshire.example`,
          toName: `Lead ${i}`,
          subject: `Deadline reminder ${i}`,
          bodyText: 'The written statement of action is due in 10 working days.',
          ...extra,
        });
    });

  it('shows admins every message with its status, and refuses everyone else', async () => {
    const empty = await admin.get(outbox);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No emails yet');
    // Plain English first; the setting's technical name only in the details below it.
    expect(empty.body).toContain(
      'Emails are not being sent: Sendboard is set to write them to its log. Ask whoever runs Sendboard to set up email.',
    );
    expect(empty.body).toContain('not delivered (EMAIL_TRANSPORT is log)');
    expect(empty.body).toContain(`href="${outbox}"`); // in the navigation

    await queue(1, { subject: '<script>alert(1)</script> due soon' });
    const sending: EmailSender = {
      transport: 'smtp',
      send: async () => {
        throw new Error('SMTP 451: Mailbox busy');
      },
    };
    const worker = startOutboxWorker({
      db: t.db,
      sender: sending,
      log: { info() {}, warn() {}, error() {} },
      intervalMs: 0,
    });
    await worker.runOnce();
    await worker.stop();
    await queue(1, { kind: 'round-reminder', subject: 'Round 3 is open' });

    const page = await admin.get(outbox);
    expect(page.statusCode).toBe(200);
    // The table scrolls sideways on a narrow screen, so its wrapper takes keyboard focus.
    expect(page.body).toContain(
      'class="app-table-wrapper" tabindex="0" role="region" aria-label="Emails, newest first"',
    );
    const rows = page.body.split('<tr class="govuk-table__row">').slice(2);
    expect(rows).toHaveLength(2);
    // Newest first.
    expect(rows[0]).toContain('Round 3 is open');
    expect(rows[0]).toContain('Update round reminder');
    expect(rows[0]).toContain('Queued');
    expect(rows[1]).toContain('Lead 0');
    expect(rows[1]).toContain('lead0@northshire.example');
    expect(rows[1]).toContain('Deadline reminder');
    expect(rows[1]).toContain('Retrying');
    expect(rows[1]).toContain('SMTP 451: Mailbox busy');
    expect(rows[1]).toContain('Next try');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; due soon');
    expect(page.body).not.toContain('/retry'); // only failed messages can be sent again

    for (const role of ['lead', 'contributor', 'viewer', 'forum', 'adviser']) {
      const agent = new Agent(t.app);
      await agent.signIn(`${role}@northshire.example`, PASSWORD);
      const refused = await agent.get(outbox);
      expect(refused.statusCode, role).toBe(403);
      expect(refused.body).not.toContain('Round 3 is open');
      // A way on from the refusal: the partnership's overview, your account, and who to ask.
      expect(refused.body).toMatch(
        new RegExp(`href="/p/${seed.a.slug}">go to the [^<]+ overview</a>`),
      );
      expect(refused.body).toContain(
        'href="/account">see your account and your role in each partnership</a>',
      );
      expect(refused.body).toContain('ask a partnership admin');
      expect((await agent.get(`/p/${seed.a.slug}`)).body).not.toContain('/outbox');
      const [message] = await t.db.query<{ id: string }>('SELECT id FROM outbox LIMIT 1');
      await agent.get(`/p/${seed.a.slug}`);
      expect((await agent.post(`${outbox}/${message!.id}/retry`)).statusCode, role).toBe(403);
      expect((await agent.post(`${outbox}/test`, { toAddress: 'x@example.org' })).statusCode).toBe(
        403,
      );
    }
    // Another partnership's outbox does not exist as far as this admin knows.
    expect((await admin.get(`/p/${seed.b.slug}/outbox`)).statusCode).toBe(404);
  });

  it('pages 50 messages at a time', async () => {
    await queue(53);
    const first = await admin.get(outbox);
    expect(first.body.split('<tr class="govuk-table__row">').length - 2).toBe(50);
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain(`href="${outbox}?page=2"`);
    expect(first.body).toContain('53 emails: 0 sent, 53 waiting, 0 failed.');
    const second = await admin.get(`${outbox}?page=2`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('<title>Outbox (page 2 of 2)');
    expect(second.body.split('<tr class="govuk-table__row">').length - 2).toBe(3);
    // Out of range or nonsense: the nearest real page.
    expect((await admin.get(`${outbox}?page=99`)).body).toContain('Outbox (page 2 of 2)');
    expect((await admin.get(`${outbox}?page=abc`)).statusCode).toBe(200);
  });

  it('validates the test email form with the error summary and keeps what was typed', async () => {
    const form = await admin.get(outbox);
    expect(form.body).toContain('value="alex@northshire.example"'); // their own address to start
    const empty = await admin.post(`${outbox}/test`, { toAddress: '' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Enter an email address']);
    expect(empty.body).toContain('<title>Error: Outbox');
    expect(empty.body).toContain('href="#toAddress"');
    expect(empty.body).toContain('id="toAddress-error"');
    const bad = await admin.post(`${outbox}/test`, { toAddress: 'alex at northshire' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'Enter an email address in the correct format, like name@example.org',
    ]);
    expect(bad.body).toContain('value="alex at northshire"');
    expect(await t.db.query('SELECT 1 FROM outbox')).toEqual([]);

    const noToken = await admin.post(
      `${outbox}/test`,
      { toAddress: 'alex@northshire.example' },
      { csrf: false },
    );
    expect(noToken.statusCode).toBe(403);
    expect(await t.db.query('SELECT 1 FROM outbox')).toEqual([]);
  });

  it('queues a test email, with an audit entry, for the worker to send', async () => {
    await admin.get(outbox);
    const sent = await admin.post(`${outbox}/test`, { toAddress: ' dana@northshire.example ' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(outbox);
    const page = await admin.get(outbox);
    expect(page.body).toContain('A test email to dana@northshire.example has been queued');
    expect(page.body).toContain('Test email');
    const [row] = await t.db.query<{
      id: string;
      kind: string;
      to_address: string;
      subject: string;
      body_text: string;
      status: string;
    }>('SELECT id, kind, to_address, subject, body_text, status FROM outbox');
    expect(row).toMatchObject({
      kind: 'test',
      to_address: 'dana@northshire.example',
      subject: 'Test email from Sendboard for Northshire SEND Partnership',
      status: 'queued',
    });
    expect(row!.body_text).toContain('Alex Admin sent it from the outbox page');
    expect(row!.body_text).toContain(`${t.config.baseUrl}${outbox}`);
    const audit = await t.db.query<{ action: string; actor_name: string; after: unknown }>(
      `SELECT action, actor_name, after FROM audit_log WHERE entity_type = 'email' AND entity_id = $1`,
      [row!.id],
    );
    expect(audit).toEqual([
      {
        action: 'queue test',
        actor_name: 'Alex Admin',
        after: {
          kind: 'test',
          to_address: 'dana@northshire.example',
          subject: 'Test email from Sendboard for Northshire SEND Partnership',
        },
      },
    ]);
  });

  it('sends a failed message again once, and only a failed one', async () => {
    await queue(1);
    const [message] = await t.db.query<{ id: string }>(
      `UPDATE outbox SET status = 'failed', attempts = 5, last_error = 'SMTP 550: gone' RETURNING id`,
    );
    const page = await admin.get(outbox);
    expect(page.body).toContain('Failed');
    expect(page.body).toContain('Send again<span class="govuk-visually-hidden"> to lead0@');
    const retry = await admin.post(`${outbox}/${message!.id}/retry`);
    expect(retry.statusCode).toBe(303);
    expect((await admin.get(outbox)).body).toContain('The email has been queued to be sent again.');
    const twice = await admin.post(`${outbox}/${message!.id}/retry`);
    expect(twice.statusCode).toBe(303);
    expect((await admin.get(outbox)).body).toContain('no longer failed');
    expect(
      await t.db.query(
        `SELECT action FROM audit_log WHERE entity_type = 'email' AND entity_id = $1`,
        [message!.id],
      ),
    ).toEqual([{ action: 'send again' }]);
    const unknown = await admin.post(`${outbox}/6f1d3f43-1d7e-4b55-9a43-0d2b1f0c9e11/retry`);
    expect(unknown.statusCode).toBe(404);
    expect((await admin.post(`${outbox}/not-a-uuid/retry`)).statusCode).toBe(404);
  });
});

describe.each(databaseKinds)('the outbox page describes the configured transport on %s', (kind) => {
  let t: TestApp;
  let admin: Agent;
  let outbox = '';

  beforeAll(async () => {
    // The environment says otherwise: the page must follow the configuration the app was given,
    // which is what the server's worker sends with, not re-read the environment.
    vi.stubEnv('EMAIL_TRANSPORT', 'notify');
    t = await createTestApp(kind, {
      email: {
        transport: 'smtp',
        from: 'Northshire SEND Partnership <send@northshire.example>',
        smtpUrl: 'smtps://sendboard:s3cret@mail.northshire.example:2465',
      },
    });
    const seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    outbox = `/p/${seed.a.slug}/outbox`;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t?.close();
  });

  it('names the SMTP server and sender, never the password, and expects the test email to arrive', async () => {
    const page = await admin.get(outbox);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'Email is sent through the SMTP server mail.northshire.example:2465, from Northshire SEND Partnership &lt;send@northshire.example&gt;.',
    );
    expect(page.body).not.toContain('GOV.UK Notify');
    expect(page.body).not.toContain('not delivered');
    expect(page.body).not.toContain('s3cret');
    await admin.post(`${outbox}/test`, { toAddress: 'dana@northshire.example' });
    expect((await admin.get(outbox)).body).toContain(
      'A test email to dana@northshire.example has been queued. It should arrive within a few minutes.',
    );
  });
});
