import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { openDatabase, type Db } from './db.js';
import { migrate } from './migrate.js';

export class DatabaseBusyError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one connection and must be opened by one process: a lock file in the data folder
 * stops a second server or a CLI command from corrupting it while Sendboard is running.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'sendboard.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new DatabaseBusyError(
        `The embedded database in ${dataDir} is in use by another Sendboard process (pid ${pid}). Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

/** Opens the configured database (PostgreSQL or the embedded PGlite) and brings its schema up to date. */
export async function openAndMigrate(
  config: Config,
  options: { migrate?: boolean } = {},
): Promise<Db> {
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  try {
    const db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'pglite'),
    });
    if (options.migrate !== false) await migrate(db);
    const close = db.close.bind(db);
    db.close = async () => {
      await close();
      unlock();
    };
    return db;
  } catch (error) {
    unlock();
    throw error;
  }
}
