import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, PASSWORD, setUpPartnership, type TestApp } from '../helpers/test-app.js';
import type { PartnershipInput } from '../../src/partnerships/index.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Sendboard on a real port with its own database, and Debian's Chromium. */
export async function startBrowserHarness(): Promise<{
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close: () => Promise<void>;
}> {
  const t = await createTestApp('pglite');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  t.config.baseUrl = baseUrl;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    t,
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** The harness with one partnership set up, whose admin (password PASSWORD) is `adminEmail`. */
export async function startWithPartnership(partnership: PartnershipInput, adminEmail: string) {
  const harness = await startBrowserHarness();
  const { partnership: created } = await setUpPartnership(harness.t.db, partnership, adminEmail);
  return { ...harness, slug: created.slug, partnershipId: created.id };
}

export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return context.newPage();
}

/** Fills in the sign-in form and sends it; the caller checks what that led to. */
export async function submitSignIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the partnership's home page, where a successful sign-in lands. */
export async function signIn(page: Page, baseUrl: string, email: string, slug: string) {
  await submitSignIn(page, baseUrl, email);
  await page.waitForURL(new RegExp(`/p/${slug}$`));
}

export const visited = new Set<string>();

/** axe on the page as it stands: WCAG 2.2 A and AA rules must report no violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(violations, `axe on ${page.url()}`).toEqual([]);
  visited.add(new URL(page.url()).pathname);
}

/**
 * axe needs JavaScript, so a page seen with JavaScript off is checked by loading its exact HTML
 * into a JavaScript-enabled page at the same origin.
 */
export async function expectAccessibleWithoutJs(browser: Browser, page: Page): Promise<void> {
  const html = await page.content();
  const checker = await newPage(browser);
  await checker.goto(new URL('/health', page.url()).toString());
  await checker.setContent(html, { waitUntil: 'load' });
  await expectAccessible(checker);
  await checker.context().close();
}

/** The page fits its viewport's width: nothing makes the whole page scroll sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow, `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(0);
}
