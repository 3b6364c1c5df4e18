import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  newPage,
  signIn,
  startWithPartnership,
} from '../../../test/browser/browser.js';
import { seedIndicators } from '../../../test/helpers/import-data.js';

const ADMIN = 'alex@northshire.example';
const SCHOOLS = [
  'URN,Establishment name,Phase,District,Quadrant',
  '100001,Hillside Primary School,Primary,Ashford,North East',
  '100002,Ashford Academy,Secondary,Ashford,North East',
  '100003,Riverside Special School,Special,Brookdale,South',
].join('\n');

describe.skipIf(!chromiumAvailable())('performance imports in a real browser', () => {
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let slug = '';

  beforeAll(async () => {
    const harness = await startWithPartnership(
      { name: 'Northshire', localAuthority: 'Northshire Council', laCode: '901' },
      ADMIN,
    );
    ({ baseUrl, browser, close, slug } = harness);
    await seedIndicators(harness.t.db, harness.partnershipId);
  });
  afterAll(async () => {
    await close?.();
  });

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
    await signIn(page, baseUrl, ADMIN, slug);
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
    await signIn(page, baseUrl, ADMIN, slug);
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
