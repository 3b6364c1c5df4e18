/**
 * Benchmark: reading and checking a pupil-level school census CSV, as the census import does.
 *
 *   npx tsx bench/import-read.ts            # 250,000 rows
 *   npx tsx bench/import-read.ts --big      # and 9,000,000 rows (about 250 MB of CSV)
 *   npx tsx bench/import-read.ts --rows=N   # N rows only
 *
 * It writes a census-like CSV (URN, UPN, SENprovision E/K/N, PrimarySENneed) into the system's
 * temporary folder, streams it through openTable + checkTable with a column spec, counts pupils per
 * school and provision as it goes (nothing per pupil is kept), and prints rows/s, seconds and the
 * peak RSS (sampled every 100 ms), with the CPU time and the load average (wall time on a busy
 * machine says little). Aims: 250k rows in under 3 s; 9M in under 90 s and 500 MB.
 * It prints figures; it asserts none. The generated files are deleted afterwards.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { checkTable, defineColumns } from '../src/platform/tables/columns.js';
import { NEED_CODES } from '../src/performance/census/index.js';

const censusSpec = defineColumns([
  {
    key: 'urn',
    label: 'URN',
    kind: 'text',
    required: true,
    pattern: /^\d{6}$/,
    patternHint: 'a 6-digit URN',
  },
  { key: 'upn', label: 'UPN', kind: 'text', required: true, maxLength: 13 },
  {
    key: 'provision',
    label: 'SENprovision',
    aliases: ['SEN provision'],
    kind: 'enum',
    required: true,
    values: [
      { value: 'E', aliases: ['EHC plan'] },
      { value: 'K', aliases: ['SEN support'] },
      { value: 'N', aliases: ['No SEN'] },
    ],
  },
  {
    key: 'need',
    label: 'PrimarySENneed',
    aliases: ['Primary SEN need', 'SEN need'],
    kind: 'enum',
    values: NEED_CODES,
  },
] as const);

/** A small fast PRNG, so every run writes the same file. */
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

async function writeCensus(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const random = prng(rows);
  const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
  let text = 'URN,UPN,SENprovision,PrimarySENneed\r\n';
  for (let i = 0; i < rows; i++) {
    const urn = 100000 + Math.floor(random() * 20000);
    const upn =
      letters[Math.floor(random() * letters.length)] +
      String(Math.floor(random() * 1e12)).padStart(12, '0');
    const r = random();
    const provision = r < 0.04 ? 'E' : r < 0.17 ? 'K' : 'N';
    const need = provision === 'N' ? '' : NEED_CODES[Math.floor(random() * NEED_CODES.length)];
    text += `${urn},${upn},${provision},${need}\r\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

async function measure(rows: number): Promise<void> {
  const file = path.join(os.tmpdir(), `sendboard-bench-census-${rows}-${process.pid}.csv`);
  try {
    const written = performance.now();
    await writeCensus(file, rows);
    const writeSeconds = (performance.now() - written) / 1000;

    global.gc?.();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const perSchool = new Map<string, { E: number; K: number; N: number }>();
    const report = await checkTable(file, censusSpec, (pupil) => {
      let counts = perSchool.get(pupil.urn);
      if (!counts) {
        counts = { E: 0, K: 0, N: 0 };
        perSchool.set(pupil.urn, counts);
      }
      counts[pupil.provision]++;
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    console.log(
      [
        `rows ${rows.toLocaleString('en-GB')}`,
        `written in ${writeSeconds.toFixed(1)} s`,
        `read+checked in ${seconds.toFixed(2)} s`,
        `${Math.round(report.rowsRead / seconds).toLocaleString('en-GB')} rows/s`,
        `CPU ${cpuSeconds.toFixed(2)} s`,
        `load ${os.loadavg()[0]?.toFixed(1)}`,
        `peak RSS ${Math.round(peak / 2 ** 20)} MB`,
        `schools ${perSchool.size.toLocaleString('en-GB')}`,
        `accepted ${report.recordsAccepted.toLocaleString('en-GB')}`,
        `errors ${report.errorCount}`,
      ].join(' | '),
    );
    if (report.errorCount > 0) console.log(report.errors.slice(0, 5));
  } finally {
    await rm(file, { force: true });
  }
}

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--rows='));
const sizes = only
  ? [Number(only.slice('--rows='.length))]
  : args.includes('--big')
    ? [250_000, 9_000_000]
    : [250_000];
for (const rows of sizes) await measure(rows);
