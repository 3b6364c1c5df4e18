import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import { createTestApp, seedTwoPartnerships, type TestApp } from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';
import { addAction, addPriority, createPlan } from '../plans/index.js';

/*
 * Updates sent together on one action: the action's status and RAG are always those of its
 * latest update (the roll-ups read them), and each 201 answers with the update it created. The
 * race shows on PostgreSQL, where transactions run side by side; PGlite runs them in turn.
 */

const AT_ONCE = 12;
const STATES = [
  { status: 'on_track', rag: 'green' },
  { status: 'at_risk', rag: 'amber' },
  { status: 'off_track', rag: 'red' },
] as const;

describe.each(databaseKinds)('progress updates sent together on %s', (kind) => {
  let t: TestApp;
  let actionId = '';
  let updates = '';
  let token = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const seed = await seedTwoPartnerships(t.db);
    const actor = { userId: seed.adminA.id, name: 'Alex Admin' };
    token = (await createToken(t.db, actor, seed.adminA.id, 'admin')).token;
    const plan = await createPlan(t.db, actor, seed.tenantA, {
      kind: 'wsoa',
      inspectionId: null,
      title: 'Written statement of action',
      ownerUserId: null,
    });
    const priority = (await addPriority(t.db, actor, seed.tenantA, plan.id, {
      title: 'Timely assessments',
      description: '',
      findingIds: [],
    }))!;
    actionId = (await addAction(t.db, actor, seed.tenantA, plan.id, {
      priorityId: priority.id,
      title: 'Reduce autism assessment waits',
      description: '',
      category: 'operational',
      leadUserId: null,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: null,
    }))!.id;
    updates = `/api/v1/partnerships/${seed.a.slug}/plans/${plan.id}/actions/${actionId}/updates`;
  });
  afterAll(async () => t?.close());

  it('leaves the action at its latest update, and answers each with the update it created', async () => {
    for (let burst = 0; burst < 3; burst++) {
      const sent = Array.from({ length: AT_ONCE }, (_, i) => ({
        ...STATES[(i + burst) % STATES.length]!,
        narrative: `Burst ${burst}, update ${i}`,
      }));
      const answers = await Promise.all(
        sent.map((payload) =>
          t.app.inject({
            method: 'POST',
            url: updates,
            headers: { authorization: `Bearer ${token}` },
            payload,
          }),
        ),
      );
      answers.forEach((answer, i) => {
        expect(answer.statusCode).toBe(201);
        expect(answer.json()).toMatchObject(sent[i]!);
      });
      const latest = (
        await t.db.query<{ status: string; rag: string; narrative: string }>(
          `SELECT status, rag, narrative FROM action_updates WHERE action_id = $1
           ORDER BY created_at DESC, id DESC LIMIT 1`,
          [actionId],
        )
      )[0]!;
      const action = (
        await t.db.query<{ status: string; rag: string }>(
          'SELECT status, rag FROM actions WHERE id = $1',
          [actionId],
        )
      )[0]!;
      expect(action).toEqual({ status: latest.status, rag: latest.rag });
    }
  });
});
