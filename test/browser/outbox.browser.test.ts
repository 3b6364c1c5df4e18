import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  newPage,
  signIn,
  startWithPartnership,
} from './browser.js';
import type { TestApp } from '../helpers/test-app.js';
import { systemTenant } from '../../src/platform/tenancy/tenancy.js';
import { enqueueEmail } from '../../src/platform/email/outbox-service.js';
import { createLogSender, SendError, type EmailSender } from '../../src/platform/email/senders.js';
import { startOutboxWorker } from '../../src/platform/email/worker.js';

const quiet = { info() {}, warn() {}, error() {} };

describe.skipIf(!chromiumAvailable())('the outbox in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let admin: Page;
  let slug = '';

  beforeAll(async () => {
    ({ t, baseUrl, browser, close, slug } = await startWithPartnership(
      {
        name: 'Northshire SEND Partnership',
        localAuthority: 'Northshire County Council',
        laCode: '901',
      },
      'alex@northshire.example',
    ));
    admin = await newPage(browser);
    await signIn(admin, baseUrl, 'alex@northshire.example', slug);
  });
  afterAll(async () => {
    await close?.();
  });

  const runWorker = async (sender: EmailSender) => {
    const worker = startOutboxWorker({ db: t.db, sender, log: quiet, intervalMs: 0 });
    await worker.runOnce();
    await worker.stop();
  };

  it('opens the outbox from the navigation and sends a test email', async () => {
    await admin.getByRole('link', { name: 'Outbox' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Outbox');
    await expect.poll(() => admin.locator('main').textContent()).toContain('No emails yet');
    await expectAccessible(admin);

    const address = admin.getByLabel('Email address to send it to');
    await address.fill('not an address');
    await admin.getByRole('button', { name: 'Send a test email' }).click();
    await expect
      .poll(() => admin.locator('.govuk-error-summary').textContent())
      .toContain('Enter an email address in the correct format');
    await expect.poll(() => admin.title()).toMatch(/^Error: Outbox/);
    await expectAccessible(admin);

    await admin.getByLabel('Email address to send it to').fill('dana@northshire.example');
    await admin.getByRole('button', { name: 'Send a test email' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('A test email to dana@northshire.example has been queued');
    await expect.poll(() => admin.locator('table').textContent()).toContain('Queued');
    await expectAccessible(admin);

    await runWorker(createLogSender(quiet));
    await admin.reload();
    await expect.poll(() => admin.locator('table tbody').textContent()).toContain('Sent');
    await expectAccessible(admin);
  });

  it('shows a failed email and sends it again', async () => {
    await t.db.transaction(async (tx) => {
      const [p] = await tx.query<{ id: string; slug: string; name: string }>(
        'SELECT id, slug, name FROM partnerships WHERE slug = $1',
        [slug],
      );
      await enqueueEmail(tx, systemTenant(p!), {
        kind: 'round-reminder',
        toAddress: 'lee@northshire.example',
        toName: 'Lee Lead',
        subject: 'Your update for round 3 is due',
        bodyText: 'Please update your actions.',
      });
    });
    await runWorker({
      transport: 'smtp',
      send: async () => {
        throw new SendError('SMTP 550: No such mailbox', true);
      },
    });
    await admin.goto(`${baseUrl}/p/${slug}/outbox`);
    await expect.poll(() => admin.locator('table tbody').textContent()).toContain('Failed');
    await expect
      .poll(() => admin.locator('table tbody').textContent())
      .toContain('SMTP 550: No such mailbox');
    await expectAccessible(admin);

    await admin
      .getByRole('button', {
        name: 'Send again to lee@northshire.example: Your update for round 3 is due',
      })
      .click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('The email has been queued to be sent again.');
    await expect.poll(() => admin.locator('table tbody').textContent()).toContain('Queued');
    await expectAccessible(admin);
  });
});
