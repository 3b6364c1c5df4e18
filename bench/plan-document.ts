/**
 * Benchmark: the plan itself as a document (issue #13) — the demo's 60-action plan written as a
 * Word file and as the document model behind the print page — beside a baseline measured in the
 * same run: reading the same plan as its page does (loadPlan).
 *
 *   npx tsx bench/plan-document.ts
 *
 * On embedded PGlite in memory with the Northshire demo (1 year of history). Each is run
 * BENCH_RUNS times (default 20) after one warm-up; it prints the median and slowest in ms. It
 * asserts nothing.
 */
import { PgliteDb } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
import { systemTenant } from '../src/platform/tenancy/tenancy.js';
import { createDemo } from '../src/demo/index.js';
import { planDocumentModel, toDocx } from '../src/reports/index.js';
import { loadPlan } from '../src/plans/index.js';
import { RUNS, time } from './timing.js';

const TODAY = '2026-03-18';

const db = await PgliteDb.open(undefined);
await migrate(db);
await createDemo(db, { years: 1, today: TODAY });
const [partnership] = await db.query<{ id: string; slug: string; name: string }>(
  'SELECT id, slug, name FROM partnerships ORDER BY created_at LIMIT 1',
);
const tenant = systemTenant(partnership!);
const [plan] = await db.query<{ id: string; n: number }>(
  `SELECT p.id, count(a.id)::int AS n FROM plans p JOIN actions a ON a.plan_id = p.id
   WHERE p.partnership_id = $1 GROUP BY p.id ORDER BY n DESC LIMIT 1`,
  [tenant.partnershipId],
);

const rows = [
  await time(`baseline: the plan page's reads (${plan!.n} actions)`, () =>
    loadPlan(db, tenant, plan!.id),
  ),
  await time('plan document model (print page)', () =>
    planDocumentModel(db, tenant, plan!.id, TODAY),
  ),
  await time('plan document as Word (.docx)', async () =>
    toDocx((await planDocumentModel(db, tenant, plan!.id, TODAY))!),
  ),
];
console.log(`plan document, ${RUNS} runs each, PGlite in memory`);
console.table(
  rows.map((r) => ({
    what: r.label,
    'median ms': r.median.toFixed(1),
    'slowest ms': r.slowest.toFixed(1),
  })),
);
await db.close();
