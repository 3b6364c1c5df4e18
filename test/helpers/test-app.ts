import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/platform/config/config.js';
import type { Db } from '../../src/platform/db/db.js';
import { setUpSendboard } from '../../src/setup/index.js';
import { addPerson } from '../../src/people/index.js';
import { createPartnership } from '../../src/partnerships/index.js';
import { insertMembership } from '../../src/partnerships/index.js';
import { systemTenant } from '../../src/platform/tenancy/tenancy.js';
import type { Role } from '../../src/platform/identity/types.js';
import type { PartnershipInput } from '../../src/partnerships/index.js';
import { freshDatabase, type DatabaseKind } from './databases.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test' }),
    signIn: { maxFailures: 3, lockoutMinutes: 15, ratePerMinute: 30 },
    ...overrides,
  };
}

export type TestApp = { app: FastifyInstance; db: Db; config: Config; close: () => Promise<void> };

export async function createTestApp(
  kind: DatabaseKind,
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const { db, dispose } = await freshDatabase(kind);
  const config = testConfig(overrides);
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await dispose();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

/** A first run for one partnership, whose admin is Alex Admin with PASSWORD at `adminEmail`. */
export async function setUpPartnership(db: Db, partnership: PartnershipInput, adminEmail: string) {
  return setUpSendboard(db, {
    partnership,
    admin: { name: 'Alex Admin', email: adminEmail, password: PASSWORD },
  });
}

/** Two partnerships with an admin each, and a person of every other role in the first. */
export async function seedTwoPartnerships(db: Db) {
  const { partnership: a, user: adminA } = await setUpSendboard(db, {
    partnership: {
      name: 'Northshire SEND Partnership',
      localAuthority: 'Northshire County Council',
      laCode: '901',
    },
    admin: { name: 'Alex Admin', email: 'alex@northshire.example', password: PASSWORD },
  });
  const actor = { userId: adminA.id, name: adminA.name };
  const b = await db.transaction((tx) =>
    createPartnership(tx, actor, {
      name: 'Southvale SEND Partnership',
      localAuthority: 'Southvale Council',
      laCode: '902',
    }),
  );
  const tenantA = systemTenant(a);
  const tenantB = systemTenant(b);
  const { userId: adminBId } = await addPerson(db, actor, tenantB, {
    name: 'Bea Admin',
    email: 'bea@southvale.example',
    role: 'admin',
    password: PASSWORD,
  });
  const people: Record<string, string> = {};
  for (const role of ['lead', 'contributor', 'viewer', 'forum', 'adviser'] as Role[]) {
    const { userId } = await addPerson(db, actor, tenantA, {
      name: `${role} person`,
      email: `${role}@northshire.example`,
      role,
      password: PASSWORD,
    });
    people[role] = userId;
  }
  return { a, b, tenantA, tenantB, adminA, adminBId, people };
}

export async function addMembership(db: Db, partnershipId: string, userId: string, role: Role) {
  await insertMembership(db, { partnershipId, userId, role });
}
