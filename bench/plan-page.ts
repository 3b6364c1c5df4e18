/**
 * Benchmark: the plan page and the partnership overview (/p/:slug) under load, on the real server.
 *
 *   npx tsx bench/plan-page.ts
 *
 * For each database (PostgreSQL when BENCH_DATABASE_URL, or postgres@127.0.0.1:5432, answers: a
 * scratch database is created and dropped; then embedded PGlite in memory) and each scale (the
 * Northshire demo with 1 year of monthly history, then 100 years: 100× the rounds and updates of
 * one partnership), it loads the demo, starts the app with buildApp on 127.0.0.1 (a free port),
 * signs in as the demo's admin, and drives each page with autocannon (16 connections, 10 s each,
 * load generated in a worker thread) before printing one table. It prints figures; it asserts none.
 *
 * Settings: BENCH_DATABASE_URL (PostgreSQL URL able to CREATE DATABASE), BENCH_SECONDS (default
 * 10), BENCH_CONNECTIONS (default 16), BENCH_YEARS (the larger scale, default 100),
 * BENCH_ONLY (pglite or postgres), BENCH_CLIENT (thread, the default: autocannon in a worker thread
 * of this process; or process: autocannon's CLI in a child process).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { PgliteDb, PostgresDb, type Db } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createDemo } from '../src/demo/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const BIG_YEARS = Number(process.env.BENCH_YEARS ?? 100);
const ONLY = process.env.BENCH_ONLY;
const CLIENT = process.env.BENCH_CLIENT ?? 'thread';
// What a browser sends: pages are measured as people receive them.
const ACCEPT_ENCODING = 'gzip, deflate, br';
const execFileAsync = promisify(execFile);
const TODAY = '2026-03-18'; // fixed, so every run measures the same data

type Row = {
  database: string;
  scale: string;
  page: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
};

type Scratch = { db: Db; label: string; drop: () => Promise<void> };

async function postgresAdminUrl(): Promise<string | undefined> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return undefined;
  }
}

async function postgresScratch(adminUrl: string): Promise<Scratch> {
  const name = `sendboard_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = PostgresDb.open(url.toString(), 10);
  await migrate(db);
  return {
    db,
    label: 'PostgreSQL',
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

async function pgliteScratch(): Promise<Scratch> {
  const db = await PgliteDb.open(undefined);
  await migrate(db);
  return { db, label: 'PGlite', drop: () => db.close() };
}

/** Signs in like a browser (CSRF token from the form) and returns the cookie header. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${base}/sign-in`);
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('No CSRF token on the sign-in page');
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  if (response.status !== 303) throw new Error(`Sign-in failed: ${response.status}`);
  keep(response);
  return header();
}

async function measure(url: string, cookie: string): Promise<autocannon.Result> {
  if (CLIENT === 'process') return measureInChildProcess(url, cookie);
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 20,
    headers: { cookie, 'accept-encoding': ACCEPT_ENCODING },
    workers: 1,
  });
}

/** autocannon in its own process, so the load generator never shares the server's event loop. */
async function measureInChildProcess(url: string, cookie: string): Promise<autocannon.Result> {
  const cli = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
  const args = [cli, '-j', '-c', String(CONNECTIONS), '-d', String(SECONDS), '-t', '20'];
  const { stdout } = await execFileAsync(
    process.execPath,
    [...args, '-H', `cookie=${cookie}`, '-H', `accept-encoding=${ACCEPT_ENCODING}`, url],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as autocannon.Result;
}

async function run(): Promise<void> {
  const rows: Row[] = [];
  const adminUrl = ONLY === 'pglite' ? undefined : await postgresAdminUrl();
  const databases: (() => Promise<Scratch>)[] = [];
  if (adminUrl) databases.push(() => postgresScratch(adminUrl));
  else if (ONLY !== 'pglite')
    console.log('No PostgreSQL answers (BENCH_DATABASE_URL or 127.0.0.1:5432): PGlite only.');
  if (ONLY !== 'postgres') databases.push(pgliteScratch);
  const scales = [
    { years: 1, label: '1× (12 rounds)' },
    { years: BIG_YEARS, label: `${BIG_YEARS}× (years: ${BIG_YEARS})` },
  ];
  console.log(
    `Scale: ${BIG_YEARS}× the history of one partnership (createDemo years: ${BIG_YEARS}, not partnerships: ${BIG_YEARS}); ${CONNECTIONS} connections, ${SECONDS} s per page after a warm-up.\n`,
  );

  for (const open of databases) {
    for (const scale of scales) {
      const scratch = await open();
      let app: FastifyInstance | undefined;
      try {
        const started = Date.now();
        const demo = await createDemo(scratch.db, { years: scale.years, today: TODAY });
        const northshire = demo.partnerships[0]!;
        console.log(
          `${scratch.label}, ${scale.label}: demo built in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
            `(${northshire.counts.actions} actions, ${northshire.counts.rounds} rounds, ${northshire.counts.updates} updates)`,
        );
        const config = loadConfig({
          NODE_ENV: 'production',
          COOKIE_SECRET: randomBytes(32).toString('hex'),
          EMAIL_TRANSPORT: 'log',
          LOG_LEVEL: 'silent',
          BASE_URL: 'http://127.0.0.1',
        });
        app = await buildApp({ config, db: scratch.db, logger: false });
        await app.listen({ host: '127.0.0.1', port: 0 });
        const address = app.server.address();
        const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        const cookie = await signIn(base, northshire.people[0]!.email, demo.password);
        for (const [page, path] of [
          ['plan page', northshire.planPath],
          ['overview /p/:slug', northshire.path],
          // The floor: the sign-in check and the layout around a short page.
          ['account page (floor)', '/account'],
        ] as const) {
          const check = await fetch(base + path, { headers: { cookie } });
          await check.arrayBuffer();
          if (check.status !== 200) throw new Error(`${path} answered ${check.status}`);
          // Warm up for two seconds at full load: the JIT and the database settle first.
          await autocannon({
            url: base + path,
            connections: CONNECTIONS,
            duration: 2,
            headers: { cookie, 'accept-encoding': ACCEPT_ENCODING },
          });
          const result = await measure(base + path, cookie);
          rows.push({
            database: scratch.label,
            scale: scale.label,
            page,
            rps: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
            non2xx: result.non2xx,
            errors: result.errors + result.timeouts,
          });
        }
      } finally {
        await app?.close();
        await scratch.drop();
      }
    }
  }
  console.log('\n' + table(rows));
  console.log('\n' + againstAims(rows).join('\n'));
}

/** Issue #3's aims, read off the figures: printed, never asserted. */
function againstAims(rows: Row[]): string[] {
  const lines: string[] = [];
  for (const database of new Set(rows.map((r) => r.database))) {
    const plan = rows.filter((r) => r.database === database && r.page === 'plan page');
    const [small, big] = plan;
    if (!small) continue;
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    if (database === 'PostgreSQL')
      lines.push(
        `${database}: plan page ≥ 1,500 req/s: ${verdict(plan.every((r) => r.rps >= 1500))}; ` +
          `p99 < 20 ms at ${CONNECTIONS} connections: ${verdict(plan.every((r) => r.p99 < 20))}`,
      );
    if (big)
      lines.push(
        `${database}: ${big.scale} p99 / 1× p99 = ${(big.p99 / Math.max(small.p99, 1)).toFixed(2)} ` +
          `(aim ≤ 1.5: ${verdict(big.p99 <= 1.5 * Math.max(small.p99, 1))})`,
      );
  }
  return lines;
}

function table(rows: Row[]): string {
  const head = ['database', 'scale', 'page', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'];
  const body = rows.map((r) => [
    r.database,
    r.scale,
    r.page,
    r.rps.toFixed(1),
    String(r.p50),
    String(r.p99),
    String(r.non2xx),
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    '| ' +
    cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ') +
    ' |';
  return [
    line(head),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...body.map(line),
  ].join('\n');
}

await run();
