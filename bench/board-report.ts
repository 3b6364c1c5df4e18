/**
 * Benchmark: the board report (issue #13: "the board report for the 60-action demo plan with 20
 * indicators, 15 risks and 5 charts as Word in under 1 s") beside a baseline measured in the same
 * run: reading the same plan as its page does (loadPlan).
 *
 *   npx tsx bench/board-report.ts
 *
 * On embedded PGlite in memory with the Northshire demo (1 year of history, up to today, as the
 * report generator reads today's figures). Before timing it adds open risks up to 15 and
 * indicators linked to the plan's actions up to 20 (the added ones have no values, so no chart),
 * and prints what the report holds. Each is run BENCH_RUNS times (default 20) after one warm-up;
 * it prints the median and slowest in ms. It asserts nothing. Generating writes a report each
 * time, compared with the one before, as "Write it again" does.
 */
import { PgliteDb } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
import { systemTenant } from '../src/platform/tenancy/tenancy.js';
import { todayInLondon } from '../src/platform/web/today.js';
import { createDemo } from '../src/demo/index.js';
import { createIndicator } from '../src/performance/indicators/index.js';
import { loadPlan } from '../src/plans/index.js';
import { generateReport, SECTIONS, toDocx, type DocumentModel } from '../src/reports/index.js';
import { createRisk } from '../src/risks/index.js';
import { RUNS, time } from './timing.js';

const RISKS = 15;
const INDICATORS = 20;
const TODAY = todayInLondon();

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
const [admin] = await db.query<{ id: string; name: string }>(
  `SELECT u.id, u.name FROM users u JOIN memberships m ON m.user_id = u.id
   WHERE m.partnership_id = $1 AND m.role = 'admin' AND m.disabled_at IS NULL ORDER BY u.name LIMIT 1`,
  [tenant.partnershipId],
);
const actor = { userId: admin!.id, name: admin!.name };
const context = { db, tenant, actor };

// Up to 15 open risks.
const countOpenRisks = async () =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM risks WHERE partnership_id = $1 AND status = 'open'`,
      [tenant.partnershipId],
    )
  )[0]!.n;
const demoRisks = await countOpenRisks();
for (let i = demoRisks; i < RISKS; i++) {
  const made = await createRisk(context, {
    title: `Bench risk ${i + 1}: capacity in a partner service`,
    ownerUserId: admin!.id,
    inherentLikelihood: 1 + (i % 5),
    inherentImpact: 1 + ((i * 3) % 5),
    currentLikelihood: 1 + (i % 4),
    currentImpact: 1 + ((i * 2) % 4),
  });
  if (made.kind !== 'ok') throw new Error(JSON.stringify(made));
}

// Last month: the period a monthly board report covers.
const [y, m] = TODAY.split('-').map(Number) as [number, number];
const input = {
  kind: 'board',
  title: 'SEND improvement: progress report',
  planIds: [plan!.id],
  periodFrom: new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10),
  periodTo: new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10),
  sections: [...SECTIONS],
  recommendations: 'Note the progress made\nAgree the revised dates',
};
const generate = async () => {
  const made = await generateReport(context, input);
  if (made.kind !== 'ok') throw new Error(JSON.stringify(made));
  return made.value.id;
};
const modelOf = async (id: string) =>
  (
    await db.query<{ model: DocumentModel }>('SELECT model FROM board_reports WHERE id = $1', [id])
  )[0]!.model;

type Table = Extract<DocumentModel['blocks'][number], { kind: 'table' }>;
const rowsOf = (model: DocumentModel, caption: string) =>
  model.blocks.find((b): b is Table => b.kind === 'table' && b.caption === caption)?.rows.length ??
  0;
const indicatorRowsOf = (model: DocumentModel) => rowsOf(model, 'Indicators');

// Up to 20 active indicators in the report: it shows those linked to the plan's actions or
// findings, so count them there and link more to its actions.
const actions = await db.query<{ id: string }>(
  'SELECT id FROM actions WHERE plan_id = $1 ORDER BY id',
  [plan!.id],
);
const linkedAtFirst = indicatorRowsOf(await modelOf(await generate()));
for (let k = 0; linkedAtFirst + k < INDICATORS; k++)
  await createIndicator(db, actor, tenant, {
    name: `Bench indicator ${k + 1}`,
    code: '',
    definition: 'Added by the benchmark to reach 20 linked indicators.',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'monthly',
    source: 'Benchmark',
    ownerUserId: null,
    green: 90,
    amber: 75,
    actionIds: [actions[k % actions.length]!.id],
    findingIds: [],
  });

const reportId = await generate();
const stored = await modelOf(reportId);
const indicatorRows = indicatorRowsOf(stored);
const riskRows = rowsOf(stored, 'Top risks');
const charts = stored.blocks.filter((b) => b.kind === 'chart').length;
const docxBytes = (await toDocx(stored)).length;

const rows = [
  await time(`baseline: the plan page's reads (${plan!.n} actions)`, () =>
    loadPlan(db, tenant, plan!.id),
  ),
  await time('board report: generate and keep (all sections)', generate),
  await time('board report: reading a stored one (as its Word link does)', () => modelOf(reportId)),
  await time('board report: stored model as Word (.docx)', () => toDocx(stored)),
  await time('the whole: generate, read back and Word', async () =>
    toDocx(await modelOf(await generate())),
  ),
];
console.log(
  `board report, ${RUNS} runs each, PGlite in memory; the report: ${plan!.n} actions, ` +
    `${indicatorRows} indicator rows (${linkedAtFirst} linked in the demo), ${await countOpenRisks()} open risks (${demoRisks} from the demo; ` +
    `its top risks table shows ${riskRows}), ${charts} charts, ${stored.blocks.length} blocks, Word ${Math.round(docxBytes / 1024)} KB`,
);
console.table(
  rows.map((r) => ({
    what: r.label,
    'median ms': r.median.toFixed(1),
    'slowest ms': r.slowest.toFixed(1),
  })),
);
await db.close();
