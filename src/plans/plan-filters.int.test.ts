import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { Agent } from '../../test/helpers/agent.js';
import { createToken } from '../account/index.js';
import { createOrganisation } from '../organisations/index.js';

// The plan page filters its actions (its own and those it includes) and marks the ones that slipped.
describe.each(databaseKinds)('the plan page’s filters on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let viewer: Agent;
  let token = '';
  let planId = '';
  let forumId = '';

  const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({
      method,
      url: `/api/v1/partnerships/${seed.a.slug}/${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const idOf = async (response: Promise<{ json: <T>() => T }>) =>
    (await response).json<{ id: string; version: number }>();
  const page = async (query = '') =>
    (await viewer.get(`/p/${seed.a.slug}/plans/${planId}${query}`)).body;
  const listed = (html: string) =>
    [...html.matchAll(/<tr class="govuk-table__row" id="action-[^"]+"><td[^>]*>([^<]+)</g)].map(
      (m) => m[1]!.trim(),
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    token = (
      await createToken(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.adminA.id, 'admin')
    ).token;
    forumId = (
      await createOrganisation(t.db, { userId: seed.adminA.id, name: 'Alex' }, seed.tenantA, {
        name: 'Northshire Parent Carer Forum',
        kind: 'forum',
      })
    ).id;
    planId = (await idOf(api('POST', 'plans', { kind: 'strategic', title: 'Strategy' }))).id;
    const priorityId = (await idOf(api('POST', `plans/${planId}/priorities`, { title: 'Data' })))
      .id;
    const action = (title: string, extra: object = {}) =>
      idOf(
        api('POST', `plans/${planId}/actions`, {
          priorityId,
          title,
          category: 'operational',
          ...extra,
        }),
      );
    // 1.1: led by the lead, overdue and slipped; 1.2: the forum a partner, due in 2099.
    const late = await action('Agree the indicators', {
      leadUserId: seed.people.lead!,
      dueDate: '2020-01-31',
    });
    await api('PUT', `plans/${planId}/actions/${late.id}`, {
      priorityId,
      title: 'Agree the indicators',
      category: 'operational',
      leadUserId: seed.people.lead!,
      dueDate: '2020-03-31',
      dueDateReason: 'The data team was short-staffed',
      version: late.version,
    });
    await action('Publish the dashboard', { partnerIds: [forumId], dueDate: '2099-01-31' });
    // 1.3 of another plan, included under this plan's priority: led by the lead too, not slipped.
    const other = (await idOf(api('POST', 'plans', { kind: 'app', title: 'Other plan' }))).id;
    const otherPriority = (
      await idOf(api('POST', `plans/${other}/priorities`, { title: 'Elsewhere' }))
    ).id;
    const included = await idOf(
      api('POST', `plans/${other}/actions`, {
        priorityId: otherPriority,
        title: 'Train the panel',
        category: 'operational',
        leadUserId: seed.people.lead!,
        dueDate: '2099-06-30',
      }),
    );
    const inclusion = await api('POST', `plans/${planId}/inclusions`, {
      actionIds: [included.id],
      hostPriorityId: priorityId,
    });
    expect(inclusion.statusCode).toBeLessThan(300);
    viewer = new Agent(t.app);
    await viewer.signIn('viewer@northshire.example', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('lists every action with a slipped marker, and a form that needs no script', async () => {
    const html = await page();
    expect(listed(html)).toEqual(['1.1', '1.2', '1.1']);
    expect(html).toContain('<form method="get"');
    expect(html).toContain('Slipped</strong> <span class="govuk-body-s">60 days from');
    expect(html.match(/>Slipped<\/strong>/g)).toHaveLength(1);
    expect(html).not.toContain('filter-count');
  });

  it('filters by overdue, slipped, lead, organisation, status and RAG, included actions too', async () => {
    expect(listed(await page('?overdue=yes'))).toEqual(['1.1']);
    expect(listed(await page('?slipped=yes'))).toEqual(['1.1']);
    // The included action (1.1 of the other plan) has the same lead.
    expect(listed(await page(`?lead=${seed.people.lead!}`))).toEqual(['1.1', '1.1']);
    expect(listed(await page(`?lead=${seed.people.lead!}&overdue=yes`))).toEqual(['1.1']);
    expect(listed(await page(`?organisation=${forumId}`))).toEqual(['1.2']);
    expect(listed(await page('?status=not_started&rag=none'))).toHaveLength(3);
    const none = await page('?rag=red');
    expect(listed(none)).toEqual([]);
    expect(none).toContain('No actions of this priority match the filters.');
    expect(none).toContain('Showing 0 of 3 actions');
    // What is not a filter is ignored, not an error.
    expect(listed(await page('?rag=purple&lead=nobody'))).toHaveLength(3);
  });

  it('never serves a filtered view as the whole plan, nor the whole plan as a filtered view', async () => {
    const whole = await page();
    const filtered = await page('?slipped=yes');
    expect(listed(filtered)).toEqual(['1.1']);
    expect(listed(await page())).toEqual(listed(whole));
    expect(listed(await page('?slipped=yes'))).toEqual(['1.1']);
    expect(listed(await page('?organisation=' + forumId))).toEqual(['1.2']);
  });
});
