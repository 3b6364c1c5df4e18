/** `sendboard report plan` and `sendboard report board`: documents written to files, for the command line. */
import { writeFile } from 'node:fs/promises';
import type { Db } from '../platform/db/db.js';
import type { Actor } from '../platform/identity/types.js';
import { systemTenant } from '../platform/tenancy/tenancy.js';
import { todayInLondon } from '../platform/web/today.js';
import { partnershipOfPlan } from '../plans/index.js';
import { DEFAULT_SECTIONS, DEFAULT_TITLES, type ReportKind } from './board-report-rules.js';
import { generateReport } from './commands/reports.js';
import { toDocx } from './docx.js';
import { planDocumentModel } from './render.js';
import { findReport } from './report-repository.js';

const CLI_ACTOR: Actor = { userId: null, name: 'Command line' };

/** Writes the plan (or its version) as Word to `out`; the error says what was not found. */
export async function writePlanDocument(
  db: Db,
  options: { plan: string; version?: number; out: string },
): Promise<string> {
  const partnership = await partnershipOfPlan(db, options.plan);
  if (!partnership) throw new Error(`No plan has the id ${options.plan}`);
  const model = await planDocumentModel(
    db,
    systemTenant(partnership),
    options.plan,
    todayInLondon(),
    options.version,
  );
  if (!model) throw new Error(`The plan has no version ${options.version}`);
  await writeFile(options.out, await toDocx(model));
  return `Wrote ${model.title}${options.version ? `, version ${options.version}` : ''} to ${options.out}`;
}

/** "2026-11-01..2026-11-30" → the two dates; an error in words otherwise. */
export function parsePeriod(text: string): { from: string; to: string } {
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  if (!match)
    throw new Error(
      `--period must be FROM..TO as dates, like 2026-11-01..2026-11-30, not "${text}"`,
    );
  return { from: match[1]!, to: match[2]! };
}

/**
 * Writes a board report (or monitoring pack) on the plans, keeps it in Sendboard like one
 * written on the page, and saves it as Word to `out`.
 */
export async function writeBoardReport(
  db: Db,
  options: {
    plan: string[];
    period: string;
    out: string;
    kind?: ReportKind;
    title?: string;
    meeting?: string;
  },
): Promise<string> {
  const kind = options.kind ?? 'board';
  const period = parsePeriod(options.period);
  const partnership = options.plan[0] ? await partnershipOfPlan(db, options.plan[0]) : undefined;
  if (!partnership) throw new Error(`No plan has the id ${options.plan[0] ?? '(none given)'}`);
  const tenant = systemTenant(partnership);
  const result = await generateReport(
    { db, tenant, actor: CLI_ACTOR },
    {
      kind,
      title: options.title ?? DEFAULT_TITLES[kind],
      planIds: options.plan,
      periodFrom: period.from,
      periodTo: period.to,
      meetingId: options.meeting ?? null,
      sections: [...DEFAULT_SECTIONS[kind]],
    },
  );
  if (result.kind === 'invalid')
    throw new Error(result.problems.map((p) => `${p.field}: ${p.text}`).join('\n'));
  if (result.kind !== 'ok') throw new Error(`The report could not be written (${result.kind})`);
  const report = (await findReport(db, tenant, result.value.id))!;
  await writeFile(options.out, await toDocx(report.model));
  return `Wrote ${report.title} (${period.from} to ${period.to}) to ${options.out}; it is kept in Sendboard as report ${report.id}`;
}
