import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { expectSameVerdict, type BadInput } from '../../test/helpers/agreement.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';

// Dates set by others (issue #11): a date, or a rule counted from an event ("10 working days
// after more detail was requested"), shown among the rule-based dates, met with a note, and in
// the partnership's calendar feed.
describe.each(databaseKinds)('dates set by others on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let otherPlanId = '';
  let dates = '';
  const plan = { id: '', version: 0 };

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const count = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM key_dates'))[0]!.n;
  type Dated = { key: string; label: string; date: string | null; status: string; rule: string };
  const listed = async () => (await api('GET', 'dates')).json<Dated[]>();

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    const tokenB = (
      await createToken(t.db, { userId: seed.adminBId, name: 'Bo' }, seed.adminBId, 'admin')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    dates = `/p/${seed.a.slug}/dates`;

    // A plan with an action, so it can be submitted and then judged.
    const created = (
      await api('POST', 'plans', { kind: 'strategic', title: 'SEND strategy' })
    ).json<{ id: string }>();
    plan.id = created.id;
    const priority = (
      await api('POST', `plans/${plan.id}/priorities`, { title: 'Assessments' })
    ).json<{ id: string }>();
    await api('POST', `plans/${plan.id}/actions`, {
      priorityId: priority.id,
      title: 'Clear the backlog',
      category: 'operational',
    });
    plan.version = (await api('GET', `plans/${plan.id}`)).json<{ version: number }>().version;
    otherPlanId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/partnerships/${seed.b.slug}/plans`,
        headers: { authorization: `Bearer ${tokenB}` },
        payload: { kind: 'strategic', title: 'Elsewhere' },
      })
    ).json<{ id: string }>().id;
  });
  afterAll(async () => t?.close());

  it('adds a date set by the DfE from the page, and lists it among the others', async () => {
    const form = await admin.get(`${dates}/new`);
    expect(form.statusCode).toBe(200);
    const saved = await admin.post(`${dates}/new`, {
      title: 'Accelerated progress plan submitted to the DfE',
      source: 'dfe',
      planId: plan.id,
      when: 'date',
      'dueOn-day': '20',
      'dueOn-month': '3',
      'dueOn-year': '2099',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const page = textOf((await admin.get(dates)).body);
    expect(page).toContain('Accelerated progress plan submitted to the DfE');
    expect(page).toContain('Set by the Department for Education (DfE).');
    const dated = (await listed()).find((d) => d.rule === 'key_date');
    expect(dated).toMatchObject({ date: '2099-03-20', status: 'upcoming' });
    // The plan's page and the Overview show it too.
    expect((await admin.get(`/p/${seed.a.slug}/plans/${plan.id}`)).body).toContain(
      'Accelerated progress plan submitted to the DfE',
    );
    expect((await admin.get(`/p/${seed.a.slug}`)).body).toContain(
      'Accelerated progress plan submitted to the DfE',
    );
  });

  it('refuses the same bad dates on the page and the API', async () => {
    const goodForm = { title: 'Review', source: 'board', when: 'date' };
    const goodJson = { title: 'Review', source: 'board' };
    const cases: BadInput[] = [
      { name: 'no date nor rule', form: {}, json: {}, field: 'dueOn-day' },
      {
        name: 'a rule without its event',
        form: { when: 'rule', ruleCount: '10', ruleUnit: 'working_days' },
        json: { ruleCount: 10, ruleUnit: 'working_days' },
        field: 'ruleEvent',
      },
      {
        name: 'a plan’s event without the plan',
        form: { when: 'rule', ruleCount: '10', ruleUnit: 'working_days', ruleEvent: 'submitted' },
        json: { ruleCount: 10, ruleUnit: 'working_days', ruleEvent: 'submitted' },
        field: 'planId',
      },
      {
        name: 'another partnership’s plan',
        form: { planId: otherPlanId, 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': '2030' },
        json: { planId: otherPlanId, dueOn: '2030-01-01' },
        field: 'planId',
      },
      {
        name: 'a count of nought',
        form: { when: 'rule', ruleCount: '0', ruleUnit: 'days', ruleEvent: 'published' },
        json: { ruleCount: 0, ruleUnit: 'days', ruleEvent: 'published' },
        field: 'ruleCount',
      },
      { name: 'no title', form: { title: ' ' }, json: { title: ' ' }, field: 'title' },
      {
        name: 'unknown source',
        form: { source: 'press' },
        json: { source: 'press' },
        field: 'source',
      },
    ];
    await expectSameVerdict({
      page: (bad) => admin.post(`${dates}/new`, { ...goodForm, ...bad }),
      api: (bad) => api('POST', 'key-dates', { ...goodJson, ...bad }),
      cases,
      count,
    });
    const both = await api('POST', 'key-dates', {
      ...goodJson,
      dueOn: '2030-01-01',
      ruleCount: 10,
      ruleUnit: 'days',
      ruleEvent: 'published',
    });
    expect(both.json<{ message: string }>().message).toBe('Enter a date or a rule, not both');
  });

  it('counts a resubmission from the latest request for more detail', async () => {
    const made = await api('POST', 'key-dates', {
      title: 'Revised plan due',
      source: 'inspectors',
      planId: plan.id,
      ruleCount: 10,
      ruleUnit: 'working_days',
      ruleEvent: 'more_detail_requested',
    });
    expect(made.statusCode, made.body).toBe(201);
    let row = (await listed()).find((d) => d.label === 'Revised plan due')!;
    expect(row).toMatchObject({ date: null, status: 'waiting' });
    expect(textOf((await admin.get(dates)).body)).toContain(
      '10 working days after more detail was requested on the plan: not known until that happens.',
    );

    for (const [to, eventOn] of [
      ['submitted', '2026-11-02'],
      ['more_detail_requested', '2026-11-20'],
    ] as const) {
      const moved = await api('POST', `plans/${plan.id}/status`, {
        to,
        version: plan.version,
        eventOn,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      plan.version = moved.json<{ version: number }>().version;
    }
    row = (await listed()).find((d) => d.label === 'Revised plan due')!;
    // Friday 20 November 2026 + 10 working days = Friday 4 December 2026.
    expect(row.date).toBe('2026-12-04');
  });

  it('records a date as met with a note, and catches a stale change', async () => {
    const row = (await api('GET', 'dates')).json<(Dated & { keyDateId: string })[]>();
    const id = row.find((d) => d.label === 'Revised plan due')!.keyDateId;
    const edit = await admin.get(`${dates}/${id}`);
    expect(edit.statusCode).toBe(200);
    const met = await admin.post(`${dates}/${id}/met`, {
      version: '1',
      'metOn-day': '3',
      'metOn-month': '12',
      'metOn-year': '2026',
      metNote: 'Sent to Ofsted by email',
    });
    expect(met.statusCode, met.body).toBe(303);
    const after = (await listed()).find((d) => d.label === 'Revised plan due')!;
    expect(after.status).toBe('met');
    const stale = await admin.post(`${dates}/${id}/met`, { version: '1', metNote: 'again' });
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('Someone else changed this date');
    // "Save my version" posts what was typed again, the date as its three inputs.
    expect(stale.body).toContain('name="metNote" value="again"');
    expect(stale.body).toContain('name="metOn-day" value=""');
    const staleApi = await api('POST', `key-dates/${id}/met`, { version: 1, metOn: null });
    expect(staleApi.statusCode).toBe(409);
  });

  it('publishes every dated date in a calendar feed whose address an admin can replace', async () => {
    const made = await admin.post(`${dates}/calendar-feed`, {});
    expect(made.statusCode).toBe(200);
    const url = /<code id="feed-url">([^<]+)<\/code>/.exec(made.body)![1]!;
    const path = new URL(url).pathname;
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('SUMMARY:Accelerated progress plan submitted to the DfE');
    expect(feed.body).toContain('DTSTART;VALUE=DATE:20990320');

    await admin.post(`${dates}/calendar-feed`, {});
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/calendar/cal_notarealtokennotarealtoken.ics' }))
        .statusCode,
    ).toBe(404);
  });

  it('stops the calendar feed after asking, so its address answers 404', async () => {
    const made = await admin.post(`${dates}/calendar-feed`, {});
    const path = new URL(/<code id="feed-url">([^<]+)<\/code>/.exec(made.body)![1]!).pathname;
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    expect((await admin.get(dates)).body).toContain(`href="${dates}/calendar-feed/stop"`);

    const confirm = await admin.get(`${dates}/calendar-feed/stop`);
    expect(confirm.statusCode).toBe(200);
    expect(textOf(confirm.body)).toContain('Stop the calendar feed?');
    // A post without the form's token changes nothing.
    const forged = await admin.post(`${dates}/calendar-feed/stop`, {}, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);

    const stopped = await admin.post(`${dates}/calendar-feed/stop`, {});
    expect(stopped.statusCode).toBe(303);
    expect(stopped.headers.location).toBe(`${dates}#calendar`);
    const page = textOf((await admin.get(dates)).body);
    expect(page).toContain('Calendar feed stopped. Its address no longer works.');
    expect(page).toContain('No calendar feed yet.');
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    const audited = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'calendar feed' AND action = 'delete'`,
    );
    expect(audited[0]!.n).toBe(1);
    // Nothing left to stop.
    expect((await admin.get(`${dates}/calendar-feed/stop`)).statusCode).toBe(404);
    expect((await admin.post(`${dates}/calendar-feed/stop`, {})).statusCode).toBe(404);
  });

  it('deletes a date after asking', async () => {
    const id = (await api('GET', 'dates'))
      .json<(Dated & { keyDateId?: string })[]>()
      .find((d) => d.label === 'Revised plan due')!.keyDateId!;
    expect((await admin.get(`${dates}/${id}/delete`)).statusCode).toBe(200);
    expect((await admin.post(`${dates}/${id}/delete`, {})).statusCode).toBe(303);
    expect((await listed()).some((d) => d.label === 'Revised plan due')).toBe(false);
  });

  it('lets a draft plan recorded by mistake go with its dates', async () => {
    const draft = (await api('POST', 'plans', { kind: 'app', title: 'APP by mistake' })).json<{
      id: string;
    }>();
    expect(
      (
        await api('POST', 'key-dates', {
          title: 'APP by mistake: submitted',
          source: 'dfe',
          planId: draft.id,
          dueOn: '2099-01-01',
        })
      ).statusCode,
    ).toBe(201);
    const gone = await admin.post(`/p/${seed.a.slug}/plans/${draft.id}/delete`, {});
    expect(gone.statusCode, gone.body).toBe(303);
    expect((await listed()).some((d) => d.label === 'APP by mistake: submitted')).toBe(false);
  });

  it('orders dates on the same day by their label, as the rule-based dates are', async () => {
    for (const title of ['Zebra crossing review', 'Annual board review']) {
      const made = await api('POST', 'key-dates', { title, source: 'board', dueOn: '2098-06-01' });
      expect(made.statusCode, made.body).toBe(201);
    }
    const sameDay = (await listed()).filter((d) => d.date === '2098-06-01').map((d) => d.label);
    expect(sameDay).toEqual(['Annual board review', 'Zebra crossing review']);
  });
});
