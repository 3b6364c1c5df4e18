import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import { docxToPdfText, libreOfficeAvailable } from '../../test/helpers/libreoffice.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { createToken } from '../account/index.js';
import { writePlanDocument } from './index.js';

// The plan itself as a document (issue #13): a WSoA as partnerships submit it, read as a page
// and as a Word file that LibreOffice opens, for the plan now and for a saved version.
describe.each(databaseKinds)('the plan as a document on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let token = '';
  let planId = '';
  let base = '';

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const json = async <T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const r = await api(method, url, payload);
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json<T>();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
    const inspection = await json<{ id: string }>('POST', 'inspections', {
      framework: '2016',
      kind: 'initial',
      onSiteStart: '2018-03-12',
      publishedOn: '2018-05-10',
      wsoaRequired: true,
    });
    const weakness = await json<{ id: string }>('POST', `inspections/${inspection.id}/findings`, {
      type: 'significant_weakness',
      text: 'The timeliness and quality of EHC plans',
    });
    planId = (
      await json<{ id: string }>('POST', 'plans', {
        kind: 'wsoa',
        inspectionId: inspection.id,
        title: 'Northshire Written Statement of Action',
      })
    ).id;
    const priority = await json<{ id: string }>('POST', `plans/${planId}/priorities`, {
      title: 'EHC plans on time and good',
      description: 'Families get plans that say what will happen, on time.',
      findingIds: [weakness.id],
    });
    const action = await json<{ id: string }>('POST', `plans/${planId}/actions`, {
      priorityId: priority.id,
      title: 'Recruit two more EHC coordinators',
      category: 'operational',
      startDate: '2018-06-01',
      dueDate: '2018-09-30',
    });
    await json('POST', `plans/${planId}/actions/${action.id}/measures`, {
      text: 'EHC plans issued within 20 weeks',
      target: 60,
      targetDate: '2019-03-31',
    });
    const detail = await json<{ version: number }>('GET', `plans/${planId}`);
    await json('POST', `plans/${planId}/status`, {
      to: 'submitted',
      version: detail.version,
      eventOn: '2018-07-20',
    });
    // Changed after submission: the version keeps the words submitted.
    const changed = await json<{ version: number }>('GET', `plans/${planId}/actions/${action.id}`);
    await json('PUT', `plans/${planId}/actions/${action.id}`, {
      priorityId: priority.id,
      title: 'Recruit three more EHC coordinators',
      category: 'operational',
      startDate: '2018-06-01',
      dueDate: '2018-12-31',
      dueDateReason: 'Recruitment takes longer than planned',
      version: changed.version,
    });
    base = `/p/${seed.a.slug}/plans/${planId}`;
  });
  afterAll(async () => t?.close());

  it('reads the plan as a page in the shape partnerships submit, with numbered paragraphs', async () => {
    const plan = await admin.get(base);
    expect(plan.body).toContain(`href="${base}/document"`);
    const page = await admin.get(`${base}/document`);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('1. Introduction');
    expect(text).toContain(
      '1.1 This is the written statement of action (WSoA) of Northshire SEND Partnership, answering the findings of the local area SEND inspection, March 2018.',
    );
    expect(text).toContain('2. What the plan answers');
    expect(text).toContain('The timeliness and quality of EHC plans');
    expect(text).toContain('Priority 1: EHC plans on time and good');
    expect(text).toContain('1.1 Recruit three more EHC coordinators');
    expect(text).toContain('EHC plans issued within 20 weeks (target 60 by 2019-03-31)');
    expect(page.body).toContain(`href="${base}/document.docx"`);
  });

  it('keeps each version’s words: version 1 as submitted', async () => {
    const page = textOf((await admin.get(`${base}/document?version=1`)).body);
    expect(page).toContain('version 1 of the plan, saved when it was submitted on 20 July 2018');
    expect(page).toContain('Recruit two more EHC coordinators');
    expect(page).not.toContain('Recruit three more');
    expect((await admin.get(`${base}/document?version=9`)).statusCode).toBe(404);
    expect((await admin.get(`${base}/document.docx?version=9`)).statusCode).toBe(404);
  });

  it('is not another partnership’s to read', async () => {
    const other = new Agent(t.app);
    await other.signIn('bea@southvale.example', PASSWORD);
    expect((await other.get(`/p/${seed.b.slug}/plans/${planId}/document`)).statusCode).toBe(404);
    expect((await other.get(`/p/${seed.b.slug}/plans/${planId}/document.docx`)).statusCode).toBe(
      404,
    );
  });

  it.skipIf(!libreOfficeAvailable())(
    'downloads a Word file that LibreOffice opens and converts to PDF',
    async () => {
      const response = await admin.get(`${base}/document.docx?version=1`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('wordprocessingml.document');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="northshire-written-statement-of-action-version-1.docx"',
      );
      const { text, pages } = await docxToPdfText(response.rawPayload);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(text).toContain('Northshire Written Statement of Action');
      expect(text).toContain('1. Introduction');
      expect(text).toContain('Recruit two more EHC coordinators');
      expect(text).toContain('EHC plans issued within 20 weeks');
      expect(text).toContain('Produced by Sendboard');
    },
    180_000,
  );

  it('writes the same file from the command line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sendboard-report-'));
    const out = path.join(dir, 'plan.docx');
    const said = await writePlanDocument(t.db, { plan: planId, version: 1, out });
    expect(said).toBe(`Wrote Northshire Written Statement of Action, version 1 to ${out}`);
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a .docx is a zip
    await expect(writePlanDocument(t.db, { plan: planId, version: 7, out })).rejects.toThrow(
      'The plan has no version 7',
    );
    await expect(
      writePlanDocument(t.db, { plan: '00000000-0000-0000-0000-000000000000', out }),
    ).rejects.toThrow('No plan has the id');
  });
});
