import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import { appWithAdmin, saveSchoolCensus, SEEDER } from '../../../test/helpers/saved-uploads.js';
import {
  PASSWORD,
  type seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { recordEnglandFigures } from './census-service.js';

describe.each(databaseKinds)('England’s figures for a school census on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let base = '';
  let censusId = '';

  /** Four schools of 100 pupils, 5 with an EHC plan and 20 on SEN support: 5%, 20% and 25%. */
  const saveCensus = (tenant: Tenant, label: string, censusDate: string) =>
    saveSchoolCensus(t.db, tenant, { label, censusDate, schools: 4 });

  const stored = async (id: string) =>
    (
      await t.db.query<{ sen_support: number | null; ehc_plan: number | null }>(
        `SELECT england_sen_support::float8 AS sen_support, england_ehc_plan::float8 AS ehc_plan
         FROM censuses WHERE id = $1`,
        [id],
      )
    )[0];

  const englandEntries = (id: string) =>
    t.db.query<{ actor_name: string; partnership_id: string; before: unknown; after: unknown }>(
      `SELECT actor_name, partnership_id, before, after FROM audit_log
       WHERE entity_type = 'census' AND entity_id = $1 AND action = 'record England figures'
       ORDER BY at`,
      [id],
    );

  beforeAll(async () => {
    ({ t, seed, admin } = await appWithAdmin(kind));
    base = `/p/${seed.a.slug}/performance/census`;
    censusId = await saveCensus(seed.tenantA, 'Spring 2025', '2025-01-16');
  });
  afterAll(async () => t?.close());

  it('lets an admin record England’s figures, which the rates page then compares with', async () => {
    const before = decode((await admin.get(`${base}/${censusId}`)).body);
    expect(before).toContain('England’s figures have not been recorded for this census.');
    expect(before).not.toContain('Compared with England');
    expect(before).toContain(`href="${base}/${censusId}/england"`);

    const form = await admin.get(`${base}/${censusId}/england`);
    expect(form.statusCode).toBe(200);
    expect(decode(form.body)).toContain('England’s figures for Spring 2025');

    const saved = await admin.post(`${base}/${censusId}/england`, {
      senSupport: '13.6',
      ehcPlan: '5.3%',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${base}/${censusId}`);
    expect(await stored(censusId)).toEqual({ sen_support: 13.6, ehc_plan: 5.3 });

    // Any SEN (E and K) out of all pupils: England 5.3% + 13.6%; the partnership 25.0%.
    const page = decode((await admin.get(saved.headers.location!)).body);
    expect(page).toContain('England’s figures for ‘Spring 2025’ saved.');
    expect(page).toContain('Compared with England (18.9%)');
    expect(page).toContain('England: <strong>18.9%</strong> (recorded for this census)');
    expect(page).toContain('+6.1 points from England');
    expect(page).toContain('SEN support 13.6%, EHC plan 5.3%');

    const support = decode((await admin.get(`${base}/${censusId}?provision=K`)).body);
    expect(support).toContain('Compared with England (13.6%)');
    const plans = decode((await admin.get(`${base}/${censusId}?provision=E`)).body);
    expect(plans).toContain('Compared with England (5.3%)');
    // The recorded figures do not fit a single need or a share of pupils with SEN.
    const single = decode((await admin.get(`${base}/${censusId}?need=MLD`)).body);
    expect(single).not.toContain('Compared with England');
    const ofSen = decode((await admin.get(`${base}/${censusId}?denominator=sen`)).body);
    expect(ofSen).not.toContain('Compared with England');
    // A typed rate still wins, and a mistyped one compares with nothing.
    const typed = decode((await admin.get(`${base}/${censusId}?england=20`)).body);
    expect(typed).toContain('Compared with England (20.0%)');
    expect(typed).not.toContain('(recorded for this census)');
    const mistyped = await admin.get(`${base}/${censusId}?england=lots`);
    expect(mistyped.statusCode).toBe(400);
    expect(decode(mistyped.body)).not.toContain('Compared with England');

    const entries = await englandEntries(censusId);
    expect(entries).toEqual([
      {
        actor_name: 'Alex Admin',
        partnership_id: seed.a.id,
        before: { label: 'Spring 2025', england_sen_support: null, england_ehc_plan: null },
        after: { label: 'Spring 2025', england_sen_support: 13.6, england_ehc_plan: 5.3 },
      },
    ]);

    // The form shows what is recorded; clearing one figure leaves the other; saving the same
    // figures again writes nothing.
    expect((await admin.get(`${base}/${censusId}/england`)).body).toMatch(
      /name="senSupport" type="text"[^>]*value="13.6"/,
    );
    await admin.post(`${base}/${censusId}/england`, { senSupport: '13.6', ehcPlan: '' });
    expect(await stored(censusId)).toEqual({ sen_support: 13.6, ehc_plan: null });
    const noPlans = decode((await admin.get(`${base}/${censusId}`)).body);
    expect(noPlans).not.toContain('Compared with England');
    expect(noPlans).toContain('SEN support 13.6%, EHC plan not recorded');
    await admin.post(`${base}/${censusId}/england`, { senSupport: '13.6', ehcPlan: '' });
    expect(await englandEntries(censusId)).toHaveLength(2);
  });

  it('keeps the figures when the census is replaced by one of the same date', async () => {
    const id = await saveCensus(seed.tenantA, 'Autumn 2024', '2024-10-03');
    await recordEnglandFigures(t.db, SEEDER, seed.tenantA, id, { senSupport: 13, ehcPlan: 4.8 });
    const replacement = await saveCensus(seed.tenantA, 'Autumn 2024 (corrected)', '2024-10-03');
    expect(replacement).not.toBe(id);
    expect(await stored(replacement)).toEqual({ sen_support: 13, ehc_plan: 4.8 });
  });

  it('re-renders the form with the values typed when they are not percentages', async () => {
    const response = await admin.post(`${base}/${censusId}/england`, {
      senSupport: '101',
      ehcPlan: 'five',
    });
    expect(response.statusCode).toBe(400);
    const text = decode(response.body);
    expect(text).toContain('govuk-error-summary');
    expect(text).toContain('SEN support must be a percentage from 0 to 100');
    expect(text).toContain('EHC plans must be a percentage from 0 to 100');
    expect(text).toContain('href="#senSupport"');
    expect(response.body).toMatch(/name="senSupport" type="text"[^>]*value="101"/);
    expect(response.body).toMatch(/name="ehcPlan" type="text"[^>]*value="five"/);
    expect(await stored(censusId)).toEqual({ sen_support: 13.6, ehc_plan: null });

    const tooPrecise = await admin.post(`${base}/${censusId}/england`, {
      senSupport: '13.655',
      ehcPlan: '-1',
    });
    expect(tooPrecise.statusCode).toBe(400);
    expect(await stored(censusId)).toEqual({ sen_support: 13.6, ehc_plan: null });
  });

  it('lets only admins record the figures, with CSRF', async () => {
    const entries = (await englandEntries(censusId)).length;
    for (const role of ['lead', 'viewer']) {
      const member = new Agent(t.app);
      await member.signIn(`${role}@northshire.example`, PASSWORD);
      const page = decode((await member.get(`${base}/${censusId}`)).body);
      expect(page).not.toContain(`href="${base}/${censusId}/england"`);
      expect((await member.get(`${base}/${censusId}/england`)).statusCode, role).toBe(403);
      const refused = await member.post(`${base}/${censusId}/england`, { senSupport: '50' });
      expect(refused.statusCode, role).toBe(403);
    }
    await admin.get(`${base}/${censusId}/england`);
    const forged = await admin.post(
      `${base}/${censusId}/england`,
      { senSupport: '50' },
      { csrf: 'forged' },
    );
    expect(forged.statusCode).toBe(403);
    expect(await stored(censusId)).toEqual({ sen_support: 13.6, ehc_plan: null });
    expect(await englandEntries(censusId)).toHaveLength(entries);
  });

  it('answers 404 for another partnership’s census', async () => {
    const entries = (await englandEntries(censusId)).length;
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    expect((await other.get(`${base}/${censusId}/england`)).statusCode).toBe(404);
    expect((await other.post(`${base}/${censusId}/england`, { senSupport: '50' })).statusCode).toBe(
      404,
    );
    const ownBase = `/p/${seed.b.slug}/performance/census`;
    await other.get(ownBase);
    expect((await other.get(`${ownBase}/${censusId}/england`)).statusCode).toBe(404);
    const post = await other.post(`${ownBase}/${censusId}/england`, { senSupport: '50' });
    expect(post.statusCode).toBe(404);
    expect(decode(post.body)).not.toContain('Spring 2025');
    expect(
      await recordEnglandFigures(t.db, SEEDER, seed.tenantB, censusId, {
        senSupport: 50,
        ehcPlan: null,
      }),
    ).toEqual({ status: 'gone' });
    expect(await stored(censusId)).toEqual({ sen_support: 13.6, ehc_plan: null });
    expect(await englandEntries(censusId)).toHaveLength(entries);
  });
});
