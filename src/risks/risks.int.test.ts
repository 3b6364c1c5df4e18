import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { errorFields, expectSameVerdict, type BadInput } from '../../test/helpers/agreement.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';

// The risk register (issue #13 item 2): risks rated on the partnership's matrix, reviewed,
// mitigated, closed; a heat map drawn as a table; the same verdicts from the pages and the API.
describe.each(databaseKinds)('the risk register on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let tokenB = '';
  let risks = '';
  const b = { planId: '', riskId: '', boardId: '' };
  let boardId = '';

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const count = async (table = 'risks') =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const riskForm = (extra: Record<string, string> = {}) => ({
    title: 'Assessments overrun 20 weeks',
    ownerUserId: seed.adminA.id,
    inherentLikelihood: '5',
    inherentImpact: '4',
    currentLikelihood: '4',
    currentImpact: '4',
    targetLikelihood: '2',
    targetImpact: '3',
    ...extra,
  });
  const riskJson = (extra: Record<string, unknown> = {}) => ({
    title: 'Tribunal appeals rise',
    ownerUserId: seed.adminA.id,
    inherentLikelihood: 3,
    inherentImpact: 3,
    currentLikelihood: 2,
    currentImpact: 3,
    ...extra,
  });
  /** The heat map's cell for a rating: its count. */
  const cell = (html: string, rating: string) => {
    const match = new RegExp(`data-rating="${rating}">\\s*<span[^>]*>(\\d+)</span>`).exec(html);
    return match ? Number(match[1]) : undefined;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    tokenB = (
      await createToken(t.db, { userId: seed.adminBId, name: 'Bea' }, seed.adminBId, 'admin')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    risks = `/p/${seed.a.slug}/risks`;
    const asB = (url: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/partnerships/${seed.b.slug}/${url}`,
        headers: { authorization: `Bearer ${tokenB}` },
        payload,
      });
    b.planId = (await asB('plans', { kind: 'strategic', title: 'Elsewhere' })).json<{
      id: string;
    }>().id;
    b.riskId = (
      await asB('risks', { ...riskJson(), ownerUserId: seed.adminBId, title: 'B risk' })
    ).json<{ id: string }>().id;
    b.boardId = (await asB('boards', { name: 'Southvale Cabinet', kind: 'cabinet' })).json<{
      id: string;
    }>().id;
    boardId = (
      await api('POST', 'boards', { name: 'SEND Improvement Board', kind: 'send_board' })
    ).json<{ id: string }>().id;
  });
  afterAll(async () => t?.close());

  it('adds a risk from the page and shows it rated on the default 5 × 5 matrix, in the heat map', async () => {
    expect((await admin.get(`${risks}/new`)).statusCode).toBe(200);
    const saved = await admin.post(
      `${risks}/new`,
      riskForm({
        reviewDue: '',
        'reviewDue-day': '1',
        'reviewDue-month': '1',
        'reviewDue-year': '2020',
      }),
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const page = await admin.get(saved.headers.location!);
    expect(textOf(page.body)).toContain('16 (likelihood 4 × impact 4)');
    expect(textOf(page.body)).toContain('Outside tolerance');
    expect(textOf(page.body)).toContain('Review overdue');
    const list = await admin.get(risks);
    expect(list.body).toContain('<caption class="govuk-table__caption govuk-table__caption--m">');
    expect(list.body).toMatch(
      /<th scope="row" class="govuk-table__header">Likelihood 5 – Almost certain<\/th>/,
    );
    expect(cell(list.body, '16')).toBe(1);
    expect(cell(list.body, '25')).toBe(0);
    const overdue = await admin.get(`${risks}/overdue`);
    expect(textOf(overdue.body)).toContain('Assessments overrun 20 weeks');
    // The Overview lists it among the top risks and the reviews overdue.
    const overview = await admin.get(`/p/${seed.a.slug}`);
    const top = /<table class="govuk-table" id="top-risks">[\s\S]*?<\/table>/.exec(
      overview.body,
    )?.[0];
    expect(textOf(top ?? '')).toContain(
      'Assessments overrun 20 weeks Alex Admin 16 Outside tolerance',
    );
    const late = /<table class="govuk-table" id="risks-overdue">[\s\S]*?<\/table>/.exec(
      overview.body,
    )?.[0];
    expect(textOf(late ?? '')).toContain('Risk reviews overdue (1)');
  });

  it('filters the list by status, owner and tolerance', async () => {
    await api('POST', 'risks', riskJson({ ownerUserId: seed.people.lead }));
    const all = textOf((await admin.get(risks)).body);
    expect(all).toContain('Tribunal appeals rise');
    const outside = textOf((await admin.get(`${risks}?tolerance=outside`)).body);
    expect(outside).toContain('Assessments overrun');
    expect(outside).not.toContain('Tribunal appeals rise');
    const byLead = textOf((await admin.get(`${risks}?owner=${seed.people.lead}`)).body);
    expect(byLead).toContain('Tribunal appeals rise');
    expect(byLead).not.toContain('Assessments overrun');
    expect(textOf((await admin.get(`${risks}?status=closed`)).body)).toContain('No risks match');
  });

  it('records a review: the history keeps the rating then, the current rating follows', async () => {
    const [row] = await t.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM risks WHERE title = 'Assessments overrun 20 weeks'`,
    );
    const here = `${risks}/${row!.id}`;
    await admin.get(here);
    const saved = await admin.post(`${here}/reviews`, {
      version: String(row!.version),
      'reviewedOn-day': '3',
      'reviewedOn-month': '3',
      'reviewedOn-year': '2026',
      likelihood: '2',
      impact: '4',
      note: 'Extra educational psychologists in post',
      'nextReviewOn-day': '1',
      'nextReviewOn-month': '6',
      'nextReviewOn-year': '2099',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const page = textOf((await admin.get(here)).body);
    expect(page).toContain('8 (likelihood 2 × impact 4)');
    expect(page).toContain('Extra educational psychologists in post');
    expect(page).not.toContain('Review overdue');
    // The stale version (read before the review) gets the conflict page, nothing saved.
    const stale = await admin.post(`${here}/reviews`, {
      version: String(row!.version),
      'reviewedOn-day': '4',
      'reviewedOn-month': '3',
      'reviewedOn-year': '2026',
      likelihood: '5',
      impact: '5',
    });
    expect(stale.statusCode).toBe(409);
    expect(await count('risk_reviews')).toBe(1);
    const full = (await api('GET', `risks/${row!.id}`)).json<{
      current: { label: string };
      reviews: { rating: { label: string }; note: string }[];
    }>();
    expect(full.current.label).toBe('8');
    expect(full.reviews).toHaveLength(1);
    expect(full.reviews[0]!.rating.label).toBe('8');
  });

  it('changes a risk as of the version read, and shows both versions on a conflict', async () => {
    const [row] = await t.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM risks WHERE title = 'Tribunal appeals rise'`,
    );
    const edit = `${risks}/${row!.id}/edit`;
    expect((await admin.get(edit)).statusCode).toBe(200);
    const saved = await admin.post(edit, {
      ...riskForm({ title: 'Tribunal appeals rise further', version: String(row!.version) }),
      escalatedTo: 'SEND Improvement Board',
      escalationReason: 'Outside tolerance for two months',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const stale = await admin.post(
      edit,
      riskForm({ title: 'Mine', version: String(row!.version) }),
    );
    expect(stale.statusCode).toBe(409);
    expect(textOf(stale.body)).toContain('Tribunal appeals rise further');
    const page = textOf((await admin.get(`${risks}/${row!.id}`)).body);
    expect(page).toContain('SEND Improvement Board');
  });

  it('escalates a risk to one of the partnership’s boards, which lists it and is not deleted', async () => {
    const form = (await admin.get(`${risks}/new`)).body;
    expect(form).toContain(`<option value="${boardId}">SEND Improvement Board</option>`);
    expect(form).not.toContain('Southvale Cabinet');
    const saved = await admin.post(
      `${risks}/new`,
      riskForm({
        title: 'Transport costs overrun',
        escalatedToBoardId: boardId,
        escalationReason: 'Outside tolerance for three months',
        'escalatedOn-day': '2',
        'escalatedOn-month': '3',
        'escalatedOn-year': '2026',
      }),
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const riskId = saved.headers.location!.split('/').pop()!;
    const page = await admin.get(saved.headers.location!);
    expect(page.body).toContain(`href="/p/${seed.a.slug}/boards/${boardId}"`);
    expect(textOf(page.body)).toContain(
      'SEND Improvement Board on 2 March 2026: Outside tolerance for three months',
    );
    // Its audit entry records the board.
    const [entry] = await t.db.query<{ after: { escalatedToBoardId: string } }>(
      `SELECT after FROM audit_log WHERE entity_type = 'risk' AND entity_id = $1 AND action = 'create'`,
      [riskId],
    );
    expect(entry!.after.escalatedToBoardId).toBe(boardId);
    // The API answers the board; another partnership's board is a field error.
    const got = (await api('GET', `risks/${riskId}`)).json<{
      escalatedToBoardId: string;
      escalatedToBoardName: string;
      escalatedTo: string;
      version: number;
    }>();
    expect(got).toMatchObject({
      escalatedToBoardId: boardId,
      escalatedToBoardName: 'SEND Improvement Board',
      escalatedTo: '',
    });
    const foreign = await api('PUT', `risks/${riskId}`, {
      ...riskJson({ title: 'Transport costs overrun', escalationReason: 'x' }),
      escalatedToBoardId: b.boardId,
      version: got.version,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ message: string }>().message).toBe('Select the board from the list');
    // The board page counts it and links to the register filtered to it.
    const board = await admin.get(`/p/${seed.a.slug}/boards/${boardId}`);
    const link = `/p/${seed.a.slug}/risks?board=${boardId}&amp;status=all`;
    expect(board.body).toContain(`href="${link}"`);
    expect(textOf(board.body)).toContain('1 risk is escalated to SEND Improvement Board');
    const listed = textOf((await admin.get(link.replace('&amp;', '&'))).body);
    expect(listed).toContain('Transport costs overrun');
    expect(listed).toContain('Escalated to SEND Improvement Board');
    expect(listed).not.toContain('Assessments overrun');
    // While a risk is escalated to it, the board is not deleted: refused with the reason.
    const refused = await admin.post(`/p/${seed.a.slug}/boards/${boardId}/delete`);
    expect(refused.statusCode).toBe(409);
    expect(textOf(refused.body)).toContain('1 risk is escalated to it');
    expect((await api('DELETE', `boards/${boardId}`)).statusCode).toBe(409);
    expect(await t.db.query('SELECT 1 FROM boards WHERE id = $1', [boardId])).toHaveLength(1);
  });

  it('names another body when it is not one of the boards, and keeps older escalations', async () => {
    const unnamed = await admin.post(
      `${risks}/new`,
      riskForm({ title: 'Named elsewhere', escalatedToBoardId: 'other', escalationReason: 'x' }),
    );
    expect(unnamed.statusCode).toBe(400);
    expect(errorFields(unnamed.body)).toEqual(['escalatedTo']);
    expect(unnamed.body).toContain('<option value="other" selected>');
    const named = await admin.post(
      `${risks}/new`,
      riskForm({
        title: 'Named elsewhere',
        escalatedToBoardId: 'other',
        escalatedTo: 'DfE and NHS England',
        escalationReason: 'Monitoring meeting asked for it',
      }),
    );
    expect(named.statusCode, named.body).toBe(303);
    const [row] = await t.db.query<{ id: string; escalated_to_board_id: string | null }>(
      `SELECT id, escalated_to_board_id FROM risks WHERE title = 'Named elsewhere'`,
    );
    expect(row!.escalated_to_board_id).toBeNull();
    // An escalation recorded as text before reasons were asked for saves unchanged without one.
    await t.db.query(
      `UPDATE risks SET escalated_to = 'Old board', escalation_reason = '' WHERE id = $1`,
      [row!.id],
    );
    const edit = await admin.get(`${risks}/${row!.id}/edit`);
    expect(edit.body).toContain('<option value="other" selected>');
    const [{ version }] = (await t.db.query<{ version: number }>(
      'SELECT version FROM risks WHERE id = $1',
      [row!.id],
    )) as [{ version: number }];
    const kept = await admin.post(`${risks}/${row!.id}/edit`, {
      ...riskForm({ title: 'Named elsewhere', version: String(version) }),
      escalatedToBoardId: 'other',
      escalatedTo: 'Old board',
    });
    expect(kept.statusCode, kept.body).toBe(303);
  });

  it('adds and removes a mitigation, and closes and reopens a risk', async () => {
    const [row] = await t.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM risks WHERE title = 'Tribunal appeals rise further'`,
    );
    const here = `${risks}/${row!.id}`;
    await admin.get(here);
    expect(
      (await admin.post(`${here}/mitigations`, { text: 'Mediation offered early' })).statusCode,
    ).toBe(303);
    expect(textOf((await admin.get(here)).body)).toContain('Mediation offered early');
    const [m] = await t.db.query<{ id: string }>('SELECT id FROM risk_mitigations');
    expect((await admin.post(`${here}/mitigations/${m!.id}/delete`)).statusCode).toBe(303);
    expect(await count('risk_mitigations')).toBe(0);
    const closed = await admin.post(`${here}/status`, {
      to: 'closed',
      version: String(row!.version),
    });
    expect(closed.statusCode).toBe(303);
    expect(textOf((await admin.get(`${risks}?status=closed`)).body)).toContain(
      'Tribunal appeals rise further',
    );
    const reopened = await admin.post(`${here}/status`, {
      to: 'open',
      version: String(row!.version + 1),
    });
    expect(reopened.statusCode).toBe(303);
    const stale = await admin.post(`${here}/status`, {
      to: 'closed',
      version: String(row!.version),
    });
    expect(stale.statusCode).toBe(409);
  });

  it('switches to a letter-by-number matrix: ratings named like D3, the heat map lettered', async () => {
    const settings = `${risks}/settings`;
    expect((await admin.get(settings)).statusCode).toBe(200);
    const saved = await admin.post(settings, {
      kind: 'letter',
      likelihoodLabels: 'Almost impossible\nVery low\nLow\nSignificant\nHigh\nVery high',
      impactLabels: 'Negligible\nMarginal\nCritical\nCatastrophic',
      tolerance: '8',
      version: '0',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    // Likelihood 2 of 6 is E; impact 4 of 4 is 1.
    const list = await admin.get(risks);
    expect(list.body).toMatch(/Likelihood A – Very high/);
    expect(cell(list.body, 'E1')).toBe(1);
    const listed = (await api('GET', 'risks')).json<
      { current: { label: string; score: number } }[]
    >();
    expect(listed.map((r) => r.current.label)).toContain('E1');
    // Shrinking below a rating in use is refused, field by field.
    const shrink = await admin.post(settings, {
      kind: 'letter',
      likelihoodLabels: 'Low\nHigh',
      impactLabels: 'Minor\nMajor',
      tolerance: '2',
      version: '1',
    });
    expect(shrink.statusCode).toBe(400);
    expect(errorFields(shrink.body)).toEqual(['likelihoodLabels', 'impactLabels']);
    // A stale version gets the conflict page.
    const stale = await admin.post(settings, {
      kind: 'score',
      likelihoodLabels: 'a\nb\nc\nd\ne',
      impactLabels: 'a\nb\nc\nd\ne',
      tolerance: '12',
      version: '0',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('answers the API: create, read, change with its version, review and delete', async () => {
    const created = await api('POST', 'risks', riskJson({ title: 'Transport budget overspends' }));
    expect(created.statusCode, created.body).toBe(201);
    const risk = created.json<{ id: string; version: number; current: { label: string } }>();
    expect(risk.current.label).toBe('E2');
    const changed = await api('PUT', `risks/${risk.id}`, {
      ...riskJson({ title: 'Transport', currentImpact: 4 }),
      version: risk.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<{ current: { label: string } }>().current.label).toBe('E1');
    const stale = await api('PUT', `risks/${risk.id}`, { ...riskJson(), version: risk.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ currentVersion: number }>().currentVersion).toBe(risk.version + 1);
    const reviewed = await api('POST', `risks/${risk.id}/reviews`, {
      reviewedOn: '2026-04-01',
      likelihood: 1,
      impact: 1,
      note: 'Contract retendered',
      version: risk.version + 1,
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(reviewed.json<{ current: { label: string } }>().current.label).toBe('F4');
    const mitigation = await api('POST', `risks/${risk.id}/mitigations`, { text: 'Route review' });
    expect(mitigation.statusCode).toBe(201);
    expect((await api('DELETE', `risks/${risk.id}`)).statusCode).toBe(204);
    expect((await api('GET', `risks/${risk.id}`)).statusCode).toBe(404);
    const spec = (await t.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/partnerships/{partnership}/risks',
        '/api/v1/partnerships/{partnership}/risks/{riskId}',
        '/api/v1/partnerships/{partnership}/risks/{riskId}/reviews',
      ]),
    );
  });

  it('refuses another partnership’s ids: its risks, and its plan or people in a risk', async () => {
    expect((await admin.get(`${risks}/${b.riskId}`)).statusCode).toBe(404);
    expect((await api('GET', `risks/${b.riskId}`)).statusCode).toBe(404);
    expect(
      (
        await api('POST', `risks/${b.riskId}/reviews`, {
          reviewedOn: '2026-01-01',
          likelihood: 1,
          impact: 1,
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    const before = await count();
    const foreignPlan = await admin.post(`${risks}/new`, riskForm({ planId: b.planId }));
    expect(foreignPlan.statusCode).toBe(400);
    expect(errorFields(foreignPlan.body)).toEqual(['planId']);
    expect((await api('POST', 'risks', riskJson({ ownerUserId: seed.adminBId }))).statusCode).toBe(
      400,
    );
    expect(await count()).toBe(before);
  });

  it('lets other roles read the register but only admins change it', async () => {
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    expect((await viewer.get(risks)).statusCode).toBe(200);
    expect((await viewer.get(`${risks}/new`)).statusCode).toBe(403);
    expect((await viewer.post(`${risks}/new`, riskForm())).statusCode).toBe(403);
    expect((await viewer.get(`${risks}/settings`)).statusCode).toBe(403);
  });

  it('gives the same verdict on bad input from the risk form and the API', async () => {
    const cases: BadInput[] = [
      {
        name: 'no title',
        form: riskForm({ title: '' }),
        json: riskJson({ title: '' }),
        field: 'title',
      },
      {
        name: 'title too long',
        form: riskForm({ title: 'x'.repeat(201) }),
        json: riskJson({ title: 'x'.repeat(201) }),
        field: 'title',
      },
      {
        name: 'no owner',
        form: riskForm({ ownerUserId: '' }),
        json: riskJson({ ownerUserId: '' }),
        field: 'ownerUserId',
      },
      {
        name: 'no current likelihood',
        form: riskForm({ currentLikelihood: '' }),
        json: riskJson({ currentLikelihood: null }),
        field: 'currentLikelihood',
      },
      // The letter matrix has 6 likelihood levels and 4 impact levels.
      {
        name: 'impact off the matrix',
        form: riskForm({ currentImpact: '5' }),
        json: riskJson({ currentImpact: 5 }),
        field: 'currentImpact',
      },
      {
        name: 'half a target',
        form: riskForm({ targetImpact: '' }),
        json: riskJson({ targetLikelihood: 2 }),
        field: 'targetImpact',
      },
      {
        name: 'not a real review date',
        form: riskForm({ 'reviewDue-day': '31', 'reviewDue-month': '2', 'reviewDue-year': '2027' }),
        json: riskJson({ reviewDue: '2027-02-31' }),
        field: 'reviewDue-day',
      },
      {
        name: 'another partnership’s board',
        form: riskForm({ escalatedToBoardId: b.boardId, escalationReason: 'Outside tolerance' }),
        json: riskJson({ escalatedToBoardId: b.boardId, escalationReason: 'Outside tolerance' }),
        field: 'escalatedToBoardId',
      },
      {
        name: 'escalated without a reason',
        form: riskForm({ escalatedToBoardId: boardId }),
        json: riskJson({ escalatedToBoardId: boardId }),
        field: 'escalationReason',
      },
      {
        name: 'a board and another body',
        form: riskForm({ escalatedToBoardId: boardId, escalatedTo: 'DfE', escalationReason: 'x' }),
        json: riskJson({ escalatedToBoardId: boardId, escalatedTo: 'DfE', escalationReason: 'x' }),
        field: 'escalatedTo',
      },
      {
        name: 'reason too long',
        form: riskForm({ escalationReason: 'x'.repeat(2001) }),
        json: riskJson({ escalationReason: 'x'.repeat(2001) }),
        field: 'escalationReason',
      },
    ];
    await expectSameVerdict({
      page: (form) => admin.post(`${risks}/new`, form),
      api: (json) => api('POST', 'risks', json),
      cases,
      count: () => count(),
    });
  });

  it('gives the same verdict on a bad review, mitigation and matrix', async () => {
    const [row] = await t.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM risks WHERE title = 'Assessments overrun 20 weeks'`,
    );
    const here = `${risks}/${row!.id}`;
    const review = (extra: Record<string, string>) => ({
      version: String(row!.version),
      'reviewedOn-day': '1',
      'reviewedOn-month': '5',
      'reviewedOn-year': '2026',
      likelihood: '2',
      impact: '2',
      ...extra,
    });
    const reviewJson = (extra: Record<string, unknown>) => ({
      version: row!.version,
      reviewedOn: '2026-05-01',
      likelihood: 2,
      impact: 2,
      ...extra,
    });
    await expectSameVerdict({
      page: (form) => admin.post(`${here}/reviews`, form),
      api: (json) => api('POST', `risks/${row!.id}/reviews`, json),
      cases: [
        {
          name: 'no date',
          form: review({ 'reviewedOn-day': '', 'reviewedOn-month': '', 'reviewedOn-year': '' }),
          json: reviewJson({ reviewedOn: null }),
          field: 'reviewedOn-day',
        },
        {
          name: 'no likelihood',
          form: review({ likelihood: '' }),
          json: reviewJson({ likelihood: null }),
          field: 'likelihood',
        },
        {
          name: 'impact off the matrix',
          form: review({ impact: '7' }),
          json: reviewJson({ impact: 7 }),
          field: 'impact',
        },
        {
          name: 'note too long',
          form: review({ note: 'x'.repeat(4001) }),
          json: reviewJson({ note: 'x'.repeat(4001) }),
          field: 'note',
        },
      ],
      count: () => count('risk_reviews'),
    });
    await expectSameVerdict({
      page: (form) => admin.post(`${here}/mitigations`, form),
      api: (json) => api('POST', `risks/${row!.id}/mitigations`, json),
      cases: [
        { name: 'no text', form: { text: '' }, json: { text: '' }, field: 'text' },
        {
          name: 'not an action',
          form: { text: 'x', actionId: 'nope' },
          json: { text: 'x', actionId: 'nope' },
          field: 'actionId',
        },
      ],
      count: () => count('risk_mitigations'),
    });
    const matrix = (extra: Record<string, string>) => ({
      kind: 'score',
      likelihoodLabels: 'a\nb\nc\nd\ne\nf',
      impactLabels: 'a\nb\nc\nd',
      tolerance: '10',
      version: '1',
      ...extra,
    });
    const before = (await admin.get(`${risks}/settings`)).statusCode;
    expect(before).toBe(200);
    for (const [bad, field] of [
      [{ kind: '' }, 'kind'],
      [{ likelihoodLabels: 'only one' }, 'likelihoodLabels'],
      [{ tolerance: 'ten' }, 'tolerance'],
      [{ tolerance: '25' }, 'tolerance'],
    ] as const) {
      const page = await admin.post(`${risks}/settings`, matrix(bad));
      expect(page.statusCode, field).toBe(400);
      expect(errorFields(page.body)).toContain(field);
      // Kept as typed.
      expect(page.body).toContain(matrix(bad).tolerance);
    }
    // Every change above was audited, and the audit log says it in words.
    const audited = await t.db.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_log WHERE entity_type = 'risk' ORDER BY action`,
    );
    expect(audited.map((a) => a.action)).toEqual([
      'add mitigation',
      'close',
      'create',
      'delete',
      'remove mitigation',
      'reopen',
      'review',
      'update',
    ]);
    const log = textOf((await admin.get(`/p/${seed.a.slug}/audit`)).body);
    expect(log).toContain('Alex Admin reviewed risk');
    expect(log).toContain('Alex Admin changed the risk matrix');
    const [saved] = await t.db.query<{ version: number; kind: string }>(
      'SELECT version, kind FROM risk_matrices',
    );
    expect(saved).toEqual({ version: 1, kind: 'letter' });
  });
});
