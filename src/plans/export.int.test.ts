import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { Agent } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';
import { createOrganisation } from '../organisations/index.js';
import { userForApiToken } from '../platform/identity/identity-repository.js';
import { recordUpdate } from '../progress/index.js';
import { addAction, addMeasure, addPriority, createPlan } from './plan-service.js';

const INJECTION = '=HYPERLINK("http://evil.example","Click")';

describe.each(databaseKinds)('plan exports on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let planId = '';
  let priorityId = '';
  let token = '';
  let viewer: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    const actor = { userId: seed.adminA.id, name: 'Alex' };
    const tenant = seed.tenantA;
    const org = await createOrganisation(t.db, actor, tenant, {
      name: 'Northshire Parent Carer Forum',
      kind: 'forum',
    });
    planId = (
      await createPlan(t.db, actor, tenant, {
        kind: 'wsoa',
        inspectionId: null,
        title: 'Northshire WSoA 2018/19 – “revised”',
        ownerUserId: null,
      })
    ).id;
    priorityId = (await addPriority(t.db, actor, tenant, planId, {
      title: 'Co-production with families',
      description: '',
      findingIds: [],
    }))!.id;
    const base = {
      priorityId,
      description: '',
      category: 'co_production' as const,
      leadOrganisationId: org.id,
      partnerIds: [org.id],
      startDate: '2018-09-01',
    };
    const first = (await addAction(t.db, actor, tenant, planId, {
      ...base,
      title: 'Co-produce the Local Offer with the forum – “together”',
      leadUserId: seed.people.lead!,
      dueDate: '2019-01-31',
    }))!.id;
    await addAction(t.db, actor, tenant, planId, {
      ...base,
      title: INJECTION,
      leadUserId: null,
      dueDate: '2099-12-31',
    });
    await addMeasure(t.db, actor, tenant, planId, first, {
      text: 'Families rating the Local Offer good',
      target: 65,
      targetDate: '2019-03-31',
    });
    const [measure] = await t.db.query<{ id: string }>(
      'SELECT id FROM success_measures WHERE action_id = $1',
      [first],
    );
    const lead = (await userForApiToken(
      t.db,
      (await createToken(t.db, actor, seed.people.lead!, 'lead')).token,
    ))!;
    await recordUpdate(t.db, actor, tenant, lead, planId, first, {
      status: 'at_risk',
      rag: 'amber',
      narrative: 'Survey out; 58% so far',
      measureId: measure!.id,
      measureValue: 58,
    });
    await recordUpdate(t.db, actor, tenant, lead, planId, first, {
      status: 'off_track',
      rag: 'red',
      narrative: '+ Forum asked for more time',
      measureId: null,
      measureValue: null,
    });
    // Its due date moved two months on: the first one stays as its baseline.
    await t.db.query("UPDATE actions SET due_date = '2019-03-31' WHERE id = $1", [first]);
    token = (await createToken(t.db, actor, seed.people.viewer!, 'viewer')).token;
    viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  const pagePath = () => `/p/${seed.a.slug}/plans/${planId}`;
  const apiPath = () => `/api/v1/partnerships/${seed.a.slug}/plans/${planId}`;
  const today = () => new Date().toISOString().slice(0, 10);

  it('links the downloads from the plan page', async () => {
    const page = (await viewer.get(pagePath())).body;
    expect(page).toContain(`href="${pagePath()}/export.csv"`);
    expect(page).toContain(`href="${pagePath()}/export.xlsx"`);
  });

  it('downloads a CSV that Excel opens correctly and that cannot run formulas', async () => {
    const response = await viewer.get(`${pagePath()}/export.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="northshire-wsoa-2018-19-revised-actions-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parse(response.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      Number: '1.1',
      Priority: '1. Co-production with families',
      Action: 'Co-produce the Local Offer with the forum – “together”',
      Category: 'Co-production',
      Lead: 'lead person',
      'Lead organisation': 'Northshire Parent Carer Forum',
      Partners: 'Northshire Parent Carer Forum',
      Start: '2018-09-01',
      Due: '2019-03-31',
      'Original due date': '2019-01-31',
      'Slippage (days)': '59',
      Status: 'Off track',
      RAG: 'Red',
      Overdue: 'Yes',
      'Latest update': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'Latest update narrative': "'+ Forum asked for more time",
      'Latest figure': '58',
      'Latest figure for': 'Families rating the Local Offer good',
      'Success measures': 'Families rating the Local Offer good (target 65 by 2019-03-31)',
      'Included from plan': '',
    });
    expect(records[1]).toMatchObject({
      Number: '1.2',
      Action: `'${INJECTION}`,
      Lead: '',
      Due: '2099-12-31',
      'Original due date': '2099-12-31',
      'Slippage (days)': '0',
      Status: 'Not started',
      RAG: '',
      Overdue: 'No',
      'Latest update': '',
      'Latest figure': '',
    });
  });

  it('downloads an Excel workbook with a bold frozen header and real dates', async () => {
    const response = await viewer.get(`${pagePath()}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toContain('-actions-');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Actions')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect(header.getCell(1).value).toBe('Number');
    expect(header.getCell(10).value).toBe('Original due date');
    expect(header.getCell(11).value).toBe('Slippage (days)');
    expect(header.getCell(19).value).toBe('Success measures');
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBeGreaterThan(30);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('1.1');
    expect(first.getCell(9).value).toEqual(new Date(Date.UTC(2019, 2, 31)));
    expect(first.getCell(9).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(10).value).toEqual(new Date(Date.UTC(2019, 0, 31)));
    expect(first.getCell(10).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(11).value).toBe(59);
    expect(first.getCell(15).value).toBeInstanceOf(Date);
    expect(first.getCell(17).value).toBe(58);
    const injected = sheet.getRow(3).getCell(3);
    expect(injected.type).toBe(ExcelJS.ValueType.String);
    expect(injected.value).toBe(INJECTION); // a string cell, never a formula
    expect(injected.formula).toBeUndefined();
  });

  it('serves the same files on the API, in a constant number of queries', async () => {
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const csv = await get(`${apiPath()}/actions.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`actions-${today().slice(0, 4)}`);
    expect(parse(csv.body, { bom: true })).toHaveLength(3);
    const xlsx = await get(`${apiPath()}/actions.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get(`${apiPath().replace(planId, priorityId)}/actions.csv`)).statusCode).toBe(
      404,
    );

    const spy = vi.spyOn(t.db, 'query');
    await get(`${apiPath()}/actions.csv`);
    const before = spy.mock.calls.length;
    for (let i = 0; i < 5; i++)
      await addAction(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.tenantA, planId, {
        priorityId,
        title: `More ${i}`,
        description: '',
        category: 'operational',
        leadUserId: null,
        leadOrganisationId: null,
        partnerIds: [],
        startDate: null,
        dueDate: null,
      });
    spy.mockClear();
    const bigger = await get(`${apiPath()}/actions.csv`);
    expect(parse(bigger.body, { bom: true })).toHaveLength(8);
    expect(spy.mock.calls.length).toBe(before);
    spy.mockRestore();
  });
});
