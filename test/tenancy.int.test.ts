import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from './helpers/agent.js';
import { databaseKinds } from './helpers/databases.js';
import { createTestApp, PASSWORD, seedTwoPartnerships, type TestApp } from './helpers/test-app.js';
import { createOrganisation } from '../src/organisations/index.js';
import { createToken } from '../src/account/index.js';
import { createInspection } from '../src/inspections/index.js';
import { createKeyDate } from '../src/deadlines/index.js';
import { addMitigation, createRisk } from '../src/risks/index.js';
import { generateReport } from '../src/reports/index.js';
import {
  addBoardMember,
  agendaItems,
  createBoard,
  createMeeting,
} from '../src/governance/index.js';
import { listFindings } from '../src/inspections/index.js';
import {
  addAction,
  addMeasure,
  addPriority,
  changePlanStatus,
  createPlan,
  includeInPlan,
} from '../src/plans/index.js';
import { openRound } from '../src/progress/index.js';
import { queueTestEmail } from '../src/platform/email/outbox-service.js';
import { checkCensusUpload, confirmCensus, stageCensus } from '../src/performance/census/index.js';
import { createIndicator } from '../src/performance/indicators/index.js';
import { checkCaseFile, saveCaseSet, summariseCases } from '../src/performance/timeliness/index.js';

// Routes with an id that are scoped to the signed-in person rather than a partnership.
// Personal routes, and the calendar feed, whose secret address names its partnership itself.
const PERSONAL_ROUTES = new Set([
  '/account/tokens/:tokenId/revoke',
  '/invitation/:token',
  '/calendar/:file',
]);

describe.each(databaseKinds)('partnership isolation on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    const actor = { userId: seed.adminBId, name: 'Bea Admin' };
    ids.organisationId = (
      await createOrganisation(t.db, actor, seed.tenantB, { name: 'Southvale ICB', kind: 'icb' })
    ).id;
    ids.userId = seed.adminBId;
    ids.tokenId = (await createToken(t.db, actor, seed.adminBId, 'B token')).id;
    ids.token = 'not-a-real-invitation';
    const inspection = await createInspection(
      t.db,
      actor,
      seed.tenantB,
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
          text: 'Weakness of B',
          sufficientProgress: null,
        },
      ],
    );
    ids.inspectionId = inspection.id;
    ids.findingId = (await listFindings(t.db, seed.tenantB, inspection.id))[0]!.id;
    ids.planId = (
      await createPlan(t.db, actor, seed.tenantB, {
        kind: 'wsoa',
        inspectionId: inspection.id,
        title: 'B plan',
        ownerUserId: null,
      })
    ).id;
    ids.priorityId = (await addPriority(t.db, actor, seed.tenantB, ids.planId, {
      title: 'B priority',
      description: '',
      findingIds: [ids.findingId],
    }))!.id;
    ids.actionId = (await addAction(t.db, actor, seed.tenantB, ids.planId, {
      priorityId: ids.priorityId,
      title: 'B action',
      description: '',
      category: 'strategic',
      leadUserId: null,
      leadOrganisationId: null,
      partnerIds: [],
      startDate: null,
      dueDate: null,
    }))!.id;
    await addMeasure(t.db, actor, seed.tenantB, ids.planId, ids.actionId, {
      text: 'B measure',
      target: null,
      targetDate: null,
    });
    ids.measureId = (
      await t.db.query<{ id: string }>('SELECT id FROM success_measures WHERE action_id = $1', [
        ids.actionId,
      ])
    )[0]!.id;
    ids.roundId = (
      await openRound(t.db, actor, seed.tenantB, {
        title: 'B round',
        openedOn: '2026-01-01',
        dueOn: '2026-01-31',
      })
    ).id;
    ids.updateId = (
      await t.db.query<{ id: string }>(
        `INSERT INTO action_updates (partnership_id, action_id, round_id, status, rag, narrative)
         VALUES ($1, $2, $3, 'on_track', 'green', 'B update') RETURNING id`,
        [seed.b.id, ids.actionId, ids.roundId],
      )
    )[0]!.id;
    // A has a calendar feed, so the control requests to A's "stop the feed" page find one.
    await t.db.query(
      "INSERT INTO calendar_feeds (partnership_id, token_hash) VALUES ($1, 'a-feed-hash')",
      [seed.a.id],
    );
    // A second plan of B including the first one's priority by reference.
    const including = await createPlan(t.db, actor, seed.tenantB, {
      kind: 'strategic',
      inspectionId: null,
      title: 'B strategy',
      ownerUserId: null,
    });
    const included = await includeInPlan({ db: t.db, actor, tenant: seed.tenantB }, including.id, {
      priorityIds: [ids.priorityId],
    });
    expect(included.kind).toBe('ok');
    ids.inclusionId = (
      await t.db.query<{ id: string }>('SELECT id FROM plan_inclusions WHERE plan_id = $1', [
        including.id,
      ])
    )[0]!.id;
    await changePlanStatus(t.db, actor, seed.tenantB, ids.planId, {
      to: 'submitted',
      version: 1,
      note: '',
    });
    ids.indicatorId = (
      await createIndicator(t.db, actor, seed.tenantB, {
        name: 'B indicator',
        code: '',
        definition: '',
        unit: 'percent',
        polarity: 'higher_is_better',
        frequency: 'annual',
        source: '',
        ownerUserId: null,
        green: null,
        amber: null,
        actionIds: [],
        findingIds: [],
      })
    ).id;
    // A revised due date of B's action waiting for an admin: its decision is B's alone.
    ids.changeId = (
      await t.db.query<{ id: string }>(
        `INSERT INTO action_due_date_changes (partnership_id, action_id, from_date, to_date, reason, state)
         VALUES ($1, $2, '2026-03-31', '2026-04-30', 'B reason', 'pending') RETURNING id`,
        [seed.b.id, ids.actionId],
      )
    )[0]!.id;
    ids.number = '1';
    ids.importId = (
      await t.db.query<{ id: string }>(
        `INSERT INTO data_imports (partnership_id, kind, file_name, rows_read)
         VALUES ($1, 'indicator_values', 'b-values.csv', 0) RETURNING id`,
        [seed.b.id],
      )
    )[0]!.id;
    ids.messageId = await queueTestEmail(t.db, actor, seed.tenantB, {
      toAddress: 'bea@southvale.example',
      baseUrl: 'http://localhost',
    });
    const stageCensusOfB = async (censusDate: string) =>
      stageCensus(t.db, actor, seed.tenantB, {
        fileName: 'b.csv',
        label: 'B census',
        censusDate,
        check: await checkCensusUpload(
          t.db,
          seed.tenantB,
          Buffer.from('URN,SEN provision,Primary SEN need\n100001,K,MLD\n100001,N,\n'),
          { fileName: 'b.csv', censusDate },
        ),
      });
    const censusOfB = await confirmCensus(
      t.db,
      actor,
      seed.tenantB,
      await stageCensusOfB('2025-01-16'),
    );
    if (censusOfB.status === 'saved') ids.censusId = censusOfB.censusId;
    ids.pendingId = await stageCensusOfB('2025-10-02');
    const cases = await checkCaseFile(
      Buffer.from('Case reference,Request date\nB-1,06/01/2025\n'),
      {
        fileName: 'b-cases.csv',
        today: '2025-06-30',
      },
    );
    const keyDate = await createKeyDate(
      { db: t.db, actor, tenant: seed.tenantB },
      { title: 'B review', source: 'dfe', dueOn: '2027-01-01' },
    );
    if (keyDate.kind === 'ok') ids.keyDateId = keyDate.value.id;
    const context = { db: t.db, actor, tenant: seed.tenantB };
    const risk = await createRisk(context, {
      title: 'B risk',
      ownerUserId: seed.adminBId,
      planId: ids.planId,
      inherentLikelihood: 3,
      inherentImpact: 3,
      currentLikelihood: 2,
      currentImpact: 2,
    });
    if (risk.kind === 'ok') {
      ids.riskId = risk.value.id;
      const mitigation = await addMitigation(context, risk.value.id, { text: 'B mitigation' });
      if (mitigation.kind === 'ok') ids.mitigationId = mitigation.value.id;
    }
    // Governance: a board of B with a member, a meeting and an agenda item (:itemId).
    const contextB = { db: t.db, actor, tenant: seed.tenantB };
    const board = await createBoard(contextB, { name: 'B board', kind: 'cabinet' });
    if (board.kind === 'ok') ids.boardId = board.value.id;
    const member = await addBoardMember(contextB, ids.boardId!, { name: 'B member' });
    if (member.kind === 'ok') ids.memberId = member.value.id;
    const meeting = await createMeeting(contextB, ids.boardId!, {
      meetsOn: '2027-01-05',
      status: 'planned',
    });
    if (meeting.kind === 'ok') ids.meetingId = meeting.value.id;
    const item = await agendaItems.add(contextB, ids.meetingId!, { title: 'B item' });
    if (item.kind === 'ok') ids.itemId = item.value.id;
    // Reports: a board report of B (:reportId).
    const report = await generateReport(contextB, {
      kind: 'board',
      title: 'B report',
      planIds: [ids.planId],
      periodFrom: '2026-11-01',
      periodTo: '2026-11-30',
      sections: ['summary'],
    });
    if (report.kind === 'ok') ids.reportId = report.value.id;
    ids.setId = (
      await t.db.transaction((tx) =>
        saveCaseSet(tx, actor, seed.tenantB, {
          label: 'B cases',
          fileName: 'b-cases.csv',
          rowsRead: cases.rowsRead,
          cases: cases.cases,
          summary: summariseCases('B cases', cases.cases, cases),
        }),
      )
    ).caseSetId;
  });
  afterAll(async () => t?.close());

  const fill = (url: string, slug: string) =>
    url.replace(':partnership', slug).replace(/:(\w+)/g, (_m, name: string) => {
      if (!ids[name])
        throw new Error(
          `The tenancy test does not know how to fill :${name} in ${url}. Add a record of partnership B for it.`,
        );
      return ids[name]!;
    });

  it('puts every partnership-scoped path under :partnership', () => {
    const routes = t.app.routeTable;
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      if (route.url.startsWith('/p/') || route.url.startsWith('/api/v1/partnerships/'))
        expect(route.url, route.url).toContain(':partnership');
      if (route.url.includes(':') && !route.url.includes(':partnership'))
        expect(PERSONAL_ROUTES, `${route.url} has an id but no :partnership`).toContain(route.url);
    }
  });

  it('answers 404 to a member of A, admin and platform owner, for every page and API path of B', async () => {
    const agent = new Agent(t.app);
    await agent.signIn('alex@northshire.example', PASSWORD);
    const { token } = await createToken(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.adminA.id,
      'A token',
    );
    const scoped = t.app.routeTable.filter((r) => r.url.includes(':partnership'));
    expect(scoped.length).toBeGreaterThan(15);
    for (const route of scoped) {
      const urlB = fill(route.url, seed.b.slug);
      const urlA = fill(route.url, seed.a.slug);
      if (route.url.startsWith('/api/')) {
        const payload =
          route.method === 'GET'
            ? {}
            : { payload: { name: 'Intruder', kind: 'school', version: 1 } };
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: urlB,
          headers: { authorization: `Bearer ${token}` },
          ...payload,
        });
        expect(response.statusCode, `${route.method} ${urlB}`).toBe(404);
        // Control: the same path in A is reachable, so the 404 is tenancy, not a broken URL.
        if (route.method === 'GET' && !/:(?!partnership)\w+/.test(route.url)) {
          expect(
            (
              await t.app.inject({
                method: 'GET',
                url: urlA,
                headers: { authorization: `Bearer ${token}` },
              })
            ).statusCode,
            urlA,
          ).toBe(200);
        }
      } else {
        const response =
          route.method === 'GET'
            ? await agent.get(urlB)
            : await agent.post(urlB, {
                name: 'Intruder',
                kind: 'school',
                role: 'viewer',
                userId: seed.adminA.id,
                version: '1',
              });
        expect(response.statusCode, `${route.method} ${urlB}`).toBe(404);
        if (route.method === 'GET' && !/:(?!partnership)\w+/.test(route.url))
          expect((await agent.get(urlA)).statusCode, urlA).toBe(200);
      }
    }
    const n = (
      await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM organisations WHERE name = 'Intruder'`,
      )
    )[0]!.n;
    expect(n).toBe(0);
    const roleOfB = await t.db.query<{ role: string; disabled_at: Date | null }>(
      'SELECT role, disabled_at FROM memberships WHERE user_id = $1',
      [seed.adminBId],
    );
    expect(roleOfB).toEqual([{ role: 'admin', disabled_at: null }]);
    // B's risk is untouched: not reviewed, closed, changed or deleted, its mitigation still there.
    const riskOfB = await t.db.query<{ title: string; status: string; version: number }>(
      'SELECT title, status, version FROM risks WHERE id = $1',
      [ids.riskId],
    );
    expect(riskOfB).toEqual([{ title: 'B risk', status: 'open', version: 1 }]);
    expect(
      (await t.db.query('SELECT 1 FROM risk_mitigations WHERE id = $1', [ids.mitigationId])).length,
    ).toBe(1);
  });

  it('does not escalate A’s risk to B’s board, nor filter A’s register by it', async () => {
    const agent = new Agent(t.app);
    await agent.signIn('alex@northshire.example', PASSWORD);
    const risks = `/p/${seed.a.slug}/risks`;
    await agent.get(`${risks}/new`);
    const form = {
      title: 'A risk',
      ownerUserId: seed.adminA.id,
      inherentLikelihood: '3',
      inherentImpact: '3',
      currentLikelihood: '2',
      currentImpact: '2',
      escalatedToBoardId: ids.boardId!,
      escalationReason: 'Sent elsewhere',
    };
    const page = await agent.post(`${risks}/new`, form);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#escalatedToBoardId"');
    expect(page.body).not.toContain('B board');
    const { token } = await createToken(
      t.db,
      { userId: seed.adminA.id, name: 'Alex' },
      seed.adminA.id,
      'admin',
    );
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/v1/partnerships/${seed.a.slug}/risks`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        ...form,
        inherentLikelihood: 3,
        inherentImpact: 3,
        currentLikelihood: 2,
        currentImpact: 2,
      },
    });
    expect(api.statusCode).toBe(400);
    expect(api.json<{ message: string }>().message).toBe('Select the board from the list');
    expect(
      await t.db.query(`SELECT 1 FROM risks WHERE escalated_to_board_id = $1`, [ids.boardId]),
    ).toEqual([]);
    // B's board id on A's register is an unknown filter, ignored: no B name shown.
    const list = await agent.get(`${risks}?board=${ids.boardId}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('B board');
  });

  it('does not let one person revoke another’s token', async () => {
    const agent = new Agent(t.app);
    await agent.signIn('alex@northshire.example', PASSWORD);
    await agent.get('/account');
    expect((await agent.post(`/account/tokens/${ids.tokenId}/revoke`)).statusCode).toBe(404);
  });

  it('lets each role of A see A’s pages but only admins change things', async () => {
    for (const role of ['lead', 'contributor', 'viewer', 'forum', 'adviser']) {
      const agent = new Agent(t.app);
      await agent.signIn(`${role}@northshire.example`, PASSWORD);
      expect((await agent.get(`/p/${seed.a.slug}/people`)).statusCode, role).toBe(200);
      expect((await agent.get(`/p/${seed.b.slug}/people`)).statusCode, role).toBe(404);
      expect(
        (
          await agent.post(`/p/${seed.a.slug}/organisations/new`, {
            name: `By ${role}`,
            kind: 'school',
          })
        ).statusCode,
        role,
      ).toBe(403);
      expect(
        (await agent.post(`/p/${seed.a.slug}/people/${seed.people.lead}/disable`)).statusCode,
        role,
      ).toBe(403);
    }
  });
});

describe('account takeover across partnerships', () => {
  it('refuses a set-password link for someone who also belongs to another partnership', async () => {
    const t = await createTestApp('pglite');
    try {
      const seed = await seedTwoPartnerships(t.db);
      // Bea (admin of B) is added to A by A's admin, then A's admin asks for a password link for her.
      const adminA = new Agent(t.app);
      await adminA.signIn('alex@northshire.example', PASSWORD);
      await adminA.get(`/p/${seed.a.slug}/people/new`);
      expect(
        (
          await adminA.post(`/p/${seed.a.slug}/people/new`, {
            name: 'Bea',
            email: 'bea@southvale.example',
            role: 'viewer',
            access: 'invite',
          })
        ).statusCode,
      ).toBe(303);
      const refused = await adminA.post(`/p/${seed.a.slug}/people/${seed.adminBId}/password-link`);
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('also uses Sendboard in another partnership');
      // And the platform owner's account cannot be reset by a co-admin.
      const lead = await t.db.query<{ id: string }>(
        `SELECT id FROM users WHERE email = 'lead@northshire.example'`,
      );
      await t.db.query(`UPDATE memberships SET role = 'admin' WHERE user_id = $1`, [lead[0]!.id]);
      const coAdmin = new Agent(t.app);
      await coAdmin.signIn('lead@northshire.example', PASSWORD);
      await coAdmin.get(`/p/${seed.a.slug}/people`);
      expect(
        (await coAdmin.post(`/p/${seed.a.slug}/people/${seed.adminA.id}/password-link`)).statusCode,
      ).toBe(400);
    } finally {
      await t.close();
    }
  });
});

describe('ids of another partnership sent in forms', () => {
  it('are not stored: a lead, lead organisation, partner or owner from partnership B is refused', async () => {
    const t = await createTestApp('pglite');
    try {
      const seed = await seedTwoPartnerships(t.db);
      const actor = { userId: seed.adminBId, name: 'Bea' };
      const orgOfB = await createOrganisation(t.db, actor, seed.tenantB, {
        name: 'Southvale ICB',
        kind: 'icb',
      });
      const admin = new Agent(t.app);
      await admin.signIn('alex@northshire.example', PASSWORD);
      await admin.get(`/p/${seed.a.slug}/plans/new`);
      // An owner from partnership B is refused with a field error, as the API refuses it.
      const foreignOwner = await admin.post(`/p/${seed.a.slug}/plans/new`, {
        kind: 'strategic',
        title: 'Strategy',
        ownerUserId: seed.adminBId,
      });
      expect(foreignOwner.statusCode).toBe(400);
      expect(foreignOwner.body).toContain('href="#ownerUserId"');
      expect(foreignOwner.body).not.toContain('Bea Admin');
      const plan = await admin.post(`/p/${seed.a.slug}/plans/new`, {
        kind: 'strategic',
        title: 'Strategy',
      });
      const planPath = plan.headers.location!;
      await admin.post(`${planPath}/priorities/new`, { title: 'P1' });
      const priorityId = /id="priority-([0-9a-f-]+)"/.exec((await admin.get(planPath)).body)![1]!;
      const bad = await admin.post(`${planPath}/actions/new`, {
        priorityId,
        title: 'x',
        category: 'strategic',
        leadUserId: 'not-an-id',
      });
      expect(bad.statusCode).toBe(400);
      // A lead from partnership B is not one of A's people who can record updates: refused.
      const foreignLead = await admin.post(`${planPath}/actions/new`, {
        priorityId,
        title: 'Intrusive',
        category: 'strategic',
        leadUserId: seed.adminBId,
      });
      expect(foreignLead.statusCode).toBe(400);
      expect(foreignLead.body).not.toContain('Bea Admin');
      // A lead organisation and partners from partnership B are refused with field errors, as
      // the API refuses them (they used to be dropped silently).
      const foreignOrganisations = await admin.post(`${planPath}/actions/new`, {
        priorityId,
        title: 'Intrusive',
        category: 'strategic',
        leadOrganisationId: orgOfB.id,
        partnerIds: [orgOfB.id],
      });
      expect(foreignOrganisations.statusCode).toBe(400);
      expect(foreignOrganisations.body).toContain('href="#leadOrganisationId"');
      expect(foreignOrganisations.body).toContain('href="#partnerIds"');
      expect(foreignOrganisations.body).not.toContain('Southvale ICB');
      const rows = await t.db.query<{
        lead_user_id: string | null;
        lead_organisation_id: string | null;
        partners: number;
        owner: string | null;
      }>(
        `SELECT a.lead_user_id, a.lead_organisation_id, (SELECT count(*)::int FROM action_partners ap WHERE ap.action_id = a.id) AS partners, p.owner_user_id AS owner
         FROM actions a JOIN plans p ON p.id = a.plan_id WHERE a.title = 'Intrusive'`,
      );
      expect(rows).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
