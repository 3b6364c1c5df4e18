import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createToken } from '../src/account/index.js';
import { databaseKinds } from './helpers/databases.js';
import { Agent, errorSummary } from './helpers/agent.js';
import { errorFields } from './helpers/agreement.js';
import { multipart } from './helpers/upload.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  testConfig,
  type TestApp,
} from './helpers/test-app.js';

// Inputs a careless network or an attacker sends: each gets a clear 4xx, never a 500.
describe.each(databaseKinds)('hostile input on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';

  const api = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: string | object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: {
        authorization: `Bearer ${token}`,
        ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload === undefined ? {} : { payload }),
    });
  const organisations = async () =>
    (await t.db.query('SELECT count(*)::int AS n FROM organisations'))[0]!.n as number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('refuses a NUL byte in a form field with the error on the field, saving nothing', async () => {
    const before = await organisations();
    await admin.get(`/p/${seed.a.slug}/organisations/new`);
    const page = await admin.post(`/p/${seed.a.slug}/organisations/new`, {
      name: 'Bad\u0000name',
      kind: 'school',
    });
    expect(page.statusCode).toBe(400);
    expect(errorFields(page.body)).toEqual(['name']);
    expect(errorSummary(page.body).join()).toMatch(/character that cannot be saved/);
    expect(await organisations()).toBe(before);
  });

  it('refuses a NUL byte anywhere in a JSON body with 400', async () => {
    const before = await organisations();
    const direct = await api('POST', 'organisations', { name: 'Bad\u0000name', kind: 'school' });
    expect(direct.statusCode, direct.body).toBe(400);
    expect(direct.json<{ message: string }>().message).toMatch(/name/);
    const escaped = await api('POST', 'organisations', '{"name":"Bad\\u0000name","kind":"school"}');
    expect(escaped.statusCode, escaped.body).toBe(400);
    expect(await organisations()).toBe(before);
  });

  it('refuses an unpaired surrogate in JSON with 400', async () => {
    const before = await organisations();
    for (const body of [
      '{"name":"Bad \\ud800 name","kind":"school"}',
      '{"name":"Bad \\udc00","kind":"school"}',
    ]) {
      const response = await api('POST', 'organisations', body);
      expect(response.statusCode, response.body).toBe(400);
    }
    // A proper pair (an emoji) is fine.
    const fine = await api(
      'POST',
      'organisations',
      '{"name":"Pair \\ud83d\\ude00","kind":"school"}',
    );
    expect(fine.statusCode, fine.body).toBe(201);
    expect(await organisations()).toBe(before + 1);
  });

  it('refuses a NUL byte in a query string with 400, not 500', async () => {
    const response = await admin.get(`/p/${seed.a.slug}/plans?q=a%00b`);
    expect(response.statusCode).toBeLessThan(500);
  });

  it('answers a multipart body with the wrong boundary with 400', async () => {
    await admin.get(`/p/${seed.a.slug}/performance/census`);
    for (const [path, field] of [
      ['performance/census', 'file'],
      ['inspections/import', 'letter'],
    ] as const) {
      const { payload } = multipart({ _csrf: 'x' }, { field, filename: 'a.csv', bytes: 'a' });
      const response = await t.app.inject({
        method: 'POST',
        url: `/p/${seed.a.slug}/${path}`,
        headers: {
          'content-type': 'multipart/form-data; boundary=not-the-one-used',
          cookie: `sendboard_session=${admin.cookie('sendboard_session')}; sendboard_csrf=${admin.cookie('sendboard_csrf')}`,
        },
        payload,
      });
      expect(response.statusCode, `${path}: ${response.body.slice(0, 300)}`).toBe(400);
    }
  });

  it('answers simultaneous creation of one organisation name with one 201 and no 500', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        api('POST', 'organisations', { name: 'Racing Trust', kind: 'school' }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(
      codes.every((c) => c === 201 || c === 409),
      codes.join(),
    ).toBe(true);
  });

  it('refuses a form token made for another session', async () => {
    // Two sessions of one admin: the first's CSRF cookie and token, planted beside the second's
    // session, are not the second session's to use.
    const other = new Agent(t.app);
    await other.signIn('alex@northshire.example', PASSWORD);
    const form = await other.get(`/p/${seed.a.slug}/organisations/new`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const before = await organisations();
    const planted = await t.app.inject({
      method: 'POST',
      url: `/p/${seed.a.slug}/organisations/new`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `sendboard_session=${admin.cookie('sendboard_session')}; sendboard_csrf=${other.cookie('sendboard_csrf')}`,
      },
      payload: new URLSearchParams({ name: 'Planted', kind: 'school', _csrf: token }).toString(),
    });
    expect(planted.statusCode).toBe(403);
    expect(await organisations()).toBe(before);
    // Its own token still works, and signing in (no session yet) still takes the sign-in form's.
    const own = await other.post(`/p/${seed.a.slug}/organisations/new`, {
      name: 'Own token',
      kind: 'school',
    });
    expect(own.statusCode).toBe(303);
  });

  it('serves the API only by its decoded path: a session cookie never reaches it', async () => {
    const cookie = `sendboard_session=${admin.cookie('sendboard_session')}`;
    for (const url of [
      `/%61pi/v1/partnerships/${seed.a.slug}/organisations`,
      `/api/v1/partnerships/${seed.a.slug}/organisations`,
      `/%61%70%69/v1/me`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect([401, 404], `${url}: ${response.body.slice(0, 200)}`).toContain(response.statusCode);
    }
    const post = await t.app.inject({
      method: 'POST',
      url: `/%61pi/v1/partnerships/${seed.a.slug}/organisations`,
      headers: { cookie },
      payload: { name: 'Through the side door', kind: 'school' },
    });
    expect([401, 404]).toContain(post.statusCode);
  });
});

describe('database errors in answers', () => {
  const failing = (code: string, message: string) =>
    Object.assign(new Error(message), { code, severity: 'ERROR' });

  async function appThrowing(env: 'production' | 'test', error: Error) {
    const app = await buildApp({
      config: testConfig({ env }),
      db: {
        kind: 'postgres',
        writeGeneration: undefined,
        // Someone exists, so the set-up page does not stand in front of every page.
        query: async <T>() => [{ n: 1 }] as T[],
        transaction: async () => {
          throw error;
        },
        exec: async () => {},
        close: async () => {},
      },
      logger: false,
    });
    app.get('/api/v1/boom', { config: { access: 'public' } }, async () => {
      throw error;
    });
    app.get('/boom', { config: { access: 'public' } }, async () => {
      throw error;
    });
    return app;
  }

  it('never carries a database error code or message in a production 500', async () => {
    const app = await appThrowing(
      'production',
      failing('42P01', 'relation "secret_table" does not exist'),
    );
    const response = await app.inject({ method: 'GET', url: '/api/v1/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong',
    });
    await app.close();
  });

  it('answers a unique violation (two saves at once) with 409 and a clear message', async () => {
    const error = failing(
      '23505',
      'duplicate key value violates unique constraint "organisations_name_key"',
    );
    for (const env of ['production', 'test'] as const) {
      const app = await appThrowing(env, error);
      const response = await app.inject({ method: 'GET', url: '/api/v1/boom' });
      expect(response.statusCode).toBe(409);
      expect(response.json<{ message: string }>().message).toMatch(/already exists/);
      expect(response.body).not.toMatch(/23505|organisations_name_key/);
      const page = await app.inject({ method: 'GET', url: '/boom' });
      expect(page.statusCode).toBe(409);
      expect(page.body).toMatch(/already exists/);
      await app.close();
    }
  });

  it('answers text PostgreSQL cannot store (a NUL byte) with 400', async () => {
    const app = await appThrowing(
      'production',
      failing('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
    );
    const response = await app.inject({ method: 'GET', url: '/api/v1/boom' });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toMatch(/22021|0x00/);
    await app.close();
  });
});
