import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/helpers/databases.js';
import { setUpPartnership } from '../../test/helpers/test-app.js';
import type { Actor } from '../platform/identity/types.js';
import type { Db } from '../platform/db/db.js';
import { systemTenant, type Tenant } from '../platform/tenancy/tenancy.js';
import type { ActionInput } from './plan-repository.js';
import { addAction, addMeasure, addPriority, createPlan, moveAction } from './plan-service.js';
import { removeAction } from './removal-service.js';

/*
 * Numbers come from max(position) + 1. Writes that arrive together (two admins, or the API)
 * must still give every row of a group its own number. The race shows on PostgreSQL, where
 * transactions run side by side; PGlite runs them one after another, so there it always passed.
 */

const AT_ONCE = 8;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.each(databaseKinds)('plan numbering under concurrent writes on %s', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let tenant: Tenant;
  let actor: Actor;
  let planId = '';

  const action = (priorityId: string, title: string, parentActionId?: string): ActionInput => ({
    priorityId,
    parentActionId: parentActionId ?? null,
    title,
    description: '',
    category: 'operational',
    leadUserId: null,
    leadOrganisationId: null,
    partnerIds: [],
    startDate: null,
    dueDate: null,
  });
  const newPriority = async (title: string) =>
    (await addPriority(db, actor, tenant, planId, { title, description: '', findingIds: [] }))!.id;
  const positions = async (sql: string, params: unknown[]) =>
    (await db.query<{ position: number }>(sql, params)).map((r) => r.position);
  const actionPositions = (priorityId: string, parentActionId: string | null = null) =>
    positions(
      'SELECT position FROM actions WHERE priority_id = $1 AND parent_action_id IS NOT DISTINCT FROM $2::uuid ORDER BY position',
      [priorityId, parentActionId],
    );

  beforeAll(async () => {
    ({ db, dispose } = await freshDatabase(kind));
    const { partnership, user } = await setUpPartnership(
      db,
      { name: 'Northshire SEND Partnership', localAuthority: 'Northshire', laCode: '901' },
      'alex@northshire.example',
    );
    tenant = systemTenant(partnership);
    actor = { userId: user.id, name: user.name };
    planId = (
      await createPlan(db, actor, tenant, {
        kind: 'wsoa',
        inspectionId: null,
        title: 'Written statement of action',
        ownerUserId: null,
      })
    ).id;
  });
  afterAll(async () => dispose?.());

  it('gives priorities added at once numbers 1, 2, 3… with none twice', async () => {
    await Promise.all(range(AT_ONCE).map((i) => newPriority(`Priority ${i}`)));
    expect(
      await positions('SELECT position FROM priorities WHERE plan_id = $1 ORDER BY position', [
        planId,
      ]),
    ).toEqual(range(AT_ONCE));
  });

  it('gives actions added at once to one priority numbers 1, 2, 3… with none twice', async () => {
    const priorityId = await newPriority('Actions at once');
    await Promise.all(
      range(AT_ONCE).map((i) => addAction(db, actor, tenant, planId, action(priorityId, `A${i}`))),
    );
    expect(await actionPositions(priorityId)).toEqual(range(AT_ONCE));
  });

  it('letters sub-actions added at once to one action a, b, c… with none twice', async () => {
    const priorityId = await newPriority('Sub-actions at once');
    const parent = (await addAction(db, actor, tenant, planId, action(priorityId, 'Parent')))!.id;
    await Promise.all(
      range(AT_ONCE).map((i) =>
        addAction(db, actor, tenant, planId, action(priorityId, `Sub ${i}`, parent)),
      ),
    );
    expect(await actionPositions(priorityId, parent)).toEqual(range(AT_ONCE));
    expect(await actionPositions(priorityId)).toEqual([1]);
  });

  it('numbers success measures added at once to one action 1, 2, 3…', async () => {
    const priorityId = await newPriority('Measures at once');
    const actionId = (await addAction(db, actor, tenant, planId, action(priorityId, 'Measured')))!
      .id;
    await Promise.all(
      range(AT_ONCE).map((i) =>
        addMeasure(db, actor, tenant, planId, actionId, {
          text: `Measure ${i}`,
          target: null,
          targetDate: null,
        }),
      ),
    );
    expect(
      await positions(
        'SELECT position FROM success_measures WHERE action_id = $1 ORDER BY position',
        [actionId],
      ),
    ).toEqual(range(AT_ONCE));
  });

  it('keeps numbers whole when actions move into a priority while others are added to it', async () => {
    const from = await newPriority('Moving from');
    const to = await newPriority('Moving to');
    const moving: string[] = [];
    for (const i of range(AT_ONCE / 2))
      moving.push((await addAction(db, actor, tenant, planId, action(from, `Move ${i}`)))!.id);
    await addAction(db, actor, tenant, planId, action(to, 'Already there'));
    await Promise.all([
      ...moving.map((id) => moveAction(db, actor, tenant, planId, id, { toPriorityId: to })),
      ...range(AT_ONCE / 2).map((i) =>
        addAction(db, actor, tenant, planId, action(to, `Added ${i}`)),
      ),
    ]);
    expect(await actionPositions(to)).toEqual(range(AT_ONCE + 1));
    expect(await actionPositions(from)).toEqual([]);
  });

  it('keeps numbers whole and every action when actions move up and down at once', async () => {
    const priorityId = await newPriority('Reordering');
    const ids: string[] = [];
    for (const i of range(AT_ONCE))
      ids.push((await addAction(db, actor, tenant, planId, action(priorityId, `R${i}`)))!.id);
    await Promise.all([
      ...ids.map((id, i) =>
        moveAction(db, actor, tenant, planId, id, { direction: i % 2 ? 'up' : 'down' }),
      ),
      addAction(db, actor, tenant, planId, action(priorityId, 'Added while moving')),
    ]);
    expect(await actionPositions(priorityId)).toEqual(range(AT_ONCE + 1));
    const titles = await db.query<{ title: string }>(
      'SELECT title FROM actions WHERE priority_id = $1 ORDER BY title',
      [priorityId],
    );
    expect(titles.map((t) => t.title)).toEqual(
      [...range(AT_ONCE).map((i) => `R${i}`), 'Added while moving'].sort(),
    );
  });

  it('keeps numbers whole when actions are deleted while others are added', async () => {
    const priorityId = await newPriority('Deleting');
    const ids: string[] = [];
    for (const i of range(AT_ONCE / 2))
      ids.push((await addAction(db, actor, tenant, planId, action(priorityId, `D${i}`)))!.id);
    await Promise.all([
      ...ids.map((id) => removeAction(db, actor, tenant, planId, id)),
      ...range(AT_ONCE / 2).map((i) =>
        addAction(db, actor, tenant, planId, action(priorityId, `Kept ${i}`)),
      ),
    ]);
    expect(await actionPositions(priorityId)).toEqual(range(AT_ONCE / 2));
  });
});
