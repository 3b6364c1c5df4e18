import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  newPage,
  signIn,
  startWithPartnership,
} from './browser.js';
import { projectRoot } from '../../src/platform/config/paths.js';

const ADMIN = 'alex@suffolk.example';
const SUFFOLK = path.join(projectRoot, '../shared/data/area-send-reports/suffolk.pdf');
const MEDWAY = path.join(projectRoot, 'src/letters/fixtures/medway-2018.txt');

describe.skipIf(!chromiumAvailable())('outcome letter import in a real browser', () => {
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let slug = '';

  beforeAll(async () => {
    ({ baseUrl, browser, close, slug } = await startWithPartnership(
      { name: 'Suffolk SEND Partnership', localAuthority: 'Suffolk County Council', laCode: '935' },
      ADMIN,
    ));
  });
  afterAll(async () => {
    await close?.();
  });

  it.skipIf(!existsSync(SUFFOLK))('uploads a report PDF, checks it and saves it', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, ADMIN, slug);
    await page.goto(`${baseUrl}/p/${slug}/inspections`);
    await page.getByRole('button', { name: 'Import an outcome letter or report' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Import an outcome letter or report');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select the letter or report to upload');
    await expectAccessible(page);

    await page.getByLabel('Letter or report', { exact: true }).setInputFiles(SUFFOLK);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 30_000 })
      .toBe('Check the inspection before you save it');
    await expect(page.locator('.govuk-caption-l').textContent()).resolves.toContain('suffolk.pdf');
    // Suffolk is this partnership's area: no warning.
    await expect(page.locator('.govuk-warning-text').count()).resolves.toBe(0);
    await expect(
      page.getByLabel('Area SEND inspection (Ofsted and CQC, from 2023)').isChecked(),
    ).resolves.toBe(true);
    await expect(page.getByLabel('Widespread and/or systemic failings').isChecked()).resolves.toBe(
      true,
    );
    await expect(page.locator('#findings').textContent()).resolves.toBe('Findings (22)');
    await expectAccessible(page);

    // The report has no publication date in it: saving asks for one.
    await page.getByRole('button', { name: 'Save inspection' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the date the letter or report was published');
    await expectAccessible(page);
    await page.locator('#publishedOn-day').fill('10');
    await page.locator('#publishedOn-month').fill('1');
    await page.locator('#publishedOn-year').fill('2024');
    await page
      .getByRole('textbox', { name: 'Text of finding 1', exact: true })
      .fill('In some areas, the LAP has worked successfully (checked on import).');
    await page.getByLabel('Remove finding 22').check();
    await page.getByRole('button', { name: 'Save inspection' }).click();

    await page.waitForURL(new RegExp(`/p/${slug}/inspections/[0-9a-f-]{36}$`));
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Inspection imported with 21 findings.');
    const body = await page.locator('main').textContent();
    expect(body).toContain('Areas for priority action (2)');
    expect(body).toContain('Areas for improvement (2)');
    expect(body).toContain('(checked on import)');
    await expectAccessible(page);
    await page.context().close();
  });

  it('works without JavaScript: paste a letter, add a finding, save', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    await signIn(page, baseUrl, ADMIN, slug);
    await page.goto(`${baseUrl}/p/${slug}/inspections/import`);
    await page.getByLabel('Text of the letter or report').fill(readFileSync(MEDWAY, 'utf8'));
    await page.getByRole('button', { name: 'Check the pasted text' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Check the inspection before you save it');
    await expect(page.locator('.govuk-warning-text').textContent()).resolves.toContain(
      'The letter names Medway, not Suffolk County Council',
    );
    await expectAccessibleWithoutJs(browser, page);

    await page.locator('#new-type').selectOption('significant_weakness');
    await page.locator('#new-text').fill('A weakness the import missed.');
    await page.getByRole('button', { name: 'Update the findings' }).click();
    await expect.poll(() => page.locator('#findings').textContent()).toBe('Findings (63)');
    await expect(page.locator('#finding-63-text').inputValue()).resolves.toBe(
      'A weakness the import missed.',
    );
    await page.getByRole('button', { name: 'Save inspection' }).click();
    await page.waitForURL(new RegExp(`/p/${slug}/inspections/[0-9a-f-]{36}$`));
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Inspection imported with 63 findings.',
    );
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Areas of significant weakness (9)',
    );
    await expectAccessibleWithoutJs(browser, page);
    await page.context().close();
  });
});
