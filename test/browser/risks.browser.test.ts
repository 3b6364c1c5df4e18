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

/** The risk register's pages in a real browser, each under axe: the heat map is a plain table. */
describe.skipIf(!chromiumAvailable())('the risk register in a real browser', () => {
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
  afterAll(async () => close?.());

  it('adds a risk through the form (errors first), reviews it, and every page passes axe', async () => {
    const risks = `${baseUrl}/p/${slug}/risks`;
    await admin.goto(risks);
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'Add a risk' }).click();
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Save risk' }).click();
    expect(await admin.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the risk’s title',
    );
    await expectAccessible(admin);

    await admin.getByLabel('Title').fill('Not enough educational psychologists');
    await admin.locator('#inherentLikelihood').selectOption('5');
    await admin.locator('#inherentImpact').selectOption('4');
    await admin.locator('#currentLikelihood').selectOption('4');
    await admin.locator('#currentImpact').selectOption('4');
    await admin.getByRole('button', { name: 'Save risk' }).click();
    await admin.waitForURL(/\/risks\/[0-9a-f-]{36}$/);
    expect(await admin.locator('h1').textContent()).toContain(
      'Not enough educational psychologists',
    );
    await expectAccessible(admin);

    await admin.locator('#reviewedOn-day').fill('2');
    await admin.locator('#reviewedOn-month').fill('3');
    await admin.locator('#reviewedOn-year').fill('2026');
    await admin.locator('#likelihood').selectOption('3');
    await admin.getByRole('button', { name: 'Record review' }).click();
    await admin.waitForURL(/\/risks\/[0-9a-f-]{36}$/);
    expect(
      await admin.locator('#reviews').locator('xpath=following-sibling::table[1]').textContent(),
    ).toContain('12 (likelihood 3 × impact 4)');

    await admin.goto(risks);
    const heatMap = admin.getByRole('table', {
      name: 'Risks listed by current likelihood and impact',
    });
    // Likelihood 3 is the third row from the top; impact 4 the fourth column.
    const cell = heatMap
      .getByRole('row', { name: /^Likelihood 3 – Possible/ })
      .getByRole('cell')
      .nth(3);
    expect((await cell.textContent())?.replace(/\s+/g, ' ').trim()).toContain('1 Score 12');
    await expectAccessible(admin);
    for (const path of ['overdue', 'settings']) {
      await admin.goto(`${risks}/${path}`);
      await expectAccessible(admin);
    }
    await admin.goto(`${baseUrl}/p/${slug}`);
    await expectAccessible(admin);
    expect(await t.db.query('SELECT 1 FROM risk_reviews')).toHaveLength(1);
  });

  it('escalates a risk to a board (a reason first), and the board page links to it', async () => {
    await admin.goto(`${baseUrl}/p/${slug}/boards/new`);
    await admin.getByLabel('Name').fill('SEND Improvement Board');
    await admin.getByLabel('SEND improvement board').check();
    await admin.getByRole('button', { name: 'Save board' }).click();
    await admin.waitForURL(/\/boards\/[0-9a-f-]{36}$/);

    await admin.goto(`${baseUrl}/p/${slug}/risks`);
    await admin.getByRole('link', { name: 'Not enough educational psychologists' }).click();
    await admin.getByRole('button', { name: 'Change risk' }).click();
    await admin.getByLabel('Board it is escalated to').selectOption({
      label: 'SEND Improvement Board',
    });
    await admin.getByRole('button', { name: 'Save risk' }).click();
    expect(await admin.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the reason for escalation',
    );
    await expectAccessible(admin);
    await admin.getByLabel('Reason for escalation').fill('Outside tolerance for three months');
    await admin.getByRole('button', { name: 'Save risk' }).click();
    await admin.waitForURL(/\/risks\/[0-9a-f-]{36}$/);
    await admin.getByRole('link', { name: 'SEND Improvement Board' }).click();
    await expectAccessible(admin);
    await admin
      .getByRole('link', { name: /1 risk is escalated to SEND Improvement Board/ })
      .click();
    expect(await admin.locator('#risks').textContent()).toContain(
      'Not enough educational psychologists',
    );
    await expectAccessible(admin);
  });
});
