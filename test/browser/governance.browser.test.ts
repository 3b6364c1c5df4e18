import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessibleWithoutJs,
  newPage,
  signIn,
  startWithPartnership,
} from './browser.js';

/** Boards and meetings in a real browser, without JavaScript, each page under axe. */
describe.skipIf(!chromiumAvailable())('boards and meetings in a real browser', () => {
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let slug = '';
  let page: Page;

  beforeAll(async () => {
    ({ baseUrl, browser, close, slug } = await startWithPartnership(
      {
        name: 'Northshire SEND Partnership',
        localAuthority: 'Northshire County Council',
        laCode: '901',
      },
      'alex@northshire.example',
    ));
    page = await newPage(browser, { javaScriptEnabled: false });
    // A step that cannot find what it looks for fails in seconds, naming it.
    page.setDefaultTimeout(5000);
    await signIn(page, baseUrl, 'alex@northshire.example', slug);
  }, 120_000);
  afterAll(async () => close?.());

  const check = () => expectAccessibleWithoutJs(browser, page);

  it('records a board, a member, a meeting and what it decided, every page accessible', async () => {
    await page.getByRole('link', { name: 'Boards' }).first().click();
    await check();
    await page.getByRole('button', { name: 'Add a board' }).click();
    // The error summary, with what was typed kept.
    await page.getByLabel('Terms of reference (optional)').fill('Oversees the WSoA');
    await page.getByRole('button', { name: 'Save board' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the board’s name',
    );
    expect(await page.getByLabel('Terms of reference (optional)').inputValue()).toBe(
      'Oversees the WSoA',
    );
    await check();
    await page.getByLabel('Name').fill('SEND Improvement Board');
    await page.getByLabel('SEND improvement board').check();
    await page.getByRole('button', { name: 'Save board' }).click();
    expect(await page.locator('h1').textContent()).toContain('SEND Improvement Board');
    await check();

    await page.getByRole('button', { name: 'Add a member' }).click();
    await check();
    await page.getByLabel('Name of someone not in Sendboard').fill('Cllr Jane Smith');
    await page.getByLabel('Role or organisation (optional)').fill('Lead member');
    await page.getByLabel('Chairs the board').check();
    await page.getByRole('button', { name: 'Save member' }).click();
    expect(await page.locator('main').textContent()).toContain('Cllr Jane Smith');

    await page.getByRole('button', { name: 'Add a meeting' }).click();
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2099');
    await page.getByLabel('Time (optional)').fill('2pm');
    await page.getByRole('button', { name: 'Save meeting' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('for example 14:00');
    await check();
    await page.getByLabel('Time (optional)').fill('14:00');
    await page.getByRole('button', { name: 'Save meeting' }).click();
    expect(await page.locator('h1').textContent()).toContain('Meeting on 12 March 2099');

    await page.getByRole('button', { name: 'Add an agenda item' }).click();
    await check();
    await page.getByLabel('Agenda item').fill('WSoA progress report');
    await page.getByRole('button', { name: 'Save agenda item' }).click();
    await page.getByRole('button', { name: 'Record a decision' }).click();
    await page.locator('#text').fill('Agreed the revised timescale');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByRole('button', { name: 'Add a follow-up action' }).click();
    await check();
    await page.locator('#text').fill('Bring timeliness figures');
    await page
      .getByLabel('Owner (optional)')
      .selectOption({ label: 'Cllr Jane Smith (Lead member)' });
    await page.getByRole('button', { name: 'Save follow-up action' }).click();
    const main = page.locator('main');
    expect(await main.textContent()).toContain('WSoA progress report');
    expect(await main.textContent()).toContain('Agreed the revised timescale');
    expect(await main.textContent()).toContain('Bring timeliness figures');
    await check();

    // Deleting a meeting that records decisions is refused, in words.
    await page.getByRole('button', { name: 'Delete meeting' }).click();
    expect(await page.locator('main').textContent()).toContain(
      'records 1 decision and 1 follow-up action',
    );
    await check();
    await page.goto(`${baseUrl}/p/${slug}`);
    expect(await page.locator('#next-meetings').textContent()).toContain('SEND Improvement Board');
    await check();
  }, 180_000);
});
