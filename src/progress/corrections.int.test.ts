import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createInspection } from '../inspections/index.js';
import { addPerson } from '../people/index.js';
import { addAction, addPriority, createPlan } from '../plans/index.js';
import { formatDate } from '../platform/web/views.js';
import { todayInLondon } from '../platform/web/today.js';
import { finishRound, openRound } from './progress-service.js';

describe.each(databaseKinds)('correcting an update while its round is open, on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let lead: Agent;
  let otherLead: Agent;
  let contributor: Agent;
  let viewer: Agent;
  let planPath = '';
  let actionPath = '';
  let roundId = '';
  let updateId = '';
  const correctPath = () => `${actionPath}/updates/${updateId}/correct`;
  const today = formatDate(todayInLondon());

  const stored = async () =>
    (
      await t.db.query<{
        status: string;
        rag: string;
        narrative: string;
        version: number;
        corrected_by: string | null;
      }>(
        'SELECT status, rag, narrative, version, corrected_by::text FROM action_updates WHERE id = $1',
        [updateId],
      )
    )[0]!;
  const actionState = async () =>
    (
      await t.db.query<{ status: string; rag: string }>(
        'SELECT a.status, a.rag FROM actions a JOIN action_updates u ON u.action_id = a.id WHERE u.id = $1',
        [updateId],
      )
    )[0]!;
  const corrections = async () =>
    t.db.query<{
      actor_user_id: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }>(
      `SELECT actor_user_id::text, before, after FROM audit_log WHERE entity_type = 'action update' AND action = 'update' AND entity_id = $1 ORDER BY at`,
      [updateId],
    );
  /** The plan's own roll-up: the first tag on its page, beside "N of M complete". */
  const planRollup = async () =>
    /govuk-tag--\w+">(\w[\w ]*)<\/strong> \d+ of \d+ complete/.exec(
      (await admin.get(planPath)).body,
    )?.[1];

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    const actor = { userId: seed.adminA.id, name: 'Alex Admin' };
    const { userId: otherLeadId } = await addPerson(t.db, actor, seed.tenantA, {
      name: 'Olu Otherlead',
      email: 'olu@northshire.example',
      role: 'lead',
      password: PASSWORD,
    });
    const inspection = await createInspection(t.db, actor, seed.tenantA, {
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
    const plan = await createPlan(t.db, actor, seed.tenantA, {
      kind: 'post_inspection',
      inspectionId: inspection.id,
      title: 'Improvement plan',
      ownerUserId: null,
    });
    planPath = `/p/${seed.a.slug}/plans/${plan.id}`;
    const priority = (await addPriority(t.db, actor, seed.tenantA, plan.id, {
      title: 'Timely assessments',
      description: '',
      findingIds: [],
    }))!;
    const action = (await addAction(t.db, actor, seed.tenantA, plan.id, {
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
    // The other lead leads an action of their own, so their role is not the reason for the 403.
    await addAction(t.db, actor, seed.tenantA, plan.id, {
      priorityId: priority.id,
      title: 'Publish the Local Offer refresh',
      description: '',
      category: 'operational',
      leadUserId: otherLeadId,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: null,
    });
    actionPath = `${planPath}/actions/${action.id}`;
    roundId = (
      await openRound(t.db, actor, seed.tenantA, {
        title: 'March 2026 update',
        openedOn: todayInLondon(),
        dueOn: '2099-03-31',
      })
    ).id;
    const sign = async (email: string) => {
      const agent = new Agent(t.app);
      await agent.signIn(email, PASSWORD);
      return agent;
    };
    admin = await sign('alex@northshire.example');
    lead = await sign('lead@northshire.example');
    otherLead = await sign('olu@northshire.example');
    contributor = await sign('contributor@northshire.example');
    viewer = await sign('viewer@northshire.example');

    await lead.get(actionPath);
    const recorded = await lead.post(`${actionPath}/updates`, {
      status: 'off_track',
      rag: 'red',
      narrative: 'Waiting list down to 14 weaks',
    });
    expect(recorded.statusCode).toBe(303);
    updateId = (
      await t.db.query<{ id: string }>('SELECT id::text FROM action_updates WHERE action_id = $1', [
        action.id,
      ])
    )[0]!.id;
  });
  afterAll(async () => t?.close());

  it('lets the author correct their update, with the same checks as recording it', async () => {
    const page = (await lead.get(actionPath)).body;
    expect(page).toContain(`href="${correctPath()}">Correct this update`);
    expect(page).toContain('Updates in a closed round cannot be changed');

    const form = await lead.get(correctPath());
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Waiting list down to 14 weaks</textarea>');
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toMatch(/name="status" type="radio" value="off_track" checked/);

    const clash = await lead.post(correctPath(), {
      version: '1',
      status: 'on_track',
      rag: 'red',
      narrative: 'Waiting list down to 14 weeks',
    });
    expect(clash.statusCode).toBe(400);
    expect(errorSummary(clash.body)).toEqual([
      'An action that is on track is rated green: choose green, or change the status',
    ]);
    expect(clash.body).toContain('Waiting list down to 14 weeks</textarea>');
    expect(clash.body).toContain('name="version" value="1"');
    const empty = await lead.post(correctPath(), {
      version: '1',
      status: 'off_track',
      rag: 'red',
      narrative: '  ',
    });
    expect(errorSummary(empty.body)).toEqual(['Enter what has happened since the last update']);
    expect((await stored()).version).toBe(1);

    const saved = await lead.post(correctPath(), {
      version: '1',
      status: 'off_track',
      rag: 'red',
      narrative: 'Waiting list down to 14 weeks',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(actionPath);
    expect(await stored()).toMatchObject({
      narrative: 'Waiting list down to 14 weeks',
      version: 2,
      corrected_by: seed.people.lead,
    });
    const after = (await lead.get(actionPath)).body;
    expect(after).toContain('Update corrected.');
    expect(after).toContain(`Corrected on ${today} by lead person`);
    expect(after).not.toContain('14 weaks');
    const audit = await corrections();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: seed.people.lead,
      before: { narrative: 'Waiting list down to 14 weaks', rag: 'red' },
      after: { narrative: 'Waiting list down to 14 weeks', rag: 'red' },
    });
  });

  it('refuses another lead, a contributor who did not write it, and a viewer', async () => {
    for (const agent of [otherLead, contributor, viewer]) {
      const page = (await agent.get(actionPath)).body;
      expect(page).toContain('Waiting list down to 14 weeks');
      expect(page).not.toContain('Correct this update');
      expect((await agent.get(correctPath())).statusCode).toBe(403);
      const posted = await agent.post(correctPath(), {
        version: '2',
        status: 'on_track',
        rag: 'green',
        narrative: 'Not mine to change',
      });
      expect(posted.statusCode).toBe(403);
    }
    expect((await stored()).narrative).toBe('Waiting list down to 14 weeks');
    expect(await corrections()).toHaveLength(1);
  });

  it('refuses a correction without the CSRF token', async () => {
    const posted = await lead.post(
      correctPath(),
      { version: '2', status: 'off_track', rag: 'red', narrative: 'No token' },
      { csrf: false },
    );
    expect(posted.statusCode).toBe(403);
    expect((await stored()).narrative).toBe('Waiting list down to 14 weeks');
  });

  it('lets an admin correct the RAG, and the plan’s roll-up follows at once', async () => {
    expect(await planRollup()).toBe('Red');
    // Asked twice, so the second answer comes from the page cache.
    expect(await planRollup()).toBe('Red');
    expect((await admin.get(actionPath)).body).toContain(`href="${correctPath()}">Correct`);
    const saved = await admin.post(correctPath(), {
      version: '2',
      status: 'on_track',
      rag: 'green',
      narrative: 'Waiting list down to 14 weeks',
    });
    expect(saved.statusCode).toBe(303);
    expect(await actionState()).toEqual({ status: 'on_track', rag: 'green' });
    expect(await planRollup()).toBe('Green');
    expect((await admin.get(actionPath)).body).toContain(`Corrected on ${today} by Alex Admin`);
    const audit = await corrections();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      actor_user_id: seed.adminA.id,
      before: { status: 'off_track', rag: 'red' },
      after: { status: 'on_track', rag: 'green' },
    });
  });

  it('shows both versions when someone else corrected it meanwhile', async () => {
    const stale = await lead.post(correctPath(), {
      version: '2',
      status: 'at_risk',
      rag: 'amber',
      narrative: 'Waiting list down to 15 weeks',
    });
    expect(stale.statusCode).toBe(409);
    const body = decode(stale.body);
    expect(body).toContain('Someone else changed this update while you were editing');
    expect(body).toContain('Waiting list down to 14 weeks');
    expect(body).toContain('Waiting list down to 15 weeks');
    expect(body).toMatch(/On track[\s\S]*At risk/);
    expect(stale.body).toContain(`action="${correctPath()}"`);
    expect(stale.body).toContain('name="version" value="3"');
    expect((await stored()).version).toBe(3);

    // "Save my version" posts the fields again with the fresh version.
    const retried = await lead.post(correctPath(), {
      version: '3',
      status: 'at_risk',
      rag: 'amber',
      narrative: 'Waiting list down to 15 weeks',
    });
    expect(retried.statusCode).toBe(303);
    expect(await stored()).toMatchObject({ rag: 'amber', version: 4 });
    expect(await planRollup()).toBe('Amber');
  });

  it('refuses to correct an update once its round is closed, and says why', async () => {
    await finishRound(t.db, { userId: seed.adminA.id, name: 'Alex Admin' }, seed.tenantA, roundId);
    const page = (await admin.get(actionPath)).body;
    expect(page).not.toContain('Correct this update');
    expect(page).toContain(
      'An update can be corrected while its round is open. Updates in a closed round cannot be changed: they are what the board saw.',
    );
    const form = await admin.get(correctPath());
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('This update cannot be corrected');
    expect(form.body).toContain('March 2026 update is closed.');
    expect(form.body).not.toContain('name="narrative"');
    const posted = await admin.post(correctPath(), {
      version: '4',
      status: 'complete',
      rag: 'green',
      narrative: 'Rewriting history',
    });
    expect(posted.statusCode).toBe(409);
    expect(posted.body).toContain('they are what the board saw');
    expect(await stored()).toMatchObject({
      narrative: 'Waiting list down to 15 weeks',
      version: 4,
    });
    expect(await corrections()).toHaveLength(3);
  });
});
