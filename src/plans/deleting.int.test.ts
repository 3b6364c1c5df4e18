import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createInspection } from '../inspections/index.js';

const WEAKNESS = 'Leaders’ understanding of the local area’s effectiveness is weak';
const STRENGTH = 'Early years identification is strong';

describe.each(databaseKinds)('deleting from the web app on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let viewer: Agent;
  let inspectionId = '';
  let weaknessId = '';
  let strengthId = '';
  let planPath = '';
  let priorityId = '';
  let inspectionsPath = '';

  const audits = async (entityType: string, entityId: string) =>
    t.db.query<{ action: string; before: unknown }>(
      `SELECT action, before FROM audit_log WHERE entity_type = $1 AND entity_id = $2 AND action = 'delete'`,
      [entityType, entityId],
    );

  /** A date set by others on a plan or inspection, through the dates page; its id. */
  const addKeyDate = async (title: string, on: { planId: string } | { inspectionId: string }) => {
    const made = await admin.post(`/p/${seed.a.slug}/dates/new`, {
      title,
      source: 'dfe',
      when: 'date',
      'dueOn-day': '20',
      'dueOn-month': '3',
      'dueOn-year': '2099',
      ...on,
    });
    expect(made.statusCode, made.body).toBe(303);
    const rows = await t.db.query<{ id: string }>('SELECT id FROM key_dates WHERE title = $1', [
      title,
    ]);
    return rows[0]!.id;
  };
  const keyDateAudits = async (id: string) =>
    (await audits('key date', id)).map((a) => a.before as { title: string });

  const addAction = async (title: string, extra: Record<string, string> = {}) => {
    const created = await admin.post(`${planPath}/actions/new`, {
      priorityId,
      title,
      category: 'strategic',
      ...extra,
    });
    expect(created.statusCode).toBe(303);
    return created.headers.location!;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    inspectionsPath = `/p/${seed.a.slug}/inspections`;
    inspectionId = (
      await createInspection(
        t.db,
        { userId: seed.adminA.id, name: 'Alex' },
        seed.tenantA,
        {
          framework: '2016',
          kind: 'initial',
          onSiteStart: '2018-03-12',
          onSiteEnd: '2018-03-16',
          publishedOn: '2018-05-10',
          team: '',
          outcome: null,
          wsoaRequired: true,
          outcomeText: '',
        },
        [
          {
            type: 'significant_weakness',
            question: null,
            text: WEAKNESS,
            sufficientProgress: null,
          },
          { type: 'strength', question: 'identify', text: STRENGTH, sufficientProgress: null },
        ],
      )
    ).id;
    const rows = await t.db.query<{ id: string; type: string }>(
      'SELECT id, type FROM findings WHERE inspection_id = $1 ORDER BY position',
      [inspectionId],
    );
    weaknessId = rows.find((r) => r.type === 'significant_weakness')!.id;
    strengthId = rows.find((r) => r.type === 'strength')!.id;
    const plan = await admin.post(`/p/${seed.a.slug}/plans/new`, {
      kind: 'wsoa',
      inspectionId,
      title: 'Northshire WSoA',
    });
    planPath = plan.headers.location!;
    await admin.post(`${planPath}/priorities/new`, {
      title: 'Leadership and governance',
      findingIds: [weaknessId],
    });
    priorityId = /id="priority-([0-9a-f-]+)"/.exec((await admin.get(planPath)).body)![1]!;
  });
  afterAll(async () => t?.close());

  it('asks before deleting an action, says what goes, then deletes it with an audit entry', async () => {
    const first = await addAction('Appoint a designated clinical officer');
    const actionPath = await addAction('Publish the local offer');
    await admin.post(`${actionPath}/measures`, { measureText: 'Local offer visits a month' });
    const page = await admin.get(actionPath);
    expect(page.body).toContain(`href="${actionPath}/delete"`);

    const confirm = await admin.get(`${actionPath}/delete`);
    expect(confirm.statusCode).toBe(200);
    const text = textOf(confirm.body);
    expect(text).toContain('Delete action 1.2?');
    expect(text).toContain('1 success measure');
    expect(text).toContain('the actions after it are renumbered');
    expect(confirm.body).toMatch(/govuk-button--warning[^>]*>\s*Delete action 1.2\s*</);
    expect(confirm.body).toContain(`action="${actionPath}/delete"`);

    const deleted = await admin.post(`${actionPath}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`${planPath}#priority-${priorityId}`);
    const after = await admin.get(planPath);
    expect(textOf(after.body)).toContain('Action 1.2 ‘Publish the local offer’ deleted.');
    expect(after.body).not.toContain('>Publish the local offer</a>');
    const actionId = actionPath.split('/').pop()!;
    expect((await admin.get(actionPath)).statusCode).toBe(404);
    const entries = await audits('action', actionId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.before).toMatchObject({ title: 'Publish the local offer' });
    expect((await admin.get(first)).statusCode).toBe(200);
  });

  it('explains why an action with updates cannot be deleted, with no button', async () => {
    const actionPath = await addAction('Review the SEND strategy');
    expect(
      (
        await admin.post(`${actionPath}/updates`, {
          status: 'on_track',
          rag: 'green',
          narrative: 'Started',
        })
      ).statusCode,
    ).toBe(303);
    const confirm = await admin.get(`${actionPath}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(textOf(confirm.body)).toContain(
      'This action has progress updates, which are kept as its history. It cannot be deleted.',
    );
    expect(confirm.body).not.toContain('govuk-button--warning');
    // Posting anyway (an old tab) is refused with the same reason, and nothing goes.
    const refused = await admin.post(`${actionPath}/delete`);
    expect(refused.statusCode).toBe(409);
    expect(textOf(refused.body)).toContain('This action has progress updates');
    expect((await admin.get(actionPath)).statusCode).toBe(200);
    expect(await audits('action', actionPath.split('/').pop()!)).toHaveLength(0);
  });

  it('refuses a priority with actions, and deletes an empty one with its finding links', async () => {
    const withActions = `${planPath}/priorities/${priorityId}/delete`;
    const edit = await admin.get(`${planPath}/priorities/${priorityId}/edit`);
    expect(edit.body).toContain(`href="${withActions}"`);
    const refused = await admin.get(withActions);
    expect(textOf(refused.body)).toContain(
      'This priority has actions. Delete them or move them to another priority first.',
    );
    expect(refused.body).not.toContain('govuk-button--warning');

    await admin.post(`${planPath}/priorities/new`, {
      title: 'Joint commissioning',
      findingIds: [weaknessId],
    });
    const second = [...(await admin.get(planPath)).body.matchAll(/id="priority-([0-9a-f-]+)"/g)]
      .map((m) => m[1]!)
      .find((id) => id !== priorityId)!;
    const confirm = await admin.get(`${planPath}/priorities/${second}/delete`);
    expect(textOf(confirm.body)).toContain('Delete priority 2?');
    expect(textOf(confirm.body)).toContain('its links to 1 finding');
    const deleted = await admin.post(`${planPath}/priorities/${second}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(planPath);
    expect(textOf((await admin.get(planPath)).body)).toContain(
      'Priority 2 ‘Joint commissioning’ deleted.',
    );
    expect(await audits('priority', second)).toHaveLength(1);
  });

  it('lets only admins in, and refuses a post without the form’s token', async () => {
    const actionPath = await addAction('Train SENCOs');
    const urls = [
      `${actionPath}/delete`,
      `${planPath}/priorities/${priorityId}/delete`,
      `${planPath}/delete`,
      `${inspectionsPath}/${inspectionId}/delete`,
      `${inspectionsPath}/${inspectionId}/findings/${strengthId}/delete`,
    ];
    for (const url of urls) {
      expect((await viewer.get(url)).statusCode).toBe(403);
      expect((await viewer.post(url)).statusCode).toBe(403);
    }
    const page = await viewer.get(actionPath);
    expect(page.body).not.toContain(`${actionPath}/delete`);

    await admin.get(`${actionPath}/delete`);
    expect((await admin.post(`${actionPath}/delete`, {}, { csrf: false })).statusCode).toBe(403);
    expect(
      (await admin.post(`${actionPath}/delete`, {}, { csrf: 'not-the-token' })).statusCode,
    ).toBe(403);
    expect((await admin.get(actionPath)).statusCode).toBe(200);
  });

  it('deletes a finding after asking, and explains why one a priority answers cannot go', async () => {
    const edit = await admin.get(`${inspectionsPath}/${inspectionId}/findings/${weaknessId}/edit`);
    expect(edit.body).toContain(`findings/${weaknessId}/delete`);
    const linked = await admin.get(
      `${inspectionsPath}/${inspectionId}/findings/${weaknessId}/delete`,
    );
    expect(textOf(linked.body)).toContain(
      'This finding is linked to a plan’s priority. Remove it from the priority first.',
    );
    expect(linked.body).not.toContain('govuk-button--warning');

    const path = `${inspectionsPath}/${inspectionId}/findings/${strengthId}/delete`;
    const confirm = await admin.get(path);
    expect(textOf(confirm.body)).toContain('Delete this finding?');
    expect(textOf(confirm.body)).toContain(STRENGTH);
    const deleted = await admin.post(path);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`${inspectionsPath}/${inspectionId}`);
    const show = await admin.get(`${inspectionsPath}/${inspectionId}`);
    expect(textOf(show.body)).toContain('Strength deleted.');
    expect(show.body).not.toContain(STRENGTH);
    expect(await audits('finding', strengthId)).toHaveLength(1);
  });

  it('refuses an inspection a plan uses, and deletes one recorded by mistake', async () => {
    const show = await admin.get(`${inspectionsPath}/${inspectionId}`);
    expect(show.body).toContain(`href="${inspectionsPath}/${inspectionId}/delete"`);
    const used = await admin.get(`${inspectionsPath}/${inspectionId}/delete`);
    expect(textOf(used.body)).toContain(
      'A plan is linked to this inspection. It cannot be deleted.',
    );
    expect(used.body).not.toContain('govuk-button--warning');
    expect((await admin.post(`${inspectionsPath}/${inspectionId}/delete`)).statusCode).toBe(409);

    const created = await admin.post(`${inspectionsPath}/new`, {
      framework: '2023',
      kind: 'monitoring',
      'onSiteStart-day': '12',
      'onSiteStart-month': '5',
      'onSiteStart-year': '2025',
    });
    expect(created.statusCode).toBe(303);
    const mistake = created.headers.location!;
    const mistakeId = mistake.split('/').pop()!;
    const visit = await addKeyDate('Monitoring visit feedback', { inspectionId: mistakeId });
    const confirm = await admin.get(`${mistake}/delete`);
    expect(textOf(confirm.body)).toContain('Area SEND inspection (monitoring), May 2025');
    // The dates set by others that go with it are named before the button.
    expect(textOf(confirm.body)).toContain(
      'These dates set by others will also be deleted: Monitoring visit feedback (20 March 2099)',
    );
    const deleted = await admin.post(`${mistake}/delete`);
    expect(deleted.headers.location).toBe(inspectionsPath);
    expect(textOf((await admin.get(inspectionsPath)).body)).toContain(
      'Area SEND inspection (monitoring), May 2025 deleted.',
    );
    expect(await audits('inspection', mistakeId)).toHaveLength(1);
    expect(await keyDateAudits(visit)).toMatchObject([{ title: 'Monitoring visit feedback' }]);
    expect(await t.db.query('SELECT 1 FROM key_dates WHERE id = $1', [visit])).toHaveLength(0);
  });

  it('deletes an empty draft plan, and refuses one with priorities', async () => {
    const refused = await admin.get(`${planPath}/delete`);
    expect(textOf(refused.body)).toContain('This plan has priorities. Delete them first.');
    expect(refused.body).not.toContain('govuk-button--warning');

    const plan = await admin.post(`/p/${seed.a.slug}/plans/new`, {
      kind: 'strategic',
      title: 'Created by mistake',
    });
    const path = plan.headers.location!;
    expect((await admin.get(path)).body).toContain(`href="${path}/delete"`);
    const planId = path.split('/').pop()!;
    const confirm = await admin.get(`${path}/delete`);
    expect(textOf(confirm.body)).toContain('Delete the plan ‘Created by mistake’?');
    expect(textOf(confirm.body)).toContain('Nothing else is removed with this plan.');
    expect(confirm.body).not.toContain('These dates set by others');

    const submitted = await addKeyDate('Plan submitted to the DfE', { planId });
    const review = await addKeyDate('Board review of the plan', { planId });
    const listed = textOf((await admin.get(`${path}/delete`)).body);
    expect(listed).toContain(
      'These dates set by others will also be deleted: Plan submitted to the DfE (20 March 2099) Board review of the plan (20 March 2099)',
    );
    expect(listed).not.toContain('Nothing else is removed');
    const deleted = await admin.post(`${path}/delete`);
    expect(deleted.headers.location).toBe(`/p/${seed.a.slug}/plans`);
    expect(textOf((await admin.get(`/p/${seed.a.slug}/plans`)).body)).toContain(
      'Plan ‘Created by mistake’ deleted.',
    );
    expect(await audits('plan', planId)).toHaveLength(1);
    // Each date that went with it has its own entry, written with the plan's.
    expect(await keyDateAudits(submitted)).toMatchObject([{ title: 'Plan submitted to the DfE' }]);
    expect(await keyDateAudits(review)).toMatchObject([{ title: 'Board review of the plan' }]);
  });

  it('deletes a measure only through its own plan and action, else 404 with nothing removed', async () => {
    const actionPath = await addAction('Recruit more educational psychologists');
    const otherActionPath = await addAction('Train SENCOs');
    await admin.post(`${actionPath}/measures`, { measureText: 'Psychologists in post' });
    const actionId = actionPath.split('/').pop()!;
    const [measure] = await t.db.query<{ id: string }>(
      'SELECT id::text FROM success_measures WHERE action_id = $1',
      [actionId],
    );
    const otherPlan = await admin.post(`/p/${seed.a.slug}/plans/new`, {
      kind: 'strategic',
      title: 'Another plan',
    });
    const otherPlanPath = otherPlan.headers.location!;
    await admin.get(actionPath);
    for (const wrong of [
      `${otherPlanPath}/actions/${actionId}/measures/${measure!.id}/delete`,
      `${otherActionPath}/measures/${measure!.id}/delete`,
    ]) {
      const response = await admin.post(wrong);
      expect(response.statusCode, wrong).toBe(404);
    }
    expect(
      await t.db.query('SELECT 1 FROM success_measures WHERE id = $1', [measure!.id]),
    ).toHaveLength(1);
    const removed = await admin.post(`${actionPath}/measures/${measure!.id}/delete`);
    expect(removed.statusCode).toBe(303);
    expect(
      await t.db.query('SELECT 1 FROM success_measures WHERE id = $1', [measure!.id]),
    ).toHaveLength(0);
  });
});
