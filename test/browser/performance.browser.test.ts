import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  newPage,
  signIn,
  startBrowserHarness,
} from './browser.js';
import { seedTwoPartnerships, type TestApp } from '../helpers/test-app.js';

describe.skipIf(!chromiumAvailable())('the performance dashboard in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let admin: Page;
  let slug = '';
  let partnershipId = '';

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await startBrowserHarness());
    const seed = await seedTwoPartnerships(t.db);
    slug = seed.a.slug;
    partnershipId = seed.a.id;
    admin = await newPage(browser);
    await signIn(admin, baseUrl, 'alex@northshire.example', slug);
  });
  afterAll(async () => close?.());

  it('starts empty, explains what to do, and adds the starter set', async () => {
    await admin.getByRole('link', { name: 'Performance' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Performance');
    await expect.poll(() => admin.locator('main').textContent()).toContain('No indicators yet');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Add the starter set' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('starter indicators added');
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Indicators');
    await expectAccessible(admin);
  });

  it('shows each indicator’s standing, filters by RAG, and opens an indicator with its chart', async () => {
    const id = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM indicators WHERE partnership_id = $1 AND code = 'ehcp-issued-within-20-weeks'`,
        [partnershipId],
      )
    )[0]!.id;
    for (const [key, value] of [
      ['2021', 62],
      ['2022', 55],
      ['2023', 50.3],
      ['2024', 46.4],
    ] as const) {
      await t.db.query(
        `INSERT INTO indicator_values (partnership_id, indicator_id, period_key, period_start, period_end, value)
         VALUES ($1, $2, $3, ($3 || '-01-01')::date, ($3 || '-12-31')::date, $4)`,
        [partnershipId, id, key, value],
      );
    }
    // Values written straight to the database leave no audit entry, so the cached page is stale:
    // an import always audits. Touch the partnership's data version as an import would.
    await t.db.query(
      `UPDATE partnerships SET data_version = nextval('partnership_data_version_seq') WHERE id = $1`,
      [partnershipId],
    );
    await admin.goto(`${baseUrl}/p/${slug}/performance`);
    await expect.poll(() => admin.locator('table').first().textContent()).toContain('46.4%');
    await expect.poll(() => admin.locator('main').textContent()).toContain('Worsening');
    await expect
      .poll(() => admin.locator('main').textContent())
      .toContain('Rated by its thresholds');
    await expectAccessible(admin);

    await admin.getByRole('checkbox', { name: /Amber/ }).check();
    await admin.getByRole('button', { name: 'Apply filter' }).click();
    await expect.poll(() => admin.url()).toContain('rag=amber');
    await expect.poll(() => admin.locator('caption').first().textContent()).toMatch(/^1 of \d+/);
    await expectAccessible(admin);

    await admin.getByRole('link', { name: /New EHC plans issued within 20 weeks/ }).click();
    await expect
      .poll(() => admin.locator('main').textContent())
      .toContain('46.4% in 2024, down 3.9 points from 50.3% in 2023 (worse).');
    await expect
      .poll(() => admin.locator('main').textContent())
      .toContain('Code: ehcp-issued-within-20-weeks');
    await expect
      .poll(() => admin.getByRole('heading', { level: 1 }).textContent())
      .toBe('New EHC plans issued within 20 weeks, excluding exceptions');
    await expect.poll(() => admin.locator('main').textContent()).toContain('Which way is better');
    await expect.poll(() => admin.locator('svg[role="img"]').count()).toBe(1);
    await expectAccessible(admin);

    await admin.getByRole('button', { name: 'Add target' }).click();
    await expect
      .poll(() => admin.locator('.govuk-error-summary').textContent())
      .toContain('Enter the target');
    await expectAccessible(admin);
    await admin.getByLabel('Target', { exact: true }).fill('60');
    const date = admin.getByRole('group', { name: 'Target date' });
    await date.getByLabel('Day').fill('31');
    await date.getByLabel('Month').fill('3');
    await date.getByLabel('Year').fill('2099');
    await admin.getByRole('button', { name: 'Add target' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('Target added');
    await expect
      .poll(() => admin.locator('main').textContent())
      .toContain('Target 60% by March 2099');
    await expectAccessible(admin);
  });

  it('adds an indicator through the form, with errors shown first', async () => {
    await admin.goto(`${baseUrl}/p/${slug}/performance/indicators/new`);
    await expectAccessible(admin);
    await admin
      .getByLabel('Name', { exact: true })
      .fill('Annual reviews completed within 12 months');
    await admin.getByLabel('Percentage', { exact: true }).check();
    await admin.getByLabel('Lower is better', { exact: true }).check();
    await admin.getByLabel('Monthly', { exact: true }).check();
    await admin.getByLabel('Green from').fill('90');
    await admin.getByRole('button', { name: 'Save indicator' }).click();
    await expect
      .poll(() => admin.locator('.govuk-error-summary').textContent())
      .toContain('Remove green from');
    await expectAccessible(admin);
    await admin.getByLabel('Higher is better', { exact: true }).check();
    await admin.getByRole('button', { name: 'Save indicator' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('Indicator added');
    await expect.poll(() => admin.locator('main').textContent()).toContain('No values yet');
    await expectAccessible(admin);
  });

  it('takes a band for an indicator where neither is better, without JavaScript', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, baseUrl, 'alex@northshire.example', slug);
    await page.goto(`${baseUrl}/p/${slug}/performance/indicators/new`);
    await page.getByLabel('Name', { exact: true }).fill('Pupils with SEN support');
    await page.getByLabel('Percentage', { exact: true }).check();
    await page.getByLabel('Neither higher nor lower is better', { exact: true }).check();
    await page.getByLabel('Annual (calendar year)', { exact: true }).check();
    // Every bound is on the page whatever the polarity: nothing needs revealing.
    await page.getByLabel('Green from').fill('11');
    await page.getByLabel('Amber from').fill('9');
    await page.getByLabel('Amber up to').fill('16');
    await page.getByRole('button', { name: 'Save indicator' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the highest value that is green');
    expect(await page.getByLabel('Amber up to').inputValue()).toBe('16');
    await expectAccessibleWithoutJs(browser, page);
    await page.getByLabel('Green up to').fill('14');
    await page.getByRole('button', { name: 'Save indicator' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Indicator added');
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Green from 11% to 14%, amber from 9% to 16%, otherwise red');
    await page.context().close();
  });

  it('works without JavaScript: the RAG filter is a plain form', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, baseUrl, 'viewer@northshire.example', slug);
    await page.goto(`${baseUrl}/p/${slug}/performance`);
    await page.getByRole('checkbox', { name: /Not rated/ }).check();
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await expect.poll(() => page.url()).toContain('rag=none');
    await expect.poll(() => page.locator('main').textContent()).not.toContain('New EHC plans');
    await expectAccessibleWithoutJs(browser, page);
    await page.context().close();
  });

  it('shows a saved import on its own page and undoes it after asking', async () => {
    const [saved] = await t.db.query<{ id: string }>(
      `INSERT INTO data_imports (partnership_id, kind, file_name, rows_read, summary)
       VALUES ($1, 'indicator_values', 'sen2-2025.csv', 1, '{"rows": 1}') RETURNING id`,
      [partnershipId],
    );
    await t.db.query(
      `INSERT INTO indicator_values (partnership_id, indicator_id, period_key, period_start, period_end, value, import_id)
       SELECT $1, id, '2025', '2025-01-01', '2025-12-31', 48, $2 FROM indicators
       WHERE partnership_id = $1 AND code = 'ehcp-issued-within-20-weeks'`,
      [partnershipId, saved!.id],
    );
    await admin.goto(`${baseUrl}/p/${slug}/performance/imports`);
    await admin.getByRole('link', { name: 'sen2-2025.csv' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Import of sen2-2025.csv');
    await expect.poll(() => admin.locator('main').textContent()).toContain('Still held');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Undo this import' }).click();
    await expect
      .poll(() => admin.locator('h1').textContent())
      .toBe('Are you sure you want to undo the import of sen2-2025.csv?');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Undo import' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('Import of sen2-2025.csv undone: 1 value removed.');
    await expect.poll(() => admin.locator('main').textContent()).toContain('Undone on');
    await expectAccessible(admin);
  });
});
