import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent } from '../../test/helpers/agent.js';
import { errorFields, type BadInput } from '../../test/helpers/agreement.js';
import type { Result } from '../platform/commands/result.js';
import { createOrganisation } from '../organisations/index.js';
import {
  addPersonToPartnership,
  changePersonDetails,
  changePersonRole,
} from './commands/people.js';

/**
 * People have no write API: the page form and the command it calls (what an API would call, with
 * the same JSON) must refuse the same inputs, on the same field, and save nothing.
 */
async function expectPageAndCommandAgree(options: {
  page: (form: Record<string, string | string[]>) => Promise<LightMyRequestResponse>;
  command: (json: Record<string, unknown>) => Promise<Result<unknown, unknown>>;
  cases: BadInput[];
  count: () => Promise<number>;
}): Promise<void> {
  const before = await options.count();
  for (const bad of options.cases) {
    const page = await options.page(bad.form);
    expect(page.statusCode, `page: ${bad.name}`).toBe(400);
    expect(errorFields(page.body), `page: ${bad.name}`).toContain(bad.field);
    const result = await options.command(bad.json);
    expect(result.kind, `command: ${bad.name}`).toBe('invalid');
    if (result.kind === 'invalid')
      expect(
        result.problems.map((p) => p.field),
        `command: ${bad.name}`,
      ).toContain(bad.field);
  }
  expect(await options.count(), 'nothing saved').toBe(before);
}

describe.each(databaseKinds)('people: page and command agree on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let foreignOrganisationId = '';
  const context = () => ({
    db: t.db,
    actor: { userId: seed.adminA.id, name: 'Alex' },
    tenant: seed.tenantA,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    foreignOrganisationId = (
      await createOrganisation(t.db, { userId: seed.adminBId, name: 'Bea' }, seed.tenantB, {
        name: 'Southvale Council',
        kind: 'council',
      })
    ).id;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  }, 180_000);
  afterAll(async () => t?.close());

  const members = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships'))[0]!.n;

  it('refuse the same new people', async () => {
    const good = {
      name: 'Dana Lead',
      email: 'dana@northshire.example',
      role: 'lead',
      access: 'invite',
    };
    const page = `/p/${seed.a.slug}/people/new`;
    await admin.get(page);
    await expectPageAndCommandAgree({
      page: (form) => admin.post(page, { ...good, ...form }),
      command: (json) => addPersonToPartnership(context(), { ...good, ...json }),
      cases: [
        {
          name: 'bad email',
          form: { email: 'dana at x' },
          json: { email: 'dana at x' },
          field: 'email',
        },
        { name: 'unknown role', form: { role: 'owner' }, json: { role: 'owner' }, field: 'role' },
        {
          name: 'organisation of another partnership',
          form: { organisationId: foreignOrganisationId },
          json: { organisationId: foreignOrganisationId },
          field: 'organisationId',
        },
        {
          name: 'name too long',
          form: { name: 'x'.repeat(121) },
          json: { name: 'x'.repeat(121) },
          field: 'name',
        },
        {
          name: 'password too short',
          form: { access: 'password', password: 'short' },
          json: { access: 'password', password: 'short' },
          field: 'password',
        },
      ],
      count: members,
    });
    expect((await admin.post(page, good)).statusCode).toBe(200); // the invitation link page
    expect(await members()).toBeGreaterThan(0);
  });

  it('refuse the same changes to a person', async () => {
    const userId = seed.people.viewer!;
    const account = async () =>
      (
        await t.db.query<{ version: number; name: string }>(
          'SELECT version, name FROM users WHERE id = $1',
          [userId],
        )
      )[0]!;
    const { version } = await account();
    const good = { name: 'Vic Viewer', email: 'viewer@northshire.example', version };
    const details = `/p/${seed.a.slug}/people/${userId}/details`;
    await admin.get(details);
    await expectPageAndCommandAgree({
      page: (form) => admin.post(details, { ...good, version: String(version), ...form }),
      command: (json) => changePersonDetails(context(), userId, { ...good, ...json }),
      cases: [
        { name: 'bad email', form: { email: 'vic@' }, json: { email: 'vic@' }, field: 'email' },
        { name: 'empty name', form: { name: ' ' }, json: { name: ' ' }, field: 'name' },
        {
          name: 'name too long',
          form: { name: 'x'.repeat(121) },
          json: { name: 'x'.repeat(121) },
          field: 'name',
        },
        {
          name: 'email of another account',
          form: { email: 'lead@northshire.example' },
          json: { email: 'lead@northshire.example' },
          field: 'email',
        },
      ],
      count: async () => (await account()).version,
    });

    const role = `/p/${seed.a.slug}/people/${userId}/role`;
    const membership = async () =>
      (
        await t.db.query<{ n: number }>(
          'SELECT version AS n FROM memberships WHERE user_id = $1 AND partnership_id = $2',
          [userId, seed.tenantA.partnershipId],
        )
      )[0]!.n;
    const roleVersion = await membership();
    await admin.get(`/p/${seed.a.slug}/people/${userId}`);
    await expectPageAndCommandAgree({
      page: (form) => admin.post(role, { version: String(roleVersion), ...form }),
      command: (json) => changePersonRole(context(), userId, { version: roleVersion, ...json }),
      cases: [
        { name: 'unknown role', form: { role: 'owner' }, json: { role: 'owner' }, field: 'role' },
        { name: 'no role', form: {}, json: {}, field: 'role' },
      ],
      count: membership,
    });
  });
});
