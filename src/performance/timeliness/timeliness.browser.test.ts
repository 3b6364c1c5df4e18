import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectAccessible,
  newPage,
  startBrowserHarness,
} from '../../../test/browser/browser.js';
import { PASSWORD, seedTwoPartnerships, type TestApp } from '../../../test/helpers/test-app.js';
import { tempFiles, type TempFiles } from '../../../test/helpers/import-files.js';

const CASES = [
  'Case reference,Child name,Request date,Issue date,Exception,Primary need',
  'EHC-001,Ann Example,03/01/2024,15/05/2024,N,ASD',
  'EHC-002,Bob Example,2024-01-10,2024-07-01,N,SEMH',
  'EHC-003,Cat Example,10/01/2024,20/05/2024,Y,SLCN',
  'EHC-004,Dan Example,01/02/2024,,N,',
  'EHC-005,Eve Example,01/03/2024,01/04/2025,N,MLD',
].join('\n');

describe.skipIf(!chromiumAvailable())('EHC plan timeliness in a real browser', () => {
  let t: TestApp;
  let baseUrl = '';
  let browser: Browser;
  let close: () => Promise<void>;
  let admin: Page;
  let files: TempFiles;
  let path = '';

  beforeAll(async () => {
    ({ t, baseUrl, browser, close } = await startBrowserHarness());
    const seed = await seedTwoPartnerships(t.db);
    path = `${baseUrl}/p/${seed.a.slug}/performance/ehc-timeliness`;
    files = tempFiles();
    admin = await newPage(browser);
    await admin.goto(`${baseUrl}/sign-in`);
    await admin.getByLabel('Email address').fill('alex@northshire.example');
    await admin.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(new RegExp(`/p/${seed.a.slug}$`));
  });
  afterAll(async () => {
    files?.remove();
    await close?.();
  });

  it('uploads with row errors, then a clean file through the preview to the analysis', async () => {
    await admin.goto(path);
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Upload EHC cases' }).click();
    await expectAccessible(admin);

    await admin.getByLabel('Label for this case set').fill('SEN2 cases 2025');
    await admin
      .getByLabel('File of cases')
      .setInputFiles(
        files.write(
          'bad.csv',
          'Case reference,Request date,Issue date,Exception\nA,2024-05-01,2024-04-01,N\n',
        ),
      );
    await admin.getByRole('button', { name: 'Upload and check' }).click();
    await expect
      .poll(() => admin.locator('main').textContent())
      .toContain('cannot be imported yet');
    await expectAccessible(admin);

    await admin.getByLabel('File of cases').setInputFiles(files.write('cases.csv', CASES));
    await admin.getByRole('button', { name: 'Upload and check' }).click();
    await expect
      .poll(() => admin.locator('h1').textContent())
      .toBe('Check the EHC cases before you save them');
    expect(await admin.locator('main').textContent()).toContain('‘Child name’ (column B)');
    await expectAccessible(admin);

    await admin.getByRole('button', { name: 'Save cases' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('5 cases saved');
    await expect.poll(() => admin.locator('h1').textContent()).toBe('EHC plan timeliness');
    expect(await admin.locator('svg[role="img"]').count()).toBe(2);
    await expectAccessible(admin);

    await admin.getByRole('link', { name: /open cases past 20 weeks/ }).click();
    await expect.poll(() => admin.locator('main').textContent()).toContain('EHC-004');
    await expectAccessible(admin);
  });

  it('records the yearly figures as the indicator’s values, after adding the starter set', async () => {
    await admin.goto(path);
    await admin.getByRole('link', { name: 'add the starter set on the indicators page' }).click();
    await admin.getByRole('button', { name: 'Add the starter set' }).click();
    await expect.poll(() => admin.locator('.govuk-notification-banner').count()).toBeGreaterThan(0);

    await admin.goto(path);
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Use these figures for the indicator' }).click();
    await expect
      .poll(() => admin.locator('h1').textContent())
      .toBe('Use the figures of ‘SEN2 cases 2025’ for the indicator');
    await expectAccessible(admin);

    // 2024: EHC-001 within, EHC-002 late, EHC-003 an exception; 2025: EHC-005 late.
    await admin.getByRole('button', { name: 'Record values for 2024 and 2025' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent())
      .toContain('Values for 2024 and 2025 recorded from the EHC case set ‘SEN2 cases 2025’.');
    expect(await admin.locator('h1').textContent()).toContain(
      'New EHC plans issued within 20 weeks',
    );
    await expectAccessible(admin);
  });
});
