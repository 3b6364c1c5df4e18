import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { errorFields, expectSameVerdict, type BadInput } from '../../test/helpers/agreement.js';
import { createToken } from '../account/index.js';
import { createPlan } from '../plans/index.js';
import { todayInLondon } from '../platform/web/today.js';
import { addBoardMember, createBoard, createMeeting } from './index.js';

const inDays = (days: number) => {
  const d = new Date(todayInLondon() + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

// Boards, members, meetings and what a meeting records, through the pages and the API.
describe.each(databaseKinds)('governance on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let viewerToken = '';
  const b: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    const actorA = { userId: seed.adminA.id, name: 'Alex' };
    token = (await createToken(t.db, actorA, seed.adminA.id, 'admin')).token;
    viewerToken = (
      await createToken(t.db, { userId: seed.people.viewer!, name: 'V' }, seed.people.viewer!, 'v')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    // Records of partnership B, to be refused when A names them.
    const ctxB = { db: t.db, actor: { userId: seed.adminBId, name: 'Bea' }, tenant: seed.tenantB };
    const boardB = await createBoard(ctxB, { name: 'Southvale board', kind: 'cabinet' });
    if (boardB.kind !== 'ok') throw new Error('no board');
    b.boardId = boardB.value.id;
    const memberB = await addBoardMember(ctxB, b.boardId, { name: 'Cllr B', role: 'Chair' });
    if (memberB.kind === 'ok') b.memberId = memberB.value.id;
    const meetingB = await createMeeting(ctxB, b.boardId, {
      meetsOn: inDays(3),
      status: 'planned',
    });
    if (meetingB.kind === 'ok') b.meetingId = meetingB.value.id;
    b.planId = (
      await createPlan(t.db, { userId: seed.adminBId, name: 'Bea' }, seed.tenantB, {
        kind: 'strategic',
        inspectionId: null,
        title: 'Southvale plan',
        ownerUserId: null,
      })
    ).id;
  }, 180_000);
  afterAll(async () => t?.close());

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const count = (table: string) => async () =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const slug = () => seed.a.slug;

  it('records a board, its members, a meeting and what it decided, and shows them', async () => {
    await admin.get(`/p/${slug()}/boards/new`);
    const made = await admin.post(`/p/${slug()}/boards/new`, {
      name: 'Northshire SEND Improvement Board',
      kind: 'send_board',
      termsOfReference: 'Oversees the written statement of action.',
    });
    expect(made.statusCode).toBe(303);
    const boardPath = made.headers.location!;
    await admin.get(`${boardPath}/members/new`);
    expect(
      (
        await admin.post(`${boardPath}/members/new`, {
          userId: seed.people.lead!,
          role: 'Head of SEND',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await admin.post(`${boardPath}/members/new`, {
          name: 'Cllr Jane Smith',
          role: 'Cabinet member for children',
          chair: 'yes',
        })
      ).statusCode,
    ).toBe(303);
    // A second chair is refused beside the checkbox.
    const twoChairs = await admin.post(`${boardPath}/members/new`, {
      name: 'Another',
      chair: 'yes',
    });
    expect(twoChairs.statusCode).toBe(400);
    expect(errorFields(twoChairs.body)).toEqual(['chair']);
    expect(twoChairs.body).toContain('value="Another"');

    const when = inDays(10);
    const [year, month, day] = when.split('-');
    await admin.get(`${boardPath}/meetings/new`);
    const meeting = await admin.post(`${boardPath}/meetings/new`, {
      'meetsOn-day': day!,
      'meetsOn-month': month!,
      'meetsOn-year': year!,
      startsAt: '14:00',
      place: 'County Hall',
      status: 'planned',
    });
    expect(meeting.statusCode).toBe(303);
    const meetingPath = meeting.headers.location!;
    const plan = await createPlan(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.tenantA, {
      kind: 'strategic',
      inspectionId: null,
      title: 'SEND strategy',
      ownerUserId: null,
    });
    await admin.get(`${meetingPath}/agenda/new`);
    expect(
      (
        await admin.post(`${meetingPath}/agenda/new`, {
          title: 'WSoA progress',
          presenter: 'Head of SEND',
          planId: plan.id,
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await admin.post(`${meetingPath}/decisions/new`, { text: 'Agreed the revised timescale' }))
        .statusCode,
    ).toBe(303);
    const boardJson = JSON.parse(
      (await api('GET', `boards/${boardPath.split('/').at(-1)}`)).body,
    ) as { members: { id: string; name: string; chair: boolean }[]; chairName: string };
    expect(boardJson.chairName).toBe('Cllr Jane Smith');
    const lead = boardJson.members.find((m) => m.name === 'lead person')!;
    const due = inDays(-2).split('-');
    expect(
      (
        await admin.post(`${meetingPath}/follow-ups/new`, {
          text: 'Bring timeliness figures',
          ownerMemberId: lead.id,
          'dueOn-day': due[2]!,
          'dueOn-month': due[1]!,
          'dueOn-year': due[0]!,
        })
      ).statusCode,
    ).toBe(303);

    const page = textOf((await admin.get(meetingPath)).body);
    expect(page).toContain('WSoA progress');
    expect(page).toContain('SEND strategy');
    expect(page).toContain('Agreed the revised timescale');
    expect(page).toMatch(/Bring timeliness figures\s+lead person .* Overdue/);
    const overview = await admin.get(`/p/${slug()}`);
    expect(overview.body).toContain('id="next-meetings"');
    expect(textOf(overview.body)).toContain('Bring timeliness figures');
    expect(textOf((await admin.get(`/p/${slug()}/boards`)).body)).toContain('Cllr Jane Smith');

    // A viewer reads the pages and the API but may not change anything.
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    expect((await viewer.get(meetingPath)).statusCode).toBe(200);
    expect((await viewer.get(meetingPath)).body).not.toContain('Record a decision');
    expect((await viewer.post(`${meetingPath}/decisions/new`, { text: 'x' })).statusCode).toBe(403);
    const viewerPost = await t.app.inject({
      method: 'POST',
      url: `/api/v1/partnerships/${slug()}/boards`,
      headers: { authorization: `Bearer ${viewerToken}` },
      payload: { name: 'x', kind: 'other' },
    });
    expect(viewerPost.statusCode).toBe(403);

    // Deleting: refused while there is history, in the same words on the page and the API.
    const boardId = boardPath.split('/').at(-1)!;
    const refusedPage = await admin.post(`${boardPath}/delete`);
    expect(refusedPage.statusCode).toBe(409);
    expect(textOf(refusedPage.body)).toContain('it has 1 meeting');
    const refusedApi = await api('DELETE', `boards/${boardId}`);
    expect(refusedApi.statusCode).toBe(409);
    expect(refusedApi.body).toContain('it has 1 meeting');
    const meetingId = meetingPath.split('/').at(-1)!;
    expect((await api('DELETE', `meetings/${meetingId}`)).statusCode).toBe(409);
    expect((await admin.post(`${meetingPath}/delete`)).statusCode).toBe(409);
    // The owner of a follow-up stays on the board until it is given to someone else.
    expect((await api('DELETE', `boards/${boardId}/members/${lead.id}`)).statusCode).toBe(409);
  });

  it('answers stale versions with the conflict page and 409', async () => {
    const made = await api('POST', 'boards', { name: 'Cabinet', kind: 'cabinet' });
    expect(made.statusCode).toBe(201);
    const { id } = JSON.parse(made.body) as { id: string };
    await admin.get(`/p/${slug()}/boards/${id}/edit`);
    expect(
      (await api('PUT', `boards/${id}`, { name: 'Cabinet (renamed)', kind: 'cabinet', version: 1 }))
        .statusCode,
    ).toBe(200);
    const stalePage = await admin.post(`/p/${slug()}/boards/${id}/edit`, {
      name: 'My cabinet',
      kind: 'cabinet',
      version: '1',
    });
    expect(stalePage.statusCode).toBe(409);
    expect(textOf(stalePage.body)).toContain('Cabinet (renamed)');
    expect(textOf(stalePage.body)).toContain('My cabinet');
    const staleApi = await api('PUT', `boards/${id}`, { name: 'x', kind: 'cabinet', version: 1 });
    expect(staleApi.statusCode).toBe(409);
    expect(JSON.parse(staleApi.body)).toMatchObject({ currentVersion: 2 });
    // With nothing on it, the board can go.
    expect((await api('DELETE', `boards/${id}`)).statusCode).toBe(204);
  });

  it('changes a meeting, a member and a follow-up, and shows a stale follow-up as a conflict', async () => {
    const board = JSON.parse(
      (
        await api('POST', 'boards', {
          name: 'Health and Wellbeing Board',
          kind: 'health_wellbeing',
        })
      ).body,
    ) as { id: string };
    const member = JSON.parse(
      (await api('POST', `boards/${board.id}/members`, { name: 'Dr Lee', role: 'ICB' })).body,
    ) as { id: string; version: number };
    const changedMember = await api('PUT', `boards/${board.id}/members/${member.id}`, {
      name: 'Dr Lee',
      role: 'Northshire ICB',
      chair: true,
      version: 1,
    });
    expect(changedMember.statusCode).toBe(200);
    expect(JSON.parse(changedMember.body)).toMatchObject({ chair: true, version: 2 });
    const meeting = JSON.parse(
      (await api('POST', `boards/${board.id}/meetings`, { meetsOn: inDays(20), status: 'planned' }))
        .body,
    ) as { id: string };
    const held = await api('PUT', `meetings/${meeting.id}`, {
      meetsOn: inDays(20),
      startsAt: '09:30',
      place: 'Town Hall',
      status: 'cancelled',
      version: 1,
    });
    expect(JSON.parse(held.body)).toMatchObject({ status: 'cancelled', startsAt: '09:30' });
    // A cancelled meeting is not among the next ones on the Overview.
    expect((await admin.get(`/p/${slug()}`)).body).not.toContain(`/meetings/${meeting.id}"`);

    const followUp = JSON.parse(
      (
        await api('POST', `meetings/${meeting.id}/follow-ups`, {
          text: 'Write to the DfE',
          ownerMemberId: member.id,
          dueOn: inDays(3),
        })
      ).body,
    ) as { id: string };
    const editPath = `/p/${slug()}/meetings/${meeting.id}/follow-ups/${followUp.id}/edit`;
    const form = await admin.get(editPath);
    expect(form.body).toContain('Write to the DfE');
    const [year, month, day] = inDays(1).split('-');
    const done = await admin.post(editPath, {
      text: 'Write to the DfE',
      ownerMemberId: member.id,
      'doneOn-day': day!,
      'doneOn-month': month!,
      'doneOn-year': year!,
      version: '1',
    });
    expect(done.statusCode).toBe(303);
    const record = JSON.parse((await api('GET', `meetings/${meeting.id}`)).body) as {
      followUps: { doneOn: string | null; dueOn: string | null; ownerName: string }[];
    };
    expect(record.followUps).toEqual([
      expect.objectContaining({ doneOn: inDays(1), dueOn: null, ownerName: 'Dr Lee' }),
    ]);
    // Done follow-ups leave the Overview's list.
    expect((await admin.get(`/p/${slug()}`)).body).not.toContain('Write to the DfE');
    const stale = await admin.post(editPath, { text: 'Phone the DfE', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('Phone the DfE');
    expect(textOf(stale.body)).toContain('Write to the DfE');
    const staleApi = await api('PUT', `meetings/${meeting.id}/follow-ups/${followUp.id}`, {
      text: 'x',
      version: 1,
    });
    expect(staleApi.statusCode).toBe(409);
    expect(JSON.parse(staleApi.body)).toMatchObject({ currentVersion: 2 });
    // Removed from the page, it goes; then the meeting and the board can go too.
    await admin.get(`/p/${slug()}/meetings/${meeting.id}`);
    expect(
      (await admin.post(`/p/${slug()}/meetings/${meeting.id}/follow-ups/${followUp.id}/remove`))
        .statusCode,
    ).toBe(303);
    expect((await admin.post(`/p/${slug()}/meetings/${meeting.id}/delete`)).statusCode).toBe(303);
    expect((await api('DELETE', `boards/${board.id}`)).statusCode).toBe(204);
  });

  it('refuses another partnership’s boards, meetings, members and plans', async () => {
    expect((await api('GET', `boards/${b.boardId}`)).statusCode).toBe(404);
    expect((await api('GET', `meetings/${b.meetingId}`)).statusCode).toBe(404);
    expect(
      (await api('POST', `boards/${b.boardId}/meetings`, { meetsOn: inDays(1), status: 'planned' }))
        .statusCode,
    ).toBe(404);
    expect((await api('POST', `meetings/${b.meetingId}/decisions`, { text: 'x' })).statusCode).toBe(
      404,
    );
    expect((await admin.get(`/p/${slug()}/meetings/${b.meetingId}`)).statusCode).toBe(404);
    expect((await api('DELETE', `boards/${b.boardId}`)).statusCode).toBe(404);
    const made = JSON.parse(
      (await api('POST', 'boards', { name: 'Scrutiny', kind: 'scrutiny' })).body,
    ) as { id: string };
    const meeting = JSON.parse(
      (await api('POST', `boards/${made.id}/meetings`, { meetsOn: inDays(5), status: 'planned' }))
        .body,
    ) as { id: string };
    const foreignPlan = await api('POST', `meetings/${meeting.id}/agenda`, {
      title: 'x',
      planId: b.planId,
    });
    expect(foreignPlan.statusCode).toBe(400);
    const foreignOwner = await api('POST', `meetings/${meeting.id}/follow-ups`, {
      text: 'x',
      ownerMemberId: b.memberId,
    });
    expect(foreignOwner.statusCode).toBe(400);
    const foreignUser = await api('POST', `boards/${made.id}/members`, { userId: seed.adminBId });
    expect(foreignUser.statusCode).toBe(400);
    expect(await count('board_members')()).toBe(3);
  });

  it('gives the same verdict on bad input from every form and the API', async () => {
    const board = JSON.parse(
      (await api('POST', 'boards', { name: 'Verdicts', kind: 'other' })).body,
    ) as { id: string };
    const meeting = JSON.parse(
      (await api('POST', `boards/${board.id}/meetings`, { meetsOn: inDays(7), status: 'held' }))
        .body,
    ) as { id: string };
    const boardPath = `/p/${slug()}/boards/${board.id}`;
    const meetingPath = `/p/${slug()}/meetings/${meeting.id}`;
    await admin.get(`/p/${slug()}/boards/new`);
    const cases = (list: [string, Record<string, string>, Record<string, unknown>, string][]) =>
      list.map(([name, form, json, field]): BadInput => ({ name, form, json, field }));

    await expectSameVerdict({
      page: (form) => admin.post(`/p/${slug()}/boards/new`, { name: 'B', kind: 'other', ...form }),
      api: (json) => api('POST', 'boards', { name: 'B', kind: 'other', ...json }),
      cases: cases([
        ['empty name', { name: ' ' }, { name: ' ' }, 'name'],
        ['long name', { name: 'x'.repeat(201) }, { name: 'x'.repeat(201) }, 'name'],
        ['unknown kind', { kind: 'club' }, { kind: 'club' }, 'kind'],
      ]),
      count: count('boards'),
    });
    await expectSameVerdict({
      page: (form) => admin.post(`${boardPath}/members/new`, form),
      api: (json) => api('POST', `boards/${board.id}/members`, json),
      cases: cases([
        ['neither person nor name', { role: 'x' }, { role: 'x' }, 'name'],
        [
          'both',
          { userId: seed.people.lead!, name: 'x' },
          { userId: seed.people.lead, name: 'x' },
          'name',
        ],
        ['not an id', { userId: 'nope' }, { userId: 'nope' }, 'userId'],
        [
          'another partnership’s person',
          { userId: seed.adminBId },
          { userId: seed.adminBId },
          'userId',
        ],
        [
          'long role',
          { name: 'x', role: 'x'.repeat(301) },
          { name: 'x', role: 'x'.repeat(301) },
          'role',
        ],
      ]),
      count: count('board_members'),
    });
    await expectSameVerdict({
      page: (form) =>
        admin.post(`${boardPath}/meetings/new`, {
          'meetsOn-day': '1',
          'meetsOn-month': '2',
          'meetsOn-year': '2027',
          status: 'planned',
          ...form,
        }),
      api: (json) =>
        api('POST', `boards/${board.id}/meetings`, {
          meetsOn: '2027-02-01',
          status: 'planned',
          ...json,
        }),
      cases: cases([
        [
          'no date',
          { 'meetsOn-day': '', 'meetsOn-month': '', 'meetsOn-year': '' },
          { meetsOn: null },
          'meetsOn-day',
        ],
        ['not a real date', { 'meetsOn-day': '30' }, { meetsOn: '2027-02-30' }, 'meetsOn-day'],
        ['bad time', { startsAt: '25:00' }, { startsAt: '25:00' }, 'startsAt'],
        ['unknown status', { status: 'postponed' }, { status: 'postponed' }, 'status'],
      ]),
      count: count('board_meetings'),
    });
    await expectSameVerdict({
      page: (form) => admin.post(`${meetingPath}/agenda/new`, { title: 'Item', ...form }),
      api: (json) => api('POST', `meetings/${meeting.id}/agenda`, { title: 'Item', ...json }),
      cases: cases([
        ['empty title', { title: '' }, { title: '' }, 'title'],
        ['another partnership’s plan', { planId: b.planId! }, { planId: b.planId }, 'planId'],
      ]),
      count: count('agenda_items'),
    });
    await expectSameVerdict({
      page: (form) => admin.post(`${meetingPath}/decisions/new`, form),
      api: (json) => api('POST', `meetings/${meeting.id}/decisions`, json),
      cases: cases([
        ['empty', { text: ' ' }, { text: ' ' }, 'text'],
        ['too long', { text: 'x'.repeat(5001) }, { text: 'x'.repeat(5001) }, 'text'],
      ]),
      count: count('board_decisions'),
    });
    await expectSameVerdict({
      page: (form) => admin.post(`${meetingPath}/follow-ups/new`, { text: 'Do it', ...form }),
      api: (json) => api('POST', `meetings/${meeting.id}/follow-ups`, { text: 'Do it', ...json }),
      cases: cases([
        ['empty', { text: '' }, { text: '' }, 'text'],
        [
          'another board’s member',
          { ownerMemberId: b.memberId! },
          { ownerMemberId: b.memberId },
          'ownerMemberId',
        ],
        [
          'not a real due date',
          { 'dueOn-day': '31', 'dueOn-month': '4', 'dueOn-year': '2027' },
          { dueOn: '2027-04-31' },
          'dueOn-day',
        ],
      ]),
      count: count('board_follow_ups'),
    });
    // A form re-shown keeps what was typed.
    const kept = await admin.post(`${meetingPath}/follow-ups/new`, {
      text: 'Keep me',
      'dueOn-day': '31',
      'dueOn-month': '4',
      'dueOn-year': '2027',
    });
    expect(kept.body).toContain('Keep me');
    expect(kept.body).toContain('value="31"');
  });
});
