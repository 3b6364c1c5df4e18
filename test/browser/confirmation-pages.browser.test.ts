import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  expectAccessibleWithoutJs,
  newPage,
  signIn,
  startWithPartnership,
  visited,
} from './browser.js';
import { PASSWORD, type TestApp } from '../helpers/test-app.js';
import { systemTenant } from '../../src/platform/tenancy/tenancy.js';
import { addFinding, createInspection } from '../../src/inspections/index.js';
import { addAction, addPriority, createPlan } from '../../src/plans/index.js';
import { openRound } from '../../src/progress/index.js';
import { addPerson } from '../../src/people/index.js';
import { createOrganisation } from '../../src/organisations/index.js';
import { todayInLondon } from '../../src/platform/web/today.js';

/** The pages that ask before deleting or closing, and the small change pages, each under axe. */
describe.skipIf(!chromiumAvailable())('confirmation and change pages in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let admin: Page;
  let slug = '';
  let inspectionPath = '';
  let planPath = '';
  let actionDeletePath = '';
  let ids: {
    linkedFinding: string;
    looseFinding: string;
    priority: string;
    strayPlan: string;
    round: string;
    dana: string;
  };

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

    const { userId: dana } = await addPerson(t.db, actor, tenant, {
      name: 'Dana Lead',
      email: 'dana@northshire.example',
      role: 'lead',
      password: PASSWORD,
    });
    await createOrganisation(t.db, actor, tenant, { name: 'Northshire ICB', kind: 'icb' });
    const inspection = await createInspection(t.db, actor, tenant, {
      framework: '2016',
      kind: 'initial',
      onSiteStart: null,
      onSiteEnd: null,
      publishedOn: '2025-12-19',
      team: '',
      outcome: null,
      wsoaRequired: true,
      outcomeText: '',
    });
    inspectionPath = `/p/${slug}/inspections/${inspection.id}`;
    const finding = (text: string) =>
      addFinding(t.db, actor, tenant, inspection.id, {
        type: 'significant_weakness',
        question: null,
        text,
        sufficientProgress: null,
      });
    const linkedFinding = (await finding('Waiting times for autism assessment are too long'))!;
    const looseFinding = (await finding('A finding recorded by mistake'))!;
    const plan = await createPlan(t.db, actor, tenant, {
      kind: 'post_inspection',
      inspectionId: inspection.id,
      title: 'Improvement plan',
      ownerUserId: null,
    });
    planPath = `/p/${slug}/plans/${plan.id}`;
    const priority = (await addPriority(t.db, actor, tenant, plan.id, {
      title: 'Timely assessments',
      description: '',
      findingIds: [linkedFinding.id],
    }))!;
    const action = (title: string) =>
      addAction(t.db, actor, tenant, plan.id, {
        priorityId: priority.id,
        title,
        description: '',
        category: 'operational',
        leadUserId: null,
        leadOrganisationId: null,
        partnerIds: [],
        startDate: null,
        dueDate: null,
      });
    await action('Reduce autism assessment waits');
    await action('An action added twice');
    const strayPlan = await createPlan(t.db, actor, tenant, {
      kind: 'strategic',
      inspectionId: null,
      title: 'Plan started by mistake',
      ownerUserId: null,
    });
    const round = await openRound(t.db, actor, tenant, {
      title: 'March 2099 update',
      openedOn: todayInLondon(),
      dueOn: '2099-03-31',
    });
    ids = {
      linkedFinding: linkedFinding.id,
      looseFinding: looseFinding.id,
      priority: priority.id,
      strayPlan: strayPlan.id,
      round: round.id,
      dana,
    };

    admin = await newPage(browser);
    await signIn(admin, baseUrl, 'alex@northshire.example', slug);
  });
  afterAll(async () => close?.());

  const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();

  it('asks before deleting an action, a plan and a finding, and explains what cannot go', async () => {
    await admin.goto(`${baseUrl}${planPath}`);
    await admin.getByRole('link', { name: 'An action added twice' }).click();
    await admin.getByRole('link', { name: 'Delete action 1.2' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Delete action 1.2?');
    await expectAccessible(admin);
    actionDeletePath = new URL(admin.url()).pathname;
    await admin.getByRole('button', { name: 'Delete action 1.2' }).click();
    await expect.poll(() => banner(admin)).toContain('Action 1.2 ‘An action added twice’ deleted.');

    // A priority with actions: the page says why and offers no button.
    await admin.goto(`${baseUrl}${planPath}/priorities/${ids.priority}/delete`);
    await expect.poll(() => admin.locator('h1').textContent()).toBe('You cannot delete priority 1');
    await expect
      .poll(() => admin.locator('#cannot-delete').textContent())
      .toContain('This priority has actions.');
    expect(await admin.getByRole('button', { name: 'Delete priority 1' }).count()).toBe(0);
    await expectAccessible(admin);

    await admin.goto(`${baseUrl}/p/${slug}/plans/${ids.strayPlan}`);
    await admin.getByRole('link', { name: 'Delete plan' }).click();
    await expect
      .poll(() => admin.locator('h1').textContent())
      .toBe('Delete the plan ‘Plan started by mistake’?');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Delete plan' }).click();
    await expect.poll(() => banner(admin)).toContain('Plan ‘Plan started by mistake’ deleted.');

    // A finding the plan's priority answers stays; the one recorded by mistake goes.
    await admin.goto(`${baseUrl}${inspectionPath}/findings/${ids.linkedFinding}/delete`);
    await expect
      .poll(() => admin.locator('#cannot-delete').textContent())
      .toContain('This finding is linked to a plan’s priority.');
    expect(await admin.getByRole('button', { name: 'Delete finding' }).count()).toBe(0);
    await expectAccessible(admin);
    await admin.goto(`${baseUrl}${inspectionPath}/findings/${ids.looseFinding}/delete`);
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Delete this finding?');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Delete finding' }).click();
    await expect.poll(() => banner(admin)).toContain('deleted.');
    expect(await admin.locator('main').textContent()).not.toContain(
      'A finding recorded by mistake',
    );
  });

  it('corrects an update without JavaScript, and the timeline says so', async () => {
    await admin.goto(`${baseUrl}${planPath}`);
    await admin.getByRole('link', { name: 'Reduce autism assessment waits' }).click();
    await admin.getByLabel('Off track').check();
    await admin.getByLabel('Red').check();
    await admin
      .getByLabel('What has happened since the last update')
      .fill('Waiting list down to 14 weaks');
    await admin.getByRole('button', { name: 'Save update' }).click();
    await expect.poll(() => banner(admin)).toContain('Update recorded');
    await admin.getByRole('link', { name: /^Correct this update/ }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Correct this update');
    await expectAccessible(admin);

    const page = await newPage(browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(10_000);
    await signIn(page, baseUrl, 'alex@northshire.example', slug);
    await page.goto(admin.url());
    await expect
      .poll(() => page.getByLabel('What has happened since the last update').inputValue())
      .toBe('Waiting list down to 14 weaks');
    await expectAccessibleWithoutJs(browser, page);
    await page
      .getByLabel('What has happened since the last update')
      .fill('Waiting list down to 14 weeks');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => banner(page)).toContain('Update corrected.');
    const timeline = page.locator('.app-timeline');
    await expect.poll(() => timeline.textContent()).toContain('Corrected on');
    await expect.poll(() => timeline.textContent()).toContain('Waiting list down to 14 weeks');
    expect(await timeline.textContent()).not.toContain('14 weaks');
    await expectAccessibleWithoutJs(browser, page);
    await page.context().close();
  });

  it('changes a round’s due date, then asks before closing it', async () => {
    await admin.goto(`${baseUrl}/p/${slug}/rounds/${ids.round}`);
    await admin.getByRole('button', { name: 'Change due date' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Change the due date');
    await expectAccessible(admin);
    const due = admin.getByRole('group', { name: 'Updates due by' });
    await due.getByLabel('Day').fill('30');
    await due.getByLabel('Month').fill('4');
    await admin.getByRole('button', { name: 'Save due date' }).click();
    await expect.poll(() => banner(admin)).toContain('Due date changed.');

    await admin.getByRole('button', { name: 'Close round' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Close March 2099 update?');
    await expect.poll(() => admin.locator('main').textContent()).toContain('30 April 2099');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Close round' }).click();
    await expect.poll(() => banner(admin)).toContain('Round closed.');
  });

  it('changes names and an email address, deletes an organisation, and the audit log shows it', async () => {
    await admin.goto(`${baseUrl}/p/${slug}/people`);
    await admin.getByRole('link', { name: 'Dana Lead' }).click();
    await admin.getByRole('link', { name: 'Change name', exact: true }).click();
    await expect
      .poll(() => new URL(admin.url()).pathname)
      .toBe(`/p/${slug}/people/${ids.dana}/details`);
    await expectAccessible(admin);
    await admin.getByLabel('Full name').fill('Dana Leader');
    await admin.getByLabel('Email address').fill('dana.leader@northshire.example');
    await admin.getByRole('button', { name: 'Save name and email address' }).click();
    await expect
      .poll(() => banner(admin))
      .toContain('Name and email address saved: Dana Leader, dana.leader@northshire.example.');

    await admin.goto(`${baseUrl}/account`);
    await admin.getByRole('link', { name: 'Change name', exact: true }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Change your name');
    await expectAccessible(admin);
    await admin.getByLabel('Full name').fill('Alex Administrator');
    await admin.getByRole('button', { name: 'Save your name' }).click();
    await expect.poll(() => banner(admin)).toContain('Your name is now Alex Administrator.');

    await admin.goto(`${baseUrl}/p/${slug}/organisations`);
    await admin.getByRole('link', { name: 'Northshire ICB' }).click();
    await admin.getByRole('button', { name: 'Delete organisation' }).click();
    await expect.poll(() => admin.locator('h1').textContent()).toBe('Delete Northshire ICB?');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Delete organisation' }).click();
    await expect.poll(() => banner(admin)).toContain('Northshire ICB has been deleted.');

    await admin.goto(`${baseUrl}/p/${slug}/audit`);
    const log = admin.locator('table');
    for (const recorded of [
      'action: delete',
      'plan: delete',
      'finding: delete',
      'action update: update',
      'update round: update',
      'update round: close',
      'person: update',
      'organisation: delete',
    ])
      await expect.poll(() => log.textContent()).toContain(recorded);
    await expectAccessible(admin);
  });

  it('ran axe on every page it set out to', () => {
    expect([...visited]).toEqual(
      expect.arrayContaining([
        actionDeletePath,
        `${planPath}/priorities/${ids.priority}/delete`,
        `/p/${slug}/plans/${ids.strayPlan}/delete`,
        `${inspectionPath}/findings/${ids.looseFinding}/delete`,
        `/p/${slug}/rounds/${ids.round}/due-date`,
        `/p/${slug}/rounds/${ids.round}/close`,
        `/p/${slug}/people/${ids.dana}/details`,
        '/account/name',
        `/p/${slug}/audit`,
      ]),
    );
  });
});
