import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../../../test/helpers/agent.js';
import { errorFields } from '../../../../test/helpers/agreement.js';
import { databaseKinds } from '../../../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../../../test/helpers/test-app.js';
import type { Actor } from '../../../platform/identity/types.js';
import { checkCensusUpload, confirmCensus, stageCensus } from '../census-service.js';
import { recordEngland } from './england-figures.js';

const SEEDER: Actor = { userId: null, name: 'Test seed' };
const CSV = 'URN,Total pupils,EHC plan,SEN support\r\n200001,100,5,20\r\n';

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
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    const tenant = seed.tenantA;
    const check = await checkCensusUpload(t.db, tenant, Buffer.from(CSV), {
      fileName: 'spring.csv',
      censusDate: '2025-01-16',
    });
    const pendingId = await stageCensus(t.db, SEEDER, tenant, {
      fileName: 'spring.csv',
      label: 'Spring 2025',
      censusDate: '2025-01-16',
      check,
    });
    const saved = await confirmCensus(t.db, SEEDER, tenant, pendingId);
    if (saved.status !== 'saved') throw new Error('seed census not saved');
    censusId = saved.censusId;
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
