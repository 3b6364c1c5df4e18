import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary } from './helpers/agent.js';
import { databaseKinds } from './helpers/databases.js';
import { createTestApp, PASSWORD, type TestApp } from './helpers/test-app.js';
import { AlreadySetUpError, setUpSendboard } from '../src/setup/index.js';

describe.each(databaseKinds)('foundation journeys on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.query<{ n: number }>(sql, params))[0]!.n;

  it('sends everyone to set-up while nobody exists, and answers /health', async () => {
    const agent = new Agent(t.app);
    const home = await agent.get('/');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/setup');
    expect((await agent.get('/sign-in')).headers.location).toBe('/setup');
    expect((await agent.get('/assets/govuk-frontend.min.css')).statusCode).toBe(200);
    expect((await agent.get('/assets/fonts/bold-b542beb274-v2.woff2')).statusCode).toBe(200);
    expect((await agent.get('/public/app.mjs')).statusCode).toBe(200);
    const health = await agent.get('/health');
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('refuses a set-up form without a CSRF token and saves nothing', async () => {
    const agent = new Agent(t.app);
    await agent.get('/setup');
    const response = await agent.post(
      '/setup',
      {
        name: 'X',
        localAuthority: 'Y',
        laCode: '123',
        adminName: 'Z',
        email: 'z@example.org',
        password: PASSWORD,
        confirmPassword: PASSWORD,
      },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    const forged = await agent.post('/setup', { name: 'X' }, { csrf: 'not-a-real-token' });
    expect(forged.statusCode).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(0);
  });

  it('re-renders set-up with the error summary, the values typed, and escaped HTML', async () => {
    const agent = new Agent(t.app);
    await agent.get('/setup');
    const response = await agent.post('/setup', {
      name: '<script>alert(1)</script>',
      localAuthority: 'x'.repeat(500),
      laCode: '12',
      adminName: 'Jo Bloggs',
      email: 'not-an-email',
      password: 'password1234',
      confirmPassword: 'password1234',
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Local authority must be 120 characters or fewer',
      'DfE local authority code must be 3 digits, like 881',
      'Enter an email address in the correct format, like name@example.org',
      'Password is too common. Choose a password that is harder to guess, like three random words',
    ]);
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(response.body).toContain('value="Jo Bloggs"');
    expect(response.body).toContain('<title>Error: Set up Sendboard');
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(0);
  });

  let slug = '';
  const admin = new Agent({} as never);

  it('sets up the first partnership and admin, signed in at once', async () => {
    Object.assign(admin, new Agent(t.app));
    await admin.get('/setup');
    const response = await admin.post('/setup', {
      name: 'Northshire SEND Partnership',
      localAuthority: 'Northshire County Council',
      laCode: '901',
      adminName: 'Alex Admin',
      email: 'alex@northshire.example',
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(response.statusCode).toBe(303);
    slug = response.headers.location!.replace('/p/', '');
    expect(slug).toBe('northshire-send-partnership');
    const overview = await admin.get(`/p/${slug}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Sendboard is set up for Northshire SEND Partnership');
    expect(overview.body).toContain('Northshire County Council');
    expect((await admin.get('/setup')).headers.location).toBe('/sign-in');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_type IN ('partnership', 'person')`,
      ),
    ).toBe(2);
  });

  it('sets security headers, a CSP nonce and httpOnly session cookies', async () => {
    const response = await admin.get(`/p/${slug}`);
    const csp = String(response.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.body).toContain(`<script nonce="${nonce}">`);
    expect(response.body.match(/<script(?![^>]*(nonce|src)=)/g)).toBeNull();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(csp).toContain("frame-ancestors 'none'");
    const signIn = await new Agent(t.app).post('/sign-in', {
      email: 'alex@northshire.example',
      password: PASSWORD,
    });
    const cookie = signIn.cookies.find((c) => c.name === 'sendboard_session') as {
      httpOnly?: boolean;
      sameSite?: string;
    };
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
  });

  it('rejects a wrong password with the error summary and keeps the email', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const response = await agent.post('/sign-in', {
      email: 'alex@northshire.example',
      password: 'wrong password here',
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Enter a correct email address and password']);
    expect(response.body).toContain('value="alex@northshire.example"');
    const unknown = await agent.post('/sign-in', {
      email: 'nobody@example.org',
      password: 'wrong password here',
    });
    expect(errorSummary(unknown.body)).toEqual(['Enter a correct email address and password']);
  });

  it('adds a person with a password, who signs in and sees the partnership', async () => {
    const form = await admin.get(`/p/${slug}/people/new`);
    expect(form.statusCode).toBe(200);
    const bad = await admin.post(`/p/${slug}/people/new`, {
      name: '',
      email: 'sam@northshire.example',
      role: 'nonsense',
      access: 'password',
      password: 'short',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'Enter their full name',
      'Select their role in this partnership',
      'Password must be 12 characters or more',
    ]);
    expect(bad.body).toContain('value="sam@northshire.example"');
    const created = await admin.post(`/p/${slug}/people/new`, {
      name: 'Sam Lead',
      email: 'sam@northshire.example',
      role: 'lead',
      access: 'password',
      password: PASSWORD,
    });
    expect(created.statusCode).toBe(303);
    const sam = new Agent(t.app);
    await sam.signIn('sam@northshire.example', PASSWORD);
    const home = await sam.get('/');
    expect(home.headers.location).toBe(`/p/${slug}`);
    const people = await sam.get(`/p/${slug}/people`);
    expect(people.body).toContain('Sam Lead');
    expect(people.body).not.toContain('Add a person');
    // A lead cannot add people or read the audit log.
    expect((await sam.get(`/p/${slug}/people/new`)).statusCode).toBe(403);
    expect(
      (
        await sam.post(`/p/${slug}/people/new`, {
          name: 'X',
          email: 'x@example.org',
          role: 'admin',
          access: 'invite',
        })
      ).statusCode,
    ).toBe(403);
    expect((await sam.get(`/p/${slug}/audit`)).statusCode).toBe(403);
  });

  it('invites a person with a one-time link to choose their password', async () => {
    const response = await admin.post(`/p/${slug}/people/new`, {
      name: 'Ivy Invited',
      email: 'ivy@northshire.example',
      role: 'viewer',
      access: 'invite',
    });
    expect(response.statusCode).toBe(200);
    const link = /<code id="invitation-link">([^<]+)<\/code>/.exec(response.body)![1]!;
    const path = new URL(link).pathname;
    const ivy = new Agent(t.app);
    expect((await ivy.get(path)).body).toContain(
      'Ivy Invited, you have been invited to Northshire SEND Partnership',
    );
    const weak = await ivy.post(path, { password: 'abc', confirmPassword: 'abc' });
    expect(errorSummary(weak.body)).toEqual(['Password must be 12 characters or more']);
    const ok = await ivy.post(path, { password: PASSWORD, confirmPassword: PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect((await ivy.get(`/p/${slug}`)).statusCode).toBe(200);
    expect((await new Agent(t.app).get(path)).statusCode).toBe(404); // used once
  });

  it('disables a person: their open session ends at once and they cannot sign in', async () => {
    const sam = new Agent(t.app);
    await sam.signIn('sam@northshire.example', PASSWORD);
    expect((await sam.get(`/p/${slug}`)).statusCode).toBe(200);
    const samId = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM users WHERE email = 'sam@northshire.example'`,
      )
    )[0]!.id;
    const disabled = await admin.post(`/p/${slug}/people/${samId}/disable`);
    expect(disabled.statusCode).toBe(303);
    const after = await sam.get(`/p/${slug}`);
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toContain('/sign-in');
    const again = new Agent(t.app);
    await again.signIn('sam@northshire.example', PASSWORD); // the account exists; the membership is off
    expect((await again.get(`/p/${slug}`)).statusCode).toBe(404);
    // The last admin cannot be disabled, nor disable themselves.
    const adminId = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM users WHERE email = 'alex@northshire.example'`,
      )
    )[0]!.id;
    const self = await admin.post(`/p/${slug}/people/${adminId}/disable`);
    expect(self.statusCode).toBe(400);
    expect(errorSummary(self.body)).toEqual(['You cannot disable your own account']);
  });

  it('locks an account after repeated wrong passwords, even against the right one', async () => {
    await admin.post(`/p/${slug}/people/new`, {
      name: 'Lou Locked',
      email: 'lou@northshire.example',
      role: 'contributor',
      access: 'password',
      password: PASSWORD,
    });
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    for (let i = 0; i < t.config.signIn.maxFailures - 1; i++) {
      expect(
        (
          await agent.post('/sign-in', {
            email: 'lou@northshire.example',
            password: 'not the password',
          })
        ).statusCode,
      ).toBe(400);
    }
    const locked = await agent.post('/sign-in', {
      email: 'lou@northshire.example',
      password: 'not the password',
    });
    expect(locked.statusCode).toBe(429);
    expect(errorSummary(locked.body)[0]).toMatch(
      /^You entered the wrong password too many times\. Your account is locked\. Try again after /,
    );
    const right = await agent.post('/sign-in', {
      email: 'lou@northshire.example',
      password: PASSWORD,
    });
    expect(right.statusCode).toBe(429);
  });

  it('changes a role with a version check: a stale edit gets the conflict page', async () => {
    const louId = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM users WHERE email = 'lou@northshire.example'`,
      )
    )[0]!.id;
    const page = await admin.get(`/p/${slug}/people/${louId}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    expect(
      (await admin.post(`/p/${slug}/people/${louId}/role`, { role: 'viewer', version })).statusCode,
    ).toBe(303);
    const stale = await admin.post(`/p/${slug}/people/${louId}/role`, { role: 'lead', version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed Lou Locked while you were editing');
    expect(stale.body).toContain('Board viewer');
    expect(stale.body).toContain('Action lead');
    const role = (
      await t.db.query<{ role: string }>('SELECT role FROM memberships WHERE user_id = $1', [louId])
    )[0]!.role;
    expect(role).toBe('viewer');
  });

  it('manages organisations and their members, with conflicts detected', async () => {
    const bad = await admin.post(`/p/${slug}/organisations/new`, { name: '', kind: 'spaceship' });
    expect(errorSummary(bad.body)).toEqual([
      'Enter the organisation’s name',
      'Select the kind of organisation',
    ]);
    const created = await admin.post(`/p/${slug}/organisations/new`, {
      name: 'Northshire ICB',
      kind: 'icb',
    });
    expect(created.statusCode).toBe(303);
    const orgPath = created.headers.location!;
    const dup = await admin.post(`/p/${slug}/organisations/new`, {
      name: 'northshire icb',
      kind: 'icb',
    });
    expect(errorSummary(dup.body)).toEqual(['northshire icb is already in this partnership']);
    const edit = await admin.get(`${orgPath}/edit`);
    const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
    expect(
      (
        await admin.post(`${orgPath}/edit`, {
          name: 'NHS Northshire ICB',
          kind: 'icb',
          version,
          originalName: 'Northshire ICB',
        })
      ).statusCode,
    ).toBe(303);
    const stale = await admin.post(`${orgPath}/edit`, {
      name: 'Northshire CCG',
      kind: 'ccg',
      version,
      originalName: 'Northshire ICB',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('NHS Northshire ICB');
    expect(stale.body).toContain('Northshire CCG');
    const ivyId = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM users WHERE email = 'ivy@northshire.example'`,
      )
    )[0]!.id;
    expect((await admin.post(`${orgPath}/members`, { userId: ivyId })).statusCode).toBe(303);
    expect((await admin.get(orgPath)).body).toContain('Ivy Invited');
    expect((await admin.get(`/p/${slug}/people`)).body).toContain('NHS Northshire ICB');
    expect((await admin.post(`${orgPath}/members/${ivyId}/remove`)).statusCode).toBe(303);
    expect((await admin.get(orgPath)).body).toContain(
      'Nobody is recorded as part of this organisation yet',
    );
  });

  it('shows the audit log with filters; the database refuses edits to it', async () => {
    const page = await admin.get(`/p/${slug}/audit`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('organisation: update');
    expect(page.body).toContain('person: disable');
    const filtered = await admin.get(`/p/${slug}/audit?entityType=organisation`);
    expect(filtered.body).toContain('organisation: create');
    expect(filtered.body).not.toContain('person: disable');
    const byActor = await admin.get(`/p/${slug}/audit?actor=nobody-like-this`);
    expect(byActor.body).toContain('No changes match these filters');
    await expect(t.db.query('UPDATE audit_log SET action = $1', ['tampered'])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    // Secrets never reach the log.
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE '%scrypt$%'`),
    ).toBe(0);
  });

  it('changes the password and signs out other sessions', async () => {
    await admin.post(`/p/${slug}/people/new`, {
      name: 'Cat Changer',
      email: 'cat@northshire.example',
      role: 'lead',
      access: 'password',
      password: PASSWORD,
    });
    const first = new Agent(t.app);
    const second = new Agent(t.app);
    await first.signIn('cat@northshire.example', PASSWORD);
    await second.signIn('cat@northshire.example', PASSWORD);
    await first.get('/account/password');
    const wrong = await first.post('/account/password', {
      currentPassword: 'nope',
      password: 'new battery horse staple',
      confirmPassword: 'new battery horse staple',
    });
    expect(errorSummary(wrong.body)).toEqual(['Your current password is not correct']);
    const mismatch = await first.post('/account/password', {
      currentPassword: PASSWORD,
      password: 'new battery horse staple',
      confirmPassword: 'something else',
    });
    expect(errorSummary(mismatch.body)).toEqual([
      'Passwords do not match. Enter the same password twice',
    ]);
    const ok = await first.post('/account/password', {
      currentPassword: PASSWORD,
      password: 'new battery horse staple',
      confirmPassword: 'new battery horse staple',
    });
    expect(ok.statusCode).toBe(303);
    expect((await first.get('/account')).statusCode).toBe(200);
    expect((await second.get('/account')).statusCode).toBe(303);
    await new Agent(t.app).signIn('cat@northshire.example', 'new battery horse staple');
  });

  it('signs out', async () => {
    const agent = new Agent(t.app);
    await agent.signIn('alex@northshire.example', PASSWORD);
    const out = await agent.post('/sign-out');
    expect(out.headers.location).toBe('/sign-in');
    expect((await agent.get('/account')).statusCode).toBe(303);
  });

  it('creates personal API tokens that reach the API with the person’s roles', async () => {
    await admin.get('/account/tokens');
    const created = await admin.post('/account/tokens', { name: 'Power BI' });
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(created.body)![1]!;
    const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, bearer = token) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${bearer}` },
        ...(payload ? { payload: payload as object } : {}),
      });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await api('GET', '/api/v1/me', undefined, 'sb_wrong')).statusCode).toBe(401);
    const me = (await api('GET', '/api/v1/me')).json();
    expect(me.email).toBe('alex@northshire.example');
    expect(me.memberships).toEqual([expect.objectContaining({ slug, role: 'admin' })]);
    const orgs = (await api('GET', `/api/v1/partnerships/${slug}/organisations`)).json();
    expect(orgs.map((o: { name: string }) => o.name)).toContain('NHS Northshire ICB');
    const bad = await api('POST', `/api/v1/partnerships/${slug}/organisations`, {
      name: 'X',
      kind: 'spaceship',
    });
    expect(bad.statusCode).toBe(400);
    const made = await api('POST', `/api/v1/partnerships/${slug}/organisations`, {
      name: 'Hillside Primary School',
      kind: 'school',
    });
    expect(made.statusCode).toBe(201);
    const org = made.json();
    const put = await api('PUT', `/api/v1/partnerships/${slug}/organisations/${org.id}`, {
      name: 'Hillside Primary',
      kind: 'school',
      version: org.version,
    });
    expect(put.json().version).toBe(org.version + 1);
    expect(
      (
        await api('PUT', `/api/v1/partnerships/${slug}/organisations/${org.id}`, {
          name: 'Hillside',
          kind: 'school',
          version: org.version,
        })
      ).statusCode,
    ).toBe(409);
    const people = (await api('GET', `/api/v1/partnerships/${slug}/people`)).json();
    expect(
      people.find((p: { email: string }) => p.email === 'sam@northshire.example').disabled,
    ).toBe(true);
    // The API ignores session cookies: only tokens.
    const cookie = `sendboard_session=${admin.cookie('sendboard_session')}`;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode,
    ).toBe(401);
    // A viewer's token reads but cannot write.
    const ivy = new Agent(t.app);
    await ivy.signIn('ivy@northshire.example', PASSWORD);
    await ivy.get('/account/tokens');
    const ivyToken = /<code id="new-token">([^<]+)<\/code>/.exec(
      (await ivy.post('/account/tokens', { name: 'mine' })).body,
    )![1]!;
    expect(
      (await api('GET', `/api/v1/partnerships/${slug}/people`, undefined, ivyToken)).statusCode,
    ).toBe(200);
    expect(
      (
        await api(
          'POST',
          `/api/v1/partnerships/${slug}/organisations`,
          { name: 'Y', kind: 'school' },
          ivyToken,
        )
      ).statusCode,
    ).toBe(403);
    // Revoking stops the token.
    const tokens = await admin.get('/account/tokens');
    const tokenId = /action="\/account\/tokens\/([^/]+)\/revoke"/.exec(tokens.body)![1]!;
    expect((await admin.post(`/account/tokens/${tokenId}/revoke`)).statusCode).toBe(303);
    expect((await api('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/me',
        '/api/v1/partnerships',
        '/api/v1/partnerships/{partnership}/organisations',
        '/api/v1/partnerships/{partnership}/people/{userId}',
      ]),
    );
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
  });

  it('starts each page title with its h1, and keeps developer terms out of the way', async () => {
    const h1AndTitle = (body: string) => ({
      h1: /<h1[^>]*>\s*([^<]*?)\s*<\/h1>/.exec(body)?.[1],
      title: /<title[^>]*>\s*([^<]*?)\s*<\/title>/.exec(body)?.[1],
    });
    for (const url of [`/p/${slug}`, '/accessibility', '/privacy', '/account/tokens']) {
      const { h1, title } = h1AndTitle((await admin.get(url)).body);
      expect(h1, url).toBeTruthy();
      expect(title?.startsWith(`${h1} – `), `${url}: ${title}`).toBe(true);
    }
    // The partnership is named once in the overview's title, not twice.
    const overview = h1AndTitle((await admin.get(`/p/${slug}`)).body);
    expect(overview.title).toBe(`${overview.h1} – Sendboard`);

    const statement = (await admin.get('/accessibility')).body;
    expect(statement).toContain('href="https://www.equalityadvisoryservice.com/"');
    expect(statement).toContain('This statement was prepared on 22 November 2026.');
    expect(statement).toContain('Non-accessible content');

    const account = (await admin.get('/account')).body;
    expect(account).toContain('For developers: API tokens');
    expect(account).not.toContain('Bearer');
    const tokens = (await admin.get('/account/tokens')).body;
    expect(tokens).toContain('Authorization: Bearer &lt;token&gt;');
    expect(tokens.indexOf('An API token lets another program')).toBeLessThan(
      tokens.indexOf('Authorization: Bearer'),
    );
  });

  it('answers unknown pages with the 404 page and oversized posts with 413', async () => {
    const missing = await admin.get('/no-such-page');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page not found');
    const big = await admin.post(`/p/${slug}/organisations/new`, {
      name: 'x'.repeat(1_100_000),
      kind: 'school',
    });
    expect(big.statusCode).toBe(413);
    expect(
      await count(`SELECT count(*)::int AS n FROM organisations WHERE length(name) > 1000`),
    ).toBe(0);
  });
});

describe.each(databaseKinds)('set-up races on %s', (kind) => {
  it('lets only one of two simultaneous set-ups create the first admin', async () => {
    const t = await createTestApp(kind);
    try {
      const setUp = (n: number) =>
        setUpSendboard(t.db, {
          partnership: { name: `Race ${n}`, localAuthority: 'Council', laCode: '900' },
          admin: { name: `Admin ${n}`, email: `admin${n}@example.org`, password: PASSWORD },
        });
      const results = await Promise.allSettled([setUp(1), setUp(2)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({
        reason: expect.any(AlreadySetUpError),
      });
      const owners = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM users WHERE is_platform_owner',
      );
      expect(owners[0]!.n).toBe(1);
    } finally {
      await t.close();
    }
  });
});
