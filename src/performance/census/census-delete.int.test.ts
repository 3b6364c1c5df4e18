import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  appWithAdmin,
  deleteEntries as deletesOf,
  saveSchoolCensus,
  SEEDER,
} from '../../../test/helpers/saved-uploads.js';
import {
  PASSWORD,
  type seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { deleteCensus } from './census-service.js';

describe.each(databaseKinds)('deleting a school census on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let base = '';

  /** Saves a census through the same check, stage and confirm as the upload page. */
  const saveCensus = (tenant: Tenant, label: string, censusDate: string, schools: number) =>
    saveSchoolCensus(t.db, tenant, { label, censusDate, schools });

  const countsOf = async (censusId: string) =>
    (
      await t.db.query<{ censuses: number; schools: number }>(
        `SELECT (SELECT count(*)::int FROM censuses WHERE id = $1) AS censuses,
                (SELECT count(*)::int FROM census_school_counts WHERE census_id = $1) AS schools`,
        [censusId],
      )
    )[0]!;

  const deleteEntries = () => deletesOf(t.db, 'census');

  beforeAll(async () => {
    ({ t, seed, admin } = await appWithAdmin(kind));
    base = `/p/${seed.a.slug}/performance/census`;
  });
  afterAll(async () => t?.close());

  it('asks first, then deletes the census and its counts with an audit entry', async () => {
    const wrong = await saveCensus(seed.tenantA, 'Wrong file', '2025-01-16', 3);
    const kept = await saveCensus(seed.tenantA, 'Autumn 2024', '2024-10-03', 2);

    const list = await admin.get(base);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${base}/${wrong}/delete"`);
    expect(decode(list.body)).toContain(
      'Delete<span class="govuk-visually-hidden"> census Wrong file',
    );

    const confirm = await admin.get(`${base}/${wrong}/delete`);
    expect(confirm.statusCode).toBe(200);
    const text = decode(confirm.body);
    expect(text).toContain('Are you sure you want to delete the census ‘Wrong file’?');
    expect(text).toMatch(/Census date\s*<\/dt>\s*<dd[^>]*>\s*16 January 2025\s*</);
    expect(text).toMatch(/Schools\s*<\/dt>\s*<dd[^>]*>\s*3\s*</);
    expect(text).toMatch(/Pupils\s*<\/dt>\s*<dd[^>]*>\s*300\s*</);
    expect(text).toContain('govuk-warning-text');
    expect(text).toMatch(/govuk-button--warning[^>]*>\s*Delete census\s*</);
    expect(text).toContain(`action="${base}/${wrong}/delete"`);
    expect(text).toContain('name="_csrf"');
    // Asking deletes nothing.
    expect(await countsOf(wrong)).toEqual({ censuses: 1, schools: 3 });

    const deleted = await admin.post(`${base}/${wrong}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(base);

    const after = await admin.get(base);
    const afterText = decode(after.body);
    expect(afterText).toContain('govuk-notification-banner--success');
    expect(afterText).toContain('Census ‘Wrong file’ deleted.');
    expect(afterText).not.toContain(wrong);
    expect(afterText).toContain('Autumn 2024');
    expect((await admin.get(`${base}/${wrong}`)).statusCode).toBe(404);

    expect(await countsOf(wrong)).toEqual({ censuses: 0, schools: 0 });
    expect(await countsOf(kept)).toEqual({ censuses: 1, schools: 2 });
    const entries = await deleteEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity_id: wrong,
      actor_name: 'Alex Admin',
      partnership_id: seed.a.id,
      before: { label: 'Wrong file', censusDate: '2025-01-16', schools: 3, pupils: 300 },
    });
    // The import it came from is still listed under imports.
    const [imports] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM data_imports WHERE partnership_id = $1 AND kind = 'census'`,
      [seed.a.id],
    );
    expect(imports!.n).toBe(2);
  });

  it('answers a second delete with the gone page, deleting nothing more', async () => {
    const id = await saveCensus(seed.tenantA, 'Twice', '2023-01-19', 1);
    expect((await admin.post(`${base}/${id}/delete`)).statusCode).toBe(303);
    const auditBefore = (await deleteEntries()).length;

    const again = await admin.post(`${base}/${id}/delete`);
    expect(again.statusCode).toBe(404);
    expect(decode(again.body)).toContain('This census is not saved');
    expect(decode(again.body)).toContain('It may already have been deleted');
    const page = await admin.get(`${base}/${id}/delete`);
    expect(page.statusCode).toBe(404);
    expect(decode(page.body)).toContain('This census is not saved');
    expect(await deleteEntries()).toHaveLength(auditBefore);
    // An address that cannot name a census is a page not found, never a server error.
    expect((await admin.post(`${base}/not-a-census/delete`)).statusCode).toBe(404);
  });

  it('lets only partnership admins delete', async () => {
    const id = await saveCensus(seed.tenantA, 'Kept by roles', '2022-01-20', 2);
    for (const role of ['lead', 'contributor', 'viewer', 'forum', 'adviser']) {
      const member = new Agent(t.app);
      await member.signIn(`${role}@northshire.example`, PASSWORD);
      const list = await member.get(base);
      expect(list.statusCode, role).toBe(200);
      expect(list.body, role).not.toContain('/delete');
      expect((await member.get(`${base}/${id}/delete`)).statusCode, role).toBe(403);
      expect((await member.post(`${base}/${id}/delete`)).statusCode, role).toBe(403);
    }
    expect(await countsOf(id)).toEqual({ censuses: 1, schools: 2 });
  });

  it('refuses a delete without a valid CSRF token', async () => {
    const id = await saveCensus(seed.tenantA, 'Kept by CSRF', '2021-01-21', 2);
    await admin.get(`${base}/${id}/delete`);
    expect((await admin.post(`${base}/${id}/delete`, {}, { csrf: false })).statusCode).toBe(403);
    expect((await admin.post(`${base}/${id}/delete`, {}, { csrf: 'forged' })).statusCode).toBe(403);
    expect(await countsOf(id)).toEqual({ censuses: 1, schools: 2 });
  });

  it('deletes nothing of another partnership', async () => {
    const id = await saveCensus(seed.tenantA, 'Northshire only', '2020-01-16', 2);
    const before = (await deleteEntries()).length;
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    // Through A's address: not a member, so it is not there.
    expect((await other.get(`${base}/${id}/delete`)).statusCode).toBe(404);
    expect((await other.post(`${base}/${id}/delete`)).statusCode).toBe(404);
    // Through their own partnership's address with A's id: their partnership has no such census.
    const ownBase = `/p/${seed.b.slug}/performance/census`;
    await other.get(ownBase);
    const confirm = await other.get(`${ownBase}/${id}/delete`);
    expect(confirm.statusCode).toBe(404);
    expect(decode(confirm.body)).not.toContain('Northshire only');
    expect((await other.post(`${ownBase}/${id}/delete`)).statusCode).toBe(404);
    // And the service itself, given B's tenant and A's id.
    expect(await deleteCensus(t.db, SEEDER, seed.tenantB, id)).toEqual({ status: 'gone' });

    expect(await countsOf(id)).toEqual({ censuses: 1, schools: 2 });
    expect(await deleteEntries()).toHaveLength(before);
  });
});
