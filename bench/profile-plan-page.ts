/**
 * Where a plan page request spends its time: loads the demo into an in-memory PGlite and times
 * N sequential requests through app.inject(). PROFILE_OUT=file.cpuprofile writes a CPU profile of
 * the timed requests only (open it in Chrome DevTools or summarise it with bench/summarise-profile.ts);
 * PROFILE_ONLY=plan times one page only; DUMP_DIR=dir saves each page's HTML there.
 *
 *   npx tsx bench/profile-plan-page.ts [N]
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { PgliteDb, PostgresDb } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createDemo } from '../src/demo/index.js';

const N = Number(process.argv[2] ?? 200);
const db = process.env.PROFILE_DATABASE_URL
  ? PostgresDb.open(process.env.PROFILE_DATABASE_URL)
  : await PgliteDb.open(undefined);
await migrate(db);
const demo = await createDemo(db, { today: '2026-03-18' });
const partnership = demo.partnerships[0]!;
const app = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }) }, db, logger: false });
await app.ready();
const signIn = await app.inject({ method: 'GET', url: '/sign-in' });
const csrfCookie = signIn.cookies.find((c) => c.name === 'sendboard_csrf')!;
const token = /name="_csrf" value="([^"]+)"/.exec(signIn.body)![1]!;
const adminEmail = partnership.people.find((p) => p.role === 'admin')!.email;
const res = await app.inject({
  method: 'POST',
  url: '/sign-in',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    cookie: `sendboard_csrf=${csrfCookie.value}`,
  },
  payload: new URLSearchParams({
    email: adminEmail,
    password: demo.password,
    _csrf: token,
  }).toString(),
});
const session = res.cookies.find((c) => c.name === 'sendboard_session')!.value;
const profiler = process.env.PROFILE_OUT ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
for (const [name, url] of [
  ['plan page', partnership.planPath],
  ['overview', partnership.path],
  // The floor: sign-in check and the layout around a short page.
  ['account page', '/account'],
] as const) {
  if (process.env.PROFILE_ONLY && !name.startsWith(process.env.PROFILE_ONLY)) continue;
  let bytes = 0;
  const time = async (n: number) => {
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const r = await app.inject({
        method: 'GET',
        url,
        headers: { cookie: `sendboard_session=${session}` },
      });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
      bytes = r.rawPayload.length;
      if (process.env.DUMP_DIR) fs.writeFileSync(`${process.env.DUMP_DIR}/${name}.html`, r.body);
    }
    return (performance.now() - start) / n;
  };
  await time(5);
  console.log(
    `${name}: ${(await time(N)).toFixed(2)} ms per request (${N} sequential, in-process), ${Math.round(bytes / 1024)} KB`,
  );
}
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  fs.writeFileSync(process.env.PROFILE_OUT!, JSON.stringify(profile));
  console.log(`CPU profile written to ${process.env.PROFILE_OUT}`);
}
await app.close();
await db.close();
