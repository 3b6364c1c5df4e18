import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { Agent } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { claimDueMessages } from '../platform/email/outbox-repository.js';
import { MAX_ATTEMPTS } from '../platform/email/outbox-rules.js';
import { enqueueEmail } from '../platform/email/outbox-service.js';
import {
  createLogSender,
  createNotifySender,
  createSmtpSender,
  type EmailLog,
  type EmailSender,
  type OutgoingEmail,
} from '../platform/email/senders.js';
import { startOutboxWorker } from '../platform/email/worker.js';

type Received = { envelopeFrom: string; envelopeTo: string[]; raw: string };

/** A real SMTP server in this process: accepts (or refuses) mail and keeps what it receives. */
async function startSmtpServer() {
  const received: Received[] = [];
  const state: { refuse: { code: number; message: string } | null; logins: string[] } = {
    refuse: null,
    logins: [],
  };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      state.logins.push(`${auth.username}:${auth.password}`);
      if (auth.username === 'sendboard' && auth.password === 'p@ss word')
        return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (!state.refuse) return callback();
      callback(Object.assign(new Error(state.refuse.message), { responseCode: state.refuse.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Just enough MIME to read back what nodemailer wrote: headers, encoded words, quoted-printable. */
function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  const encoding = headers['content-transfer-encoding'];
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body.replace(/=\r\n/g, ''));
  if (encoding === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
  return { headers, body: body.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function collectingLog() {
  const entries: { level: string; obj: object; msg?: string }[] = [];
  const log: EmailLog = {
    info: (obj, msg) => entries.push({ level: 'info', obj, ...(msg ? { msg } : {}) }),
    warn: (obj, msg) => entries.push({ level: 'warn', obj, ...(msg ? { msg } : {}) }),
    error: (obj, msg) => entries.push({ level: 'error', obj, ...(msg ? { msg } : {}) }),
  };
  return { log, entries };
}

type Row = {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  wait_seconds: number;
};

describe.each(databaseKinds)('email outbox delivery on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sender: EmailSender;
  const { log, entries } = collectingLog();

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    smtp = await startSmtpServer();
    sender = createSmtpSender({
      smtpUrl: `smtp://sendboard:p%40ss%20word@127.0.0.1:${smtp.port}`,
      from: 'Northshire SEND Partnership <send@northshire.example>',
    });
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.close();
  });
  beforeEach(async () => {
    // Each test starts with an empty queue and a server that accepts everything.
    await t.db.query('DELETE FROM outbox');
    smtp.received.length = 0;
    smtp.state.refuse = null;
    entries.length = 0;
  });

  const worker = (options: { sender?: EmailSender; db?: Db } = {}) =>
    startOutboxWorker({
      db: options.db ?? t.db,
      sender: options.sender ?? sender,
      log,
      intervalMs: 0,
    });

  const queue = (tenant: Tenant, extra: Record<string, unknown> = {}) =>
    t.db.transaction((tx) =>
      enqueueEmail(tx, tenant, {
        kind: 'round-reminder',
        toAddress: 'dana@northshire.example',
        toName: 'Dana Designated',
        subject: 'Your update for round 3 is due',
        bodyText: 'Please update action 1.1 a.',
        ...extra,
      }),
    );

  const rows = () =>
    t.db.query<Row>(
      `SELECT id, status, attempts, last_error, provider_message_id, sent_at,
              extract(epoch FROM next_attempt_at - now())::float8 AS wait_seconds
       FROM outbox ORDER BY created_at, id`,
    );
  const makeDue = () =>
    t.db.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 second'`);

  it('sends a queued email through SMTP, signed in with the URL’s credentials, and marks it sent', async () => {
    const body =
      'Dear Dana,\n\nYour update for action 1.1 a (“Co-produce the SEND strategy with families’ representatives”) is due on 14 March 2026. ' +
      'This line is long on purpose, so that it has to be wrapped when it is encoded for sending.\n\nNorthshire SEND Partnership';
    expect(
      await queue(seed.tenantA, { subject: 'Update due – round 3 (Northshire)', bodyText: body }),
    ).toBe(true);
    const w = worker();
    expect(await w.runOnce()).toBe(1);
    await w.stop();

    expect(smtp.state.logins).toContain('sendboard:p@ss word');
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.envelopeFrom).toBe('send@northshire.example');
    expect(mail!.envelopeTo).toEqual(['dana@northshire.example']);
    const { headers, body: received } = parseMessage(mail!.raw);
    expect(headers.subject).toBe('Update due – round 3 (Northshire)');
    expect(headers.to).toBe('Dana Designated <dana@northshire.example>');
    expect(headers.from).toBe('Northshire SEND Partnership <send@northshire.example>');
    expect(received).toBe(body);

    const [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row!.sent_at).toBeInstanceOf(Date);
    expect(row!.provider_message_id).toBe(`<${row!.id}@127.0.0.1>`);
    expect(headers['x-sendboard-outbox-id']).toBe(row!.id);

    // Nothing is due now: a second run sends nothing.
    const again = worker();
    expect(await again.runOnce()).toBe(0);
    await again.stop();
    expect(smtp.received).toHaveLength(1);
  });

  it('queues nothing when the caller’s transaction rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueEmail(tx, seed.tenantA, {
          kind: 'round-reminder',
          toAddress: 'dana@northshire.example',
          subject: 'Never sent',
          bodyText: 'The change this was about failed.',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows()).toEqual([]);
  });

  it('never queues the same dedupe key twice in a partnership', async () => {
    expect(await queue(seed.tenantA, { dedupeKey: 'round-3:action-1.1a:dana' })).toBe(true);
    expect(await queue(seed.tenantA, { dedupeKey: 'round-3:action-1.1a:dana' })).toBe(false);
    // Another partnership's key space is its own; messages without a key never clash.
    expect(await queue(seed.tenantB, { dedupeKey: 'round-3:action-1.1a:dana' })).toBe(true);
    expect(await queue(seed.tenantA)).toBe(true);
    expect(await queue(seed.tenantA)).toBe(true);
    // Once sent, the key still blocks: a reminder is never sent twice.
    const w = worker();
    expect(await w.runOnce()).toBe(4);
    expect(await queue(seed.tenantA, { dedupeKey: 'round-3:action-1.1a:dana' })).toBe(false);
    expect(await w.runOnce()).toBe(0);
    await w.stop();
    expect(smtp.received).toHaveLength(4);
  });

  it('retries a refused send after 1, 5, 30 and 120 minutes, fails it after 5 attempts, and "Send again" re-queues it', async () => {
    smtp.state.refuse = { code: 451, message: 'Mailbox busy, try again later' };
    await queue(seed.tenantA);
    const w = worker();
    const expectedWaits = [1, 5, 30, 120];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await w.runOnce(), `attempt ${attempt}`).toBe(1);
      const [row] = await rows();
      expect(row!.attempts).toBe(attempt);
      expect(row!.last_error).toContain('451');
      expect(row!.last_error).toContain('Mailbox busy');
      if (attempt < MAX_ATTEMPTS) {
        expect(row!.status).toBe('queued');
        const wait = expectedWaits[attempt - 1]! * 60;
        expect(row!.wait_seconds).toBeGreaterThan(wait - 30);
        expect(row!.wait_seconds).toBeLessThanOrEqual(wait);
        // Not due yet: nothing is attempted until the wait is over.
        expect(await w.runOnce()).toBe(0);
        await makeDue();
      } else {
        expect(row!.status).toBe('failed');
      }
    }
    await makeDue();
    expect(await w.runOnce()).toBe(0); // failed for good: never picked up again by itself
    expect(smtp.received).toHaveLength(0);
    expect(entries.some((e) => e.msg === 'outbox: email failed for good')).toBe(true);

    // The admin presses "Send again" on the outbox page.
    smtp.state.refuse = null;
    const [failed] = await rows();
    const admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    const page = await admin.get(`/p/${seed.a.slug}/outbox`);
    expect(page.body).toContain(`/outbox/${failed!.id}/retry`);
    const retry = await admin.post(`/p/${seed.a.slug}/outbox/${failed!.id}/retry`);
    expect(retry.statusCode).toBe(303);
    expect((await rows())[0]).toMatchObject({ status: 'queued', attempts: 0 });
    const audit = await t.db.query<{ action: string; before: { attempts: number } }>(
      `SELECT action, before FROM audit_log WHERE entity_type = 'email' AND entity_id = $1`,
      [failed!.id],
    );
    expect(audit).toEqual([
      { action: 'send again', before: expect.objectContaining({ attempts: 5 }) },
    ]);

    expect(await w.runOnce()).toBe(1);
    await w.stop();
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('fails at once when the server refuses the address for good (5xx)', async () => {
    smtp.state.refuse = { code: 550, message: 'No such mailbox here' };
    await queue(seed.tenantA);
    const w = worker();
    expect(await w.runOnce()).toBe(1);
    await w.stop();
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.last_error).toMatch(/^SMTP 550: .*No such mailbox here/);
  });

  it('retries when the SMTP server cannot be reached, or refuses the login', async () => {
    const gone = await startSmtpServer();
    await gone.close();
    await queue(seed.tenantA);
    const unreachable = worker({
      sender: createSmtpSender({
        smtpUrl: `smtp://127.0.0.1:${gone.port}`,
        from: 'send@northshire.example',
      }),
    });
    expect(await unreachable.runOnce()).toBe(1);
    await unreachable.stop();
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.last_error).toMatch(/ECONNREFUSED/);

    await makeDue();
    const badLogin = worker({
      sender: createSmtpSender({
        smtpUrl: `smtp://sendboard:wrong@127.0.0.1:${smtp.port}`,
        from: 'send@northshire.example',
      }),
    });
    expect(await badLogin.runOnce()).toBe(1);
    await badLogin.stop();
    [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row!.last_error).toMatch(/535/);
    expect(row!.last_error).not.toContain('wrong');
  });

  it('takes over a message whose sender died mid-send once its claim lapses', async () => {
    await queue(seed.tenantA);
    // A worker claims the message and dies before sending it.
    expect(await claimDueMessages(t.db, 10, MAX_ATTEMPTS)).toHaveLength(1);
    const w = worker();
    expect(await w.runOnce()).toBe(0); // still claimed: nobody else touches it
    await makeDue(); // the claim lapses
    expect(await w.runOnce()).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });

    // A message whose last allowed attempt was interrupted fails rather than going round again.
    await t.db.query('DELETE FROM outbox');
    await queue(seed.tenantA);
    await t.db.query(`UPDATE outbox SET attempts = $1 - 1`, [MAX_ATTEMPTS]);
    expect(await claimDueMessages(t.db, 10, MAX_ATTEMPTS)).toHaveLength(1);
    await makeDue();
    expect(await w.runOnce()).toBe(0);
    await w.stop();
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(row!.last_error).toContain('interrupted');
  });

  it('shares the queue between several workers without sending any message twice', async () => {
    for (let i = 0; i < 45; i++)
      await queue(i % 2 ? seed.tenantA : seed.tenantB, { toAddress: `person${i}@example.org` });
    const sent: string[] = [];
    const slow: EmailSender = {
      transport: 'log',
      async send(message: OutgoingEmail) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        sent.push(message.toAddress);
        return {};
      },
    };
    const workers = [worker({ sender: slow }), worker({ sender: slow }), worker({ sender: slow })];
    const counts = await Promise.all(workers.map((w) => w.runOnce()));
    await Promise.all(workers.map((w) => w.stop()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(45);
    expect(new Set(sent).size).toBe(45);
    expect(sent).toHaveLength(45);
    expect((await rows()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);

    // Many claims at the same moment (separate connections on PostgreSQL): each message once.
    await t.db.query('DELETE FROM outbox');
    for (let i = 0; i < 30; i++) await queue(seed.tenantA, { toAddress: `claim${i}@example.org` });
    const claims = await Promise.all(
      Array.from({ length: 15 }, () => claimDueMessages(t.db, 3, MAX_ATTEMPTS)),
    );
    const claimed = claims.flat().map((m) => m.id);
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed).size).toBe(30);
  });

  it('keeps polling after a run fails, and stop() waits for the send in progress', async () => {
    await queue(seed.tenantA);
    let failures = 1;
    // The database is unavailable for the first run only.
    const flaky = Object.create(t.db, {
      query: {
        value: (sql: string, params?: unknown[]) =>
          failures-- > 0
            ? Promise.reject(new Error('database unavailable'))
            : t.db.query(sql, params),
      },
    }) as Db;
    const polling = startOutboxWorker({ db: flaky, sender, log, intervalMs: 20 });
    await expect.poll(async () => (await rows())[0]?.status, { timeout: 5000 }).toBe('sent');
    await polling.stop();
    expect(
      entries.some((e) => e.level === 'error' && /delivery run failed/.test(e.msg ?? '')),
    ).toBe(true);
    expect(await polling.runOnce()).toBe(0); // stopped
  });

  it('writes to the log and marks sent with the log transport', async () => {
    await queue(seed.tenantA, { subject: 'Logged, not delivered' });
    const w = worker({ sender: createLogSender(log) });
    expect(await w.runOnce()).toBe(1);
    await w.stop();
    expect((await rows())[0]).toMatchObject({ status: 'sent', provider_message_id: null });
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: 'email not delivered: EMAIL_TRANSPORT is log',
        obj: expect.objectContaining({
          subject: 'Logged, not delivered',
          to: 'dana@northshire.example',
        }),
      }),
    );
    expect(smtp.received).toHaveLength(0);
  });

  it('sends through GOV.UK Notify’s API with the template, personalisation and reference', async () => {
    const requests: { url: string; auth: string; body: Record<string, unknown> }[] = [];
    let answer: { status: number; body: unknown } = {
      status: 201,
      body: { id: 'a3d0fb25-4f41-4a5e-8e0a-8c1b2c3d4e5f', content: {} },
    };
    const notify = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push({
          url: `${req.method} ${req.url}`,
          auth: String(req.headers.authorization),
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => notify.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = notify.address() as AddressInfo;
      const notifySender = createNotifySender({
        apiKey:
          'sendboard_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0',
        templateId: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
        baseUrl: `http://127.0.0.1:${port}`,
      });
      await queue(seed.tenantA);
      const w = worker({ sender: notifySender });
      expect(await w.runOnce()).toBe(1);
      const [row] = await rows();
      expect(row).toMatchObject({
        status: 'sent',
        provider_message_id: 'a3d0fb25-4f41-4a5e-8e0a-8c1b2c3d4e5f',
      });
      expect(requests).toHaveLength(1);
      expect(requests[0]!.url).toBe('POST /v2/notifications/email');
      expect(requests[0]!.auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(requests[0]!.body).toEqual({
        template_id: 'f33517ff-2a88-4f6e-b855-c550268ce08a',
        email_address: 'dana@northshire.example',
        personalisation: {
          subject: 'Your update for round 3 is due',
          body: 'Please update action 1.1 a.',
        },
        reference: row!.id,
      });

      // Notify refusing the recipient (a team-only key) fails the message at once.
      answer = {
        status: 400,
        body: {
          status_code: 400,
          errors: [
            {
              error: 'BadRequestError',
              message: 'Can’t send to this recipient using a team-only API key',
            },
          ],
        },
      };
      await t.db.query('DELETE FROM outbox');
      await queue(seed.tenantA);
      expect(await w.runOnce()).toBe(1);
      await w.stop();
      expect((await rows())[0]).toMatchObject({
        status: 'failed',
        attempts: 1,
        last_error:
          'GOV.UK Notify 400: BadRequestError: Can’t send to this recipient using a team-only API key',
      });
    } finally {
      await new Promise((resolve) => notify.close(resolve));
    }
  });
});
