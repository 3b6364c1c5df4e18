import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';

describe.each(databaseKinds)('inspections and findings on %s', (kind) => {
  let t: TestApp;
  let slug = '';
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const seed = await seedTwoPartnerships(t.db);
    slug = seed.a.slug;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  let path = '';
  it('validates and records an inspection', async () => {
    await admin.get(`/p/${slug}/inspections/new`);
    const bad = await admin.post(`/p/${slug}/inspections/new`, {
      framework: '2023',
      kind: 'initial',
      'onSiteStart-day': '31',
      'onSiteStart-month': '2',
      'onSiteStart-year': '2018',
      'publishedOn-day': '1',
      'publishedOn-month': '',
      'publishedOn-year': '2018',
      team: '<b>Team</b>',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual([
      'A 2023-framework inspection is a full inspection or a monitoring inspection',
      'First day on site must be a real date',
      'Date the letter or report was published must include a month',
    ]);
    expect(bad.body).toContain('&lt;b&gt;Team&lt;/b&gt;');
    expect(bad.body).toContain('name="onSiteStart-day" type="text" value="31"');
    const ok = await admin.post(`/p/${slug}/inspections/new`, {
      framework: '2016',
      kind: 'initial',
      'onSiteStart-day': '12',
      'onSiteStart-month': '3',
      'onSiteStart-year': '2018',
      'onSiteEnd-day': '16',
      'onSiteEnd-month': '3',
      'onSiteEnd-year': '2018',
      'publishedOn-day': '10',
      'publishedOn-month': '5',
      'publishedOn-year': '2018',
      wsoaRequired: 'yes',
      team: 'HMI and a CQC inspector',
    });
    expect(ok.statusCode).toBe(303);
    path = ok.headers.location!;
    const page = await admin.get(path);
    expect(page.body).toContain('12 March 2018 to 16 March 2018');
    expect(page.body).toContain('Written statement of action required');
  });

  it('adds, edits, orders and deletes findings', async () => {
    const empty = await admin.post(`${path}/findings`, { type: '', text: '' });
    expect(errorSummary(empty.body)).toEqual([
      'Select the type of finding',
      'Enter the finding as the letter words it',
    ]);
    for (const text of ['First weakness', 'Second weakness']) {
      expect(
        (await admin.post(`${path}/findings`, { type: 'significant_weakness', question: '', text }))
          .statusCode,
      ).toBe(303);
    }
    await admin.post(`${path}/findings`, {
      type: 'strength',
      question: 'identify',
      text: 'Early identification in the early years is strong',
    });
    let page = (await admin.get(path)).body;
    expect(page).toContain('Areas of significant weakness (2)');
    expect(page).toContain('Identifying children and young people’s needs');
    // Listed by type: the strength first, then the two weaknesses.
    const ids = [...page.matchAll(/id="finding-([0-9a-f-]+)"/g)].map((m) => m[1]!);
    ids.push(ids.shift()!);
    expect(page.indexOf('First weakness')).toBeLessThan(page.indexOf('Second weakness'));
    await admin.post(`${path}/findings/${ids[0]}/move`, { direction: 'up' }); // first of its type: no move
    await admin.post(`${path}/findings/${ids[1]}/move`, { direction: 'up' });
    page = (await admin.get(path)).body;
    expect(page.indexOf('Second weakness')).toBeLessThan(page.indexOf('First weakness'));
    const form = await admin.get(`${path}/findings/${ids[0]}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    expect(
      (
        await admin.post(`${path}/findings/${ids[0]}/edit`, {
          type: 'significant_weakness',
          text: 'First weakness, reworded',
          version,
        })
      ).statusCode,
    ).toBe(303);
    const stale = await admin.post(`${path}/findings/${ids[0]}/edit`, {
      type: 'significant_weakness',
      text: 'Lost edit?',
      version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('First weakness, reworded');
    expect(stale.body).toContain('Lost edit?');
    expect((await admin.post(`${path}/findings/${ids[2]}/delete`)).statusCode).toBe(303);
    expect((await admin.get(path)).body).not.toContain('Early identification');
  });

  it('lets other roles read but not change inspections', async () => {
    const viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
    expect((await viewer.get(path)).statusCode).toBe(200);
    expect((await viewer.get(path)).body).not.toContain('Add a finding');
    expect(
      (await viewer.post(`${path}/findings`, { type: 'strength', text: 'x' })).statusCode,
    ).toBe(403);
  });
});
