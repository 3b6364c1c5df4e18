import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../../test/helpers/agent.js';
import { databaseKinds } from '../../../test/helpers/databases.js';
import {
  addMembership,
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { addAction, addPriority, createPlan, editAction } from '../../plans/index.js';
import type { ActionInput } from '../../plans/index.js';
import { recordAudit } from '../audit/record.js';

// Busy pages are reused until the partnership's data changes (web/page-cache.ts): these tests
// make sure a change is always seen at once and that reused pages carry each person's own token.
describe.each(databaseKinds)('reused pages on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let planPath = '';
  let actionId = '';
  let action: ActionInput;
  const version = async (partnershipId: string) =>
    (
      await t.db.query<{ v: string }>(
        'SELECT data_version::text AS v FROM partnerships WHERE id = $1',
        [partnershipId],
      )
    )[0]!.v;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    const plan = await createPlan(t.db, actor, seed.tenantA, {
      kind: 'wsoa',
      inspectionId: null,
      title: 'Improvement plan',
      ownerUserId: null,
    });
    const priority = (await addPriority(t.db, actor, seed.tenantA, plan.id, {
      title: 'Leadership',
      description: '',
      findingIds: [],
    }))!;
    action = {
      priorityId: priority.id,
      title: 'Agree terms of reference',
      description: '',
      category: 'strategic',
      leadUserId: seed.people.lead!,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: '2030-01-31',
    };
    actionId = (await addAction(t.db, actor, seed.tenantA, plan.id, action))!.id;
    planPath = `/p/${seed.a.slug}/plans/${plan.id}`;
  });
  afterAll(async () => t?.close());

  it('shows a change made by someone else on the next request', async () => {
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    expect((await viewer.get(planPath)).body).toContain('Agree terms of reference');
    expect((await viewer.get(`/p/${seed.a.slug}`)).statusCode).toBe(200);
    expect((await viewer.get(planPath)).body).toContain('Agree terms of reference'); // reused

    const before = await version(seed.a.id);
    const saved = await editAction(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.tenantA,
      planId(),
      actionId,
      { ...action, title: 'Agree and publish terms of reference' },
      1,
    );
    expect(saved.outcome).toBe('ok');
    expect(await version(seed.a.id)).not.toBe(before);
    const after = (await viewer.get(planPath)).body;
    expect(after).toContain('Agree and publish terms of reference');
  });

  it('gives each person a page with their own working form token', async () => {
    const admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    const other = new Agent(t.app);
    await other.signIn('alex@northshire.example', PASSWORD);
    const first = (await admin.get(planPath)).body;
    const second = (await other.get(planPath)).body; // reused page, other session
    const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    expect(first).not.toContain('sendboard-slot');
    expect(token(first)).not.toBe(token(second));
    expect(second).toMatch(/<script nonce="[^"]+">/);
    // The reused page's token works for its own session only.
    const moved = await other.post(`${planPath}/actions/move`, { move: `${actionId}:down` });
    expect(moved.statusCode).toBe(303);
    const refused = await other.post(
      `${planPath}/actions/move`,
      { move: `${actionId}:down` },
      { csrf: token(first) },
    );
    expect(refused.statusCode).toBe(403);
  });

  it('changes the data version once per transaction, for every partnership a person is in, and not on rollback', async () => {
    const a = seed.a.id;
    const b = seed.b.id;
    const actor = { userId: null, name: 'test' };
    const [a0, b0] = [await version(a), await version(b)];
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++)
        await recordAudit(tx, actor, {
          partnershipId: a,
          entityType: 'test',
          entityId: null,
          action: 'touch',
        });
    });
    const a1 = await version(a);
    expect(BigInt(a1) - BigInt(a0)).toBeGreaterThan(0n);
    expect(await version(b)).toBe(b0);
    // A change to a person who belongs to both partnerships changes both.
    await addMembership(t.db, b, seed.people.lead!, 'lead');
    const b1 = await version(b);
    await recordAudit(t.db, actor, {
      partnershipId: null,
      entityType: 'person',
      entityId: seed.people.lead!,
      action: 'rename',
    });
    expect(await version(a)).not.toBe(a1);
    expect(await version(b)).not.toBe(b1);
    const [a2, b2] = [await version(a), await version(b)];
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, actor, {
          partnershipId: a,
          entityType: 'test',
          entityId: null,
          action: 'touch',
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect([await version(a), await version(b)]).toEqual([a2, b2]);
  });

  it('sends a reused page gzip-compressed to a browser that takes it, with a working token', async () => {
    const admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    await admin.get(planPath); // cached now
    const cookie = `sendboard_session=${admin.cookie('sendboard_session')}; sendboard_csrf=${admin.cookie('sendboard_csrf')}`;
    const zipped = await t.app.inject({
      method: 'GET',
      url: planPath,
      headers: { cookie, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    const html = gunzipSync(zipped.rawPayload).toString();
    expect(html).toContain('Improvement plan');
    expect(html).not.toContain('sendboard-slot');
    const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const moved = await admin.post(
      `${planPath}/actions/move`,
      { move: `${actionId}:up` },
      { csrf: token },
    );
    expect(moved.statusCode).toBe(303);
    const plain = await t.app.inject({ method: 'GET', url: planPath, headers: { cookie } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('Improvement plan');
  });

  function planId() {
    return planPath.split('/').pop()!;
  }
});
