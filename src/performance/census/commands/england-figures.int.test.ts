import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../../../test/helpers/agent.js';
import { errorFields } from '../../../../test/helpers/agreement.js';
import { databaseKinds } from '../../../../test/helpers/databases.js';
import { appWithAdmin, saveSchoolCensus, SEEDER } from '../../../../test/helpers/saved-uploads.js';
import type { seedTwoPartnerships, TestApp } from '../../../../test/helpers/test-app.js';
import { recordEngland } from './england-figures.js';

/** Bad input as the page form posts it and as a JSON caller would send it to the same command. */
const BAD = [
  {
    name: 'over 100',
    form: { senSupport: '101', ehcPlan: '' },
    json: { senSupport: '101', ehcPlan: null },
    field: 'senSupport',
  },
  {
    name: 'not a number',
    form: { senSupport: '', ehcPlan: 'five' },
    json: { senSupport: null, ehcPlan: 'five' },
    field: 'ehcPlan',
  },
  {
    name: 'three decimals',
    form: { senSupport: '13.655', ehcPlan: '' },
    json: { senSupport: '13.655', ehcPlan: null },
    field: 'senSupport',
  },
  {
    name: 'negative',
    form: { senSupport: '', ehcPlan: '-1' },
    json: { senSupport: null, ehcPlan: '-1' },
    field: 'ehcPlan',
  },
];

describe.each(databaseKinds)('recording England’s figures, page and command, on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let censusId = '';

  beforeAll(async () => {
    ({ t, seed, admin } = await appWithAdmin(kind));
    // One school of 100 pupils, 5 with an EHC plan and 20 on SEN support.
    censusId = await saveSchoolCensus(t.db, seed.tenantA, {
      label: 'Spring 2025',
      censusDate: '2025-01-16',
      schools: 1,
      fileName: 'spring.csv',
    });
  });
  afterAll(async () => t?.close());

  const context = () => ({ db: t.db, actor: SEEDER, tenant: seed.tenantA });

  it('gives the same verdict on the same bad input, and saves nothing', async () => {
    const url = `/p/${seed.a.slug}/performance/census/${censusId}/england`;
    await admin.get(url);
    for (const bad of BAD) {
      const page = await admin.post(url, bad.form);
      expect(page.statusCode, bad.name).toBe(400);
      expect(errorFields(page.body), bad.name).toContain(bad.field);
      const result = await recordEngland(context(), censusId, bad.json);
      expect(result.kind, bad.name).toBe('invalid');
      if (result.kind === 'invalid')
        expect(
          result.problems.map((p) => p.field),
          bad.name,
        ).toContain(bad.field);
    }
    const stored = await t.db.query<{ s: unknown; e: unknown }>(
      'SELECT england_sen_support AS s, england_ehc_plan AS e FROM censuses WHERE id = $1',
      [censusId],
    );
    expect(stored[0]).toEqual({ s: null, e: null });
  });

  it('refuses input of the wrong shape, and answers not found for another partnership’s census', async () => {
    expect((await recordEngland(context(), censusId, { senSupport: 13.6 })).kind).toBe('invalid');
    expect(
      (await recordEngland(context(), censusId, { senSupport: null, ehcPlan: null, x: 1 })).kind,
    ).toBe('invalid');
    const other = { db: t.db, actor: SEEDER, tenant: seed.tenantB };
    expect((await recordEngland(other, censusId, { senSupport: '13.6', ehcPlan: null })).kind).toBe(
      'not-found',
    );
    const saved = await recordEngland(context(), censusId, { senSupport: '13.6', ehcPlan: '5.3%' });
    expect(saved).toMatchObject({ kind: 'ok', value: { saved: true } });
  });
});
