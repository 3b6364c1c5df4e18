import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../../test/helpers/databases.js';
import { setUpPartnership } from '../../../test/helpers/test-app.js';
import type { Actor } from '../../platform/identity/types.js';
import type { Db } from '../../platform/db/db.js';
import { systemTenant, type Tenant } from '../../platform/tenancy/tenancy.js';
import { createIndicator } from './indicator-service.js';

/*
 * The catalogue is ordered by max(position) + 1. Indicators added together (two admins, or the
 * API) must still each get their own place. The race shows on PostgreSQL, where transactions run
 * side by side; PGlite runs them one after another.
 */

const AT_ONCE = 8;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.each(databaseKinds)('the indicator catalogue under concurrent writes on %s', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  let tenant: Tenant;
  let actor: Actor;

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

  it('gives indicators added at once places 1, 2, 3… with none twice', async () => {
    await Promise.all(
      range(AT_ONCE).map((i) =>
        createIndicator(db, actor, tenant, {
          name: `Indicator ${i}`,
          code: `IND${i}`,
          definition: '',
          unit: 'percent',
          polarity: 'higher_is_better',
          frequency: 'monthly',
          source: '',
          ownerUserId: null,
          green: null,
          amber: null,
          actionIds: [],
          findingIds: [],
        }),
      ),
    );
    const rows = await db.query<{ position: number }>(
      'SELECT position FROM indicators WHERE partnership_id = $1 ORDER BY position',
      [tenant.partnershipId],
    );
    expect(rows.map((r) => r.position)).toEqual(range(AT_ONCE));
  });
});
