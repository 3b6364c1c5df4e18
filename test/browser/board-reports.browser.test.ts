import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  expectNoSidewaysScroll,
  newPage,
  signIn,
  startBrowserHarness,
} from './browser.js';
import { PASSWORD, type TestApp } from '../helpers/test-app.js';
import { createDemo } from '../../src/demo/index.js';
import { createBoard, createMeeting } from '../../src/governance/index.js';
import { systemTenant } from '../../src/platform/tenancy/tenancy.js';
import { todayInLondon } from '../../src/platform/web/today.js';
import { createRisk } from '../../src/risks/index.js';

const inDays = (days: number) => {
  const d = new Date(`${todayInLondon()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Board reports (issue #13) in a real browser, without JavaScript, on the Northshire demo: the
 * improvement lead writes one from a board meeting's page, is told every problem at once, reads
 * it as a page with its numbered sections, RAG table and charts, downloads it as Word, prints it,
 * writes it again with today's figures, and finds it on the list and the meeting's agenda. axe on
 * every page; no sideways scroll at 320px.
 */
describe.skipIf(!chromiumAvailable())('board reports in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
  let slug = '';
  let email = '';
  let meetingPath = '';
  let planTitle = '';
  let firstReport = '';
  let secondReport = '';
  const title = 'SEND improvement: progress report to the board';
  const purpose = 'To update the board on the written statement of action.';

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await startBrowserHarness());
    const demo = await createDemo(t.db, { password: PASSWORD });
    const northshire = demo.partnerships[0]!;
    slug = northshire.slug;
    const admin = northshire.people.find((p) => p.role === 'admin')!;
    email = admin.email;
    const [user] = await t.db.query<{ id: string; name: string }>(
      'SELECT id, name FROM users WHERE lower(email) = lower($1)',
      [email],
    );
    const [plan] = await t.db.query<{ title: string }>('SELECT title FROM plans WHERE id = $1', [
      northshire.planPath.split('/').pop(),
    ]);
    planTitle = plan!.title;
    const context = {
      db: t.db,
      tenant: systemTenant({ id: northshire.id, slug, name: northshire.name }),
      actor: { userId: user!.id, name: user!.name },
    };
    const board = await createBoard(context, {
      kind: 'send_board',
      name: 'Northshire SEND Improvement Board',
    });
    if (board.kind !== 'ok') throw new Error(board.kind);
    const meeting = await createMeeting(context, board.value.id, {
      meetsOn: inDays(21),
      status: 'planned',
    });
    if (meeting.kind !== 'ok') throw new Error(meeting.kind);
    meetingPath = `/p/${slug}/meetings/${meeting.value.id}`;
    const risk = await createRisk(context, {
      title: 'EHC coordinator vacancies delay new plans',
      ownerUserId: user!.id,
      inherentLikelihood: 5,
      inherentImpact: 5,
      currentLikelihood: 4,
      currentImpact: 5,
    });
    if (risk.kind !== 'ok') throw new Error(JSON.stringify(risk));

    page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(5000);
    await signInAs(page);
  }, 180_000);
  afterAll(async () => close?.());

  const signInAs = (p: Page) => signIn(p, baseUrl, email, slug);
  const check = () => expectAccessibleWithoutJs(browser, page);
  const h2s = () => page.locator('article h2').allTextContents();

  it('refuses a report with no plan and a period that runs backwards, saying both at once', async () => {
    await page.goto(`${baseUrl}${meetingPath}`);
    await check();
    await page.getByRole('link', { name: 'Write a board report for this meeting' }).click();
    expect(await page.locator('h1').textContent()).toContain('Write a board report');
    await check();

    await page.getByLabel('Title', { exact: true }).fill(title);
    const from = page.getByRole('group', { name: 'Start of the period' });
    await from.getByLabel('Day').fill('30');
    await from.getByLabel('Month').fill('11');
    await from.getByLabel('Year').fill('2025');
    const to = page.getByRole('group', { name: 'End of the period' });
    await to.getByLabel('Day').fill('1');
    await to.getByLabel('Month').fill('11');
    await to.getByLabel('Year').fill('2025');
    await page.getByLabel('Purpose of the report (optional)').fill(purpose);
    await page.getByRole('button', { name: 'Write the report' }).click();

    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('h2').textContent()).toContain('There is a problem');
    const links = summary.locator('a');
    expect((await links.allTextContents()).map((s) => s.trim())).toEqual([
      'Select at least one plan the report is about',
      'The end of the period must be the same as or after its start',
    ]);
    // Each link leads to a field on the page that can take focus.
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(href).toMatch(/^#/);
      const target = page.locator(href!);
      expect(await target.count(), href!).toBe(1);
      expect(await target.evaluate((el) => el.tagName), href!).toBe('INPUT');
    }
    await links.nth(1).click();
    expect(new URL(page.url()).hash).toMatch(/^#periodTo/);
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toMatch(
      /^periodTo/,
    );
    await links.nth(0).click();
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('planIds');
    // The messages also sit beside their fields.
    expect(await page.locator('.govuk-error-message').allTextContents()).toEqual([
      expect.stringContaining('Select at least one plan the report is about'),
      expect.stringContaining('The end of the period must be the same as or after its start'),
    ]);
    // What was typed is kept.
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(title);
    expect(await page.getByLabel('Purpose of the report (optional)').inputValue()).toBe(purpose);
    expect(await to.getByLabel('Day').inputValue()).toBe('1');
    await check();
  });

  it('writes the report as a page with numbered sections, a RAG table and charts', async () => {
    await page.getByLabel(planTitle).check();
    const to = page.getByRole('group', { name: 'End of the period' });
    await to.getByLabel('Day').fill('30');
    await page.getByRole('button', { name: 'Write the report' }).click();
    // Writing it reads the whole plan and draws its charts: more than a click's few seconds.
    // (The form posts to its own address, so the fragment an error link left rides along.)
    await page.waitForURL((url) => /^\/p\/[^/]+\/reports\/[0-9a-f-]{36}$/.test(url.pathname), {
      timeout: 30_000,
    });
    firstReport = new URL(page.url()).pathname;
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      `Report written: ${title}.`,
    );
    expect(await page.locator('article h1').textContent()).toBe(title);
    const headings = await h2s();
    expect(headings[0]).toBe('1. Purpose of the report');
    headings.forEach((h, i) => expect(h).toMatch(new RegExp(`^${i + 1}\\. `)));
    expect(headings.some((h) => /^\d+\. Executive summary$/.test(h))).toBe(true);
    expect(await page.locator('article').textContent()).toContain(purpose);

    const rag = page.locator('article table', {
      has: page.locator('caption', { hasText: `Progress by priority: ${planTitle}` }),
    });
    expect(await rag.locator('thead th').allTextContents()).toContain('RAG');
    // Its wrapper scrolls on a narrow screen: a named region the keyboard can reach.
    const region = page.getByRole('region', {
      name: new RegExp(`^Table \\d+: Progress by priority: ${planTitle}$`),
    });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await rag.locator('tbody tr').count()).toBeGreaterThan(0);
    for (const word of await rag.locator('tbody tr td:nth-child(2)').allTextContents())
      expect(word).toMatch(/^(Red|Amber|Green|No update)$/);

    const charts = page.locator('article figure.app-document__chart');
    expect(await charts.count()).toBeGreaterThan(0);
    expect(await charts.first().locator('figcaption').textContent()).toMatch(/^Chart: /);
    expect(await charts.first().locator('svg[role="img"]').count()).toBe(1);
    await check();
  });

  it('downloads the report as a Word document', async () => {
    const link = page.getByRole('link', { name: /^Download as a Word document/ });
    const href = await link.getAttribute('href');
    expect(href).toBe(`${firstReport}/report.docx`);
    // The context's request shares the page's cookies: the download as the signed-in admin.
    const response = await page.request.get(new URL(href!, baseUrl).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers()['content-disposition']).toMatch(
      /^attachment; filename="send-improvement-progress-report-to-the-board-\d{4}-\d{2}-\d{2}\.docx"$/,
    );
    const body = await response.body();
    expect(body.subarray(0, 2).toString()).toBe('PK');
    expect(body.includes(Buffer.from('word/media/'))).toBe(true);
  });

  it('prints only the report', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of [
        '.govuk-template__header',
        '.govuk-service-navigation',
        '.govuk-footer',
        '.app-no-print',
        '.govuk-back-link',
      ]) {
        const found = page.locator(hidden);
        for (let i = 0; i < (await found.count()); i++)
          expect(await found.nth(i).isVisible(), `${hidden} in print`).toBe(false);
      }
      expect(await page.locator('.govuk-service-navigation').count()).toBe(1);
      expect(
        await page.getByRole('link', { name: /^Download as a Word document/ }).isVisible(),
      ).toBe(false);
      expect(await page.locator('article.app-document').isVisible()).toBe(true);
      expect(await page.locator('article h1').isVisible()).toBe(true);
      expect(await page.locator('article figure.app-document__chart').first().isVisible()).toBe(
        true,
      );
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('writes it again with today’s figures, saying what changed since', async () => {
    await page.getByRole('button', { name: 'Write it again with today’s figures' }).click();
    await page.waitForURL(
      (url) => /\/reports\/[0-9a-f-]{36}$/.test(url.pathname) && url.pathname !== firstReport,
      { timeout: 30_000 },
    );
    secondReport = new URL(page.url()).pathname;
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Report written again with today’s figures',
    );
    expect(await page.locator('article').textContent()).toMatch(
      new RegExp(`Since the last report \\(“${title}”`),
    );
    expect(await page.locator('main').textContent()).toContain(
      'It is compared with an earlier report',
    );
    await check();

    await page.getByRole('link', { name: 'an earlier report' }).click();
    expect(new URL(page.url()).pathname).toBe(firstReport);
    expect(await page.locator('.govuk-inset-text').textContent()).toContain(
      'This report has been written again since: read the newer report.',
    );
    await check();
    await page.getByRole('link', { name: 'read the newer report' }).click();
    expect(new URL(page.url()).pathname).toBe(secondReport);
  });

  it('lists the reports and puts the first on the meeting’s agenda', async () => {
    await page.goto(`${baseUrl}/p/${slug}/reports`);
    expect(await page.locator('h1').textContent()).toContain('Board reports');
    expect(await page.locator('table caption').textContent()).toContain('2 reports');
    const hrefs = await page
      .locator('table a', { hasText: title })
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual([firstReport, secondReport].sort());
    await check();

    await page.goto(`${baseUrl}${meetingPath}`);
    const read = page.getByRole('link', { name: /^Read the report/ });
    expect(await read.textContent()).toBe(`Read the report: ${title}`);
    expect(await read.getAttribute('href')).toBe(firstReport);
    await page.getByRole('link', { name: 'Reports written for this meeting' }).click();
    expect(await page.locator('h1').textContent()).toContain(
      'Reports for Northshire SEND Improvement Board',
    );
    expect(await page.locator('table tbody tr').count()).toBe(2);
    await check();
    await page.goto(`${baseUrl}${meetingPath}`);
    await read.click();
    expect(new URL(page.url()).pathname).toBe(firstReport);
  });

  it('fits a 320px screen: the form and the report, accessible at that width', async () => {
    // JavaScript on, as the other 320px checks, so axe runs on the page at its narrow width.
    const narrow = await newPage(browser);
    narrow.setDefaultTimeout(5000);
    await narrow.setViewportSize({ width: 320, height: 640 });
    await signInAs(narrow);
    await narrow.goto(`${baseUrl}${meetingPath}`);
    await narrow.getByRole('link', { name: 'Write a board report for this meeting' }).click();
    await expectNoSidewaysScroll(narrow);
    await expectAccessible(narrow);
    await narrow.getByRole('button', { name: 'Write the report' }).click();
    expect(await narrow.locator('.govuk-error-summary').count()).toBe(1);
    await expectNoSidewaysScroll(narrow);
    await expectAccessible(narrow);
    for (const report of [firstReport, secondReport]) {
      await narrow.goto(`${baseUrl}${report}`);
      await expectNoSidewaysScroll(narrow);
      await expectAccessible(narrow);
    }
    await narrow.context().close();
  });
});
