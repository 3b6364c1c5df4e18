import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PgliteDb } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
import { projectRoot } from '../src/platform/config/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** A fresh PGlite costs seconds: migrate one once per run and let each test file load a copy. */
export default async function setup(project: TestProject): Promise<void> {
  const dir = path.join(projectRoot, 'node_modules/.cache/sendboard-test');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `template-${process.pid}.tar.gz`);
  const db = await PgliteDb.open(undefined);
  await migrate(db);
  const dump = await db.pglite.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
}
