import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createHash } from 'node:crypto';

/** Anything that runs SQL: the database itself or a transaction on it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * On PGlite, which only this process can open, a number that changes around every write, so
   * the process can reuse what it read until then. Undefined on PostgreSQL: other servers write.
   */
  readonly writeGeneration: number | undefined;
  /** Runs fn in one transaction; everything it writes commits together or not at all. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function one<T>(q: Queryable, sql: string, params?: unknown[]): Promise<T> {
  const rows = await q.query<T>(sql, params);
  if (rows.length !== 1) throw new Error(`Expected one row, got ${rows.length}`);
  return rows[0] as T;
}

export async function maybeOne<T>(
  q: Queryable,
  sql: string,
  params?: unknown[],
): Promise<T | undefined> {
  const rows = await q.query<T>(sql, params);
  return rows[0];
}

export type TransactionOptions = {
  isolation?: 'repeatable read' | 'serializable';
  readOnly?: boolean;
};

function transactionMode(options?: TransactionOptions): string {
  const parts: string[] = [];
  if (options?.isolation) parts.push(`ISOLATION LEVEL ${options.isolation.toUpperCase()}`);
  if (options?.readOnly) parts.push('READ ONLY');
  return parts.join(' ');
}

/** PGlite: PostgreSQL in WASM, one connection, opened by one process. */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  private generation = 0;
  constructor(readonly pglite: PGlite) {}

  get writeGeneration(): number {
    return this.generation;
  }

  static async open(dataDir: string | undefined, loadDataDir?: Blob): Promise<PgliteDb> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const pglite = await PGlite.create(dataDir ?? 'memory://', loadDataDir ? { loadDataDir } : {});
    return new PgliteDb(pglite);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    // Anything but a plain SELECT may write: the generation changes before and after it, so a
    // read that overlapped it is never taken for current.
    const write = !/^\s*select\b/i.test(sql);
    if (write) this.generation++;
    try {
      return (await this.pglite.query<T>(sql, params)).rows;
    } finally {
      if (write) this.generation++;
    }
  }

  async transaction<T>(
    fn: (tx: Queryable) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    this.generation++;
    try {
      return await this.inTransaction(fn, options);
    } finally {
      this.generation++;
    }
  }

  private inTransaction<T>(
    fn: (tx: Queryable) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    // PGlite's own transaction() holds its single connection until fn settles, so requests queue.
    return this.pglite.transaction(async (tx) => {
      const mode = transactionMode(options);
      if (mode) await tx.query(`SET TRANSACTION ${mode}`);
      return fn({
        query: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params)).rows,
      });
    }) as Promise<T>;
  }

  async exec(sql: string): Promise<void> {
    this.generation++;
    try {
      await this.pglite.exec(sql);
    } finally {
      this.generation++;
    }
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

const statementNames = new Map<string, string>();

/**
 * A named (prepared) statement: each connection plans the SQL once and reuses the plan, which
 * saves a millisecond or more per query on the pages' bigger joins. Names come from the SQL text.
 */
function prepared(text: string, values?: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = 's' + createHash('sha1').update(text).digest('hex').slice(0, 20);
    statementNames.set(text, name);
  }
  return { name, text, values: (values ?? []) as unknown[] };
}

/** A PostgreSQL server, through a pool of connections. */
export class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  readonly writeGeneration = undefined;
  constructor(readonly pool: pg.Pool) {}

  static open(connectionString: string, max = 10): PostgresDb {
    const pool = new pg.Pool({ connectionString, max, statement_timeout: 30_000 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    return new PostgresDb(pool);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    const result = await this.pool.query(prepared(sql, params));
    return result.rows as T[];
  }

  async transaction<T>(
    fn: (tx: Queryable) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(`BEGIN ${transactionMode(options)}`);
      // One connection runs one query at a time: chain them, so Promise.all inside a transaction is safe.
      let chain: Promise<unknown> = Promise.resolve();
      const query = <R>(sql: string, params?: unknown[]): Promise<R[]> => {
        const next = chain.then(
          async () => (await client.query(prepared(sql, params))).rows as R[],
        );
        chain = next.catch(() => {});
        return next;
      };
      const result = await fn({ query });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<Db> {
  if (options.databaseUrl) return PostgresDb.open(options.databaseUrl);
  return PgliteDb.open(options.dataDir);
}
