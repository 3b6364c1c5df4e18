import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  newPage,
  signIn,
  startBrowserHarness,
} from './browser.js';
import { seedTwoPartnerships, type TestApp } from '../helpers/test-app.js';

describe.skipIf(!chromiumAvailable())('inspection to plan to progress in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let admin: Page;
  let slug = '';

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await startBrowserHarness());
    const seed = await seedTwoPartnerships(t.db);
    slug = seed.a.slug;
    admin = await newPage(browser);
    await signIn(admin, baseUrl, 'alex@northshire.example', slug);
  });
  afterAll(async () => close?.());

  async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  it('records an inspection with its findings', async () => {
    await admin.getByRole('link', { name: 'Inspections' }).click();
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Record an inspection' }).click();
    await expectAccessible(admin);
    await admin.getByLabel('Local area SEND inspection (Ofsted and CQC, 2016 to 2022)').check();
    await admin.getByLabel('Inspection (2016 framework)').check();
    await fillDate(admin, 'First day on site', '24', '11', '2025');
    await fillDate(admin, 'Last day on site', '28', '11', '2025');
    await fillDate(admin, 'Date the letter or report was published', '19', '12', '2025');
    await admin
      .getByRole('group', { name: 'Written statement of action required? (2016 framework)' })
      .getByLabel('Yes')
      .check();
    await admin.getByRole('button', { name: 'Save inspection' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('Inspection recorded');
    await expectAccessible(admin);
    for (const text of [
      'Leaders do not have an accurate understanding of the area’s effectiveness',
      'Waiting times for autism assessment are too long',
    ]) {
      await admin.getByLabel('Area of significant weakness').check();
      await admin.getByLabel('Finding', { exact: true }).fill(text);
      await admin.getByRole('button', { name: 'Add finding' }).click();
      await expect.poll(() => admin.locator('main').textContent()).toContain(text);
    }
    await expectAccessible(admin);
  });

  it('builds a plan, sees the coverage warning, and submits once every weakness has an action', async () => {
    await admin.getByRole('link', { name: 'Plans' }).click();
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Create a plan' }).click();
    await admin.getByLabel('Written statement of action (WSoA)').check();
    await admin.getByLabel('Inspection it answers').selectOption({ index: 1 });
    await admin.getByLabel('Title').fill('Northshire written statement of action');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Create plan' }).click();
    await expect
      .poll(() => admin.locator('.govuk-warning-text').textContent())
      .toContain('2 findings have no action yet');
    await expectAccessible(admin);

    await admin.getByRole('button', { name: 'Add a priority' }).click();
    await admin.getByLabel('Priority', { exact: true }).fill('Leadership and governance');
    await admin.getByLabel('Leaders do not have an accurate understanding').check();
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Save priority' }).click();
    await admin.getByRole('link', { name: 'Add an action to priority 1' }).click();
    await admin
      .getByLabel('What will be done')
      .fill('Agree a shared self-evaluation with health and the forum');
    await admin.getByLabel('Strategic').check();
    await admin.getByLabel('Lead', { exact: true }).selectOption({ label: 'lead person' });
    await fillDate(admin, 'Due date (optional)', '31', '3', '2099');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Save action' }).click();
    await expect
      .poll(() => admin.locator('h1').textContent())
      .toContain('1.1 Agree a shared self-evaluation');
    await expectAccessible(admin);

    await admin.getByRole('link', { name: 'Back' }).click();
    await expect
      .poll(() => admin.locator('.govuk-warning-text').textContent())
      .toContain('1 finding has no action yet');
    await admin.getByLabel('Submitted').check();
    await admin.getByRole('button', { name: 'Save status' }).click();
    await expect
      .poll(() => admin.locator('.govuk-error-summary').textContent())
      .toContain('Waiting times for autism assessment are too long');
    await expectAccessible(admin);

    await admin.getByRole('button', { name: 'Add a priority' }).click();
    await admin.getByLabel('Priority', { exact: true }).fill('Health waiting times');
    await admin.getByLabel('Waiting times for autism assessment').check();
    await admin.getByRole('button', { name: 'Save priority' }).click();
    await admin.getByRole('link', { name: 'Add an action to priority 2' }).click();
    await admin
      .getByLabel('What will be done')
      .fill('Commission additional autism assessment capacity');
    await admin.getByLabel('Commissioning').check();
    await admin.getByRole('button', { name: 'Save action' }).click();
    await admin.getByRole('link', { name: 'Back' }).click();
    await admin.getByLabel('Submitted').check();
    await admin.getByRole('button', { name: 'Save status' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('Version 1 has been saved');
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'Version 1' }).click();
    await expectAccessible(admin);
  });

  it('opens a round; a lead records an update; the roll-up turns red', async () => {
    await admin.getByRole('link', { name: 'Update rounds' }).click();
    await fillDate(admin, 'Updates due by', '31', '12', '2099');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Open round' }).click();
    await expect.poll(() => admin.locator('main').textContent()).toContain('Not yet updated (2)');
    await expectAccessible(admin);

    const lead = await newPage(browser);
    await signIn(lead, baseUrl, 'lead@northshire.example', slug);
    await lead.getByRole('link', { name: 'My actions' }).click();
    await expectAccessible(lead);
    await lead.getByRole('link', { name: /1\.1 Agree a shared self-evaluation/ }).click();
    await lead.getByLabel('Off track').check();
    await lead.getByLabel('Red').check();
    await lead
      .getByLabel('What has happened since the last update')
      .fill('The forum has not yet been able to meet; escalated to the board.');
    await lead.getByRole('button', { name: 'Save update' }).click();
    await expect
      .poll(() => lead.locator('.govuk-notification-banner').textContent())
      .toContain('Update recorded');
    await expectAccessible(lead);
    await lead.context().close();

    await admin.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => admin.locator('#findings-progress').textContent()).toContain('Red');
    // The statement was submitted, so its deadline is met: it moves under "Dates already met".
    // The round is named after this month in London, as the form suggests.
    const thisMonth = new Intl.DateTimeFormat('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/London',
    }).format(new Date());
    await expect.poll(() => admin.locator('#dates').textContent()).toContain(`${thisMonth} update`);
    await admin.getByText('Dates already met (1)').click();
    await expect
      .poll(() => admin.locator('main').textContent())
      .toMatch(/Written statement of action due, 1 April 2026[\s\S]*Submitted/);
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'Settings' }).click();
    await expectAccessible(admin);
  });

  it('adds a lettered sub-action and changes the plan’s details', async () => {
    await admin.getByRole('link', { name: 'Plans' }).click();
    await admin.getByRole('link', { name: 'Northshire written statement of action' }).click();
    await admin.getByRole('link', { name: 'Agree a shared self-evaluation' }).click();
    await admin.getByRole('link', { name: 'Add a sub-action to 1.1' }).click();
    await expectAccessible(admin);
    await admin
      .getByLabel('What will be done')
      .fill('Agree key performance indicators with the forum');
    await admin.getByLabel('Operational').check();
    await admin.getByRole('button', { name: 'Save action' }).click();
    await expect
      .poll(() => admin.locator('h1').textContent())
      .toContain('1.1 a Agree key performance indicators');
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'Back' }).click();
    await expect
      .poll(() => admin.locator('main').textContent())
      .toMatch(/1\.1\s*Agree a shared self-evaluation[\s\S]*1\.1 a\s*Agree key performance/);

    // Submitted, so the inspection is shown rather than offered; the title can change.
    await admin.getByRole('link', { name: 'Change plan details' }).click();
    await expect
      .poll(() => admin.locator('main').textContent())
      .toContain('only while the plan is a draft');
    await expectAccessible(admin);
    await admin.getByLabel('Title').fill('Northshire written statement of action 2026');
    await admin.getByRole('button', { name: 'Save plan details' }).click();
    await expect
      .poll(() => admin.locator('h1').textContent())
      .toContain('Northshire written statement of action 2026');
    await expectAccessible(admin);

    // Reordering has its own page (the integration tests move actions). Here 1.1 is alone and
    // so is its sub-action: nothing can move, so the plan page does not offer it and the page
    // itself has no Up or Down buttons.
    await expect
      .poll(() =>
        admin.getByRole('link', { name: 'Change the order of priority 1’s actions' }).count(),
      )
      .toBe(0);
    const priorityId = await admin.locator('h3[id^="priority-"]').first().getAttribute('id');
    await admin.goto(
      `${admin.url().split('#')[0]}/priorities/${priorityId!.slice('priority-'.length)}/order`,
    );
    await expect
      .poll(() => admin.locator('tbody').textContent())
      .toMatch(/1\.1\s*Agree a shared self-evaluation[\s\S]*1\.1 a\s*Agree key performance/);
    expect(await admin.getByRole('button', { name: /^(Up|Down) action/ }).count()).toBe(0);
    await expectAccessible(admin);
  });

  it('asks before deleting, and explains what cannot be deleted', async () => {
    await admin.getByRole('link', { name: 'Plans' }).click();
    await admin.getByRole('link', { name: 'Northshire written statement of action 2026' }).click();
    await admin
      .getByRole('link', { name: 'Agree key performance indicators with the forum' })
      .click();
    await admin.getByRole('link', { name: 'Delete action 1.1 a' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toContain('Delete action 1.1 a?');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Delete action 1.1 a' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('Action 1.1 a ‘Agree key performance indicators with the forum’ deleted.');
    await expectAccessible(admin);

    // The plan answers the inspection, so it stays: the page says why and offers no button.
    await admin.getByRole('link', { name: 'Inspections' }).click();
    await admin.locator('main table a.govuk-link').first().click();
    await admin.getByRole('link', { name: 'Delete inspection' }).click();
    await expect
      .poll(() => admin.locator('main').textContent())
      .toContain('A plan is linked to this inspection. It cannot be deleted.');
    expect(await admin.getByRole('button', { name: 'Delete inspection' }).count()).toBe(0);
    await expectAccessible(admin);
  });
});
