import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import { createTestApp, seedTwoPartnerships, type TestApp } from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';
import { createOrganisation } from '../organisations/index.js';
import { createInspection } from '../inspections/index.js';

const WEAKNESS_1 = 'Leaders’ understanding of the local area’s effectiveness is weak';
const WEAKNESS_2 = 'Parents lack confidence in the local area’s ability to meet needs';

type Json = Record<string, unknown> & { id: string; version: number };

describe.each(databaseKinds)('planning API on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  const tokens: Record<string, string> = {};
  let base = '';
  let organisationId = '';
  let inspectionId = '';
  let planId = '';
  const findings: Json[] = [];
  const priorities: Json[] = [];
  const actions: Json[] = [];

  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    who = 'admin',
  ) =>
    t.app.inject({
      method,
      url: url.startsWith('/') ? url : `${base}/${url}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const inspectionBody = {
    framework: '2016',
    kind: 'initial',
    onSiteStart: '2018-03-12',
    onSiteEnd: '2018-03-16',
    publishedOn: '2018-05-10',
    wsoaRequired: true,
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    base = `/api/v1/partnerships/${seed.a.slug}`;
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    tokens.admin = (await createToken(t.db, actor, seed.adminA.id, 'admin')).token;
    for (const role of ['lead', 'contributor', 'viewer'])
      tokens[role] = (await createToken(t.db, actor, seed.people[role]!, role)).token;
    organisationId = (
      await createOrganisation(t.db, actor, seed.tenantA, { name: 'Northshire ICB', kind: 'icb' })
    ).id;
  });
  afterAll(async () => t?.close());

  it('records an inspection and its findings with the pages’ rules and versions', async () => {
    expect((await api('POST', 'inspections', { framework: '2016' })).statusCode).toBe(400);
    const unknown = await api('POST', 'inspections', { ...inspectionBody, teem: 'typo' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('additional properties');
    const mismatch = await api('POST', 'inspections', { ...inspectionBody, kind: 'full' });
    expect(mismatch.json()).toMatchObject({
      statusCode: 400,
      message: 'A 2016-framework inspection is an inspection or a revisit',
    });
    expect(
      (await api('POST', 'inspections', { ...inspectionBody, onSiteEnd: '2018-02-30' })).statusCode,
    ).toBe(400);
    expect(
      (await api('POST', 'inspections', { ...inspectionBody, onSiteEnd: '2018-03-01' })).json()
        .message,
    ).toBe('The last day on site must be the same as or after the first day');
    expect(
      (await api('POST', 'inspections', { ...inspectionBody, team: 'x'.repeat(2001) })).statusCode,
    ).toBe(400);
    expect((await api('POST', 'inspections', { ...inspectionBody, outcome: 2 })).statusCode).toBe(
      400,
    );
    expect((await api('POST', 'inspections', inspectionBody, 'viewer')).statusCode).toBe(403);
    expect((await api('POST', 'inspections', {}, 'lead')).statusCode).toBe(403);

    const created = await api('POST', 'inspections', inspectionBody);
    expect(created.statusCode).toBe(201);
    const inspection = created.json();
    expect(inspection).toMatchObject({
      title: 'Local area SEND inspection, March 2018',
      onSiteStart: '2018-03-12',
      publishedOn: '2018-05-10',
      wsoaRequired: true,
      outcome: null,
      findingCount: 0,
      version: 1,
    });
    inspectionId = inspection.id;
    expect((await api('GET', 'inspections', undefined, 'viewer')).json()).toHaveLength(1);

    const changed = await api('PUT', `inspections/${inspectionId}`, {
      ...inspectionBody,
      team: 'Lead inspector: A N Other',
      version: 1,
    });
    expect(changed.json()).toMatchObject({ team: 'Lead inspector: A N Other', version: 2 });
    const stale = await api('PUT', `inspections/${inspectionId}`, {
      ...inspectionBody,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    expect((await api('PUT', `inspections/${inspectionId}`, inspectionBody)).statusCode).toBe(400);

    for (const [type, text] of [
      ['significant_weakness', `  ${WEAKNESS_1.replace(/ /g, '\n ')}  `],
      ['significant_weakness', WEAKNESS_2],
      ['strength', 'Early identification is strong'],
    ]) {
      const f = await api('POST', `inspections/${inspectionId}/findings`, { type, text });
      expect(f.statusCode).toBe(201);
      findings.push(f.json());
    }
    expect(findings[0]!.text).toBe(WEAKNESS_1);
    expect(findings.map((f) => f.position)).toEqual([1, 2, 3]);
    expect(
      (await api('POST', `inspections/${inspectionId}/findings`, { type: 'strength', text: ' ' }))
        .statusCode,
    ).toBe(400);
    const fPath = `inspections/${inspectionId}/findings/${findings[2]!.id}`;
    const edited = await api('PUT', fPath, {
      type: 'strength',
      question: 'identify',
      text: 'Early identification of needs is strong',
      version: 1,
    });
    expect(edited.json()).toMatchObject({ question: 'identify', version: 2 });
    expect(
      (await api('PUT', fPath, { type: 'strength', text: 'Old', version: 1 })).json()
        .currentVersion,
    ).toBe(2);
    const list = (await api('GET', `inspections/${inspectionId}/findings`)).json();
    expect(list.map((f: Json) => f.type)).toEqual([
      'significant_weakness',
      'significant_weakness',
      'strength',
    ]);
    expect((await api('GET', `inspections/${inspectionId}`)).json().findingCount).toBe(3);
  });

  it('builds a plan, refuses an uncovered submission with the findings listed, then submits', async () => {
    const foreignInspection = await createInspection(
      t.db,
      { userId: seed.adminBId, name: 'Bea' },
      seed.tenantB,
      {
        framework: '2016',
        kind: 'initial',
        onSiteStart: null,
        onSiteEnd: null,
        publishedOn: null,
        team: '',
        outcome: null,
        wsoaRequired: null,
        outcomeText: '',
      },
    );
    expect(
      (
        await api('POST', 'plans', {
          kind: 'wsoa',
          title: 'X',
          inspectionId: foreignInspection.id,
        })
      ).json().message,
    ).toBe('inspectionId is not an inspection of this partnership');
    expect(
      (await api('POST', 'plans', { kind: 'wsoa', title: 'X', ownerUserId: seed.adminBId })).json()
        .message,
    ).toBe('ownerUserId is not a current member');
    expect((await api('POST', 'plans', { kind: 'wsoa', title: '   ' })).statusCode).toBe(400);
    expect((await api('POST', 'plans', { kind: 'nope', title: 'X' })).statusCode).toBe(400);
    const created = await api('POST', 'plans', {
      kind: 'wsoa',
      title: 'Northshire WSoA',
      inspectionId,
      ownerUserId: seed.adminA.id,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'draft',
      ownerName: 'Alex Admin',
      nextStatuses: ['signed_off', 'submitted'],
    });
    planId = created.json().id;

    expect(
      (
        await api('POST', `plans/${planId}/priorities`, {
          title: 'Wrong',
          findingIds: [foreignInspection.id],
        })
      ).statusCode,
    ).toBe(400);
    const p1 = await api('POST', `plans/${planId}/priorities`, {
      title: 'Leadership and governance',
      findingIds: [findings[0]!.id],
    });
    expect(p1.statusCode).toBe(201);
    expect(p1.json()).toMatchObject({ number: 1, findingIds: [findings[0]!.id] });
    priorities.push(p1.json());

    const actionBody = {
      priorityId: priorities[0]!.id,
      title: 'Appoint a designated clinical officer',
      category: 'strategic',
      leadUserId: seed.people.lead,
      leadOrganisationId: organisationId,
      partnerIds: [organisationId],
      startDate: '2018-09-01',
      dueDate: '2019-01-31',
    };
    expect(
      (
        await api('POST', `plans/${planId}/actions`, { ...actionBody, dueDate: '2018-01-01' })
      ).json().message,
    ).toBe('The due date must be the same as or after the start date');
    expect(
      (await api('POST', `plans/${planId}/actions`, { ...actionBody, leadUserId: seed.adminBId }))
        .statusCode,
    ).toBe(400);
    expect(
      (await api('POST', `plans/${planId}/actions`, { ...actionBody, category: 'misc' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await api('POST', `plans/${planId}/actions`, { ...actionBody, title: 'x'.repeat(501) }))
        .statusCode,
    ).toBe(400);
    const a1 = await api('POST', `plans/${planId}/actions`, actionBody);
    expect(a1.statusCode).toBe(201);
    expect(a1.json()).toMatchObject({
      number: '1.1',
      leadName: 'lead person',
      leadOrganisationName: 'Northshire ICB',
      partners: [{ id: organisationId, name: 'Northshire ICB' }],
      startDate: '2018-09-01',
      dueDate: '2019-01-31',
      status: 'not_started',
      rag: null,
      overdue: true,
      latestUpdate: null,
      version: 1,
    });
    actions.push(a1.json());

    const refused = await api('POST', `plans/${planId}/status`, { to: 'submitted', version: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().uncovered).toEqual([
      { findingId: findings[1]!.id, type: 'significant_weakness', text: WEAKNESS_2 },
    ]);
    expect(refused.json().message).toContain('No action yet for');
    const staleStatus = await api('POST', `plans/${planId}/status`, {
      to: 'signed_off',
      version: 9,
    });
    expect(staleStatus.statusCode).toBe(409);
    expect(staleStatus.json().currentVersion).toBe(1);
    expect(
      (await api('POST', `plans/${planId}/status`, { to: 'closed', version: 1 })).json().uncovered,
    ).toEqual([]);

    const p2 = (
      await api('POST', `plans/${planId}/priorities`, {
        title: 'Co-production',
        findingIds: [findings[1]!.id],
      })
    ).json();
    priorities.push(p2);
    for (const title of ['Co-produce the Local Offer', 'Publish you said, we did']) {
      const a = await api('POST', `plans/${planId}/actions`, {
        priorityId: p2.id,
        title,
        category: 'co_production',
      });
      actions.push(a.json());
    }
    expect(actions.map((a) => a.number)).toEqual(['1.1', '2.1', '2.2']);
    expect((await api('POST', `plans/${planId}/status`, {}, 'viewer')).statusCode).toBe(403);
    const submitted = await api('POST', `plans/${planId}/status`, {
      to: 'submitted',
      version: 1,
      note: 'Sent to Ofsted',
      eventOn: '2018-08-20',
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      frozenVersion: 1,
      version: 2,
      nextStatuses: ['fit_for_purpose', 'more_detail_requested'],
    });

    const detail = (await api('GET', `plans/${planId}`, undefined, 'viewer')).json();
    expect(detail.priorities.map((p: { number: number }) => p.number)).toEqual([1, 2]);
    expect(detail.priorities[1].actions.map((a: { number: string }) => a.number)).toEqual([
      '2.1',
      '2.2',
    ]);
    expect(detail.coverage.every((c: { covered: boolean }) => c.covered)).toBe(true);
    expect(detail.rollup).toMatchObject({ total: 3, overdue: 1, rag: 'amber' });
    expect(detail.versions).toEqual([
      expect.objectContaining({ number: 1, event: 'submitted', eventOn: '2018-08-20' }),
    ]);
    expect((await api('GET', 'plans')).json()).toEqual([
      expect.objectContaining({ id: planId, actionCount: 3 }),
    ]);
  });

  it('changes priorities and actions with versions, and moves actions', async () => {
    const pPath = `plans/${planId}/priorities/${priorities[0]!.id}`;
    const changed = await api('PUT', pPath, {
      title: 'Leadership, governance and accountability',
      findingIds: [findings[0]!.id],
      version: 1,
    });
    expect(changed.json()).toMatchObject({ version: 2, findingIds: [findings[0]!.id] });
    expect((await api('PUT', pPath, { title: 'Old', version: 1 })).statusCode).toBe(409);

    const aPath = `plans/${planId}/actions/${actions[0]!.id}`;
    const body = {
      priorityId: priorities[0]!.id,
      title: 'Appoint a DCO by January',
      category: 'strategic',
      leadUserId: seed.people.lead,
      dueDate: '2099-01-31',
      // A set due date changing needs its reason (slippage kept).
      dueDateReason: 'The post is being re-advertised',
    };
    const saved = await api('PUT', aPath, { ...body, version: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      title: 'Appoint a DCO by January',
      partners: [],
      startDate: null,
      overdue: false,
      version: 2,
    });
    const stale = await api('PUT', aPath, { ...body, title: 'Mine', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    expect((await api('PUT', aPath, { ...body, version: 2 }, 'contributor')).statusCode).toBe(403);

    const moved = await api('POST', `plans/${planId}/actions/${actions[2]!.id}/move`, {
      direction: 'up',
    });
    expect(moved.json().number).toBe('2.1');
    expect(
      (await api('POST', `plans/${planId}/actions/${actions[2]!.id}/move`, {})).statusCode,
    ).toBe(400);
    expect(
      (
        await api('POST', `plans/${planId}/actions/${actions[2]!.id}/move`, {
          toPriorityId: findings[0]!.id,
        })
      ).statusCode,
    ).toBe(400);
    const list = (await api('GET', `plans/${planId}/actions`)).json();
    expect(list.map((a: { number: string; title: string }) => `${a.number} ${a.title}`)).toEqual([
      '1.1 Appoint a DCO by January',
      '2.1 Publish you said, we did',
      '2.2 Co-produce the Local Offer',
    ]);
  });

  it('lets admins, contributors and an action’s own lead record updates, and nobody else', async () => {
    const own = `plans/${planId}/actions/${actions[0]!.id}`;
    const other = `plans/${planId}/actions/${actions[1]!.id}`;
    const withMeasure = await api('POST', `${own}/measures`, {
      text: 'Families rating the service good',
      target: 65,
      targetDate: '2099-03-31',
    });
    expect(withMeasure.statusCode).toBe(201);
    const measureId = withMeasure.json().measures[0].id;
    expect(withMeasure.json().measures[0]).toMatchObject({ target: 65, targetDate: '2099-03-31' });

    const update = { status: 'off_track', rag: 'red', narrative: 'Recruitment failed twice' };
    expect((await api('POST', `${own}/updates`, update, 'viewer')).statusCode).toBe(403);
    expect((await api('POST', `${other}/updates`, update, 'lead')).statusCode).toBe(403);
    expect(
      (await api('POST', `${own}/updates`, { ...update, rag: 'purple' }, 'lead')).statusCode,
    ).toBe(400);
    expect(
      (await api('POST', `${own}/updates`, { ...update, measureValue: 58 }, 'lead')).json().message,
    ).toBe('Give the measureId of the success measure the figure is for');
    expect(
      (
        await api(
          'POST',
          `${own}/updates`,
          { ...update, measureId: organisationId, measureValue: 58 },
          'lead',
        )
      ).statusCode,
    ).toBe(400);
    const recorded = await api(
      'POST',
      `${own}/updates`,
      { ...update, measureId, measureValue: 58.5 },
      'lead',
    );
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      status: 'off_track',
      rag: 'red',
      narrative: 'Recruitment failed twice',
      measureText: 'Families rating the service good',
      measureValue: 58.5,
      authorName: 'lead person',
      roundTitle: null,
    });
    expect(
      (
        await api(
          'POST',
          `${other}/updates`,
          { status: 'on_track', rag: 'green', narrative: 'Agreed' },
          'contributor',
        )
      ).statusCode,
    ).toBe(201);
    const action = (await api('GET', own, undefined, 'viewer')).json();
    expect(action).toMatchObject({
      status: 'off_track',
      rag: 'red',
      updateCount: 1,
      latestUpdate: { narrative: 'Recruitment failed twice', authorName: 'lead person' },
      latestFigure: { value: 58.5, measure: 'Families rating the service good' },
    });
    expect((await api('GET', `${own}/updates`, undefined, 'viewer')).json()).toHaveLength(1);
    // Removing the measure keeps the figure the lead reported.
    expect(
      (await api('DELETE', `${own}/measures/${measureId}`, undefined, 'lead')).statusCode,
    ).toBe(403);
    expect((await api('DELETE', `${own}/measures/${measureId}`)).statusCode).toBe(204);
    expect((await api('DELETE', `${own}/measures/${measureId}`)).statusCode).toBe(404);
    expect((await api('GET', `${own}/updates`)).json()[0].measureValue).toBe(58.5);
  });

  it('opens and closes update rounds', async () => {
    expect(
      (await api('POST', 'rounds', { title: 'March', dueOn: '2020-01-01' })).json().message,
    ).toBe('The date updates are due must be today or in the future');
    expect(
      (await api('POST', 'rounds', { title: 'March', dueOn: '2099-01-01' }, 'lead')).statusCode,
    ).toBe(403);
    const opened = await api('POST', 'rounds', { title: 'March update', dueOn: '2099-03-31' });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ open: true, closedAt: null, dueOn: '2099-03-31' });
    const roundId = opened.json().id;
    // One round at a time: a second is refused while this one is open.
    const second = await api('POST', 'rounds', { title: 'April update', dueOn: '2099-04-30' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe(
      'March update is open for every plan. Close it before you open another round',
    );
    // An admin can move the open round's due date; the change is audited.
    expect(
      (await api('PATCH', `rounds/${roundId}`, { dueOn: '2099-04-07', version: 1 }, 'contributor'))
        .statusCode,
    ).toBe(403);
    expect(
      (await api('PATCH', `rounds/${roundId}`, { dueOn: '2020-04-07', version: 1 })).statusCode,
    ).toBe(400);
    // The version read must come back: the last write does not silently win.
    const unversioned = await api('PATCH', `rounds/${roundId}`, { dueOn: '2099-04-07' });
    expect(unversioned.statusCode).toBe(400);
    expect(unversioned.json().message).toMatch(/version/i);
    const moved = await api('PATCH', `rounds/${roundId}`, { dueOn: '2099-04-07', version: 1 });
    expect(moved.json()).toMatchObject({ dueOn: '2099-04-07', open: true, version: 2 });
    const stale = await api('PATCH', `rounds/${roundId}`, { dueOn: '2099-04-14', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    expect((await api('GET', `rounds/${roundId}`)).json()).toMatchObject({
      dueOn: '2099-04-07',
      version: 2,
    });
    const [audit] = await t.db.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE entity_type = 'update round' AND action = 'update' AND entity_id = $1`,
      [roundId],
    );
    expect(audit).toMatchObject({
      before: { dueOn: '2099-03-31' },
      after: { dueOn: '2099-04-07' },
    });
    // Status and RAG must agree.
    const clash = await api(
      'POST',
      `plans/${planId}/actions/${actions[0]!.id}/updates`,
      { status: 'at_risk', rag: 'green', narrative: 'Second attempt under way' },
      'lead',
    );
    expect(clash.statusCode).toBe(400);
    expect(clash.json().message).toBe(
      'An action that is at risk is rated amber: choose amber, or change the status',
    );
    await api(
      'POST',
      `plans/${planId}/actions/${actions[0]!.id}/updates`,
      { status: 'at_risk', rag: 'amber', narrative: 'Second attempt under way' },
      'lead',
    );
    const detail = (await api('GET', `rounds/${roundId}`, undefined, 'viewer')).json();
    expect(detail).toMatchObject({ updated: 1, expected: 3 });
    expect(
      detail.actions.filter((a: { updatedInRound: boolean }) => a.updatedInRound)[0].title,
    ).toBe('Appoint a DCO by January');
    expect((await api('GET', 'rounds')).json()).toHaveLength(1);
    const closed = await api('POST', `rounds/${roundId}/close`);
    expect(closed.json()).toMatchObject({ open: false });
    expect((await api('POST', `rounds/${roundId}/close`)).statusCode).toBe(409);
    expect(
      (await api('PATCH', `rounds/${roundId}`, { dueOn: '2099-05-01', version: 3 })).statusCode,
    ).toBe(409);
    // Names are unique whatever their case; another name opens now the first is closed.
    const duplicate = await api('POST', 'rounds', { title: 'MARCH UPDATE', dueOn: '2099-04-30' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().message).toBe(
      'There is already a round called MARCH UPDATE. Give this round a different name',
    );
    const april = await api('POST', 'rounds', { title: 'April update', dueOn: '2099-04-30' });
    expect(april.statusCode).toBe(201);
    expect((await api('POST', `rounds/${april.json().id}/close`)).statusCode).toBe(200);
  });

  it('deletes only what nothing depends on', async () => {
    const linked = await api('DELETE', `inspections/${inspectionId}/findings/${findings[0]!.id}`);
    expect(linked.statusCode).toBe(409);
    expect(linked.json()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringContaining('priority'),
    });
    expect((await api('DELETE', `inspections/${inspectionId}`)).statusCode).toBe(409);
    expect(
      (await api('DELETE', `plans/${planId}/priorities/${priorities[0]!.id}`)).statusCode,
    ).toBe(409);
    expect((await api('DELETE', `plans/${planId}`)).statusCode).toBe(409);
    expect((await api('DELETE', `plans/${planId}/actions/${actions[0]!.id}`)).statusCode).toBe(409);
    expect(
      (await api('DELETE', `inspections/${inspectionId}/findings/${findings[2]!.id}`)).statusCode,
    ).toBe(204);

    const draft = (await api('POST', 'plans', { kind: 'strategic', title: 'Scratch' })).json();
    const p = (await api('POST', `plans/${draft.id}/priorities`, { title: 'One' })).json();
    const p2 = (await api('POST', `plans/${draft.id}/priorities`, { title: 'Two' })).json();
    const a = (
      await api('POST', `plans/${draft.id}/actions`, {
        priorityId: p2.id,
        title: 'Only',
        category: 'operational',
      })
    ).json();
    expect((await api('DELETE', `plans/${draft.id}/priorities/${p2.id}`)).statusCode).toBe(409);
    expect(
      (await api('DELETE', `plans/${draft.id}/actions/${a.id}`, undefined, 'viewer')).statusCode,
    ).toBe(403);
    expect((await api('DELETE', `plans/${draft.id}/actions/${a.id}`)).statusCode).toBe(204);
    expect((await api('DELETE', `plans/${draft.id}/priorities/${p.id}`)).statusCode).toBe(204);
    expect((await api('GET', `plans/${draft.id}`)).json().priorities).toEqual([
      expect.objectContaining({ id: p2.id, number: 1 }),
    ]);
    expect((await api('DELETE', `plans/${draft.id}/priorities/${p2.id}`)).statusCode).toBe(204);
    expect((await api('DELETE', `plans/${draft.id}`)).statusCode).toBe(204);
    expect((await api('GET', `plans/${draft.id}`)).statusCode).toBe(404);

    const empty = (await api('POST', 'inspections', inspectionBody)).json();
    expect((await api('DELETE', `inspections/${empty.id}`)).statusCode).toBe(204);
    expect((await api('DELETE', `inspections/${empty.id}`)).statusCode).toBe(404);
    const missing = randomUUID();
    for (const url of [
      `plans/${missing}`,
      `plans/${planId}/priorities/${missing}`,
      `plans/${planId}/actions/${missing}`,
      `plans/${planId}/actions/${actions[0]!.id}/measures/${missing}`,
      `inspections/${inspectionId}/findings/${missing}`,
    ]) {
      const response = await api('DELETE', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error).toBe('Not Found');
    }
    const audit = await t.db.query<{ entity_type: string }>(
      `SELECT entity_type FROM audit_log WHERE action = 'delete' ORDER BY id`,
    );
    expect(audit.map((r) => r.entity_type)).toEqual([
      'success measure',
      'finding',
      'action',
      'priority',
      'priority',
      'plan',
      'inspection',
    ]);
  });

  it('answers 404 for ids of other plans and another partnership', async () => {
    expect((await api('GET', `plans/${inspectionId}`)).statusCode).toBe(404);
    expect((await api('GET', `plans/${planId}/actions/${priorities[0]!.id}`)).statusCode).toBe(404);
    expect((await api('GET', `plans/not-a-uuid`)).statusCode).toBe(400);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partnerships/${seed.b.slug}/plans`,
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(other.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base}/plans` })).statusCode).toBe(401);
  });

  it('documents every new path in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const P = '/api/v1/partnerships/{partnership}';
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        `${P}/inspections`,
        `${P}/inspections/{inspectionId}`,
        `${P}/inspections/{inspectionId}/findings`,
        `${P}/inspections/{inspectionId}/findings/{findingId}`,
        `${P}/plans`,
        `${P}/plans/{planId}`,
        `${P}/plans/{planId}/status`,
        `${P}/plans/{planId}/priorities`,
        `${P}/plans/{planId}/priorities/{priorityId}`,
        `${P}/plans/{planId}/actions`,
        `${P}/plans/{planId}/actions/{actionId}`,
        `${P}/plans/{planId}/actions/{actionId}/move`,
        `${P}/plans/{planId}/actions/{actionId}/measures`,
        `${P}/plans/{planId}/actions/{actionId}/measures/{measureId}`,
        `${P}/plans/{planId}/actions/{actionId}/updates`,
        `${P}/plans/{planId}/actions.csv`,
        `${P}/plans/{planId}/actions.xlsx`,
        `${P}/rounds`,
        `${P}/rounds/{roundId}`,
        `${P}/rounds/{roundId}/close`,
      ]),
    );
    const put = doc.paths[`${P}/plans/{planId}/actions/{actionId}`].put;
    expect(put.tags).toEqual(['plans']);
    expect(put.summary).toContain('409');
    const body = put.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.title.maxLength).toBe(500);
    expect(body.required).toContain('version');
    expect(Object.keys(put.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '404', '409']),
    );
    expect(
      doc.paths[`${P}/plans/{planId}/actions.csv`].get.responses['200'].content['text/csv'],
    ).toBeDefined();
    expect(doc.paths[`${P}/plans/{planId}/status`].post.responses['400'].content).toBeDefined();
    const patch = doc.paths[`${P}/plans/{planId}`].patch;
    expect(patch.requestBody.content['application/json'].schema).toMatchObject({
      additionalProperties: false,
      required: ['version'],
    });
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '400', '409']));
    expect(body.properties.parentActionId).toBeDefined();

    // Deletes: 204, and 409 only where the service can refuse.
    const deletes = {
      [`${P}/inspections/{inspectionId}`]: true,
      [`${P}/inspections/{inspectionId}/findings/{findingId}`]: true,
      [`${P}/plans/{planId}`]: true,
      [`${P}/plans/{planId}/priorities/{priorityId}`]: true,
      [`${P}/plans/{planId}/actions/{actionId}`]: true,
      [`${P}/plans/{planId}/actions/{actionId}/measures/{measureId}`]: false,
    };
    for (const [path, refusable] of Object.entries(deletes)) {
      const del = doc.paths[path].delete;
      expect(del.security, path).toEqual([{ bearerAuth: [] }]);
      expect(del.summary, path).toContain('(admins)');
      const codes = Object.keys(del.responses);
      expect(codes, path).toEqual(expect.arrayContaining(['204', '400', '401', '403', '404']));
      expect(codes.includes('409'), path).toBe(refusable);
    }
  });

  it('checks an action’s lead organisation and partners in one query, however many', async () => {
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    const more: string[] = [];
    for (const name of ['Hillside School', 'Riverside College', 'Forum', 'Health Trust'])
      more.push((await createOrganisation(t.db, actor, seed.tenantA, { name, kind: 'other' })).id);
    const foreign = (
      await createOrganisation(t.db, actor, seed.tenantB, { name: 'Southvale ICB', kind: 'icb' })
    ).id;
    const plan = (await api('POST', 'plans', { kind: 'strategic', title: 'Partners' })).json();
    const priority = (await api('POST', `plans/${plan.id}/priorities`, { title: 'One' })).json();
    const add = (body: Record<string, unknown>) =>
      api('POST', `plans/${plan.id}/actions`, {
        priorityId: priority.id,
        title: 'Joint commissioning',
        category: 'strategic',
        ...body,
      });

    const spy = vi.spyOn(t.db, 'query');
    const queriesFor = async (body: Record<string, unknown>) => {
      spy.mockClear();
      const response = await add(body);
      expect(response.json()).toMatchObject({
        statusCode: 400,
        message: `${foreign} is not an organisation of this partnership`,
      });
      return spy.mock.calls.length;
    };
    try {
      const few = await queriesFor({ partnerIds: [foreign] });
      const many = await queriesFor({
        leadOrganisationId: more[0],
        partnerIds: [...more, foreign],
      });
      expect(many).toBe(few);
      expect(await queriesFor({ leadOrganisationId: foreign, partnerIds: more })).toBe(few);
    } finally {
      spy.mockRestore();
    }

    // Postgres reads a UUID in either case, and so does the check.
    const upper = await add({
      leadOrganisationId: organisationId.toUpperCase(),
      partnerIds: more.slice(0, 2),
    });
    expect(upper.statusCode).toBe(201);
    expect(upper.json().leadOrganisationId).toBe(organisationId);
    expect(
      upper
        .json()
        .partners.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual(more.slice(0, 2).sort());
  });

  it('adds, moves and refuses sub-actions through parentActionId', async () => {
    const plan = (await api('POST', 'plans', { kind: 'strategic', title: 'Data plan' })).json();
    const path = `plans/${plan.id}/actions`;
    const p1 = (await api('POST', `plans/${plan.id}/priorities`, { title: 'Data' })).json();
    const p2 = (await api('POST', `plans/${plan.id}/priorities`, { title: 'Families' })).json();
    const add = (body: Record<string, unknown>, who = 'admin') =>
      api('POST', path, { priorityId: p1.id, category: 'operational', ...body }, who);

    const parent = (await add({ title: 'Use of data and benchmarking' })).json();
    expect(parent).toMatchObject({ number: '1.1', parentActionId: null });
    const created = await add({
      title: 'Agree key performance indicators',
      parentActionId: parent.id,
    });
    expect(created.statusCode).toBe(201);
    const kpis = created.json();
    expect(kpis).toMatchObject({ number: '1.1 a', parentActionId: parent.id });
    const cleanse = (await add({ title: 'Data cleanse', parentActionId: parent.id })).json();
    expect(cleanse.number).toBe('1.1 b');
    expect((await add({ title: 'Nobody', parentActionId: parent.id }, 'viewer')).statusCode).toBe(
      403,
    );

    // Invalid parents: 400 with what is wrong, naming the property.
    const refusals: [Record<string, unknown>, string][] = [
      [
        { parentActionId: kpis.id },
        'parentActionId: A sub-action cannot have sub-actions: choose an action numbered like 1.1, not 1.1 a',
      ],
      [
        { priorityId: p2.id, parentActionId: parent.id },
        'parentActionId: The action it is part of must be in the same priority',
      ],
      [
        { parentActionId: actions[0]!.id },
        'parentActionId: The action it is part of must be an action of this plan',
      ],
    ];
    for (const [body, message] of refusals) {
      const refused = await add({ title: 'Refused', ...body });
      expect(refused.statusCode, message).toBe(400);
      expect(refused.json().message).toBe(message);
    }
    expect((await add({ title: 'Refused', parentActionId: 'not-a-uuid' })).statusCode).toBe(400);

    // PUT replaces every field: left out, parentActionId makes it an action of its own.
    const own = await api('PUT', `${path}/${cleanse.id}`, {
      priorityId: p1.id,
      title: 'Data cleanse',
      category: 'operational',
      version: cleanse.version,
    });
    expect(own.json()).toMatchObject({ number: '1.2', parentActionId: null });
    const self = await api('PUT', `${path}/${kpis.id}`, {
      priorityId: p1.id,
      parentActionId: kpis.id,
      title: 'Agree key performance indicators',
      category: 'operational',
      version: kpis.version,
    });
    expect(self.json().message).toBe('parentActionId: An action cannot be part of itself');
    const withOwn = await api('PUT', `${path}/${parent.id}`, {
      priorityId: p1.id,
      parentActionId: cleanse.id,
      title: 'Use of data and benchmarking',
      category: 'operational',
      version: parent.version,
    });
    expect(withOwn.statusCode).toBe(400);
    expect(withOwn.json().message).toBe(
      'parentActionId: This action has sub-actions of its own, so it cannot be part of another action',
    );

    // Moving 1.2 up takes 1.1 and its sub-action down together.
    const moved = await api('POST', `${path}/${cleanse.id}/move`, { direction: 'up' });
    expect(moved.json().number).toBe('1.1');
    const numbers = async () =>
      (await api('GET', path)).json().map((a: { number: string; title: string }) => a.number);
    expect(await numbers()).toEqual(['1.1', '1.2', '1.2 a']);
    const detail = (await api('GET', `plans/${plan.id}`)).json();
    expect(detail.priorities[0].actions.map((a: { number: string }) => a.number)).toEqual([
      '1.1',
      '1.2',
      '1.2 a',
    ]);
    expect(detail.priorities[0].rollup.total).toBe(3);
    const csv = (await api('GET', `plans/${plan.id}/actions.csv`)).body;
    expect(csv).toContain('\n1.2 a,1. Data,Agree key performance indicators,');

    // A new priority takes the action's sub-actions with it.
    const current = (await api('GET', `${path}/${parent.id}`)).json();
    const across = await api('PUT', `${path}/${parent.id}`, {
      priorityId: p2.id,
      title: 'Use of data and benchmarking',
      category: 'operational',
      version: current.version,
    });
    expect(across.json().number).toBe('2.1');
    expect(await numbers()).toEqual(['1.1', '2.1', '2.1 a']);

    const refused = await api('DELETE', `${path}/${parent.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      'This action has sub-actions. Delete them or make them actions of their own first.',
    );
    expect((await api('DELETE', `${path}/${kpis.id}`)).statusCode).toBe(204);
    expect((await api('DELETE', `${path}/${parent.id}`)).statusCode).toBe(204);
  });

  it('changes a plan’s title, kind and owner with PATCH, and its inspection only while a draft', async () => {
    const plan = (
      await api('POST', 'plans', { kind: 'strategic', title: 'Draft', inspectionId })
    ).json();
    const url = `plans/${plan.id}`;
    const patched = await api('PATCH', url, {
      title: '  SEND strategy 2026–2029 ',
      ownerUserId: seed.people.lead,
      version: 1,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      title: 'SEND strategy 2026–2029',
      kind: 'strategic',
      inspectionId,
      ownerUserId: seed.people.lead,
      version: 2,
    });
    const stale = await api('PATCH', url, { title: 'Mine', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    for (const body of [
      { title: 'No version' },
      { version: 2 },
      { title: 'Typo', version: 2, owner: null },
      { kind: 'nonsense', version: 2 },
      { title: '', version: 2 },
    ])
      expect((await api('PATCH', url, body)).statusCode, JSON.stringify(body)).toBe(400);
    expect((await api('PATCH', url, { title: '   ', version: 2 })).json().message).toBe(
      'Enter a title',
    );
    expect(
      (await api('PATCH', url, { ownerUserId: seed.adminBId, version: 2 })).json().message,
    ).toBe('ownerUserId is not a current member');
    expect((await api('PATCH', url, { title: 'Viewer', version: 2 }, 'viewer')).statusCode).toBe(
      403,
    );
    expect((await api('PATCH', url, { title: 'Lead', version: 2 }, 'lead')).statusCode).toBe(403);

    // While a draft the inspection can change; once signed off it cannot, but the rest can.
    const unlinked = await api('PATCH', url, { inspectionId: null, kind: 'app', version: 2 });
    expect(unlinked.json()).toMatchObject({ inspectionId: null, kind: 'app', version: 3 });
    await api('POST', `${url}/status`, { to: 'signed_off', version: 3 });
    const refused = await api('PATCH', url, { inspectionId, version: 4 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe(
      'inspectionId: The inspection can be changed only while the plan is a draft: which findings the plan must cover depends on it.',
    );
    expect((await api('PATCH', url, { title: 'Signed off', version: 4 })).json().version).toBe(5);
    const audit = await t.db.query<{ after: { title: string } }>(
      `SELECT after FROM audit_log WHERE entity_type = 'plan' AND entity_id = $1 AND action = 'update' ORDER BY id`,
      [plan.id],
    );
    expect(audit.map((a) => a.after.title)).toEqual([
      'SEND strategy 2026–2029',
      'SEND strategy 2026–2029',
      'Signed off',
    ]);
  });
});
