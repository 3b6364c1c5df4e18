import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  expectNoSidewaysScroll,
  newPage,
  signIn,
  startWithPartnership,
} from './browser.js';
import { PASSWORD, type TestApp } from '../helpers/test-app.js';
import { seedFullLists } from '../helpers/full-lists.js';
import { systemTenant } from '../../src/platform/tenancy/tenancy.js';
import { addPerson } from '../../src/people/index.js';
import { createOrganisation } from '../../src/organisations/index.js';
import { addAction } from '../../src/plans/index.js';
import { todayInLondon } from '../../src/platform/web/today.js';

const inDays = (days: number) => {
  const d = new Date(`${todayInLondon()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/**
 * The Overview's "See all" pages, the plan page's action filters and the revised dates an admin
 * approves, in a real browser without JavaScript, each page under axe.
 */
describe.skipIf(!chromiumAvailable())(
  'full lists, filters and revised dates in a real browser',
  () => {
    let t: TestApp;
    let baseUrl = '';
    let browser: Browser;
    let close: () => Promise<void>;
    let slug = '';
    let admin: Page;
    let planPath = '';
    let leadActionPath = '';
    const counts = { overdue: 27, dueSoon: 1, risks: 6, meetings: 6, followUps: 16 };
    // Every action of the plan: the lists' own and the one Lee Lead leads.
    const planActions = counts.overdue + counts.dueSoon + 1;

    beforeAll(async () => {
      const started = await startWithPartnership(
        {
          name: 'Northshire SEND Partnership',
          localAuthority: 'Northshire County Council',
          laCode: '901',
        },
        'alex@northshire.example',
      );
      ({ t, baseUrl, browser, close, slug } = started);
      const tenant = systemTenant({
        id: started.partnershipId,
        slug,
        name: 'Northshire SEND Partnership',
      });
      const [alex] = await t.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
        'alex@northshire.example',
      ]);
      const actor = { userId: alex!.id, name: 'Alex Admin' };
      const icb = await createOrganisation(t.db, actor, tenant, {
        name: 'Northshire ICB',
        kind: 'icb',
      });
      const { userId: leeId } = await addPerson(t.db, actor, tenant, {
        name: 'Lee Lead',
        email: 'lee@northshire.example',
        role: 'lead',
        password: PASSWORD,
      });
      const { planId } = await seedFullLists(t.db, tenant, actor, 'North', counts, {
        organisationId: icb.id,
      });
      const [priority] = await t.db.query<{ id: string }>(
        'SELECT id FROM priorities WHERE plan_id = $1',
        [planId],
      );
      const leeAction = await addAction(t.db, actor, tenant, planId, {
        priorityId: priority!.id,
        title: 'Publish the local offer review',
        description: '',
        category: 'strategic',
        leadUserId: leeId,
        leadOrganisationId: null,
        partnerIds: [],
        startDate: null,
        dueDate: inDays(60),
      });
      planPath = `/p/${slug}/plans/${planId}`;
      leadActionPath = `${planPath}/actions/${leeAction!.id}`;
      admin = await newPage(browser, { javaScriptEnabled: false });
      admin.setDefaultTimeout(5000);
      await signIn(admin, baseUrl, 'alex@northshire.example', slug);
    }, 180_000);
    afterAll(async () => close?.());

    const check = () => expectAccessibleWithoutJs(browser, admin);
    const home = () => admin.goto(`${baseUrl}/p/${slug}`);

    it('opens every capped list on the Overview in full, a page at a time', async () => {
      await home();
      await check();
      await admin.getByRole('link', { name: `See all ${counts.overdue} overdue actions` }).click();
      expect(await admin.locator('h1').textContent()).toBe('Overdue actions');
      expect(await admin.locator('#full-list tbody tr').count()).toBe(25);
      await check();
      await admin.getByRole('link', { name: /Next/ }).click();
      expect(await admin.title()).toContain('Overdue actions (page 2 of 2)');
      expect(await admin.locator('#full-list tbody tr').count()).toBe(counts.overdue - 25);
      expect(await admin.locator('#full-list').textContent()).toContain('North overdue action 01');
      await check();

      await home();
      await admin
        .getByRole('link', {
          name: `See all ${planActions} actions with no update yet in their round`,
        })
        .click();
      expect(await admin.locator('h1').textContent()).toBe('No update yet in their round');
      expect(await admin.locator('#full-list').textContent()).toContain('North update round');
      await check();

      await home();
      await admin.getByRole('link', { name: `See all ${counts.risks} open risks` }).click();
      expect(await admin.locator('main h2').allTextContents()).toContain(`${counts.risks} risks`);
      await check();

      await home();
      await admin
        .getByRole('link', { name: `See all ${counts.meetings} planned meetings` })
        .click();
      expect(await admin.locator('h1').textContent()).toBe('Next board meetings');
      expect(await admin.locator('#meetings tbody tr').count()).toBe(counts.meetings);
      await check();

      await home();
      await admin
        .getByRole('link', { name: `See all ${counts.followUps} follow-up actions not done yet` })
        .click();
      expect(await admin.locator('#follow-ups tbody tr').count()).toBe(counts.followUps);
      expect(await admin.locator('#follow-ups').textContent()).toContain('Overdue');
      await check();
    });

    it('shows the full lists at 320 pixels wide without scrolling sideways', async () => {
      const narrow = await newPage(browser);
      await narrow.setViewportSize({ width: 320, height: 800 });
      await signIn(narrow, baseUrl, 'alex@northshire.example', slug);
      for (const path of ['overview/overdue-actions', 'follow-ups', 'meetings']) {
        await narrow.goto(`${baseUrl}/p/${slug}/${path}`);
        await expectNoSidewaysScroll(narrow);
        await expectAccessible(narrow);
      }
      await narrow.context().close();
    });

    it('filters a plan’s actions by lead, organisation, RAG, status and overdue', async () => {
      await admin.goto(`${baseUrl}${planPath}`);
      await check();
      await admin.getByLabel('Lead', { exact: true }).selectOption({ label: 'Lee Lead' });
      await admin.getByRole('button', { name: 'Apply filters' }).click();
      expect(await admin.locator('#filter-count').textContent()).toContain(
        `Showing 1 of ${planActions} actions`,
      );
      expect(await admin.locator('main').textContent()).toContain('Publish the local offer review');
      // The choice is kept in the form.
      expect(
        await admin.getByLabel('Lead', { exact: true }).locator('option:checked').textContent(),
      ).toBe('Lee Lead');
      await check();

      await admin.getByRole('link', { name: 'Clear filters' }).click();
      await admin.getByLabel('Organisation').selectOption({ label: 'Northshire ICB' });
      await admin.getByLabel('RAG', { exact: true }).selectOption({ label: 'Not rated yet' });
      await admin.getByLabel('Status', { exact: true }).selectOption({ label: 'Not started' });
      await admin.getByRole('checkbox', { name: 'Overdue' }).check();
      await admin.getByRole('button', { name: 'Apply filters' }).click();
      expect(admin.url()).toContain('overdue=yes');
      expect(await admin.locator('#filter-count').textContent()).toContain(
        `Showing ${counts.overdue} of ${planActions} actions`,
      );
      expect(await admin.locator('main').textContent()).not.toContain(
        'Publish the local offer review',
      );
      expect(await admin.getByRole('checkbox', { name: 'Overdue' }).isChecked()).toBe(true);
      await check();

      // A lead no action of these has: none listed, and the page says so.
      await admin.getByLabel('Lead', { exact: true }).selectOption({ label: 'Lee Lead' });
      await admin.getByRole('button', { name: 'Apply filters' }).click();
      expect(await admin.locator('#filter-count').textContent()).toContain(
        `Showing 0 of ${planActions} actions`,
      );
      await check();
    });

    it('a lead proposes a revised date (the reason first missing), and an admin approves it', async () => {
      await admin.goto(`${baseUrl}/p/${slug}/settings`);
      await admin.getByLabel('Yes, revised due dates need an admin’s approval').check();
      await admin.getByRole('button', { name: 'Save settings' }).click();
      expect(await admin.locator('main').textContent()).toContain('Settings saved');

      const lead = await newPage(browser, { javaScriptEnabled: false });
      lead.setDefaultTimeout(5000);
      await signIn(lead, baseUrl, 'lee@northshire.example', slug);
      await lead.goto(`${baseUrl}${leadActionPath}`);
      await expectAccessibleWithoutJs(browser, lead);
      const proposed = inDays(90);
      const [year, month, day] = proposed.split('-');
      await lead.getByRole('radio', { name: 'At risk' }).check();
      await lead.getByRole('radio', { name: 'Amber' }).check();
      await lead
        .getByLabel('What has happened since the last update')
        .fill('Consultation ran late');
      await lead.locator('#proposedDueDate-day').fill(String(+day!));
      await lead.locator('#proposedDueDate-month').fill(String(+month!));
      await lead.locator('#proposedDueDate-year').fill(year!);
      await lead.getByRole('button', { name: 'Save update' }).click();
      expect(await lead.locator('.govuk-error-summary').textContent()).toContain(
        'Enter the reason the due date changes',
      );
      // Everything typed is kept.
      expect(await lead.getByLabel('What has happened since the last update').inputValue()).toBe(
        'Consultation ran late',
      );
      expect(await lead.locator('#proposedDueDate-day').inputValue()).toBe(String(+day!));
      expect(await lead.locator('#proposedDueDate-year').inputValue()).toBe(year);
      expect(await lead.getByRole('radio', { name: 'At risk' }).isChecked()).toBe(true);
      await expectAccessibleWithoutJs(browser, lead);
      await lead.locator('#proposedDueDateReason').fill('The consultation was extended by a month');
      await lead.getByRole('button', { name: 'Save update' }).click();
      expect(await lead.locator('main').textContent()).toContain('Update recorded.');
      expect(await lead.locator('main').textContent()).toContain('waiting for an admin’s approval');
      await expectAccessibleWithoutJs(browser, lead);
      await lead.context().close();

      await admin.goto(`${baseUrl}/p/${slug}/plans/revised-dates`);
      const table = admin.locator('main table');
      expect(await table.textContent()).toContain('Publish the local offer review');
      expect(await table.textContent()).toContain('The consultation was extended by a month');
      expect(await table.textContent()).toContain(longDate(proposed));
      await check();
      await admin.getByRole('button', { name: /^Approve/ }).click();
      expect(await admin.locator('main').textContent()).toContain('New due date approved.');
      expect(await admin.locator('main').textContent()).toContain(
        'No revised dates are waiting for approval.',
      );
      await check();
      await admin.goto(`${baseUrl}${leadActionPath}`);
      expect(await admin.locator('main').textContent()).toContain(longDate(proposed));
      await check();
    });
  },
);
