import { afterAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import { createTestApp, setUpPartnership, type TestApp } from '../../test/helpers/test-app.js';

/*
 * The sign-in limit counts attempts per IP address. X-Forwarded-For names that address only when
 * a proxy Sendboard trusts (TRUST_PROXY) put it there; otherwise anyone could send a new one with
 * every attempt and never be limited. These run as production does.
 */

const LIMIT = 3;
const attempt = (t: TestApp, forwardedFor: string, remoteAddress = '10.0.0.5') =>
  t.app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: 'nobody@northshire.example', password: 'not the password' },
  });

describe.each(databaseKinds)('who is signing in, behind a proxy or not, on %s', (kind) => {
  const apps: TestApp[] = [];
  const app = async (trustProxy: number | string[] | false) => {
    const t = await createTestApp(kind, {
      env: 'production',
      trustProxy,
      signIn: { maxFailures: 100, lockoutMinutes: 15, ratePerMinute: LIMIT },
    });
    apps.push(t);
    // Someone to sign in as: with no one yet, every page goes to set-up.
    await setUpPartnership(
      t.db,
      { name: 'Northshire SEND Partnership', localAuthority: 'Northshire', laCode: '901' },
      'alex@northshire.example',
    );
    return t;
  };
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('trusts no X-Forwarded-For by default: a new one per attempt does not escape the limit', async () => {
    const t = await app(false);
    const statuses: number[] = [];
    for (let i = 1; i <= LIMIT + 2; i++)
      statuses.push((await attempt(t, `203.0.113.${i}`)).statusCode);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    expect(statuses.slice(0, LIMIT)).not.toContain(429);
  });

  it('with TRUST_PROXY=1 takes the address the proxy gives, so each person is limited on their own', async () => {
    const t = await app(1);
    const statuses: number[] = [];
    for (let i = 1; i <= LIMIT + 2; i++)
      statuses.push((await attempt(t, `198.51.100.7, 203.0.113.${i}`)).statusCode);
    expect(statuses).not.toContain(429);
    // One address, the last hop's: limited like anyone else.
    for (let i = 1; i <= LIMIT; i++) await attempt(t, '192.0.2.44');
    expect((await attempt(t, '192.0.2.44')).statusCode).toBe(429);
  });

  it('with TRUST_PROXY naming the proxy’s addresses believes it, and only it', async () => {
    const t = await app(['10.0.0.0/8']);
    const statuses: number[] = [];
    for (let i = 1; i <= LIMIT + 2; i++)
      statuses.push((await attempt(t, `203.0.113.${i}`)).statusCode);
    expect(statuses).not.toContain(429);
    // Not through the proxy: the header is the client's own, and the connection's address counts.
    const direct = [];
    for (let i = 1; i <= LIMIT + 1; i++)
      direct.push((await attempt(t, `198.51.100.${i}`, '192.0.2.9')).statusCode);
    expect(direct.at(-1)).toBe(429);
  });
});
