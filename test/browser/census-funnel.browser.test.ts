import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  newPage,
  signIn,
  startWithPartnership,
} from './browser.js';
import { tempFiles } from '../helpers/import-files.js';

const ADMIN = 'alex@essex.example';

/** 21 schools at 5% MLD and one at 30%, one pupil per row with identifying columns to ignore. */
function pupilCsv(extra = ''): string {
  const lines = ['URN,UPN,Forename,Surname,DOB,SEN provision,Primary SEN need'];
  let n = 0;
  for (let s = 0; s < 22; s++) {
    const urn = String(100001 + s);
    const mld = s === 2 ? 60 : 10;
    for (let i = 0; i < 200; i++) {
      n++;
      const [provision, need] =
        i < mld ? [i % 4 === 0 ? 'E' : 'K', 'MLD'] : i < mld + 8 ? ['K', 'SLCN'] : ['N', ''];
      lines.push(
        `${urn},A${String(n).padStart(12, '0')},Pupil,${n},2015-01-01,${provision},${need}`,
      );
    }
  }
  return lines.join('\n') + '\n' + extra;
}

describe.skipIf(!chromiumAvailable())('school census and funnel plot in a real browser', () => {
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let slug = '';
  const files = tempFiles();

  beforeAll(async () => {
    ({ baseUrl, browser, close, slug } = await startWithPartnership(
      { name: 'Essex SEND Partnership', localAuthority: 'Essex County Council', laCode: '881' },
      ADMIN,
    ));
  });
  afterAll(async () => {
    await close?.();
    files.remove();
  });

  async function fillUpload(page: Page, file: string) {
    await page.getByLabel('Census label').fill('Spring 2025');
    await page.locator('#censusDate-day').fill('16');
    await page.locator('#censusDate-month').fill('1');
    await page.locator('#censusDate-year').fill('2025');
    await page.getByLabel('Census file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and check' }).click();
  }

  it('uploads a census, shows row errors, previews, saves, and draws the funnel plot', async () => {
    const bad = files.write('bad.csv', pupilCsv('100001,X,Pupil,0,2015-01-01,N,MLD\n'));
    const good = files.write('spring.csv', pupilCsv());

    const page = await newPage(browser);
    await signIn(page, baseUrl, ADMIN, slug);
    await page.goto(`${baseUrl}/p/${slug}/performance/census`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('School census SEN');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter a label for the census');
    await expectAccessible(page);

    await fillUpload(page, bad);
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('bad.csv cannot be imported yet');
    await expect(page.locator('#row-errors').textContent()).resolves.toContain(
      'but has a primary type of need',
    );
    await expectAccessible(page);

    await fillUpload(page, good);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Check the census before you save it');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save census' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Spring 2025: identification rates');
    await expectAccessible(page);

    await page.getByLabel('Type of need').selectOption('MLD');
    await page.getByLabel('England rate (%) (optional)').fill('3.6');
    await page.getByRole('button', { name: 'Show rates' }).click();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Compared with England (3.6%)');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Compare schools and districts fairly' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Spring 2025: funnel plot');
    await expect(page.locator('svg[role="img"]').count()).resolves.toBe(1);
    await expect(page.locator('#funnel-table tbody tr').first().textContent()).resolves.toContain(
      'High (0.001)',
    );
    await expectAccessible(page);
    await page.context().close();
  });

  it('works without JavaScript: the funnel form is a plain GET form', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, baseUrl, ADMIN, slug);
    await page.goto(`${baseUrl}/p/${slug}/performance/census`);
    await page.getByRole('link', { name: 'Spring 2025', exact: true }).click();
    await page.getByRole('link', { name: 'Compare schools and districts fairly' }).click();
    await page.getByLabel('Districts').check();
    await page.getByLabel('Minimum pupils').fill('50');
    await page.getByRole('button', { name: 'Show funnel plot' }).click();
    await expect
      .poll(() => page.locator('#funnel-table caption').textContent())
      .toContain('Every district on the plot');
    await expectAccessibleWithoutJs(browser, page);
    await page.context().close();
  });
});
