import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  appWithAdmin,
  deleteEntries as deletesOf,
  saveCases,
  SEEDER,
} from '../../../test/helpers/saved-uploads.js';
import {
  PASSWORD,
  type seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { deleteCaseSet } from './timeliness-service.js';

const TODAY = '2025-06-30';

/** `cases` requests made in 2024, every other one with a plan issued. */
function casesCsv(prefix: string, cases: number): string {
  const rows = Array.from({ length: cases }, (_, i) => {
    const day = String(i + 1).padStart(2, '0');
    return `${prefix}-${day},${day}/01/2024,${i % 2 === 0 ? `${day}/05/2024` : ''},N`;
  });
  return ['Case ref,Request date,Plan issued,Exception', ...rows].join('\r\n') + '\r\n';
}

describe.each(databaseKinds)('deleting an EHC case set on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let base = '';

  /** Saves a case set through the same check and save as the upload page. */
  const saveSet = (tenant: Tenant, label: string, prefix: string, cases: number) =>
    saveCases(t.db, tenant, {
      label,
      fileName: `${prefix}.csv`,
      csv: casesCsv(prefix, cases),
      today: TODAY,
    });

  const countsOf = async (setId: string) =>
    (
      await t.db.query<{ sets: number; cases: number }>(
        `SELECT (SELECT count(*)::int FROM ehc_case_sets WHERE id = $1) AS sets,
                (SELECT count(*)::int FROM ehc_cases WHERE case_set_id = $1) AS cases`,
        [setId],
      )
    )[0]!;

  const deleteEntries = () => deletesOf(t.db, 'ehc_case_set');

  beforeAll(async () => {
    ({ t, seed, admin } = await appWithAdmin(kind));
    base = `/p/${seed.a.slug}/performance/ehc-timeliness`;
  });
  afterAll(async () => t?.close());

  it('asks first, then deletes the case set and its cases with an audit entry', async () => {
    const kept = await saveSet(seed.tenantA, 'SEN2 2024', 'OLD', 2);
    const wrong = await saveSet(seed.tenantA, 'Wrong export', 'BAD', 3);

    // The page (reused until the partnership's data changes) lists both, with a way to delete.
    const page = await admin.get(base);
    expect(page.statusCode).toBe(200);
    const pageText = decode(page.body);
    expect(pageText).toContain('<h2 class="govuk-heading-m">Wrong export</h2>');
    expect(pageText).toContain(`href="${base}/case-sets/${wrong}/delete">Delete this case set`);
    expect(pageText).toContain(`href="${base}/case-sets/${kept}/delete">Delete`);

    const confirm = await admin.get(`${base}/case-sets/${wrong}/delete`);
    expect(confirm.statusCode).toBe(200);
    const text = decode(confirm.body);
    expect(text).toContain('Are you sure you want to delete the case set ‘Wrong export’?');
    expect(text).toMatch(/Requests\s*<\/dt>\s*<dd[^>]*>\s*3\s*</);
    expect(text).toContain('from BAD.csv');
    expect(text).toContain('removes its 3 requests for good');
    expect(text).toMatch(/govuk-button--warning[^>]*>\s*Delete case set\s*</);
    expect(text).toContain(`action="${base}/case-sets/${wrong}/delete"`);
    expect(text).toContain('name="_csrf"');
    expect(await countsOf(wrong)).toEqual({ sets: 1, cases: 3 });

    const deleted = await admin.post(`${base}/case-sets/${wrong}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(base);

    const after = await admin.get(base);
    const afterText = decode(after.body);
    expect(afterText).toContain('govuk-notification-banner--success');
    expect(afterText).toContain('Case set ‘Wrong export’ deleted, with its 3 cases.');
    expect(afterText).toContain('<h2 class="govuk-heading-m">SEN2 2024</h2>');
    expect(afterText).not.toContain(wrong);
    // Without the one-off message the page comes from the cache again: still without it.
    const again = decode((await admin.get(base)).body);
    expect(again).not.toContain('Wrong export');
    expect((await admin.get(`${base}?set=${wrong}`)).statusCode).toBe(404);

    expect(await countsOf(wrong)).toEqual({ sets: 0, cases: 0 });
    expect(await countsOf(kept)).toEqual({ sets: 1, cases: 2 });
    const entries = await deleteEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity_id: wrong,
      actor_name: 'Alex Admin',
      partnership_id: seed.a.id,
      before: { label: 'Wrong export', cases: 3, fileName: 'BAD.csv' },
    });
    // Counts only: no case reference reaches the audit log.
    expect(JSON.stringify(entries[0]!.before)).not.toContain('BAD-01');
  });

  it('answers a second delete with the gone page, deleting nothing more', async () => {
    const id = await saveSet(seed.tenantA, 'Twice', 'TWO', 1);
    expect((await admin.post(`${base}/case-sets/${id}/delete`)).statusCode).toBe(303);
    const auditBefore = (await deleteEntries()).length;

    const again = await admin.post(`${base}/case-sets/${id}/delete`);
    expect(again.statusCode).toBe(404);
    expect(decode(again.body)).toContain('This case set is not saved');
    expect(decode(again.body)).toContain('It may already have been deleted');
    expect((await admin.get(`${base}/case-sets/${id}/delete`)).statusCode).toBe(404);
    expect(await deleteEntries()).toHaveLength(auditBefore);
    // An address that cannot name a case set is a page not found, never a server error.
    expect((await admin.post(`${base}/case-sets/not-a-set/delete`)).statusCode).toBe(404);
  });

  it('lets only partnership admins delete', async () => {
    const id = await saveSet(seed.tenantA, 'Kept by roles', 'ROLE', 2);
    for (const role of ['lead', 'contributor', 'viewer', 'forum', 'adviser']) {
      const member = new Agent(t.app);
      await member.signIn(`${role}@northshire.example`, PASSWORD);
      const page = await member.get(base);
      expect(page.statusCode, role).toBe(200);
      expect(page.body, role).not.toContain('/delete');
      expect((await member.get(`${base}/case-sets/${id}/delete`)).statusCode, role).toBe(403);
      expect((await member.post(`${base}/case-sets/${id}/delete`)).statusCode, role).toBe(403);
    }
    expect(await countsOf(id)).toEqual({ sets: 1, cases: 2 });
  });

  it('refuses a delete without a valid CSRF token', async () => {
    const id = await saveSet(seed.tenantA, 'Kept by CSRF', 'CSRF', 2);
    const url = `${base}/case-sets/${id}/delete`;
    await admin.get(url);
    expect((await admin.post(url, {}, { csrf: false })).statusCode).toBe(403);
    expect((await admin.post(url, {}, { csrf: 'forged' })).statusCode).toBe(403);
    expect(await countsOf(id)).toEqual({ sets: 1, cases: 2 });
  });

  it('deletes nothing of another partnership', async () => {
    const id = await saveSet(seed.tenantA, 'Northshire only', 'NORTH', 2);
    const before = (await deleteEntries()).length;
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    expect((await other.get(`${base}/case-sets/${id}/delete`)).statusCode).toBe(404);
    expect((await other.post(`${base}/case-sets/${id}/delete`)).statusCode).toBe(404);
    const ownBase = `/p/${seed.b.slug}/performance/ehc-timeliness`;
    await other.get(ownBase);
    const confirm = await other.get(`${ownBase}/case-sets/${id}/delete`);
    expect(confirm.statusCode).toBe(404);
    expect(decode(confirm.body)).not.toContain('Northshire only');
    expect((await other.post(`${ownBase}/case-sets/${id}/delete`)).statusCode).toBe(404);
    expect(await deleteCaseSet(t.db, SEEDER, seed.tenantB, id)).toBeUndefined();

    expect(await countsOf(id)).toEqual({ sets: 1, cases: 2 });
    expect(await deleteEntries()).toHaveLength(before);
  });
});
