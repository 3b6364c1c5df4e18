import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createOrganisation } from './organisation-service.js';

describe.each(databaseKinds)('deleting an organisation on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let orgs = '';
  let planPath = '';
  let priorityId = '';

  const addOrganisation = async (name: string) => {
    await admin.get(`${orgs}/new`);
    const created = await admin.post(`${orgs}/new`, { name, kind: 'school' });
    expect(created.statusCode).toBe(303);
    return created.headers.location!.split('/').pop()!;
  };
  const exists = async (id: string) =>
    (await t.db.query('SELECT 1 FROM organisations WHERE id = $1', [id])).length === 1;
  const deletions = (id: string) =>
    t.db.query<{ before: unknown; partnership_id: string }>(
      `SELECT before, partnership_id FROM audit_log WHERE entity_type = 'organisation' AND entity_id = $1 AND action = 'delete'`,
      [id],
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    orgs = `/p/${seed.a.slug}/organisations`;
    await admin.get(`/p/${seed.a.slug}/plans/new`);
    planPath = (
      await admin.post(`/p/${seed.a.slug}/plans/new`, { kind: 'strategic', title: 'SEND strategy' })
    ).headers.location!;
    await admin.post(`${planPath}/priorities/new`, { title: 'Early help' });
    priorityId = /id="priority-([0-9a-f-]+)"/.exec((await admin.get(planPath)).body)![1]!;
  });
  afterAll(async () => t?.close());

  it('asks first, then deletes an unused organisation with an audit entry and a banner', async () => {
    const id = await addOrganisation('Hillside Primary');
    const page = await admin.get(`${orgs}/${id}`);
    expect(page.body).toContain(`href="${orgs}/${id}/delete"`);
    const confirm = await admin.get(`${orgs}/${id}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(textOf(confirm.body)).toContain('Delete Hillside Primary?');
    expect(confirm.body).toMatch(/govuk-button--warning[^>]*>\s*Delete organisation\s*</);
    expect(confirm.body).toContain(`action="${orgs}/${id}/delete"`);

    const deleted = await admin.post(`${orgs}/${id}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(orgs);
    const list = await admin.get(orgs);
    expect(textOf(list.body)).toContain('Hillside Primary has been deleted.');
    expect(list.body).not.toContain(`${orgs}/${id}"`);
    expect(await exists(id)).toBe(false);
    expect(await deletions(id)).toEqual([
      { partnership_id: seed.a.id, before: { name: 'Hillside Primary', kind: 'school' } },
    ]);
    expect((await admin.get(`${orgs}/${id}`)).statusCode).toBe(404);
    expect((await admin.post(`${orgs}/${id}/delete`)).statusCode).toBe(404);
  });

  it('shows what uses an organisation and offers no button; the POST is refused too', async () => {
    const id = await addOrganisation('Northshire ICB');
    const partnerOnly = await addOrganisation('Riverside College');
    const action = await admin.post(`${planPath}/actions/new`, {
      priorityId,
      title: 'Commission speech and language therapy',
      category: 'commissioning',
      leadOrganisationId: id,
      partnerIds: [partnerOnly],
    });
    expect(action.statusCode).toBe(303);
    const actionPath = action.headers.location!;
    await admin.get(`${orgs}/${id}`);
    expect(
      (await admin.post(`${orgs}/${id}/members`, { userId: seed.people.lead! })).statusCode,
    ).toBe(303);

    const page = await admin.get(`${orgs}/${id}/delete`);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('You cannot delete Northshire ICB');
    expect(text).toContain(
      'Northshire ICB cannot be deleted while it is in use: it is the lead organisation of 1 action and 1 person is recorded as part of it.',
    );
    expect(text).toContain(
      'Actions it leads 1.1 Commission speech and language therapy (SEND strategy)',
    );
    expect(page.body).toContain(`href="${actionPath}"`);
    expect(page.body).toContain(`href="/p/${seed.a.slug}/people/${seed.people.lead}"`);
    expect(page.body).not.toContain('govuk-button--warning');
    expect(page.body).not.toContain(`action="${orgs}/${id}/delete"`);

    const refused = await admin.post(`${orgs}/${id}/delete`);
    expect(refused.statusCode).toBe(409);
    expect(textOf(refused.body)).toContain('cannot be deleted while it is in use');
    expect(await exists(id)).toBe(true);
    expect(await deletions(id)).toEqual([]);

    const partner = await admin.get(`${orgs}/${partnerOnly}/delete`);
    expect(textOf(partner.body)).toContain('in use: it is a partner in 1 action.');
    expect(textOf(partner.body)).toContain('Actions it is a partner in 1.1 Commission');
    expect((await admin.post(`${orgs}/${partnerOnly}/delete`)).statusCode).toBe(409);
    expect(await exists(partnerOnly)).toBe(true);
  });

  it('can delete once its people are removed', async () => {
    const id = await addOrganisation('Parent Carer Forum');
    await admin.get(`${orgs}/${id}`);
    await admin.post(`${orgs}/${id}/members`, { userId: seed.people.forum! });
    expect((await admin.post(`${orgs}/${id}/delete`)).statusCode).toBe(409);
    await admin.post(`${orgs}/${id}/members/${seed.people.forum}/remove`);
    expect(textOf((await admin.get(`${orgs}/${id}/delete`)).body)).toContain(
      'Delete Parent Carer Forum?',
    );
    expect((await admin.post(`${orgs}/${id}/delete`)).statusCode).toBe(303);
    expect(await exists(id)).toBe(false);
  });

  it('is for admins only, needs the CSRF token, and another partnership’s organisations are 404', async () => {
    const id = await addOrganisation('Oakfield Academy');
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    const page = await viewer.get(`${orgs}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/delete"');
    expect((await viewer.get(`${orgs}/${id}/delete`)).statusCode).toBe(403);
    expect((await viewer.post(`${orgs}/${id}/delete`)).statusCode).toBe(403);

    await admin.get(`${orgs}/${id}/delete`);
    expect((await admin.post(`${orgs}/${id}/delete`, {}, { csrf: false })).statusCode).toBe(403);
    expect(await exists(id)).toBe(true);

    const ofB = await createOrganisation(
      t.db,
      { userId: seed.adminBId, name: 'Bea' },
      seed.tenantB,
      {
        name: 'Southvale ICB',
        kind: 'icb',
      },
    );
    expect((await admin.get(`${orgs}/${ofB.id}/delete`)).statusCode).toBe(404);
    expect((await admin.post(`${orgs}/${ofB.id}/delete`)).statusCode).toBe(404);
    expect(await exists(ofB.id)).toBe(true);
  });
});
