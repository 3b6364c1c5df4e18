import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import { createTestApp, seedTwoPartnerships, type TestApp } from '../../test/helpers/test-app.js';
import { createInspection } from '../inspections/index.js';
import { addAction, addPriority, createPlan } from '../plans/index.js';
import { openRound } from '../progress/index.js';
import { queueReminders } from './reminders.js';
import { createKeyDate } from '../deadlines/index.js';
import { createSmtpSender } from '../platform/email/senders.js';
import { startOutboxWorker } from '../platform/email/worker.js';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(databaseKinds)('reminders by email on %s', (kind) => {
  let t: TestApp;
  let smtp: SMTPServer;
  let port = 0;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  const received: { to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;

    seed = await seedTwoPartnerships(t.db);
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    // Published 19 Dec 2025: the statement is due 1 April 2026; "today" below is 20 March 2026.
    const inspection = await createInspection(t.db, actor, seed.tenantA, {
      framework: '2016',
      kind: 'initial',
      onSiteStart: null,
      onSiteEnd: null,
      publishedOn: '2025-12-19',
      team: '',
      outcome: null,
      wsoaRequired: true,
      outcomeText: '',
    });
    const plan = await createPlan(t.db, actor, seed.tenantA, {
      kind: 'post_inspection',
      inspectionId: inspection.id,
      title: 'Improvement plan',
      ownerUserId: null,
    });
    const priority = (await addPriority(t.db, actor, seed.tenantA, plan.id, {
      title: 'P',
      description: '',
      findingIds: [],
    }))!;
    for (const title of ['Reduce autism assessment waits', 'Publish the Local Offer refresh']) {
      await addAction(t.db, actor, seed.tenantA, plan.id, {
        priorityId: priority.id,
        title,
        description: '',
        category: 'operational',
        leadUserId: seed.people.lead!,
        leadOrganisationId: null,
        partnerIds: [],
        startDate: null,
        dueDate: null,
      });
    }
    // A lead whose role later changes to one that cannot record updates (here the parent carer
    // forum) would only reach a "not allowed" page: they get no reminder.
    await addAction(t.db, actor, seed.tenantA, plan.id, {
      priorityId: priority.id,
      title: 'Co-produce the short breaks offer',
      description: '',
      category: 'operational',
      leadUserId: seed.people.contributor!,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: null,
    });
    await t.db.query(
      `UPDATE memberships SET role = 'forum' WHERE partnership_id = $1 AND user_id = $2`,
      [seed.a.id, seed.people.contributor!],
    );
    await openRound(t.db, actor, seed.tenantA, {
      title: 'March update',
      openedOn: '2026-03-16',
      dueOn: '2026-03-23',
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await t?.close();
  });

  it('queues one reminder per lead and per admin deadline, once, and sends them by SMTP', async () => {
    const first = await queueReminders(t.db, {
      baseUrl: 'https://sendboard.example',
      today: '2026-03-20',
    });
    expect(first).toEqual({ round: 1, deadline: 1 }); // one lead (not the forum member); the one admin, for the statement due soon
    expect(
      await queueReminders(t.db, { baseUrl: 'https://sendboard.example', today: '2026-03-20' }),
    ).toEqual({ round: 0, deadline: 0 });
    const sender = createSmtpSender({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Sendboard <noreply@sendboard.example>',
    });
    const worker = startOutboxWorker({ db: t.db, sender, log: silent, intervalMs: 0 });
    await worker.runOnce();
    await worker.stop();
    const toLead = received.find((m) => m.to.includes('lead@northshire.example'))!;
    expect(toLead.raw).toContain('Subject: Your March update is due by 23 March 2026');
    expect(toLead.raw).toContain('Updates for the March update are due by 23 March 2026');
    expect(toLead.raw).toContain('Reduce autism assessment waits');
    const toAdmin = received.find((m) => m.to.includes('alex@northshire.example'))!;
    expect(toAdmin.raw).toMatch(/Subject: Written statement of action due: due 1\s+April 2026/);
    const rows = await t.db.query<{ status: string }>(
      `SELECT status FROM outbox WHERE kind IN ('round-reminder', 'deadline-reminder')`,
    );
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('sends a late reminder once the due date has passed, only to people who can update', async () => {
    expect(
      (await queueReminders(t.db, { baseUrl: 'https://sendboard.example', today: '2026-03-24' }))
        .round,
    ).toBe(1);
    const reminded = await t.db.query<{ to_address: string; subject: string }>(
      `SELECT to_address, subject FROM outbox WHERE kind = 'round-reminder' ORDER BY created_at`,
    );
    expect(reminded).toEqual([
      {
        to_address: 'lead@northshire.example',
        subject: 'Your March update is due by 23 March 2026',
      },
      { to_address: 'lead@northshire.example', subject: 'Your March update is late' },
    ]);
  });

  it('reminds admins of a date set by others, as of a rule-based one', async () => {
    const context = {
      db: t.db,
      actor: { userId: seed.adminA.id, name: 'Alex' },
      tenant: seed.tenantA,
    };
    const made = await createKeyDate(context, {
      title: 'Monitoring visit by the DfE',
      source: 'dfe',
      dueOn: '2026-04-10',
    });
    expect(made.kind).toBe('ok');
    await queueReminders(t.db, { baseUrl: 'https://sendboard.example', today: '2026-03-25' });
    const reminded = await t.db.query<{ subject: string; body_text: string }>(
      `SELECT subject, body_text FROM outbox WHERE kind = 'deadline-reminder' AND subject LIKE 'Monitoring%'`,
    );
    expect(reminded.map((r) => r.subject)).toEqual([
      'Monitoring visit by the DfE: due 10 April 2026',
    ]);
    expect(reminded[0]!.body_text).toContain('Source: Set by the Department for Education (DfE).');
  });
});
