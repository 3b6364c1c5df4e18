// Shared by the census and EHC timeliness tests: an app with Alex, admin of the first
// partnership, signed in; censuses and case sets saved through the same check and save as the
// upload pages; and the audit entries of deleting them.
import { expect } from 'vitest';
import {
  checkCensusUpload,
  confirmCensus,
  stageCensus,
} from '../../src/performance/census/index.js';
import {
  checkCaseFile,
  saveCaseSet,
  summariseCases,
} from '../../src/performance/timeliness/index.js';
import type { Queryable } from '../../src/platform/db/db.js';
import type { Db } from '../../src/platform/db/db.js';
import type { Actor } from '../../src/platform/identity/types.js';
import type { Tenant } from '../../src/platform/tenancy/tenancy.js';
import { Agent } from './agent.js';
import type { DatabaseKind } from './databases.js';
import { createTestApp, PASSWORD, seedTwoPartnerships } from './test-app.js';

/** Who saves the data the tests start from. */
export const SEEDER: Actor = { userId: null, name: 'Test seed' };

/** A test app with two partnerships, and Alex (admin of the first) signed in. */
export async function appWithAdmin(kind: DatabaseKind) {
  const t = await createTestApp(kind);
  const seed = await seedTwoPartnerships(t.db);
  const admin = new Agent(t.app);
  await admin.signIn('alex@northshire.example', PASSWORD);
  return { t, seed, admin };
}

/** Schools of 100 pupils, 5 with an EHC plan and 20 on SEN support: 5%, 20% and 25%. */
export function schoolCsv(schools: number): string {
  const rows = Array.from({ length: schools }, (_, i) => `${200001 + i},100,5,20`);
  return ['URN,Total pupils,EHC plan,SEN support', ...rows].join('\r\n') + '\r\n';
}

/** Saves a school-level census of `schools` schools (see schoolCsv); its id. */
export async function saveSchoolCensus(
  db: Db,
  tenant: Tenant,
  census: { label: string; censusDate: string; schools: number; fileName?: string },
): Promise<string> {
  const { label, censusDate } = census;
  const fileName = census.fileName ?? `${label}.csv`;
  const check = await checkCensusUpload(db, tenant, Buffer.from(schoolCsv(census.schools)), {
    fileName,
    censusDate,
  });
  expect(check.errors).toEqual([]);
  const pendingId = await stageCensus(db, SEEDER, tenant, { fileName, label, censusDate, check });
  const saved = await confirmCensus(db, SEEDER, tenant, pendingId);
  if (saved.status !== 'saved') throw new Error('seed census not saved');
  return saved.censusId;
}

/** Saves a file of EHC cases as a case set, checked as of `today`; its id. */
export async function saveCases(
  db: Db,
  tenant: Tenant,
  set: { label: string; fileName: string; csv: string; today: string },
): Promise<string> {
  const { label, fileName } = set;
  const check = await checkCaseFile(Buffer.from(set.csv), { fileName, today: set.today });
  expect(check.errors).toEqual([]);
  const saved = await db.transaction((tx) =>
    saveCaseSet(tx, SEEDER, tenant, {
      label,
      fileName,
      rowsRead: check.rowsRead,
      cases: check.cases,
      summary: summariseCases(label, check.cases, check),
    }),
  );
  return saved.caseSetId;
}

/** The audit entries of deleting records of one type (`census`, `ehc_case_set`), oldest first. */
export const deleteEntries = (db: Queryable, entityType: string) =>
  db.query<{ entity_id: string; actor_name: string; partnership_id: string; before: unknown }>(
    `SELECT entity_id, actor_name, partnership_id, before FROM audit_log
     WHERE entity_type = $1 AND action = 'delete' ORDER BY at`,
    [entityType],
  );
