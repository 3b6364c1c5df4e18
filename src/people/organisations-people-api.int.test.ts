import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import { createTestApp, seedTwoPartnerships, type TestApp } from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';

describe.each(databaseKinds)('organisations and people API on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  const tokens: Record<string, string> = {};
  let base = '';

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, who = 'admin') =>
    t.app.inject({
      method,
      url: `${base}/${url}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const organisationCount = async () =>
    (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM organisations WHERE partnership_id = $1',
        [seed.tenantA.partnershipId],
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    base = `/api/v1/partnerships/${seed.a.slug}`;
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    tokens.admin = (await createToken(t.db, actor, seed.adminA.id, 'admin')).token;
    tokens.viewer = (await createToken(t.db, actor, seed.people.viewer!, 'viewer')).token;
  });
  afterAll(async () => t?.close());

  it('refuses an unknown property with a 400 naming it, and saves nothing', async () => {
    const before = await organisationCount();
    const typo = await api('POST', 'organisations', { name: 'Hillside', kind: 'school', knd: 'x' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: 'body must NOT have additional properties: "knd" is not one it takes',
    });
    expect(await organisationCount()).toBe(before);

    const made = (await api('POST', 'organisations', { name: 'Hillside', kind: 'school' })).json();
    const put = await api('PUT', `organisations/${made.id}`, {
      name: 'Hillside Primary',
      kind: 'school',
      version: 1,
      memberCount: 3,
    });
    expect(put.statusCode).toBe(400);
    expect(put.json().message).toContain('"memberCount" is not one it takes');
    expect((await api('GET', `organisations/${made.id}`)).json()).toMatchObject({
      name: 'Hillside',
      version: 1,
    });
  });

  it('refuses a number sent as a string rather than converting it', async () => {
    const made = (await api('POST', 'organisations', { name: 'Oakfield', kind: 'school' })).json();
    const asText = await api('PUT', `organisations/${made.id}`, {
      name: 'Oakfield Academy',
      kind: 'school',
      version: '1',
    });
    expect(asText.statusCode).toBe(400);
    expect(asText.json().message).toBe('body/version must be integer');
    expect((await api('GET', `organisations/${made.id}`)).json()).toMatchObject({
      name: 'Oakfield',
      version: 1,
    });
    // And the other way: a number is not a name.
    const numberName = await api('POST', 'organisations', { name: 42, kind: 'school' });
    expect(numberName.statusCode).toBe(400);
    expect(numberName.json().message).toBe('body/name must be string');
  });

  it('names the allowed kinds and refuses a blank name', async () => {
    const kindless = await api('POST', 'organisations', { name: 'Rocket', kind: 'spaceship' });
    expect(kindless.statusCode).toBe(400);
    expect(kindless.json().message).toMatch(
      /^body\/kind must be one of "council", "icb", .*"other"$/,
    );
    const blank = await api('POST', 'organisations', { name: '   ', kind: 'school' });
    expect(blank.json()).toMatchObject({
      statusCode: 400,
      message: 'Enter the organisation’s name',
    });
  });

  it('still adds and changes an organisation from a valid request, with 409s as before', async () => {
    const created = await api('POST', 'organisations', { name: ' Northshire ICB ', kind: 'icb' });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ name: 'Northshire ICB', kind: 'icb', version: 1, memberCount: 0 });
    const twin = await api('POST', 'organisations', { name: 'northshire icb', kind: 'icb' });
    expect(twin.json()).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      message: 'northshire icb is already in this partnership',
    });

    const changed = await api('PUT', `organisations/${org.id}`, {
      name: 'NHS Northshire ICB',
      kind: 'icb',
      version: 1,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'NHS Northshire ICB', version: 2 });
    const stale = await api('PUT', `organisations/${org.id}`, {
      name: 'Northshire',
      kind: 'icb',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);

    const listed = (await api('GET', 'organisations', undefined, 'viewer')).json();
    expect(listed.map((o: { name: string }) => o.name)).toContain('NHS Northshire ICB');
    // A role that may not write gets 403 whatever it sends, and another partnership's URL is 404.
    expect((await api('POST', 'organisations', { junk: true }, 'viewer')).statusCode).toBe(403);
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/partnerships/${seed.b.slug}/organisations`,
      headers: { authorization: `Bearer ${tokens.admin}` },
      payload: { junk: true },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('lists people and reads one person', async () => {
    const people = await api('GET', 'people', undefined, 'viewer');
    expect(people.statusCode).toBe(200);
    const viewer = people.json().find((p: { id: string }) => p.id === seed.people.viewer);
    expect(viewer).toMatchObject({ role: 'viewer', disabled: false, organisations: [] });
    const one = await api('GET', `people/${seed.people.viewer}`);
    expect(one.json()).toMatchObject({ id: seed.people.viewer, role: 'viewer' });
    expect((await api('GET', `people/${seed.adminBId}`)).statusCode).toBe(404);
  });

  it('documents the organisations and people endpoints as they behave', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const P = '/api/v1/partnerships/{partnership}';
    expect(doc.info.description).toContain('refused with 400');
    const post = doc.paths[`${P}/organisations`].post;
    const postBody = post.requestBody.content['application/json'].schema;
    expect(postBody).toMatchObject({ additionalProperties: false, required: ['name', 'kind'] });
    expect(postBody.properties.name.maxLength).toBe(160);
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
    );
    const put = doc.paths[`${P}/organisations/{organisationId}`].put;
    const putBody = put.requestBody.content['application/json'].schema;
    expect(putBody).toMatchObject({
      additionalProperties: false,
      required: ['name', 'kind', 'version'],
    });
    expect(putBody.properties.version).toMatchObject({ type: 'integer', minimum: 1 });
    expect(
      put.responses['409'].content['application/json'].schema.properties.currentVersion,
    ).toBeDefined();
    expect(put.tags).toEqual(['organisations']);
    for (const path of [`${P}/people`, `${P}/people/{userId}`, `${P}/organisations`]) {
      const get = doc.paths[path].get;
      expect(get.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(get.responses), path).toEqual(
        expect.arrayContaining(['200', '401', '404']),
      );
    }
    expect(doc.paths[`${P}/people/{userId}`].get.tags).toEqual(['people']);
  });
});
