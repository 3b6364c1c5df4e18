import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary, inputValue, textOf } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import { changeDetails, isEmailClash, PeopleRuleError } from './people-service.js';
import {
  addMembership,
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';

describe.each(databaseKinds)('changing a person’s name and email on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let people = '';

  const account = async (id: string) =>
    (
      await t.db.query<{ name: string; email: string; version: number }>(
        'SELECT name, email, version FROM users WHERE id = $1',
        [id],
      )
    )[0]!;
  const audits = (id: string) =>
    t.db.query<{ action: string; before: unknown; after: unknown; partnership_id: string }>(
      `SELECT action, before, after, partnership_id FROM audit_log
       WHERE entity_type = 'person' AND entity_id = $1 AND action = 'update' ORDER BY id`,
      [id],
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    people = `/p/${seed.a.slug}/people`;
  });
  afterAll(async () => t?.close());

  it('changes the name and email, normalising the email, with an audit entry; the new email signs in', async () => {
    const lead = seed.people.lead!;
    const show = await admin.get(`${people}/${lead}`);
    expect(show.body).toContain(`href="${people}/${lead}/details"`);
    const form = await admin.get(`${people}/${lead}/details`);
    expect(form.statusCode).toBe(200);
    expect(inputValue(form.body, 'name')).toBe('lead person');
    expect(inputValue(form.body, 'email')).toBe('lead@northshire.example');
    const version = inputValue(form.body, 'version');

    const saved = await admin.post(`${people}/${lead}/details`, {
      name: 'Lou Lead',
      email: '  Lou.Lead@Northshire.EXAMPLE ',
      version,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${people}/${lead}`);
    const after = await admin.get(`${people}/${lead}`);
    expect(textOf(after.body)).toContain(
      'Name and email address saved: Lou Lead, lou.lead@northshire.example.',
    );
    expect(await account(lead)).toMatchObject({
      name: 'Lou Lead',
      email: 'lou.lead@northshire.example',
      version: Number(version) + 1,
    });
    expect(await audits(lead)).toEqual([
      {
        action: 'update',
        partnership_id: seed.a.id,
        before: { name: 'lead person', email: 'lead@northshire.example' },
        after: { name: 'Lou Lead', email: 'lou.lead@northshire.example' },
      },
    ]);
    const log = textOf((await admin.get(`/p/${seed.a.slug}/audit?entityType=person`)).body);
    expect(log).toContain(
      'Alex Admin changed Lou Lead Name lead person → changed to Lou Lead Email address lead@northshire.example → changed to lou.lead@northshire.example',
    );
    const lou = new Agent(t.app);
    await lou.signIn('lou.lead@northshire.example', PASSWORD);
    await expect(new Agent(t.app).signIn('lead@northshire.example', PASSWORD)).rejects.toThrow();

    // Saving the same values again changes nothing and records nothing.
    const again = await admin.post(`${people}/${lead}/details`, {
      name: 'Lou Lead',
      email: 'lou.lead@northshire.example',
      version: String(Number(version) + 1),
    });
    expect(again.statusCode).toBe(303);
    expect(textOf((await admin.get(`${people}/${lead}`)).body)).toContain('Nothing was changed');
    expect(await audits(lead)).toHaveLength(1);
  });

  it('ends every unused password link when the email changes', async () => {
    const viewer = seed.people.viewer!;
    const made = await admin.post(`${people}/${viewer}/password-link`);
    const link = /\/invitation\/([^<"\s]+)/.exec(made.body)?.[1];
    expect(link).toBeTruthy();
    expect((await new Agent(t.app).get(`/invitation/${link}`)).statusCode).toBe(200);

    const form = await admin.get(`${people}/${viewer}/details`);
    const saved = await admin.post(`${people}/${viewer}/details`, {
      name: 'viewer person',
      email: 'vera.viewer@northshire.example',
      version: inputValue(form.body, 'version'),
    });
    expect(saved.statusCode).toBe(303);
    // Whoever got the link at the old address can no longer set this account's password.
    const stale = await new Agent(t.app).get(`/invitation/${link}`);
    expect(stale.body).not.toContain('name="password"');

    // Put the address back for the tests that follow.
    const back = await admin.get(`${people}/${viewer}/details`);
    await admin.post(`${people}/${viewer}/details`, {
      name: 'viewer person',
      email: 'viewer@northshire.example',
      version: inputValue(back.body, 'version'),
    });
  });

  it('re-renders errors in the summary with the values typed, and saves nothing', async () => {
    const id = seed.people.contributor!;
    const before = await account(id);
    await admin.get(`${people}/${id}/details`);
    const bad = await admin.post(`${people}/${id}/details`, {
      name: '',
      email: 'not an email',
      version: String(before.version),
    });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'Enter their full name',
      'Enter an email address in the correct format, like name@example.org',
    ]);
    expect(inputValue(bad.body, 'email')).toBe('not an email');
    expect(inputValue(bad.body, 'version')).toBe(String(before.version));
    expect(bad.body).toContain('href="#name"');

    // Another account's email, in other letters: refused, naming the rule.
    const taken = await admin.post(`${people}/${id}/details`, {
      name: 'Cara Contributor',
      email: 'VIEWER@northshire.example',
      version: String(before.version),
    });
    expect(taken.statusCode).toBe(400);
    expect(errorSummary(taken.body)).toEqual([
      'viewer@northshire.example is already used by another Sendboard account. Each person needs their own email address',
    ]);
    expect(inputValue(taken.body, 'name')).toBe('Cara Contributor');
    // Even an account that is in another partnership only.
    const elsewhere = await admin.post(`${people}/${id}/details`, {
      name: 'Cara Contributor',
      email: 'bea@southvale.example',
      version: String(before.version),
    });
    expect(errorSummary(elsewhere.body)[0]).toContain(
      'is already used by another Sendboard account',
    );
    expect(await account(id)).toEqual(before);
  });

  it('lets only one of two simultaneous changes take the same email address', async () => {
    const actor = { userId: seed.adminA.id, name: 'Alex Admin' };
    const [viewer, adviser] = [seed.people.viewer!, seed.people.adviser!];
    const [a, b] = [await account(viewer), await account(adviser)];
    const results = await Promise.allSettled([
      changeDetails(
        t.db,
        actor,
        seed.tenantA,
        viewer,
        { name: a.name, email: 'shared@northshire.example' },
        a.version,
      ),
      changeDetails(
        t.db,
        actor,
        seed.tenantA,
        adviser,
        { name: b.name, email: 'shared@northshire.example' },
        b.version,
      ),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toEqual([
      { status: 'fulfilled', value: { outcome: 'ok' } },
    ]);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(PeopleRuleError);
    expect(refused.reason).toMatchObject({ field: 'email' });
    const owners = await t.db.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'shared@northshire.example'`,
    );
    expect(owners).toHaveLength(1);
    const winner = owners[0]!.id;
    // Should both pass the check before either saves, the database refuses the second, and that
    // refusal is recognised as the same rule (this is the error it raises).
    const clash: unknown = await t.db
      .query('UPDATE users SET email = $2 WHERE id = $1', [
        winner === viewer ? adviser : viewer,
        'SHARED@northshire.example',
      ])
      .catch((e: unknown) => e);
    expect(isEmailClash(clash)).toBe(true);
    expect(isEmailClash(new Error('something else'))).toBe(false);
    // Put the winner back, for the tests after this one.
    const now = await account(winner);
    await changeDetails(
      t.db,
      actor,
      seed.tenantA,
      winner,
      { name: now.name, email: winner === viewer ? a.email : b.email },
      now.version,
    );
  });

  it('shows a stale edit side by side and saves it only when asked again', async () => {
    const id = seed.people.forum!;
    const form = await admin.get(`${people}/${id}/details`);
    const version = inputValue(form.body, 'version');
    // Meanwhile the person renames themselves under Your account.
    const forum = new Agent(t.app);
    await forum.signIn('forum@northshire.example', PASSWORD);
    await forum.get('/account/name');
    expect((await forum.post('/account/name', { name: 'Fran Forum', version })).statusCode).toBe(
      303,
    );

    const stale = await admin.post(`${people}/${id}/details`, {
      name: 'Frances Forum',
      email: 'fran@northshire.example',
      version,
    });
    expect(stale.statusCode).toBe(409);
    const text = textOf(stale.body);
    expect(text).toContain('Someone else changed this person while you were editing');
    expect(text).toContain('Full name Fran Forum Frances Forum');
    expect(text).toContain('Email address forum@northshire.example fran@northshire.example');
    expect((await account(id)).name).toBe('Fran Forum');
    expect(inputValue(stale.body, 'version')).toBe(String(Number(version) + 1));

    const retried = await admin.post(`${people}/${id}/details`, {
      name: inputValue(stale.body, 'name'),
      email: inputValue(stale.body, 'email'),
      version: inputValue(stale.body, 'version'),
    });
    expect(retried.statusCode).toBe(303);
    expect(await account(id)).toMatchObject({
      name: 'Frances Forum',
      email: 'fran@northshire.example',
    });
  });

  it('is for admins only, needs the CSRF token, and another partnership’s people are 404', async () => {
    const id = seed.people.adviser!;
    const before = await account(id);
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    const page = await viewer.get(`${people}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/details"');
    expect((await viewer.get(`${people}/${id}/details`)).statusCode).toBe(403);
    expect(
      (
        await viewer.post(`${people}/${id}/details`, {
          name: 'Hacked',
          email: 'h@example.org',
          version: String(before.version),
        })
      ).statusCode,
    ).toBe(403);

    await admin.get(`${people}/${id}/details`);
    const forged = await admin.post(
      `${people}/${id}/details`,
      { name: 'Hacked', email: 'h@example.org', version: String(before.version) },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);

    // Bea belongs to partnership B only: from A she does not exist.
    expect((await admin.get(`${people}/${seed.adminBId}/details`)).statusCode).toBe(404);
    const foreign = await admin.post(`${people}/${seed.adminBId}/details`, {
      name: 'Hacked',
      email: 'h@example.org',
      version: '1',
    });
    expect(foreign.statusCode).toBe(404);
    expect(await account(id)).toEqual(before);
    expect((await account(seed.adminBId)).name).toBe('Bea Admin');
  });

  it('refuses, with the reason, to change an account shared with another partnership or the platform owner’s', async () => {
    // Bea, admin of B, is added to A: A's admin may not change her account.
    await addMembership(t.db, seed.a.id, seed.adminBId, 'viewer');
    const before = await account(seed.adminBId);
    const page = await admin.get(`${people}/${seed.adminBId}/details`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain(
      'Bea Admin also uses Sendboard in another partnership, so an admin of one partnership cannot change their name or email address. They can change their name themselves under Your account.',
    );
    expect(page.body).not.toContain('name="email"');
    const refused = await admin.post(`${people}/${seed.adminBId}/details`, {
      name: 'Bea Taken',
      email: 'alex-owns-this@northshire.example',
      version: String(before.version),
    });
    expect(refused.statusCode).toBe(409);
    expect(textOf(refused.body)).toContain('also uses Sendboard in another partnership');
    const refusedBlank = await admin.post(`${people}/${seed.adminBId}/details`, {
      name: '',
      email: '',
      version: String(before.version),
    });
    expect(refusedBlank.statusCode).toBe(409);
    expect(errorSummary(refusedBlank.body)).toEqual([]);
    expect(textOf(refusedBlank.body)).toContain('also uses Sendboard in another partnership');
    expect(await account(seed.adminBId)).toEqual(before);

    // The platform owner (Alex) cannot be changed by a co-admin of A either.
    const owner = await account(seed.adminA.id);
    await t.db.query(
      `UPDATE memberships SET role = 'admin' WHERE user_id = $1 AND partnership_id = $2`,
      [seed.people.viewer, seed.a.id],
    );
    const coAdmin = new Agent(t.app);
    await coAdmin.signIn('viewer@northshire.example', PASSWORD);
    const ownerPage = await coAdmin.get(`${people}/${seed.adminA.id}/details`);
    expect(textOf(ownerPage.body)).toContain('Alex Admin owns this Sendboard platform');
    const ownerRefused = await coAdmin.post(`${people}/${seed.adminA.id}/details`, {
      name: 'Alex',
      email: 'viewer-now@northshire.example',
      version: String(owner.version),
    });
    expect(ownerRefused.statusCode).toBe(409);
    expect(await account(seed.adminA.id)).toEqual(owner);
    expect(await audits(seed.adminA.id)).toEqual([]);
    expect(await audits(seed.adminBId)).toEqual([]);
  });
});
