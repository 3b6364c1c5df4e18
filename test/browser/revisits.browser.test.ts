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
import type { TestApp } from '../helpers/test-app.js';
import { systemTenant } from '../../src/platform/tenancy/tenancy.js';
import { addFinding, createInspection, listFindings } from '../../src/inspections/index.js';
import { addAction, addPriority, createPlan } from '../../src/plans/index.js';

/**
 * Issue #11's pages in a real browser, without JavaScript: a revisit that follows an inspection
 * and judges its weaknesses, the accelerated progress plan made from it, and a date set by others
 * counted from an event. axe on each page.
 */
describe.skipIf(!chromiumAvailable())('revisits, APPs and dates in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
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
    const [p] = await t.db.query<{ id: string; slug: string; name: string }>(
      'SELECT id, slug, name FROM partnerships WHERE slug = $1',
      [slug],
    );
    const tenant = systemTenant(p!);
    const [alex] = await t.db.query<{ id: string }>(
      `SELECT id::text FROM users WHERE email = 'alex@northshire.example'`,
    );
    const actor = { userId: alex!.id, name: 'Alex Admin' };
    const inspection = await createInspection(t.db, actor, tenant, {
      framework: '2016',
      kind: 'initial',
      onSiteStart: '2021-06-07',
      onSiteEnd: '2021-06-11',
      publishedOn: '2021-08-02',
      team: '',
      outcome: null,
      wsoaRequired: true,
      outcomeText: '',
    });
    for (const text of [
      'Leaders’ understanding of the local area’s effectiveness',
      'Waiting times for autism assessment',
    ])
      await addFinding(t.db, actor, tenant, inspection.id, {
        type: 'significant_weakness',
        question: null,
        text,
        sufficientProgress: null,
      });
    // The WSoA: one unfinished action on the waiting times, to carry into the APP.
    const wsoa = await createPlan(t.db, actor, tenant, {
      kind: 'wsoa',
      inspectionId: inspection.id,
      title: 'Written statement of action',
      ownerUserId: null,
    });
    const findings = await listFindings(t.db, tenant, inspection.id);
    for (const f of findings) {
      const priority = await addPriority(t.db, actor, tenant, wsoa.id, {
        title: f.text,
        description: '',
        findingIds: [f.id],
      });
      await addAction(t.db, actor, tenant, wsoa.id, {
        priorityId: priority!.id,
        title: `Act on: ${f.text}`,
        description: '',
        category: 'operational',
        leadUserId: null,
        leadOrganisationId: null,
        partnerIds: [],
        startDate: null,
        dueDate: null,
      });
    }
    page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, baseUrl, 'alex@northshire.example', slug);
  });
  afterAll(async () => close?.());

  const heading = () => page.locator('h1').textContent();
  const banner = () => page.locator('.govuk-notification-banner').textContent();

  it('records a revisit that follows the inspection and judges each weakness', async () => {
    await page.goto(`${baseUrl}/p/${slug}/inspections/new`);
    await page.getByLabel('Local area SEND inspection (Ofsted and CQC, 2016 to 2022)').check();
    await page.getByLabel('Revisit (2016 framework)').check();
    await page
      .getByLabel('Inspection it follows (revisits and monitoring inspections)')
      .selectOption({ label: 'Local area SEND inspection, June 2021' });
    await expectAccessibleWithoutJs(browser, page);
    await page.getByRole('button', { name: 'Save inspection' }).click();
    await expect.poll(banner).toContain('Inspection recorded');
    expect(await page.locator('main').textContent()).toContain('This revisit follows');

    for (const [text, judged, words] of [
      [
        'Leaders’ understanding of the local area’s effectiveness',
        'Yes',
        'Leaders now know the area well.',
      ],
      ['Waiting times for autism assessment', 'No', 'Waits remain too long.'],
    ] as const) {
      await page.getByLabel('Area of significant weakness', { exact: true }).check();
      await page.getByLabel('Finding', { exact: true }).fill(text);
      await page.getByLabel('Finding of the earlier inspection this judges').selectOption({
        label: `Area of significant weakness ${text === 'Waiting times for autism assessment' ? 2 : 1}: ${text}`,
      });
      await page
        .getByRole('group', { name: /Sufficient progress made/ })
        .getByLabel(judged, { exact: true })
        .check();
      await page.getByLabel('What the inspectors said about progress (optional)').fill(words);
      await page.getByRole('button', { name: 'Add finding' }).click();
      await expect.poll(banner).toContain('added');
    }
    await expectAccessibleWithoutJs(browser, page);
    expect(await page.locator('main').textContent()).toContain(
      'Judges area of significant weakness',
    );
  });

  it('makes the accelerated progress plan from the revisit', async () => {
    await page.getByRole('link', { name: 'Create an accelerated progress plan' }).click();
    await expect.poll(heading).toBe('Create an accelerated progress plan');
    // The WSoA's unfinished action on the weakness judged insufficient is offered, ticked.
    await expect
      .poll(() => page.getByLabel('2.1 Act on: Waiting times for autism assessment').isChecked())
      .toBe(true);
    await expectAccessibleWithoutJs(browser, page);
    await page.getByLabel('Day').fill('20');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2099');
    await page.getByRole('button', { name: 'Create accelerated progress plan' }).click();
    await expect.poll(banner).toContain('Accelerated progress plan created');
    const main = await page.locator('main').textContent();
    expect(main).toContain('Priority 1: Waiting times for autism assessment');
    expect(main).toContain('Judged not to have made sufficient progress: Waits remain too long.');
    expect(main).toContain('Accelerated progress plan: submitted to the DfE');
    expect(main).toContain('from Written statement of action');
    await expectAccessibleWithoutJs(browser, page);
  });

  it('includes a priority of another plan from the include page', async () => {
    await page.getByRole('button', { name: 'Include from another plan' }).click();
    await expect.poll(heading).toBe('Include from another plan');
    await page
      .getByLabel('Plan to include from')
      .selectOption({ label: 'Written statement of action (Written statement of action (WSoA))' });
    await page.getByRole('button', { name: 'Show its priorities and actions' }).click();
    await page.getByRole('button', { name: 'Include in this plan' }).click();
    // Nothing ticked: the error summary says what to do, on the same page.
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select the priorities or actions to include');
    await expectAccessibleWithoutJs(browser, page);
    await page
      .getByLabel('Priority 1: Leaders’ understanding of the local area’s effectiveness')
      .check();
    await page.getByRole('button', { name: 'Include in this plan' }).click();
    await expect.poll(banner).toContain('1 item included by reference');
    expect(await page.locator('main').textContent()).toContain(
      'Priority 1 of “Written statement of action”',
    );
    await expectAccessibleWithoutJs(browser, page);
  });

  it('previews the plan as a document, ready to print', async () => {
    await page.getByRole('link', { name: /read or print it/ }).click();
    await expect.poll(heading).toBe('Accelerated progress plan');
    const main = await page.locator('main').textContent();
    expect(main).toContain('1. Introduction');
    expect(main).toContain('Priority 1 of Written statement of action');
    // Printed, only the document shows: no navigation, no download link.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: /Download as a Word document/ }).isVisible()).toBe(
      false,
    );
    await page.emulateMedia({ media: 'screen' });
    await expectAccessibleWithoutJs(browser, page);
  });

  it('adds a date counted from an event, and lists it with the others', async () => {
    await page.goto(`${baseUrl}/p/${slug}/dates`);
    await expectAccessibleWithoutJs(browser, page);
    await page.getByRole('button', { name: 'Add a date set by others' }).click();
    await expectAccessibleWithoutJs(browser, page);
    await page.getByLabel('What is due').fill('Revised plan to Ofsted');
    await page.getByLabel('The inspectors (Ofsted and CQC)').check();
    await page
      .getByLabel('Plan it concerns (optional)')
      .selectOption({ label: 'Accelerated progress plan' });
    await page.getByLabel('Counted from something that happens (fill in the rule below)').check();
    await page.getByLabel('Number of days, weeks or months').fill('10');
    await page
      .getByLabel('Days, weeks or months', { exact: true })
      .selectOption({ label: 'working days' });
    await page
      .getByLabel('Counted from', { exact: true })
      .selectOption({ label: 'After more detail was requested on the plan' });
    await page.getByRole('button', { name: 'Save date' }).click();
    await expect.poll(banner).toContain('Date added: Revised plan to Ofsted.');
    expect(await page.locator('main').textContent()).toContain(
      '10 working days after more detail was requested on the plan: not known until that happens.',
    );
    await expectAccessibleWithoutJs(browser, page);
  });

  it('shows the dates page at 320 pixels wide without scrolling sideways', async () => {
    const narrow = await newPage(browser);
    await narrow.setViewportSize({ width: 320, height: 800 });
    await signIn(narrow, baseUrl, 'alex@northshire.example', slug);
    await narrow.goto(`${baseUrl}/p/${slug}/dates/new`);
    const overflow = await narrow.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(narrow);
    await narrow.context().close();
  });
});
