import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { PgliteDb, PostgresDb, type Db } from '../../src/platform/db/db.js';
import { migrate } from '../../src/platform/db/migrate.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

let templateBlob: Blob | undefined;

/** A migrated, empty database of its own for one test file; dispose() drops it. */
export async function freshDatabase(
  kind: DatabaseKind,
): Promise<{ db: Db; dispose: () => Promise<void> }> {
  if (kind === 'pglite') {
    templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
    const db = await PgliteDb.open(undefined, templateBlob);
    return { db, dispose: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `sendboard_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = PostgresDb.open(url.toString(), 5);
  await migrate(db);
  return {
    db,
    dispose: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
