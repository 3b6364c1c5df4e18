import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';

// On PGlite the app remembers whose a session is until the next write (auth-hooks.ts): any
// change must still take effect on the very next request, on both databases.
describe.each(databaseKinds)('who a session belongs to on %s', (kind) => {
  let t: TestApp;
  let slug = '';
  beforeAll(async () => {
    t = await createTestApp(kind);
    slug = (await seedTwoPartnerships(t.db)).a.slug;
  });
  afterAll(async () => t?.close());

  it('stops at once when the person is disabled, even by a write outside the app’s pages', async () => {
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    expect((await viewer.get(`/p/${slug}`)).statusCode).toBe(200);
    expect((await viewer.get(`/p/${slug}`)).statusCode).toBe(200); // remembered on PGlite
    await t.db.query(
      `UPDATE users SET disabled_at = now() WHERE email = 'viewer@northshire.example'`,
    );
    const after = await viewer.get(`/p/${slug}`);
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
  });

  it('sees a role change on the next request', async () => {
    const lead = new Agent(t.app);
    await lead.signIn('lead@northshire.example', PASSWORD);
    expect((await lead.get(`/p/${slug}/audit`)).statusCode).toBe(403);
    await t.db.query(
      `UPDATE memberships SET role = 'admin' WHERE user_id = (SELECT id FROM users WHERE email = 'lead@northshire.example')`,
    );
    expect((await lead.get(`/p/${slug}/audit`)).statusCode).toBe(200);
  });
});
