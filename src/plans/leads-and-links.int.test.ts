import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, decode, errorSummary } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import { createToken } from '../account/index.js';
import { createInspection } from '../inspections/index.js';

const WEAKNESS_1 = 'Leaders’ understanding of the local area’s effectiveness is weak';
const WEAKNESS_2 = 'Waiting times for speech and language therapy are too long';
const STRENGTH = 'Early years identification is strong';

/** The names a select offers, by its id. */
const options = (html: string, id: string) => {
  const select = new RegExp(`<select[^>]*id="${id}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';
  return [...select.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((m) => decode(m[1]!.trim()));
};
/** The visually hidden words that complete each button or link, in page order. */
const hidden = (html: string, visible: string) =>
  [
    ...html.matchAll(
      new RegExp(`>${visible}<span class="govuk-visually-hidden">([^<]*)</span>`, 'g'),
    ),
  ].map((m) => decode(m[1]!.trim()));

describe.each(databaseKinds)(
  'action leads and links between findings and actions on %s',
  (kind) => {
    let t: TestApp;
    let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
    let admin: Agent;
    let inspectionId = '';
    let inspectionPath = '';
    let planPath = '';
    let priorityId = '';
    let actionPath = '';
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      t = await createTestApp(kind);
      seed = await seedTwoPartnerships(t.db);
      admin = new Agent(t.app);
      await admin.signIn('alex@northshire.example', PASSWORD);
      // A strength between the two weaknesses: moves must stay within a type.
      inspectionId = (
        await createInspection(
          t.db,
          { userId: seed.adminA.id, name: 'Alex' },
          seed.tenantA,
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
          [WEAKNESS_1, STRENGTH, WEAKNESS_2].map((text) => ({
            type: text === STRENGTH ? ('strength' as const) : ('significant_weakness' as const),
            question: null,
            text,
            sufficientProgress: null,
          })),
        )
      ).id;
      inspectionPath = `/p/${seed.a.slug}/inspections/${inspectionId}`;
      for (const row of await t.db.query<{ id: string; text: string }>(
        'SELECT id, text FROM findings WHERE inspection_id = $1',
        [inspectionId],
      ))
        ids[row.text] = row.id;
      planPath = (
        await admin.post(`/p/${seed.a.slug}/plans/new`, {
          kind: 'wsoa',
          inspectionId,
          title: 'Northshire WSoA',
        })
      ).headers.location!;
      await admin.post(`${planPath}/priorities/new`, {
        title: 'Leadership and governance',
        findingIds: [ids[WEAKNESS_1]!],
      });
      priorityId = /id="priority-([0-9a-f-]+)"/.exec((await admin.get(planPath)).body)![1]!;
    });
    afterAll(async () => t?.close());

    it('offers as leads only people who can record updates, and refuses the others', async () => {
      const form = await admin.get(`${planPath}/actions/new?priority=${priorityId}`);
      expect(options(form.body, 'leadUserId')).toEqual([
        'Not set',
        'Alex Admin',
        'contributor person',
        'lead person',
      ]);
      for (const role of ['viewer', 'forum', 'adviser']) {
        const refused = await admin.post(`${planPath}/actions/new`, {
          priorityId,
          title: 'Review the local offer',
          category: 'strategic',
          leadUserId: seed.people[role]!,
        });
        expect(refused.statusCode).toBe(400);
        expect(errorSummary(refused.body)[0]).toMatch(
          new RegExp(
            `^${role} person cannot lead an action: their role, .*, cannot record updates`,
          ),
        );
        expect(refused.body).toContain('Review the local offer');
      }
      const ok = await admin.post(`${planPath}/actions/new`, {
        priorityId,
        title: 'Appoint a designated clinical officer',
        category: 'strategic',
        leadUserId: seed.people.lead!,
      });
      expect(ok.statusCode).toBe(303);
      actionPath = ok.headers.location!;
    });

    it('gives the API the same rule', async () => {
      const { token } = await createToken(
        t.db,
        { userId: seed.adminA.id, name: 'Alex' },
        seed.adminA.id,
        'test',
      );
      const planId = planPath.split('/').pop()!;
      const post = (leadUserId: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/partnerships/${seed.a.slug}/plans/${planId}/actions`,
          headers: { authorization: `Bearer ${token}` },
          payload: { priorityId, title: 'Via the API', category: 'strategic', leadUserId },
        });
      const refused = await post(seed.people.viewer!);
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('viewer person cannot lead an action');
      expect((await post(seed.people.contributor!)).statusCode).toBe(201);
    });

    it('keeps a lead who can no longer update when the action is changed, and marks them', async () => {
      await t.db.query(
        `UPDATE memberships SET role = 'viewer' WHERE partnership_id = $1 AND user_id = $2`,
        [seed.a.id, seed.people.lead],
      );
      try {
        const form = await admin.get(`${actionPath}/edit`);
        expect(options(form.body, 'leadUserId')).toContain('lead person (cannot record updates)');
        const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
        const saved = await admin.post(`${actionPath}/edit`, {
          priorityId,
          title: 'Appoint a designated clinical officer (DCO)',
          category: 'strategic',
          leadUserId: seed.people.lead!,
          version,
        });
        expect(saved.statusCode).toBe(303);
      } finally {
        await t.db.query(
          `UPDATE memberships SET role = 'lead' WHERE partnership_id = $1 AND user_id = $2`,
          [seed.a.id, seed.people.lead],
        );
      }
    });

    it('leads from findings to the priorities and actions that answer them, and back', async () => {
      const action = await admin.get(actionPath);
      expect(action.body).toContain(
        `href="${planPath}#priority-${priorityId}">Priority 1: Leadership and governance</a>`,
      );
      expect(action.body).toContain(`href="${inspectionPath}#finding-${ids[WEAKNESS_1]}"`);
      expect(action.body).not.toContain(WEAKNESS_2);

      const plan = await admin.get(planPath);
      expect(plan.body).toContain(`id="finding-${ids[WEAKNESS_1]}"`);
      expect(plan.body).toMatch(
        new RegExp(`Answered by <a class="govuk-link" href="#priority-${priorityId}">priority 1`),
      );
      expect(plan.body).toContain(`href="#finding-${ids[WEAKNESS_1]}"`);

      const overview = await admin.get(`/p/${seed.a.slug}`);
      expect(overview.body).toContain(`href="${inspectionPath}#finding-${ids[WEAKNESS_1]}"`);

      const inspection = await admin.get(inspectionPath);
      expect(inspection.body).toContain(
        `href="${planPath}#priority-${priorityId}">Northshire WSoA, priority 1: Leadership and governance</a> (2 actions)`,
      );
    });

    it('names each finding’s buttons by type and number, with no move past either end', async () => {
      const page = await admin.get(inspectionPath);
      expect(hidden(page.body, 'Change')).toEqual([
        'strength 1',
        'area of significant weakness 1',
        'area of significant weakness 2',
      ]);
      expect(hidden(page.body, 'Move up')).toEqual(['area of significant weakness 2']);
      expect(hidden(page.body, 'Move down')).toEqual(['area of significant weakness 1']);
      // The second weakness moves above the first, past the strength between them.
      const moved = await admin.post(`${inspectionPath}/findings/${ids[WEAKNESS_2]}/move`, {
        direction: 'up',
      });
      expect(moved.statusCode).toBe(303);
      const after = (await admin.get(inspectionPath)).body;
      expect(after.indexOf(WEAKNESS_2)).toBeLessThan(after.indexOf(WEAKNESS_1));
    });

    it('offers no Up for the first action nor Down for the last on the order page', async () => {
      // 1.1 with sub-actions 1.1 a and 1.1 b, then 1.2 and 1.3: each moves among its siblings.
      const parentActionId = actionPath.split('/').pop()!;
      for (const title of ['Sub-action a', 'Sub-action b'])
        await admin.post(`${planPath}/actions/new`, {
          priorityId,
          parentActionId,
          title,
          category: 'strategic',
        });
      await admin.post(`${planPath}/actions/new`, {
        priorityId,
        title: 'Third action',
        category: 'strategic',
      });
      const order = await admin.get(`${planPath}/priorities/${priorityId}/order`);
      expect(hidden(order.body, 'Up')).toEqual(['action 1.1 b', 'action 1.2', 'action 1.3']);
      expect(hidden(order.body, 'Down')).toEqual(['action 1.1', 'action 1.1 a', 'action 1.2']);
    });
  },
);
