import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Db } from '../src/platform/db/db.js';
import { testConfig } from './helpers/test-app.js';

/** A database that has gone away: every query fails. */
const brokenDb: Db = {
  kind: 'postgres',
  writeGeneration: undefined,
  query: async () => {
    throw new Error('connect ECONNREFUSED 10.0.0.1:5432 secret-detail');
  },
  transaction: async () => {
    throw new Error('connect ECONNREFUSED');
  },
  exec: async () => {},
  close: async () => {},
};

describe('error pages', () => {
  it('shows a generic 500 page with a reference and no details in production', async () => {
    const app = await buildApp({
      config: testConfig({ env: 'production' }),
      db: brokenDb,
      logger: false,
    });
    const response = await app.inject({
      method: 'GET',
      url: '/sign-in',
      headers: { 'x-request-id': 'ref-12345' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Sorry, there is a problem with the service');
    expect(response.body).toContain('ref-12345');
    expect(response.body).not.toContain('secret-detail');
    expect(response.body).not.toContain('ECONNREFUSED');
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'unavailable' });
    // The API answers in Fastify's shape: the status text, never the failure's details.
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer sb_0123456789abcdef' },
    });
    expect(api.statusCode).toBe(500);
    expect(api.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong',
    });
    await app.close();
  });
});
