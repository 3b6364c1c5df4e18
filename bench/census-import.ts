/**
 * Benchmark: importing a pupil-level school census, through the same service path as the upload
 * page and `sendboard import census` (read → check → aggregate per school → pending payload).
 *
 *   npx tsx bench/census-import.ts              # 250,000 rows (a large county)
 *   npx tsx bench/census-import.ts 9000000      # 9,000,000 rows (England)
 *   npx tsx bench/census-import.ts 250000 --save   # also stage and save it in an in-memory PGlite
 *
 * It writes a census-like CSV (URN, UPN, names, date of birth, SEN provision, primary need) into
 * the system's temporary folder, runs readCensusFile on it, and prints seconds, rows/s and the
 * peak RSS (sampled every 100 ms). Aims: 250k rows in under 3 s; 9M in under 90 s and 500 MB.
 * It prints figures and asserts none. The generated file is deleted afterwards.
 */
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { NEED_CODES } from '../src/performance/census/index.js';
import {
  checkCensusUpload,
  confirmCensus,
  readCensusFile,
  stageCensus,
} from '../src/performance/census/index.js';

const CENSUS_DATE = '2025-01-16';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FORENAMES = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Harry',
  'Isla',
  'Jack',
];
const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Khan', 'Patel'];
const SEN_NEEDS = NEED_CODES.filter((code) => code !== 'NSA');

/** Pupils sorted by school, as census extracts usually are; about 300 pupils per school. */
async function writeCensus(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const random = prng(rows);
  const schools = Math.max(1, Math.round(rows / 300));
  let text = 'URN,UPN,Forename,Surname,DOB,SEN provision,Primary SEN need\r\n';
  for (let i = 0; i < rows; i++) {
    const urn = 100000 + Math.floor((i / rows) * schools);
    const upn = `A${String(Math.floor(random() * 1e12)).padStart(12, '0')}`;
    const forename = FORENAMES[Math.floor(random() * FORENAMES.length)];
    const surname = SURNAMES[Math.floor(random() * SURNAMES.length)];
    const dob = `20${String(10 + Math.floor(random() * 8))}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    const r = random();
    const provision = r < 0.045 ? 'E' : r < 0.18 ? 'K' : 'N';
    let need = '';
    if (provision === 'K')
      need = random() < 0.05 ? 'NSA' : SEN_NEEDS[Math.floor(random() * SEN_NEEDS.length)]!;
    else if (provision === 'E') need = SEN_NEEDS[Math.floor(random() * SEN_NEEDS.length)]!;
    text += `${urn},${upn},${forename},${surname},${dob},${provision},${need}\r\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

function peakSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round(peak / 2 ** 20);
    },
  };
}

async function measure(rows: number, save: boolean): Promise<void> {
  const file = path.join(os.tmpdir(), `sendboard-bench-census-${rows}-${process.pid}.csv`);
  try {
    const writeStart = performance.now();
    await writeCensus(file, rows);
    const { size } = await stat(file);
    console.log(
      `wrote ${rows.toLocaleString('en-GB')} rows (${Math.round(size / 2 ** 20)} MB) in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`,
    );

    global.gc?.();
    const sampler = peakSampler();
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const check = await readCensusFile(file, {
      fileName: path.basename(file),
      censusDate: CENSUS_DATE,
    });
    const payloadBytes = JSON.stringify(check.schools).length;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const peak = sampler.stop();
    console.log(
      [
        `read+checked+aggregated ${check.rowsRead.toLocaleString('en-GB')} rows in ${seconds.toFixed(2)} s`,
        `${Math.round(check.rowsRead / seconds).toLocaleString('en-GB')} rows/s`,
        `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
        `load ${os.loadavg()[0]!.toFixed(1)}`,
        `peak RSS ${peak} MB`,
        `${check.source}`,
        `schools ${check.totals.schools.toLocaleString('en-GB')}`,
        `pupils ${check.totals.pupils.toLocaleString('en-GB')} (E ${check.totals.E.toLocaleString('en-GB')}, K ${check.totals.K.toLocaleString('en-GB')})`,
        `errors ${check.errorCount}`,
        `pending payload ${Math.round(payloadBytes / 1024)} KB`,
      ].join(' | '),
    );
    if (check.errorCount > 0) console.log(check.errors.slice(0, 5));

    if (save) await saveToPglite(file, rows);
  } finally {
    await rm(file, { force: true });
  }
}

/** The whole page path on an in-memory PGlite: check (with geography), stage, confirm. */
async function saveToPglite(file: string, rows: number): Promise<void> {
  const { PgliteDb } = await import('../src/platform/db/db.js');
  const { migrate } = await import('../src/platform/db/migrate.js');
  const { setUpSendboard } = await import('../src/setup/setup-service.js');
  const { systemTenant } = await import('../src/platform/tenancy/tenancy.js');
  const db = await PgliteDb.open(undefined);
  try {
    await migrate(db);
    const { partnership, user } = await setUpSendboard(db, {
      partnership: {
        name: 'Bench SEND Partnership',
        localAuthority: 'Bench Council',
        laCode: '999',
      },
      admin: {
        name: 'Bench Admin',
        email: 'bench@example.org',
        password: 'correct horse battery staple',
      },
    });
    const tenant = systemTenant(partnership);
    const actor = { userId: user.id, name: user.name };
    const sampler = peakSampler();
    const t0 = performance.now();
    const check = await checkCensusUpload(db, tenant, file, { censusDate: CENSUS_DATE });
    const t1 = performance.now();
    const pendingId = await stageCensus(db, actor, tenant, {
      fileName: path.basename(file),
      label: 'Spring 2025',
      censusDate: CENSUS_DATE,
      check,
    });
    const t2 = performance.now();
    const saved = await confirmCensus(db, actor, tenant, pendingId);
    const t3 = performance.now();
    const peak = sampler.stop();
    console.log(
      [
        `PGlite: ${rows.toLocaleString('en-GB')} rows checked in ${((t1 - t0) / 1000).toFixed(2)} s`,
        `staged in ${((t2 - t1) / 1000).toFixed(2)} s`,
        `saved (${saved.status}) in ${((t3 - t2) / 1000).toFixed(2)} s`,
        `total ${((t3 - t0) / 1000).toFixed(2)} s`,
        `peak RSS ${peak} MB`,
      ].join(' | '),
    );
  } finally {
    await db.close();
  }
}

const args = process.argv.slice(2);
const save = args.includes('--save');
const given = args.find((a) => /^\d+$/.test(a));
const sizes = given ? [Number(given)] : [250_000];
for (const rows of sizes) await measure(rows, save);
