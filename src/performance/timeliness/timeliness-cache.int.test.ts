import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';

// The analysis page is reused per partnership, data version and role: its menu depends on the role.
describe.each(databaseKinds)('the EHC timeliness page reused across roles on %s', (kind) => {
  let t: TestApp;
  let path = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const seed = await seedTwoPartnerships(t.db);
    path = `/p/${seed.a.slug}/performance/ehc-timeliness`;
  });
  afterAll(async () => t?.close());

  it('shows each role its own menu, whoever opened the page first', async () => {
    const visit = async (email: string) => {
      const agent = new Agent(t.app);
      await agent.signIn(email, PASSWORD);
      const page = await agent.get(path);
      expect(page.statusCode).toBe(200);
      return page.body.includes('/my-actions');
    };
    expect(await visit('lead@northshire.example')).toBe(true);
    expect(await visit('viewer@northshire.example')).toBe(false);
    expect(await visit('forum@northshire.example')).toBe(false);
    expect(await visit('contributor@northshire.example')).toBe(true);
  });
});
