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
import { addFinding, createInspection } from '../inspections/index.js';

// Priorities, success measures and a plan's status: the page forms and the API refuse the same
// inputs.
describe.each(databaseKinds)(
  'priorities, measures and status: page and API agree on %s',
  (kind) => {
    let t: TestApp;
    let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
    let admin: Agent;
    let token = '';
    let planId = '';
    let actionId = '';
    let foreignFindingId = '';

    const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
      t.app.inject({
        method,
        url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
    const inspection = {
      framework: '2016',
      kind: 'initial',
      onSiteStart: null,
      onSiteEnd: null,
      publishedOn: null,
      team: '',
      outcome: null,
      wsoaRequired: null,
      outcomeText: '',
    } as const;

    beforeAll(async () => {
      t = await createTestApp(kind);
      seed = await seedTwoPartnerships(t.db);
      token = (
        await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
      ).token;
      // A finding of another partnership's inspection.
      const bea = { userId: seed.adminBId, name: 'Bea' };
      const theirs = await createInspection(t.db, bea, seed.tenantB, inspection);
      foreignFindingId = (await addFinding(t.db, bea, seed.tenantB, theirs.id, {
        type: 'significant_weakness',
        question: null,
        text: 'Not ours',
        sufficientProgress: null,
      }))!.id;
      planId = (await api('POST', 'plans', { kind: 'strategic', title: 'Strategy' })).json<{
        id: string;
      }>().id;
      const priorityId = (await api('POST', `plans/${planId}/priorities`, { title: 'Data' })).json<{
        id: string;
      }>().id;
      actionId = (
        await api('POST', `plans/${planId}/actions`, {
          priorityId,
          title: 'Use of data',
          category: 'operational',
        })
      ).json<{ id: string }>().id;
      admin = new Agent(t.app);
      await admin.signIn('alex@northshire.example', PASSWORD);
    });
    afterAll(async () => t?.close());

    const count = (table: string) => async () =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

    const badPriorities = (): BadInput[] => [
      {
        name: 'finding of another partnership',
        form: { findingIds: [foreignFindingId] },
        json: { findingIds: [foreignFindingId] },
        field: 'findingIds',
      },
      {
        name: 'finding that is not an id',
        form: { findingIds: ['nonsense'] },
        json: { findingIds: ['nonsense'] },
        field: 'findingIds',
      },
      { name: 'empty title', form: { title: '  ' }, json: { title: '  ' }, field: 'title' },
      {
        name: 'title too long',
        form: { title: 'x'.repeat(301) },
        json: { title: 'x'.repeat(301) },
        field: 'title',
      },
    ];

    it('refuse the same new priorities', async () => {
      const url = `/p/${seed.a.slug}/plans/${planId}/priorities/new`;
      await admin.get(url);
      await expectSameVerdict({
        page: (form) => admin.post(url, { title: 'Families', ...form }),
        api: (json) => api('POST', `plans/${planId}/priorities`, { title: 'Families', ...json }),
        cases: badPriorities(),
        count: count('priorities'),
      });
      expect((await admin.post(url, { title: 'Families' })).statusCode).toBe(303);
    });

    it('refuse the same changes to a priority', async () => {
      const created = (await api('POST', `plans/${planId}/priorities`, { title: 'Health' })).json<{
        id: string;
        version: number;
      }>();
      const edit = `/p/${seed.a.slug}/plans/${planId}/priorities/${created.id}/edit`;
      const good = { title: 'Health and care', version: created.version };
      await admin.get(edit);
      await expectSameVerdict({
        page: (form) => admin.post(edit, { ...good, version: String(good.version), ...form }),
        api: (json) => api('PUT', `plans/${planId}/priorities/${created.id}`, { ...good, ...json }),
        cases: badPriorities(),
        count: async () =>
          (
            await t.db.query<{ n: number }>('SELECT version AS n FROM priorities WHERE id = $1', [
              created.id,
            ])
          )[0]!.n,
      });
    });

    it('refuse the same success measures', async () => {
      const page = `/p/${seed.a.slug}/plans/${planId}/actions/${actionId}`;
      await admin.get(page);
      await expectSameVerdict({
        page: (form) => admin.post(`${page}/measures`, { measureText: 'EHC plans', ...form }),
        api: (json) =>
          api('POST', `plans/${planId}/actions/${actionId}/measures`, {
            text: 'EHC plans',
            ...json,
          }),
        cases: [
          {
            name: 'target that is not a number',
            form: { target: 'lots' },
            json: { target: 'lots' },
            field: 'target',
          },
          {
            name: 'target too large',
            form: { target: '1e13' },
            json: { target: 1e13 },
            field: 'target',
          },
          {
            name: 'empty text',
            form: { measureText: ' ' },
            json: { text: ' ' },
            field: 'measureText',
          },
          {
            name: 'target date that is not a date',
            form: { 'targetDate-day': '1', 'targetDate-month': '13', 'targetDate-year': '2026' },
            json: { targetDate: '2026-13-01' },
            field: 'targetDate-day',
          },
        ],
        count: count('success_measures'),
      });
    });

    it('refuse the same status changes', async () => {
      const nextYear = new Date().getFullYear() + 1;
      const version = (
        await t.db.query<{ version: number }>('SELECT version FROM plans WHERE id = $1', [planId])
      )[0]!.version;
      const page = `/p/${seed.a.slug}/plans/${planId}`;
      await admin.get(page);
      await expectSameVerdict({
        page: (form) => admin.post(`${page}/status`, { version: String(version), ...form }),
        api: (json) => api('POST', `plans/${planId}/status`, { version, ...json }),
        cases: [
          { name: 'unknown status', form: { to: 'lost' }, json: { to: 'lost' }, field: 'to' },
          {
            name: 'a move it cannot make',
            form: { to: 'closed' },
            json: { to: 'closed' },
            field: 'to',
          },
          {
            name: 'a date in the future',
            form: {
              to: 'signed_off',
              'eventOn-day': '1',
              'eventOn-month': '1',
              'eventOn-year': String(nextYear),
            },
            json: { to: 'signed_off', eventOn: `${nextYear}-01-01` },
            field: 'eventOn-day',
          },
        ],
        count: async () =>
          (
            await t.db.query<{ n: number }>('SELECT version AS n FROM plans WHERE id = $1', [
              planId,
            ])
          )[0]!.n,
      });
    });
  },
);
