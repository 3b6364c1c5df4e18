import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { expectSameVerdict } from '../../test/helpers/agreement.js';
import { createToken } from '../account/index.js';

type Detail = {
  id: string;
  version: number;
  actionCount: number;
  rollup: { total: number; complete: number; green: number; red: number };
  coverage: { findingId: string; covered: boolean; actionCount: number }[];
  priorities: {
    id: string;
    title: string;
    includedFrom: { planId: string; inclusionId: string } | null;
    rollup: { total: number; rag: string | null };
    actions: {
      id: string;
      number: string;
      status: string;
      rag: string | null;
      includedFrom: { planId: string; title: string; inclusionId: string } | null;
    }[];
  }[];
};

// Plans inside plans (issue #11): Dudley's WSoA inside its Post Ofsted Action Plan, and
// Cumbria's accelerated progress plan carrying on the unfinished actions of its WSoA.
describe.each(databaseKinds)('plans inside plans on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let tokenB = '';
  let inspectionId = '';
  const weaknesses: string[] = [];
  const wsoa = { id: '', priorities: [] as string[], actions: [] as string[] };
  const poap = { id: '', priority: '' };

  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    as = token,
    slug = seed.a.slug,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${slug}/${url}`,
      headers: { authorization: `Bearer ${as}` },
      ...(payload ? { payload } : {}),
    });
  const json = async <T>(method: 'GET' | 'POST', url: string, payload?: object) => {
    const r = await api(method, url, payload);
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json<T>();
  };
  const detail = (planId: string) => json<Detail>('GET', `plans/${planId}`);
  const inclusionCount = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_inclusions'))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    tokenB = (
      await createToken(t.db, { userId: seed.adminBId, name: 'Bo' }, seed.adminBId, 'admin')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);

    inspectionId = (
      await json<{ id: string }>('POST', 'inspections', {
        framework: '2016',
        kind: 'initial',
        onSiteStart: '2021-06-07',
        publishedOn: '2021-08-02',
        wsoaRequired: true,
      })
    ).id;
    for (let n = 1; n <= 3; n++)
      weaknesses.push(
        (
          await json<{ id: string }>('POST', `inspections/${inspectionId}/findings`, {
            type: 'significant_weakness',
            text: `Weakness ${n} of the local area`,
          })
        ).id,
      );
    wsoa.id = (
      await json<{ id: string }>('POST', 'plans', {
        kind: 'wsoa',
        inspectionId,
        title: 'Written statement of action',
      })
    ).id;
    for (const [i, weakness] of weaknesses.entries()) {
      const priority = await json<{ id: string }>('POST', `plans/${wsoa.id}/priorities`, {
        title: `Answer weakness ${i + 1}`,
        findingIds: [weakness],
      });
      wsoa.priorities.push(priority.id);
      for (const step of ['first', 'second'])
        wsoa.actions.push(
          (
            await json<{ id: string }>('POST', `plans/${wsoa.id}/actions`, {
              priorityId: priority.id,
              title: `The ${step} step on weakness ${i + 1}`,
              category: 'operational',
            })
          ).id,
        );
    }
    poap.id = (
      await json<{ id: string }>('POST', 'plans', {
        kind: 'strategic',
        inspectionId,
        title: 'Post Ofsted Action Plan',
      })
    ).id;
    poap.priority = (
      await json<{ id: string }>('POST', `plans/${poap.id}/priorities`, {
        title: 'Wider improvement',
      })
    ).id;
    await json('POST', `plans/${poap.id}/actions`, {
      priorityId: poap.priority,
      title: 'Refresh the SEND strategy',
      category: 'strategic',
    });
  });
  afterAll(async () => t?.close());

  it('includes the WSoA in the Post Ofsted Action Plan from the page, without JavaScript', async () => {
    const plans = `/p/${seed.a.slug}/plans`;
    const choose = await admin.get(`${plans}/${poap.id}/include`);
    expect(choose.statusCode).toBe(200);
    expect(textOf(choose.body)).toContain('Plan to include from');
    const form = await admin.get(`${plans}/${poap.id}/include?from=${wsoa.id}`);
    expect(textOf(form.body)).toContain('Priority 1: Answer weakness 1');
    expect(textOf(form.body)).toContain('3.2 The second step on weakness 3');

    // Single actions need a priority of this plan to sit under: the form says so, keeping the ticks.
    const missing = await admin.post(`${plans}/${poap.id}/include`, {
      from: wsoa.id,
      actionIds: wsoa.actions[4]!,
    });
    expect(missing.statusCode).toBe(400);
    expect(textOf(missing.body)).toContain('Select the priority of this plan the actions go under');
    expect(missing.body).toMatch(new RegExp(`value="${wsoa.actions[4]}" checked`));

    const saved = await admin.post(`${plans}/${poap.id}/include`, {
      from: wsoa.id,
      priorityIds: [wsoa.priorities[0]!, wsoa.priorities[1]!],
      actionIds: wsoa.actions[4]!,
      hostPriorityId: poap.priority,
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const page = textOf((await admin.get(`${plans}/${poap.id}`)).body);
    expect(page).toContain('Priority 1 of “Written statement of action”: Answer weakness 1');
    expect(page).toContain('3.1 from Written statement of action The first step on weakness 3');
    // The plan page links an included action to its own plan's page.
    expect((await admin.get(`${plans}/${poap.id}`)).body).toContain(
      `href="${plans}/${wsoa.id}/actions/${wsoa.actions[4]}"`,
    );
  });

  it('shows and rolls up an update recorded once in both plans (Dudley)', async () => {
    const recorded = await api('POST', `plans/${wsoa.id}/actions/${wsoa.actions[0]}/updates`, {
      status: 'complete',
      rag: 'green',
      narrative: 'Done and evidenced',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    await api('POST', `plans/${wsoa.id}/actions/${wsoa.actions[4]}/updates`, {
      status: 'off_track',
      rag: 'red',
      narrative: 'Recruitment delayed',
    });
    const [own, including] = [await detail(wsoa.id), await detail(poap.id)];
    expect(own.rollup).toMatchObject({ total: 6, complete: 1 });
    // The POAP: its own action, two whole WSoA priorities (4 actions) and one single action.
    expect(including.actionCount).toBe(6);
    expect(including.rollup).toMatchObject({ total: 6, complete: 1, red: 1 });
    const wider = including.priorities.find((p) => p.id === poap.priority)!;
    expect(wider.actions.map((a) => [a.number, a.includedFrom?.planId ?? null])).toEqual([
      ['1.1', null],
      ['3.1', wsoa.id],
    ]);
    expect(wider.rollup.rag).toBe('red');
    const first = including.priorities.find((p) => p.id === wsoa.priorities[0])!;
    expect(first.includedFrom?.planId).toBe(wsoa.id);
    expect(first.actions[0]).toMatchObject({ id: wsoa.actions[0], status: 'complete' });
    // Coverage counts the included actions against the findings they answer.
    expect(including.coverage).toEqual([]); // a strategic plan answers areas for improvement only
    const sheet = await api('GET', `plans/${poap.id}/actions`);
    expect(sheet.json<{ id: string }[]>().map((a) => a.id)).toContain(wsoa.actions[0]);
    const csv = await admin.get(`/p/${seed.a.slug}/plans/${poap.id}/export.csv`);
    expect(csv.body).toContain('Included from plan');
    expect(csv.body).toContain('The first step on weakness 1');
  });

  it('refuses to delete or move an included action, naming the plans that include it', async () => {
    const gone = await api('DELETE', `plans/${wsoa.id}/actions/${wsoa.actions[1]}`);
    expect(gone.statusCode).toBe(409);
    expect(gone.json<{ message: string }>().message).toBe(
      'This action is included in another plan: “Post Ofsted Action Plan”. It cannot be deleted while that plan includes it: remove it from that plan first.',
    );
    const moved = await api('POST', `plans/${wsoa.id}/actions/${wsoa.actions[4]}/move`, {
      toPriorityId: wsoa.priorities[0],
    });
    expect(moved.statusCode).toBe(409);
    expect(moved.body).toContain('“Post Ofsted Action Plan”');
    const priorityGone = await api('DELETE', `plans/${poap.id}/priorities/${poap.priority}`);
    expect(priorityGone.statusCode).toBe(409);
    // The delete page says the same before offering a button.
    const page = await admin.get(
      `/p/${seed.a.slug}/plans/${wsoa.id}/actions/${wsoa.actions[1]}/delete`,
    );
    expect(textOf(page.body)).toContain('included in another plan: “Post Ofsted Action Plan”');
  });

  it('refuses wrong inclusions on the page and the API alike', async () => {
    const plans = `/p/${seed.a.slug}/plans`;
    const foreignPlan = (
      await api('POST', 'plans', { kind: 'strategic', title: 'Theirs' }, tokenB, seed.b.slug)
    ).json<{ id: string }>();
    const foreignPriority = (
      await api(
        'POST',
        `plans/${foreignPlan.id}/priorities`,
        { title: 'Theirs' },
        tokenB,
        seed.b.slug,
      )
    ).json<{ id: string }>();
    await admin.get(`${plans}/${poap.id}/include?from=${wsoa.id}`);
    await expectSameVerdict({
      page: (bad) => admin.post(`${plans}/${poap.id}/include`, bad),
      api: (bad) => api('POST', `plans/${poap.id}/inclusions`, bad),
      cases: [
        { name: 'nothing', form: {}, json: {}, field: 'actionIds' },
        {
          name: 'another partnership’s priority',
          form: { priorityIds: foreignPriority.id },
          json: { priorityIds: [foreignPriority.id] },
          field: 'priorityIds',
        },
        {
          name: 'a priority already included',
          form: { priorityIds: wsoa.priorities[0]! },
          json: { priorityIds: [wsoa.priorities[0]] },
          field: 'priorityIds',
        },
        {
          name: 'an action of an included priority',
          form: { actionIds: wsoa.actions[1]!, hostPriorityId: poap.priority },
          json: { actionIds: [wsoa.actions[1]], hostPriorityId: poap.priority },
          field: 'actionIds',
        },
      ],
      count: inclusionCount,
    });
  });

  it('takes an inclusion out, leaving the action in its own plan', async () => {
    const before = await detail(poap.id);
    const single = before.priorities
      .find((p) => p.id === poap.priority)!
      .actions.find((a) => a.includedFrom)!;
    const removed = await api(
      'DELETE',
      `plans/${poap.id}/inclusions/${single.includedFrom!.inclusionId}`,
    );
    expect(removed.statusCode).toBe(204);
    expect((await detail(poap.id)).actionCount).toBe(5);
    expect((await detail(wsoa.id)).actionCount).toBe(6);
    // By the page's button too.
    const whole = before.priorities.find((p) => p.id === wsoa.priorities[1])!;
    await admin.get(`/p/${seed.a.slug}/plans/${poap.id}`);
    const byPage = await admin.post(
      `/p/${seed.a.slug}/plans/${poap.id}/inclusions/${whole.includedFrom!.inclusionId}/remove`,
      {},
    );
    expect(byPage.statusCode).toBe(303);
    expect((await detail(poap.id)).actionCount).toBe(3);
  });

  it('carries the unfinished actions of the WSoA into the APP a revisit calls for (Cumbria)', async () => {
    const revisitId = (
      await json<{ id: string }>('POST', 'inspections', {
        framework: '2016',
        kind: 'revisit',
        onSiteStart: '2023-02-06',
        followsInspectionId: inspectionId,
      })
    ).id;
    for (const [i, weakness] of weaknesses.entries())
      await json('POST', `inspections/${revisitId}/findings`, {
        type: 'significant_weakness',
        text: `Weakness ${i + 1} of the local area`,
        judgesFindingId: weakness,
        sufficientProgress: i === 1 ? true : false,
      });
    // Weakness 1's first step is complete: only its second is offered, beside weakness 3's two.
    const form = await admin.get(`/p/${seed.a.slug}/plans/new-app?revisit=${revisitId}`);
    expect(textOf(form.body)).toContain('Unfinished actions to carry on');
    const offered = [
      ...form.body.matchAll(/name="carryActionIds" type="checkbox" value="([^"]+)" checked/g),
    ].map((m) => m[1]);
    expect(offered.sort()).toEqual([wsoa.actions[1], wsoa.actions[4], wsoa.actions[5]].sort());

    // Unticking one on the page form carries the rest.
    const made = await admin.post(`/p/${seed.a.slug}/plans/new-app?revisit=${revisitId}`, {
      revisitId,
      title: 'Accelerated progress plan',
      carryActionIds: [wsoa.actions[1]!, wsoa.actions[4]!],
    });
    expect(made.statusCode, made.body).toBe(303);
    const appId = made.headers.location!.split('/').pop()!;
    const app = await detail(appId);
    expect(app.priorities.map((p) => p.actions.map((a) => a.id))).toEqual([
      [wsoa.actions[1]],
      [wsoa.actions[4]],
    ]);
    // Both weaknesses are answered by the carried actions: the APP can be submitted as it is.
    expect(app.coverage.every((c) => c.covered)).toBe(true);
    const submitted = await api('POST', `plans/${appId}/status`, {
      to: 'submitted',
      version: app.version,
      eventOn: '2023-03-17',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // The version frozen at submission records the carried actions as references.
    const version = await t.db.query<{ snapshot: unknown }>(
      'SELECT snapshot FROM plan_versions WHERE plan_id = $1',
      [appId],
    );
    const snapshot =
      typeof version[0]!.snapshot === 'string'
        ? JSON.parse(version[0]!.snapshot)
        : version[0]!.snapshot;
    expect(snapshot.actions).toEqual([
      expect.objectContaining({
        id: wsoa.actions[1],
        includedFrom: 'Written statement of action',
        underPriority: 1,
      }),
      expect.objectContaining({ id: wsoa.actions[4], underPriority: 2 }),
    ]);
    // One history: the red update recorded on the WSoA's 3.1 makes the APP's priority red.
    expect(app.priorities[1]!.rollup.rag).toBe('red');
    // A round for the APP alone asks for the actions it carried on, and counts their updates.
    const opened = await api('POST', 'rounds', {
      title: 'APP review',
      dueOn: '2099-01-31',
      planIds: [appId],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const roundId = opened.json<{ id: string }>().id;
    const recorded = await api('POST', `plans/${wsoa.id}/actions/${wsoa.actions[1]}/updates`, {
      status: 'on_track',
      rag: 'green',
      narrative: 'Back on track with the APP',
    });
    expect(recorded.json<{ roundTitle: string }>().roundTitle).toBe('APP review');
    const round = (await api('GET', `rounds/${roundId}`)).json<{
      updated: number;
      expected: number;
      actions: { id: string }[];
    }>();
    expect(round.actions.map((a) => a.id).sort()).toEqual(
      [wsoa.actions[1], wsoa.actions[4]].sort(),
    );
    expect([round.updated, round.expected]).toEqual([1, 2]);
    // The API leaves carrying to the default when not asked: a second APP is refused anyway.
    const again = await api('POST', 'plans/accelerated', { revisitId, title: 'Again' });
    expect(again.statusCode).toBe(409);
  });
});
