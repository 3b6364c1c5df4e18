import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { expectSameVerdict, type BadInput } from '../../test/helpers/agreement.js';
import { createToken } from '../account/index.js';

// Cumbria's path (issue #11): a 2016 inspection with nine weaknesses, a revisit that follows it
// and judges each (seven sufficient, two not), an accelerated progress plan answering the two.
describe.each(databaseKinds)('revisits judge the findings they follow on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let tokenB = '';
  let pages = '';
  const initial = { id: '', weaknesses: [] as string[], strength: '' };
  let revisitId = '';
  const judgements: string[] = [];

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
  const count = (table: 'inspections' | 'findings') => async () =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

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
    pages = `/p/${seed.a.slug}/inspections`;

    const created = await api('POST', 'inspections', {
      framework: '2016',
      kind: 'initial',
      onSiteStart: '2021-06-07',
      publishedOn: '2021-08-02',
      wsoaRequired: true,
    });
    initial.id = created.json<{ id: string }>().id;
    for (let n = 1; n <= 9; n++) {
      const finding = await api('POST', `inspections/${initial.id}/findings`, {
        type: 'significant_weakness',
        text: `Weakness ${n} of the local area`,
      });
      initial.weaknesses.push(finding.json<{ id: string }>().id);
    }
    // The WSoA: a priority and an action for each weakness.
    const wsoa = (
      await api('POST', 'plans', {
        kind: 'wsoa',
        inspectionId: initial.id,
        title: 'Written statement of action',
      })
    ).json<{ id: string }>();
    for (const [i, weakness] of initial.weaknesses.entries()) {
      const priority = (
        await api('POST', `plans/${wsoa.id}/priorities`, {
          title: `Priority ${i + 1}`,
          // Weakness 1 is left unanswered here, so deleting it meets the revisit's refusal.
          findingIds: i === 0 ? [] : [weakness],
        })
      ).json<{ id: string }>();
      await api('POST', `plans/${wsoa.id}/actions`, {
        priorityId: priority.id,
        title: `Act on weakness ${i + 1}`,
        category: 'operational',
      });
    }
    initial.strength = (
      await api('POST', `inspections/${initial.id}/findings`, {
        type: 'strength',
        text: 'Leaders know the area well',
      })
    ).json<{ id: string }>().id;
  });
  afterAll(async () => t?.close());

  it('records a revisit that follows the inspection, from the page form', async () => {
    const form = await admin.get(`${pages}/new`);
    expect(form.body).toContain('Inspection it follows');
    expect(form.body).toContain('Local area SEND inspection, June 2021');
    const saved = await admin.post(`${pages}/new`, {
      framework: '2016',
      kind: 'revisit',
      'onSiteStart-day': '6',
      'onSiteStart-month': '2',
      'onSiteStart-year': '2023',
      followsInspectionId: initial.id,
    });
    expect(saved.statusCode).toBe(303);
    revisitId = saved.headers.location!.split('/').pop()!;
    const read = (await api('GET', `inspections/${revisitId}`)).json<{
      followsInspectionId: string;
    }>();
    expect(read.followsInspectionId).toBe(initial.id);
    const page = textOf((await admin.get(`${pages}/${revisitId}`)).body);
    expect(page).toContain(
      'This revisit follows Local area SEND inspection, June 2021 and judges the progress made on its areas of significant weakness.',
    );
    expect(textOf((await admin.get(`${pages}/${initial.id}`)).body)).toContain(
      'Followed by Local area SEND inspection (revisit), February 2023 .',
    );
  });

  it('refuses, on the page and the API alike, what a revisit cannot follow', async () => {
    const other = (
      await api('POST', 'inspections', { framework: '2016', kind: 'initial' }, tokenB, seed.b.slug)
    ).json<{ id: string }>();
    const form = { framework: '2016', kind: 'revisit' };
    const cases: BadInput[] = [
      {
        name: 'an initial inspection following another',
        form: { kind: 'initial', followsInspectionId: initial.id },
        json: { kind: 'initial', followsInspectionId: initial.id },
        field: 'followsInspectionId',
      },
      {
        name: 'another partnership’s inspection',
        form: { followsInspectionId: other.id },
        json: { followsInspectionId: other.id },
        field: 'followsInspectionId',
      },
      {
        name: 'a revisit following a revisit',
        form: { followsInspectionId: revisitId },
        json: { followsInspectionId: revisitId },
        field: 'followsInspectionId',
      },
      {
        name: 'not an id',
        form: { followsInspectionId: 'june' },
        json: { followsInspectionId: 'june' },
        field: 'followsInspectionId',
      },
    ];
    await admin.get(`${pages}/new`);
    await expectSameVerdict({
      page: (bad) => admin.post(`${pages}/new`, { ...form, ...bad }),
      api: (bad) => api('POST', 'inspections', { ...form, ...bad }),
      cases,
      count: count('inspections'),
    });
    const refused = await admin.post(`${pages}/new`, {
      ...form,
      followsInspectionId: revisitId,
    });
    expect(textOf(refused.body)).toContain(
      'A revisit follows a local area SEND inspection (2016 framework), not another revisit',
    );
  });

  it('records each judgement against the finding it judges, and refuses a wrong one', async () => {
    await admin.get(`${pages}/${revisitId}`);
    const good = { type: 'significant_weakness', text: 'Weakness 1 of the local area' };
    await expectSameVerdict({
      page: (bad) => admin.post(`${pages}/${revisitId}/findings`, { ...good, ...bad }),
      api: (bad) => api('POST', `inspections/${revisitId}/findings`, { ...good, ...bad }),
      cases: [
        {
          name: 'a strength, which no revisit judges',
          form: { judgesFindingId: initial.strength },
          json: { judgesFindingId: initial.strength },
          field: 'judgesFindingId',
        },
        {
          name: 'a finding of its own inspection',
          form: { judgesFindingId: revisitId },
          json: { judgesFindingId: revisitId },
          field: 'judgesFindingId',
        },
      ],
      count: count('findings'),
    });
    for (const [i, weakness] of initial.weaknesses.entries()) {
      const sufficient = i < 7;
      const body = {
        type: 'significant_weakness',
        text: `Weakness ${i + 1} of the local area`,
        judgesFindingId: weakness,
        sufficientProgress: sufficient,
        judgementText: sufficient ? 'Leaders have made sufficient progress.' : 'Too slow.',
      };
      // The first by the page form, the rest by the API: both record the same judgement.
      const saved =
        i === 0
          ? await admin.post(`${pages}/${revisitId}/findings`, {
              ...body,
              sufficientProgress: 'yes',
            })
          : await api('POST', `inspections/${revisitId}/findings`, body);
      expect(saved.statusCode, saved.body).toBe(i === 0 ? 303 : 201);
    }
    const rows = await t.db.query<{ id: string; judges_finding_id: string }>(
      'SELECT id, judges_finding_id FROM findings WHERE inspection_id = $1 ORDER BY position',
      [revisitId],
    );
    expect(rows.map((r) => r.judges_finding_id)).toEqual(initial.weaknesses);
    judgements.push(...rows.map((r) => r.id));

    // The original inspection's page shows each weakness's judgement beside it.
    const page = textOf((await admin.get(`${pages}/${initial.id}`)).body);
    expect(
      page.match(/Local area SEND inspection \(revisit\), February 2023 ?: Sufficient progress/g),
    ).toHaveLength(7);
    expect(page).toContain(
      'Local area SEND inspection (revisit), February 2023 : Not sufficient progress Too slow.',
    );
    // The Overview shows each weakness's judgement beside its progress.
    const overview = textOf((await admin.get(`/p/${seed.a.slug}`)).body);
    expect(overview).toContain(
      'Weakness 9 of the local area Local area SEND inspection (revisit), February 2023 : not sufficient progress',
    );
    const revisit = textOf((await admin.get(`${pages}/${revisitId}`)).body);
    expect(revisit).toContain(
      'Judges area of significant weakness: “Weakness 9 of the local area”',
    );
  });

  it('keeps the chain whole: the judged inspection and findings cannot be deleted', async () => {
    const gone = await api('DELETE', `inspections/${initial.id}/findings/${initial.weaknesses[0]}`);
    expect(gone.statusCode).toBe(409);
    expect(gone.body).toContain('A revisit or monitoring inspection judges this finding');
    const changed = await api('PUT', `inspections/${revisitId}`, {
      framework: '2016',
      kind: 'revisit',
      followsInspectionId: null,
      version: 1,
    });
    expect(changed.statusCode).toBe(400);
    expect(changed.body).toContain('judge findings of the inspection it follows');
  });

  it('makes an accelerated progress plan in one step, answering only the weaknesses judged insufficient', async () => {
    const revisitPage = (await admin.get(`${pages}/${revisitId}`)).body;
    expect(textOf(revisitPage)).toContain(
      'Create an accelerated progress plan answering the 2 weaknesses judged not to have made sufficient progress.',
    );
    const appUrl = `/p/${seed.a.slug}/plans/new-app?revisit=${revisitId}`;
    const form = await admin.get(appUrl);
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain(
      'with a priority for each: Weakness 8 of the local area Weakness 9 of the local area',
    );
    // The initial inspection judged nothing: no APP to make from it.
    const none = await api('POST', 'plans/accelerated', { revisitId: initial.id, title: 'APP' });
    expect(none.statusCode).toBe(409);
    const bad = await admin.post(appUrl, {
      revisitId,
      title: '',
      'submitBy-day': '31',
      'submitBy-month': '2',
      'submitBy-year': '2023',
    });
    expect(bad.statusCode).toBe(400);
    // What the browser sends: the unfinished actions the form offers, all ticked.
    const ticked = [
      ...form.body.matchAll(/name="carryActionIds" type="checkbox" value="([^"]+)" checked/g),
    ].map((m) => m[1]!);
    expect(ticked).toHaveLength(2);
    const made = await admin.post(appUrl, {
      revisitId,
      carryActionIds: ticked,
      title: 'Accelerated progress plan',
      'submitBy-day': '20',
      'submitBy-month': '3',
      'submitBy-year': '2023',
    });
    expect(made.statusCode, made.body).toBe(303);
    const planId = made.headers.location!.split('/').pop()!;
    // A second click makes no second plan.
    const again = await api('POST', 'plans/accelerated', { revisitId, title: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(
      'An accelerated progress plan already answers this revisit: “Accelerated progress plan”.',
    );
    // Areas for development are for post-inspection and strategic plans only.
    const wrongKind = await api('POST', 'plans', {
      kind: 'app',
      title: 'APP',
      coversDevelopment: true,
    });
    expect(wrongKind.statusCode).toBe(400);
    const detail = (await api('GET', `plans/${planId}`)).json<{
      kind: string;
      version: number;
      coverage: { findingId: string; covered: boolean }[];
      priorities: {
        id: string;
        title: string;
        actions: { title: string; includedFrom: unknown }[];
      }[];
    }>();
    expect(detail.kind).toBe('app');
    expect(detail.coverage.map((c) => c.findingId)).toEqual(judgements.slice(7));
    expect(detail.priorities.map((p) => p.title)).toEqual([
      'Weakness 8 of the local area',
      'Weakness 9 of the local area',
    ]);
    // The WSoA's unfinished actions on those two weaknesses carry on in the APP by reference.
    expect(detail.priorities.map((p) => p.actions.map((a) => a.title))).toEqual([
      ['Act on weakness 8'],
      ['Act on weakness 9'],
    ]);
    expect(detail.priorities.every((p) => p.actions[0]!.includedFrom !== null)).toBe(true);
    const plan = textOf((await admin.get(`/p/${seed.a.slug}/plans/${planId}`)).body);
    expect(plan).toContain(
      'An accelerated progress plan must answer, with at least one action, every weakness the revisit judged had not made sufficient progress.',
    );
    expect(plan).toContain('Judged not to have made sufficient progress: Too slow.');
    expect(plan).toContain('Accelerated progress plan: submitted to the DfE');

    // An APP with no actions at all (made by hand, carrying nothing) cannot be submitted.
    const bare = (
      await api('POST', 'plans', { kind: 'app', inspectionId: revisitId, title: 'Bare APP' })
    ).json<{ id: string; version: number }>();
    const empty = await api('POST', `plans/${bare.id}/status`, {
      to: 'submitted',
      version: bare.version,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ message: string }>().message).toBe(
      'The plan cannot be submitted without any actions. An accelerated progress plan must answer, with at least one action, every weakness the revisit judged had not made sufficient progress.',
    );
    for (const priority of detail.priorities)
      expect(
        (
          await api('POST', `plans/${planId}/actions`, {
            priorityId: priority.id,
            title: `Act on ${priority.title}`,
            category: 'operational',
          })
        ).statusCode,
      ).toBe(201);
    const current = (await api('GET', `plans/${planId}`)).json<{ version: number }>();
    const submitted = await api('POST', `plans/${planId}/status`, {
      to: 'submitted',
      version: current.version,
      eventOn: '2023-03-17',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    // Its reviews count from the submission, once each, and a review can be recorded as met.
    type Dated = {
      label: string;
      date: string | null;
      status: string;
      keyDateId?: string;
      planId?: string;
      rule: string;
    };
    const dates = (await api('GET', 'dates')).json<Dated[]>();
    const reviews = dates.filter((d) => d.planId === planId && /review/i.test(d.label));
    expect(reviews.map((d) => [d.label, d.date])).toEqual([
      ['6-month review of the accelerated progress plan', '2023-09-17'],
      ['12-month review of the accelerated progress plan', '2024-03-17'],
    ]);
    const met = await api('POST', `key-dates/${reviews[0]!.keyDateId}/met`, {
      version: 1,
      metOn: '2023-09-20',
      metNote: 'Review meeting with the DfE and NHS England: progress accepted',
    });
    expect(met.statusCode, met.body).toBe(200);
    const after = (await api('GET', 'dates')).json<Dated[]>();
    expect(after.find((d) => d.keyDateId === reviews[0]!.keyDateId)!.status).toBe('met');
  });
});
