import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/helpers/databases.js';
import { setUpPartnership } from '../../test/helpers/test-app.js';
import type { Actor } from '../platform/identity/types.js';
import type { Db } from '../platform/db/db.js';
import { systemTenant, type Tenant } from '../platform/tenancy/tenancy.js';
import { recordFinding, removeFinding } from './commands/findings.js';
import { addFinding, createInspection, reorderFinding } from './inspection-service.js';

/*
 * Findings are numbered max(position) + 1. Findings added together (two admins, or the API) must
 * still each get their own place. The race shows on PostgreSQL, where transactions run side by
 * side; PGlite runs them one after another.
 */

const AT_ONCE = 8;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.each(databaseKinds)('finding order under concurrent writes on %s', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let tenant: Tenant;
  let actor: Actor;

  const newInspection = async () =>
    (
      await createInspection(db, actor, tenant, {
        framework: '2023',
        kind: 'full',
        onSiteStart: '2024-03-11',
        onSiteEnd: '2024-03-15',
        publishedOn: '2024-05-02',
        team: '',
        outcome: 2,
        wsoaRequired: null,
        outcomeText: '',
      })
    ).id;
  const finding = (text: string) => ({
    type: 'area_for_improvement' as const,
    question: null,
    text,
    sufficientProgress: null,
  });
  const order = async (inspectionId: string) =>
    db.query<{ position: number; text: string }>(
      'SELECT position, text FROM findings WHERE inspection_id = $1 ORDER BY position, text',
      [inspectionId],
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
  });
  afterAll(async () => dispose?.());

  it('gives findings added at once to one inspection places 1, 2, 3… with none twice', async () => {
    const inspectionId = await newInspection();
    await Promise.all(
      range(AT_ONCE).map((i) => addFinding(db, actor, tenant, inspectionId, finding(`F${i}`))),
    );
    expect((await order(inspectionId)).map((f) => f.position)).toEqual(range(AT_ONCE));
  });

  it('keeps every place its own when findings move while others are added', async () => {
    const inspectionId = await newInspection();
    const ids: string[] = [];
    for (const i of range(AT_ONCE / 2))
      ids.push((await addFinding(db, actor, tenant, inspectionId, finding(`M${i}`)))!.id);
    await Promise.all([
      ...ids.map((id, i) =>
        reorderFinding(db, actor, tenant, inspectionId, id, i % 2 ? 'up' : 'down'),
      ),
      ...range(AT_ONCE / 2).map((i) =>
        addFinding(db, actor, tenant, inspectionId, finding(`Added ${i}`)),
      ),
    ]);
    const positions = (await order(inspectionId)).map((f) => f.position);
    expect(positions).toHaveLength(AT_ONCE);
    expect(new Set(positions).size).toBe(AT_ONCE);
  });

  it('never lets a finding be deleted between a revisit’s check of its link and the write', async () => {
    const context = { db, actor, tenant };
    const initialId = (
      await createInspection(db, actor, tenant, {
        framework: '2016',
        kind: 'initial',
        onSiteStart: '2021-06-07',
        onSiteEnd: null,
        publishedOn: '2021-08-02',
        team: '',
        outcome: null,
        wsoaRequired: true,
        outcomeText: '',
      })
    ).id;
    const revisitId = (
      await createInspection(db, actor, tenant, {
        framework: '2016',
        kind: 'revisit',
        onSiteStart: '2023-01-09',
        onSiteEnd: null,
        publishedOn: '2023-03-01',
        team: '',
        outcome: null,
        wsoaRequired: null,
        outcomeText: '',
        followsInspectionId: initialId,
      })
    ).id;
    for (const i of range(AT_ONCE)) {
      const weakness = { ...finding(`Weakness ${i}`), type: 'significant_weakness' as const };
      const weaknessId = (await addFinding(db, actor, tenant, initialId, weakness))!.id;
      // Either the judgement is written and the weakness stays, or the weakness goes and the
      // judgement is refused in words: never a broken link or a database error.
      const [judged, removed] = await Promise.all([
        recordFinding(context, revisitId, { ...weakness, judgesFindingId: weaknessId }),
        removeFinding(context, initialId, weaknessId),
      ]);
      expect(judged.kind === 'ok').not.toBe(removed.kind === 'ok');
      if (removed.kind === 'ok') expect(judged.kind).toBe('invalid');
      else expect(removed.kind).toBe('refused');
    }
  });
});
