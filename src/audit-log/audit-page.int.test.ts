import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, textOf } from '../../test/helpers/agent.js';
import { databaseKinds } from '../../test/helpers/databases.js';
import {
  createTestApp,
  PASSWORD,
  seedTwoPartnerships,
  type TestApp,
} from '../../test/helpers/test-app.js';
import type { Queryable } from '../platform/db/db.js';
import { createOrganisation } from '../organisations/index.js';
import type { ActionInput } from '../plans/index.js';
import { addAction, addPriority, createPlan, editAction } from '../plans/index.js';
import { removeAction } from '../plans/index.js';
import { resolveAuditNames } from './audit-repository.js';
import { ID_KINDS, type IdKind } from './describe-change.js';
import { recordAudit } from '../platform/audit/record.js';

const noIds = (): Record<IdKind, string[]> =>
  Object.fromEntries(ID_KINDS.map((k) => [k, []])) as unknown as Record<IdKind, string[]>;

describe.each(databaseKinds)('the audit log page on %s', (kind) => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedTwoPartnerships>>;
  let admin: Agent;
  let auditPath = '';
  let otherOrganisationId = '';
  let actionId = '';
  let removedActionId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedTwoPartnerships(t.db);
    auditPath = `/p/${seed.a.slug}/audit`;
    admin = new Agent(t.app);
    await admin.signIn('alex@northshire.example', PASSWORD);

    // Through the page, as an admin would.
    await admin.get(`/p/${seed.a.slug}/organisations/new`);
    const created = await admin.post(`/p/${seed.a.slug}/organisations/new`, {
      name: 'Northshire ICB',
      kind: 'icb',
    });
    expect(created.statusCode).toBe(303);

    // Through the services, as the plan pages do.
    const actor = { userId: seed.adminA.id, name: 'Alex Admin' };
    otherOrganisationId = (
      await createOrganisation(t.db, { userId: null, name: 'Bea Admin' }, seed.tenantB, {
        name: 'Southvale Council',
        kind: 'council',
      })
    ).id;
    const plan = await createPlan(t.db, actor, seed.tenantA, {
      kind: 'wsoa',
      inspectionId: null,
      title: 'Written statement of action',
      ownerUserId: null,
    });
    const priority = (await addPriority(t.db, actor, seed.tenantA, plan.id, {
      title: 'Leadership',
      description: '',
      findingIds: [],
    }))!;
    const input: ActionInput = {
      priorityId: priority.id,
      title: 'Agree terms of reference',
      description: '',
      category: 'strategic',
      leadUserId: seed.people.lead!,
      leadOrganisationId: null,
      // Another partnership's organisation: never named on this partnership's page.
      partnerIds: [otherOrganisationId],
      startDate: null,
      dueDate: '2026-03-03',
    };
    actionId = (await addAction(t.db, actor, seed.tenantA, plan.id, input))!.id;
    const edit = await editAction(
      t.db,
      actor,
      seed.tenantA,
      plan.id,
      actionId,
      { ...input, leadUserId: seed.people.contributor!, dueDate: '2026-04-30' },
      1,
    );
    expect(edit.outcome).toBe('ok');
    removedActionId = (await addAction(t.db, actor, seed.tenantA, plan.id, {
      ...input,
      title: 'Publish the local offer review',
      partnerIds: [],
    }))!.id;
    expect(await removeAction(t.db, actor, seed.tenantA, plan.id, removedActionId)).toBe(true);
    await recordAudit(t.db, actor, {
      partnershipId: seed.a.id,
      entityType: 'data_import',
      entityId: null,
      action: 'import indicator values',
      // A secret nested where the old, top-level redaction would have missed it.
      after: {
        kind: 'indicator_values',
        file: 'values.csv',
        rows: 3,
        upload: { token: 'sk-live-123' },
      },
    });
  });
  afterAll(async () => t?.close());

  it('says each change in words, with the names of the people and records it refers to', async () => {
    const page = await admin.get(auditPath);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Alex Admin created organisation ‘Northshire ICB’');
    expect(text).toContain('Kind of organisation Integrated care board (ICB)');
    expect(text).toContain('Alex Admin changed action 1.1 ‘Agree terms of reference’');
    expect(text).toContain('Lead lead person → changed to contributor person');
    expect(text).toContain('Due date 3 March 2026 → changed to 30 April 2026');
    expect(text).toContain('Alex Admin created action 1.1 ‘Agree terms of reference’');
    expect(text).toContain('Category Strategic');
    // Gone, or not this partnership's: the short id, never another partnership's name.
    expect(text).toContain(`Partner organisations (deleted) ${otherOrganisationId.slice(0, 8)}`);
    expect(text).not.toContain('Southvale Council');
    // A deleted action keeps the title and number recorded when it went.
    expect(text).toContain('Alex Admin deleted action 1.2 ‘Publish the local offer review’');
    expect(text).toContain('Alex Admin imported indicator values from data import ‘values.csv’');
    expect(text).toContain('What was imported Indicator values');
    // The raw record stays on the page for auditors, less its secrets.
    expect(text).toContain('Show the recorded data');
    expect(text).toContain('Recorded as action: update');
    expect(page.body).toContain(`&quot;leadUserId&quot;: &quot;${seed.people.contributor}&quot;`);
    expect(page.body).not.toContain('sk-live-123');
    expect(text).toContain('Upload › Token (secret: not recorded)');
    // Newest first.
    expect(text.indexOf('imported indicator values')).toBeLessThan(
      text.indexOf('created organisation ‘Northshire ICB’'),
    );
  });

  it('offers the entity types by their names and filters by them', async () => {
    const page = await admin.get(auditPath);
    expect(page.body).toContain('<option value="data_import">Data import</option>');
    expect(page.body).toContain('<option value="organisation">Organisation</option>');
    expect(page.body).toContain('<option value="action">Action</option>');
    expect(page.body).not.toContain('>data_import<');
    const actions = await admin.get(`${auditPath}?entityType=action`);
    expect(actions.body).toContain('<option value="action" selected>Action</option>');
    const text = textOf(actions.body);
    expect(text).toContain('changed action 1.1 ‘Agree terms of reference’');
    expect(text).not.toContain('created organisation');
  });

  it('looks names up once per kind of record for the whole page, within the partnership', async () => {
    const queries: string[] = [];
    const counting: Queryable = {
      query: (sql, params) => {
        queries.push(sql);
        return t.db.query(sql, params);
      },
    };
    const ids = noIds();
    ids.person = [seed.people.lead!, seed.people.contributor!, seed.adminBId];
    ids.action = [actionId, removedActionId];
    ids.organisation = [otherOrganisationId];
    const names = await resolveAuditNames(counting, seed.a.id, ids);
    expect(queries).toHaveLength(3);
    expect(names.person?.get(seed.people.lead!)?.name).toBe('lead person');
    expect(names.person?.has(seed.adminBId)).toBe(false);
    expect(names.action?.get(actionId)).toEqual({
      name: 'Agree terms of reference',
      number: '1.1',
    });
    expect(names.action?.has(removedActionId)).toBe(false);
    expect(names.organisation?.size).toBe(0);
  });
});
