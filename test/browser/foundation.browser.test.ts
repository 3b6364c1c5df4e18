import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  newPage,
  signIn,
  startBrowserHarness,
  submitSignIn,
  visited,
} from './browser.js';
import { PASSWORD, type TestApp } from '../helpers/test-app.js';

describe.skipIf(!chromiumAvailable())('foundation in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let admin: Page;
  let slug = '';

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await startBrowserHarness());
    admin = await newPage(browser);
  });
  afterAll(async () => {
    await close?.();
  });

  it('sets up Sendboard on first run', async () => {
    await admin.goto(baseUrl);
    await expect.poll(() => admin.url()).toBe(`${baseUrl}/setup`);
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Set up Sendboard' }).click();
    await expect.poll(() => admin.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(admin);
    await admin.getByLabel('Partnership name').fill('Northshire SEND Partnership');
    await admin.getByLabel('Local authority', { exact: true }).fill('Northshire County Council');
    await admin.getByLabel('DfE local authority code').fill('901');
    await admin.getByLabel('Full name').fill('Alex Admin');
    await admin.getByLabel('Email address').fill('alex@northshire.example');
    await admin.getByLabel('Create a password').fill(PASSWORD);
    await admin.getByLabel('Confirm password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Set up Sendboard' }).click();
    await admin.waitForURL(/\/p\/northshire-send-partnership$/);
    slug = 'northshire-send-partnership';
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('Sendboard is set up for Northshire SEND Partnership');
    await expectAccessible(admin);
  });

  it('adds a person and an organisation, and shows the audit log', async () => {
    await admin.getByRole('link', { name: 'Organisations' }).click();
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Add an organisation' }).click();
    await expectAccessible(admin);
    await admin.getByLabel('Name').fill('Northshire ICB');
    await admin.getByLabel('Integrated care board (ICB)').check();
    await admin.getByRole('button', { name: 'Save organisation' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Northshire ICB');
    await expectAccessible(admin);

    await admin.getByRole('link', { name: 'People' }).click();
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Add a person' }).click();
    await expectAccessible(admin);
    await admin.getByLabel('Full name').fill('Dana Designated');
    await admin.getByLabel('Email address').fill('dana@northshire.example');
    await admin.getByLabel('Action lead').check();
    await admin.getByLabel('Organisation (optional)').selectOption({ label: 'Northshire ICB' });
    await admin.getByLabel('Set a password for them now').check();
    await admin.getByLabel('Password (only if you are setting one for them)').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Dana Designated');
    await expectAccessible(admin);

    await admin.getByRole('link', { name: 'Audit log' }).click();
    await expect
      .poll(() => admin.locator('table').textContent())
      .toContain('person: create with password');
    await expectAccessible(admin);
    await admin.goto(`${baseUrl}/account`);
    await expectAccessible(admin);
    await admin.goto(`${baseUrl}/account/tokens`);
    await expectAccessible(admin);
    await admin.goto(`${baseUrl}/accessibility`);
    await expectAccessible(admin);
    await admin.goto(`${baseUrl}/privacy`);
    await expectAccessible(admin);
    await admin.goto(`${baseUrl}/nowhere`);
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Page not found');
    await expectAccessible(admin);
  });

  it('signs out, refuses a wrong password, and signs in', async () => {
    await admin.goto(`${baseUrl}/p/${slug}`);
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.waitForURL(/\/sign-in$/);
    await expectAccessible(admin);
    await submitSignIn(admin, baseUrl, 'alex@northshire.example', 'not my password at all');
    await expect
      .poll(() => admin.locator('.govuk-error-summary').textContent())
      .toContain('Enter a correct email address and password');
    await expectAccessible(admin);
    await expect(admin.getByLabel('Email address').inputValue()).resolves.toBe(
      'alex@northshire.example',
    );
    await signIn(admin, baseUrl, 'alex@northshire.example', slug);
  });

  it('locks an account after repeated wrong passwords', async () => {
    const page = await newPage(browser);
    for (let i = 0; i < t.config.signIn.maxFailures; i++)
      await submitSignIn(page, baseUrl, 'dana@northshire.example', 'wrong password again');
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Your account is locked');
    await expectAccessible(page);
    await submitSignIn(page, baseUrl, 'dana@northshire.example', PASSWORD);
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Your account is locked');
    await page.context().close();
    await t.db.query(
      `UPDATE users SET locked_until = NULL WHERE email = 'dana@northshire.example'`,
    );
  });

  it('disables a person: their open session ends', async () => {
    const dana = await newPage(browser);
    await signIn(dana, baseUrl, 'dana@northshire.example', slug);
    await expectAccessible(dana);

    await admin.goto(`${baseUrl}/p/${slug}/people`);
    await admin.getByRole('link', { name: 'Dana Designated' }).click();
    await admin.getByRole('button', { name: 'Disable Dana Designated' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('has been disabled and signed out everywhere');
    await expectAccessible(admin);

    await dana.reload();
    await expect.poll(() => new URL(dana.url()).pathname).toBe('/sign-in');
    await dana.context().close();
  });

  it('works without JavaScript: sign in and add a person', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(10_000);
    await signIn(page, baseUrl, 'alex@northshire.example', slug);
    await page.goto(`${baseUrl}/p/${slug}/people/new`);
    await page.getByLabel('Full name').fill('Noel NoScript');
    await page.getByLabel('Email address').fill('noel@northshire.example');
    await page.getByLabel('Parent carer forum').check();
    await page.getByLabel('Give them a link to choose their own password').check();
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect
      .poll(() => page.locator('#invitation-link').textContent())
      .toContain('/invitation/');
    await expectAccessibleWithoutJs(browser, page);
    await page.context().close();
  });

  it('visited every foundation page with axe', () => {
    expect([...visited]).toEqual(
      expect.arrayContaining([
        '/setup',
        '/sign-in',
        '/account',
        '/account/tokens',
        `/p/${slug}`,
        `/p/${slug}/people`,
        `/p/${slug}/people/new`,
        `/p/${slug}/audit`,
      ]),
    );
  });
});
