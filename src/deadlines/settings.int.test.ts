import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { loadSettings } from './settings-repository.js';

describe.each(databaseKinds)('closure days in settings on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let path = '';

  const formValues = async () => {
    const form = (await admin.get(path)).body;
    const value = (name: string) =>
      new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? '';
    return {
      form,
      base: {
        wsoaWorkingDays: value('wsoaWorkingDays'),
        revisitMonths: value('revisitMonths'),
        monitoringInspectionMonths: value('monitoringInspectionMonths'),
        years1: value('years1'),
        years2: value('years2'),
        years3: value('years3'),
        appReviewMonths: value('appReviewMonths'),
        countClosures: 'yes',
        version: /name="version" value="(\d+)"/.exec(form)![1]!,
      },
    };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    path = `/p/${seed.a.slug}/settings`;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('accepts closure days written 29/12/2026 as well as 2026-12-29, and shows them the UK way', async () => {
    const { form, base } = await formValues();
    expect(form).toContain('One date per line, like 29/12/2026');
    const saved = await admin.post(path, {
      ...base,
      closures: '31/12/2026\n29/12/2026\n2026-12-30\n1/1/2027',
    });
    expect(saved.statusCode).toBe(303);
    expect((await loadSettings(t.db, seed.tenantA)).closures).toEqual([
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
    ]);
    expect((await admin.get(path)).body).toContain(
      '29/12/2026\n30/12/2026\n31/12/2026\n01/01/2027',
    );
  });

  it('refuses a day that does not exist, naming it, and keeps what was typed', async () => {
    const { base } = await formValues();
    const bad = await admin.post(path, { ...base, closures: '29/12/2026\n30/02/2027' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      '“30/02/2027” is not a real date. Write one date per line, like 29/12/2026',
    ]);
    expect(bad.body).toContain('29/12/2026\n30/02/2027');
    expect((await loadSettings(t.db, seed.tenantA)).closures).toHaveLength(4);
  });
});
