import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent } from '../../test/helpers/agent.js';
import { expectSameVerdict, type BadInput } from '../../test/helpers/agreement.js';
import { createToken } from '../account/index.js';

// Every inspections command: the page form and the API refuse the same inputs, and save nothing.
describe.each(databaseKinds)('inspections: page and API agree on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let pages = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    pages = `/p/${seed.a.slug}/inspections`;
  });
  afterAll(async () => t?.close());

  const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const count = (table: 'inspections' | 'findings') => async () =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const versionOf = (table: 'inspections' | 'findings', id: string) => async () =>
    (await t.db.query<{ n: number }>(`SELECT version AS n FROM ${table} WHERE id = $1`, [id]))[0]!
      .n;

  const goodForm = {
    framework: '2016',
    kind: 'initial',
    'onSiteStart-day': '12',
    'onSiteStart-month': '3',
    'onSiteStart-year': '2018',
    'onSiteEnd-day': '16',
    'onSiteEnd-month': '3',
    'onSiteEnd-year': '2018',
  };
  const goodJson = {
    framework: '2016',
    kind: 'initial',
    onSiteStart: '2018-03-12',
    onSiteEnd: '2018-03-16',
  };
  const badInspections: BadInput[] = [
    {
      name: 'on-site end before its start',
      form: { 'onSiteEnd-day': '1', 'onSiteEnd-month': '3', 'onSiteEnd-year': '2018' },
      json: { onSiteEnd: '2018-03-01' },
      field: 'onSiteEnd-day',
    },
    {
      name: 'unknown framework',
      form: { framework: '2031' },
      json: { framework: '2031' },
      field: 'framework',
    },
    { name: 'unknown kind', form: { kind: 'audit' }, json: { kind: 'audit' }, field: 'kind' },
    {
      name: 'kind of the other framework',
      form: { kind: 'full' },
      json: { kind: 'full' },
      field: 'kind',
    },
    {
      name: 'unknown outcome',
      form: { framework: '2023', kind: 'full', outcome: '7' },
      json: { framework: '2023', kind: 'full', outcome: 7 },
      field: 'outcome',
    },
    {
      name: 'date that does not exist',
      form: { 'onSiteStart-day': '31', 'onSiteStart-month': '2', 'onSiteStart-year': '2018' },
      json: { onSiteStart: '2018-02-31' },
      field: 'onSiteStart-day',
    },
    {
      name: 'team too long',
      form: { team: 'x'.repeat(2001) },
      json: { team: 'x'.repeat(2001) },
      field: 'team',
    },
  ];

  const badFindings: BadInput[] = [
    { name: 'unknown type', form: { type: 'bogus' }, json: { type: 'bogus' }, field: 'type' },
    { name: 'empty text', form: { text: '   ' }, json: { text: '   ' }, field: 'text' },
    {
      name: 'text too long',
      form: { text: 'x'.repeat(5001) },
      json: { text: 'x'.repeat(5001) },
      field: 'text',
    },
    {
      name: 'question not of the framework',
      form: { question: 'why' },
      json: { question: 'why' },
      field: 'question',
    },
    {
      name: 'judgement that is not yes or no',
      form: { sufficientProgress: 'maybe' },
      json: { sufficientProgress: 'maybe' },
      field: 'sufficientProgress',
    },
    {
      name: 'responsible body too long',
      form: { responsibleBody: 'x'.repeat(1001) },
      json: { responsibleBody: 'x'.repeat(1001) },
      field: 'responsibleBody',
    },
  ];

  it('refuse the same new inspections', async () => {
    await admin.get(`${pages}/new`);
    await expectSameVerdict({
      page: (form) => admin.post(`${pages}/new`, { ...goodForm, ...form }),
      api: (json) => api('POST', 'inspections', { ...goodJson, ...json }),
      cases: badInspections,
      count: count('inspections'),
    });
    expect((await admin.post(`${pages}/new`, goodForm)).statusCode).toBe(303);
    expect((await api('POST', 'inspections', goodJson)).statusCode).toBe(201);
  });

  it('refuse the same changes to an inspection', async () => {
    const created = (await api('POST', 'inspections', goodJson)).json<{ id: string }>();
    const edit = `${pages}/${created.id}/edit`;
    await admin.get(edit);
    await expectSameVerdict({
      page: (form) => admin.post(edit, { ...goodForm, version: '1', ...form }),
      api: (json) => api('PUT', `inspections/${created.id}`, { ...goodJson, version: 1, ...json }),
      cases: badInspections,
      count: versionOf('inspections', created.id),
    });
  });

  it('refuse the same findings, new and changed', async () => {
    // A revisit, so its page asks for the judgement of sufficient progress.
    const revisit = (await api('POST', 'inspections', { ...goodJson, kind: 'revisit' })).json<{
      id: string;
    }>();
    const good = { type: 'significant_weakness', question: 'identify', text: 'Weak.' };
    await admin.get(`${pages}/${revisit.id}`);
    await expectSameVerdict({
      page: (form) => admin.post(`${pages}/${revisit.id}/findings`, { ...good, ...form }),
      api: (json) => api('POST', `inspections/${revisit.id}/findings`, { ...good, ...json }),
      cases: badFindings,
      count: count('findings'),
    });
    const added = await api('POST', `inspections/${revisit.id}/findings`, {
      ...good,
      sufficientProgress: false,
    });
    expect(added.statusCode).toBe(201);
    const finding = added.json<{ id: string; sufficientProgress: boolean | null }>();
    expect(finding.sufficientProgress).toBe(false);

    const edit = `${pages}/${revisit.id}/findings/${finding.id}/edit`;
    await admin.get(edit);
    await expectSameVerdict({
      page: (form) => admin.post(edit, { ...good, version: '1', ...form }),
      api: (json) =>
        api('PUT', `inspections/${revisit.id}/findings/${finding.id}`, {
          ...good,
          version: 1,
          ...json,
        }),
      cases: badFindings,
      count: versionOf('findings', finding.id),
    });
    const judged = await admin.post(edit, { ...good, sufficientProgress: 'yes', version: '1' });
    expect(judged.statusCode).toBe(303);
    const read = await t.db.query<{ sufficient_progress: boolean }>(
      'SELECT sufficient_progress FROM findings WHERE id = $1',
      [finding.id],
    );
    expect(read[0]!.sufficient_progress).toBe(true);
  });
});
