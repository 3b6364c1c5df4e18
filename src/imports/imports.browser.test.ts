import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  newPage,
  startBrowserHarness,
} from '../../test/browser/browser.js';
import type { TestApp } from '../../test/helpers/test-app.js';
import { setUpSendboard } from '../setup/setup-service.js';
import { seedIndicators } from './import-test-support.js';

const PASSWORD = 'correct horse battery staple';
const SCHOOLS = [
  'URN,Establishment name,Phase,District,Quadrant',
  '100001,Hillside Primary School,Primary,Ashford,North East',
  '100002,Ashford Academy,Secondary,Ashford,North East',
  '100003,Riverside Special School,Special,Brookdale,South',
].join('\n');

describe.skipIf(!chromiumAvailable())('performance imports in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let slug = '';

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await startBrowserHarness());
    const { partnership } = await setUpSendboard(t.db, {
      partnership: { name: 'Northshire', localAuthority: 'Northshire Council', laCode: '901' },
      admin: { name: 'Alex Admin', email: 'alex@northshire.example', password: PASSWORD },
    });
    slug = partnership.slug;
    await seedIndicators(t.db, partnership.id);
  });
  afterAll(async () => {
    await close?.();
  });

  async function signIn(page: Page) {
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill('alex@northshire.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/p/${slug}$`));
  }

  async function uploadFile(page: Page, kind: string, name: string, content: string) {
    await page.goto(`${baseUrl}/p/${slug}/performance/imports`);
    await page.getByLabel(kind, { exact: true }).check();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
    await page.getByRole('button', { name: 'Upload and check' }).click();
  }

  it('uploads a school list, previews it, saves it and shows the hierarchy', async () => {
    const page = await newPage(browser);
    await signIn(page);
    await page.goto(`${baseUrl}/p/${slug}/performance/imports`);
    await page.locator('summary', { hasText: 'Benchmarks' }).click();
    await expectAccessible(page);

    await uploadFile(page, 'Localities, districts and schools', 'schools.csv', SCHOOLS);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Check the import before you save it');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('3 rows');
    await expectAccessible(page);

    await page.goto(`${baseUrl}/p/${slug}/performance/geography`);
    expect(await page.locator('main').textContent()).toContain('Riverside Special School');
    await expectAccessible(page);
  });

  it('shows row-level problems, without JavaScript too', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page);
    await uploadFile(
      page,
      'Indicator values',
      'values.csv',
      'indicator,period,area,value\nautism-wiat,2024-01,,5\nautism-wait,2024 Q1,Nowhere,5\n',
    );
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('values.csv cannot be imported yet');
    expect(main).toContain('Did you mean ‘autism-wait’');
    await expectAccessibleWithoutJs(browser, page);
  });
});
