import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import { createTestApp, seedTwoPartnerships, type TestApp } from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';
import { addMemberToOrganisation, createOrganisation } from './organisation-service.js';

describe.each(databaseKinds)('DELETE an organisation through the API on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  const tokens: Record<string, string> = {};
  let base = '';

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, who = 'admin') =>
    t.app.inject({
      method,
      url: `${base}/${url}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    base = `/api/v1/partnerships/${seed.a.slug}`;
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    tokens.admin = (await createToken(t.db, actor, seed.adminA.id, 'admin')).token;
    tokens.viewer = (await createToken(t.db, actor, seed.people.viewer!, 'viewer')).token;
  });
  afterAll(async () => t?.close());

  it('deletes an unused organisation (204, audited), then answers 404', async () => {
    const made = (await api('POST', 'organisations', { name: 'Hillside', kind: 'school' })).json();
    const deleted = await api('DELETE', `organisations/${made.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await api('GET', `organisations/${made.id}`)).statusCode).toBe(404);
    expect((await api('DELETE', `organisations/${made.id}`)).statusCode).toBe(404);
    const audit = await t.db.query<{ action: string; before: unknown }>(
      `SELECT action, before FROM audit_log WHERE entity_type = 'organisation' AND entity_id = $1 ORDER BY id`,
      [made.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(audit[1]!.before).toEqual({ name: 'Hillside', kind: 'school' });
  });

  it('refuses with 409 and the same reason as the page while the organisation is used', async () => {
    const made = (
      await api('POST', 'organisations', { name: 'Northshire ICB', kind: 'icb' })
    ).json();
    await addMemberToOrganisation(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.tenantA,
      made.id,
      seed.people.lead!,
    );
    const refused = await api('DELETE', `organisations/${made.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message:
        'Northshire ICB cannot be deleted while it is in use: 1 person is recorded as part of it. To delete it, first remove that person from it.',
    });
    expect((await api('GET', `organisations/${made.id}`)).statusCode).toBe(200);
  });

  it('is for admins, and another partnership’s organisation is 404', async () => {
    const made = (await api('POST', 'organisations', { name: 'Oakfield', kind: 'school' })).json();
    expect((await api('DELETE', `organisations/${made.id}`, undefined, 'viewer')).statusCode).toBe(
      403,
    );
    const ofB = await createOrganisation(
      t.db,
      { userId: seed.adminBId, name: 'Bea' },
      seed.tenantB,
      {
        name: 'Southvale ICB',
        kind: 'icb',
      },
    );
    expect((await api('DELETE', `organisations/${ofB.id}`)).statusCode).toBe(404);
    const still = await t.db.query('SELECT 1 FROM organisations WHERE id = ANY($1::uuid[])', [
      [made.id, ofB.id],
    ]);
    expect(still).toHaveLength(2);
  });

  it('is in the OpenAPI document with its 204 and 409', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const operation =
      doc.paths['/api/v1/partnerships/{partnership}/organisations/{organisationId}']?.delete;
    expect(operation?.summary).toMatch(/^Delete an organisation \(admins\)/);
    expect(Object.keys(operation?.responses ?? {})).toEqual(
      expect.arrayContaining(['204', '403', '404', '409']),
    );
  });
});
