import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';
import { createInspection } from '../inspections/index.js';
import { addPerson } from '../people/index.js';
import { addAction, addMeasure, addPriority, createPlan } from '../plans/index.js';
import { finishRound, openRound } from './progress-service.js';
import { todayInLondon } from '../platform/web/today.js';

type Update = Record<string, unknown> & { id: string; version: number };

describe.each(databaseKinds)('correcting an update through the API on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  const tokens: Record<string, string> = {};
  let updates = '';
  let planPath = '';
  let roundId = '';
  let measureId = '';
  let update: Update;
  const actor = () => ({ userId: seed.adminA.id, name: 'Alex Admin' });

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const patch = (who: string, payload: unknown) =>
    api('PATCH', `${updates}/${update.id}`, who, payload);

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    const { userId: otherLeadId } = await addPerson(t.db, actor(), seed.tenantA, {
      name: 'Olu Otherlead',
      email: 'olu@northshire.example',
      role: 'lead',
      password: PASSWORD,
    });
    tokens.admin = (await createToken(t.db, actor(), seed.adminA.id, 'admin')).token;
    tokens.otherLead = (await createToken(t.db, actor(), otherLeadId, 'olu')).token;
    for (const role of ['lead', 'contributor', 'viewer'])
      tokens[role] = (await createToken(t.db, actor(), seed.people[role]!, role)).token;
    const inspection = await createInspection(t.db, actor(), seed.tenantA, {
      framework: '2016',
      kind: 'initial',
      onSiteStart: null,
      onSiteEnd: null,
      publishedOn: '2025-12-19',
      team: '',
      outcome: null,
      wsoaRequired: true,
      outcomeText: '',
    });
    const plan = await createPlan(t.db, actor(), seed.tenantA, {
      kind: 'post_inspection',
      inspectionId: inspection.id,
      title: 'Improvement plan',
      ownerUserId: null,
    });
    planPath = `/api/v1/partnerships/${seed.a.slug}/plans/${plan.id}`;
    const priority = (await addPriority(t.db, actor(), seed.tenantA, plan.id, {
      title: 'P',
      description: '',
      findingIds: [],
    }))!;
    const action = (await addAction(t.db, actor(), seed.tenantA, plan.id, {
      priorityId: priority.id,
      title: 'Reduce autism assessment waits',
      description: '',
      category: 'operational',
      leadUserId: seed.people.lead!,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: null,
    }))!;
    await addMeasure(t.db, actor(), seed.tenantA, plan.id, action.id, {
      text: 'Weeks from referral to assessment',
      target: null,
      targetDate: null,
    });
    measureId = (
      await t.db.query<{ id: string }>(
        'SELECT id::text FROM success_measures WHERE action_id = $1',
        [action.id],
      )
    )[0]!.id;
    updates = `${planPath}/actions/${action.id}/updates`;
    roundId = (
      await openRound(t.db, actor(), seed.tenantA, {
        title: 'March 2026 update',
        openedOn: todayInLondon(),
        dueOn: '2099-03-31',
      })
    ).id;
    const recorded = await api('POST', updates, 'lead', {
      status: 'off_track',
      rag: 'red',
      narrative: 'Waiting list down to 14 weaks',
      measureId,
      measureValue: 41,
    });
    expect(recorded.statusCode).toBe(201);
    update = recorded.json();
  });
  afterAll(async () => t?.close());

  it('says which version an update is at and whether it may still be corrected', () => {
    expect(update).toMatchObject({
      version: 1,
      roundOpen: true,
      correctedAt: null,
      correctedByName: null,
      measureId,
      measureValue: 41,
    });
  });

  it('lets the author correct what they send, keeping the rest', async () => {
    const res = await patch('lead', { version: 1, narrative: 'Waiting list down to 14 weeks' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      status: 'off_track',
      rag: 'red',
      narrative: 'Waiting list down to 14 weeks',
      measureId,
      measureValue: 41,
      correctedByName: 'lead person',
    });
    expect(res.json().correctedAt).toEqual(expect.any(String));
    const [listed] = (await api('GET', updates, 'viewer')).json() as Update[];
    expect(listed).toMatchObject({ version: 2, narrative: 'Waiting list down to 14 weeks' });
  });

  it('refuses other people, a contradiction, unknown properties and a stale version', async () => {
    for (const who of ['otherLead', 'contributor', 'viewer'])
      expect((await patch(who, { version: 2, narrative: 'Not mine' })).statusCode).toBe(403);
    const clash = await patch('lead', { version: 2, status: 'on_track' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().message).toBe(
      'An action that is on track is rated green: choose green, or change the status',
    );
    const unknown = await patch('lead', { version: 2, narative: 'typo' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('"narative"');
    expect((await patch('lead', { version: '2', rag: 'red' })).statusCode).toBe(400);
    expect((await patch('lead', { narrative: 'No version' })).statusCode).toBe(400);
    const stale = await patch('lead', { version: 1, narrative: 'From an old read' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
  });

  it('lets an admin correct the RAG, and the plan’s roll-up follows', async () => {
    expect((await api('GET', planPath, 'admin')).json().rollup.rag).toBe('red');
    const res = await patch('admin', { version: 2, status: 'on_track', rag: 'green' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 3, rag: 'green', correctedByName: 'Alex Admin' });
    expect((await api('GET', planPath, 'admin')).json().rollup.rag).toBe('green');
    const audit = await t.db.query<{ before: { rag: string }; after: { rag: string } }>(
      `SELECT before, after FROM audit_log WHERE entity_type = 'action update' AND action = 'update' ORDER BY at`,
    );
    expect(audit.map((a) => [a.before.rag, a.after.rag])).toEqual([
      ['red', 'red'],
      ['red', 'green'],
    ]);
  });

  it('refuses another action’s measure, saving nothing of the correction', async () => {
    const planId = planPath.split('/').pop()!;
    const [priority] = await t.db.query<{ id: string }>(
      'SELECT id::text FROM priorities WHERE plan_id = $1',
      [planId],
    );
    const other = (await addAction(t.db, actor(), seed.tenantA, planId, {
      priorityId: priority!.id,
      title: 'Another action',
      description: '',
      category: 'operational',
      leadUserId: null,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: null,
    }))!;
    await addMeasure(t.db, actor(), seed.tenantA, planId, other.id, {
      text: 'Another measure',
      target: null,
      targetDate: null,
    });
    const [otherMeasure] = await t.db.query<{ id: string }>(
      'SELECT id::text FROM success_measures WHERE action_id = $1',
      [other.id],
    );
    const before = (await api('GET', updates, 'admin')).json() as Update[];
    for (const wrong of [otherMeasure!.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await patch('admin', {
        version: 3,
        narrative: 'Half saved?',
        measureId: wrong,
        measureValue: 12,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toContain('measureId');
    }
    expect((await api('GET', updates, 'admin')).json()).toEqual(before);
  });

  it('refuses a correction once the round is closed', async () => {
    await finishRound(t.db, actor(), seed.tenantA, roundId);
    const res = await patch('admin', { version: 3, narrative: 'Rewriting history' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(
      'March 2026 update is closed. An update can be corrected while its round is open. Updates in a closed round cannot be changed: they are what the board saw.',
    );
    const [listed] = (await api('GET', updates, 'admin')).json() as Update[];
    expect(listed).toMatchObject({ version: 3, roundOpen: false });
  });

  it('documents the PATCH in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const path = Object.keys(doc.paths).find((p) => p.endsWith('/updates/{updateId}'));
    expect(path).toBeDefined();
    expect(doc.paths[path!].patch.responses['409']).toBeDefined();
  });
});
