/**
 * Writing a board report or monitoring pack: checks the input (plans and meeting the
 * partnership's, a period that runs forwards), reads the figures, writes the document with its
 * charts, and keeps it, never to change, with its audit entry and, if asked, an agenda item at its
 * meeting, all in one transaction. Regenerating writes a new report on the same choices,
 * compared with the one it came from.
 */
import { addReportToAgenda, findMeetingChoice } from '../../governance/index.js';
import { recordAudit } from '../../platform/audit/record.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  invalid,
  notFound,
  ok,
  refused,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { todayInLondon } from '../../platform/web/today.js';
import { boardReport, factsOf } from '../board-report.js';
import { SECTIONS, TYPED_FIELDS, type Typed } from '../board-report-rules.js';
import { withChartImages } from '../charts.js';
import { ReportInput } from '../inputs.js';
import * as repo from '../report-repository.js';
import { reportSource } from '../report-source.js';

export type Made = { id: string; title: string };

/** What the author chose: the report's row without what Sendboard works out. */
type Choices = Pick<
  repo.NewReport,
  'kind' | 'title' | 'planIds' | 'periodFrom' | 'periodTo' | 'meetingId' | 'sections' | 'typed'
>;

async function check(
  context: CommandContext,
  raw: unknown,
): Promise<
  { ok: true; choices: Choices; addToAgenda: boolean } | { ok: false; problems: FieldProblem[] }
> {
  const parsed = parseInput(ReportInput, raw);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const v = parsed.value;
  const problems: FieldProblem[] = [];
  const planIds = [...new Set(v.planIds)];
  const [plans, meeting] = await Promise.all([
    repo.plansForReport(context.db, context.tenant, planIds),
    v.meetingId ? findMeetingChoice(context.db, context.tenant, v.meetingId) : undefined,
  ]);
  if (!planIds.length)
    problems.push({ field: 'planIds', text: 'Select at least one plan the report is about' });
  else if (plans.length !== planIds.length)
    problems.push({ field: 'planIds', text: 'Select the plans from the list' });
  if (!v.periodFrom)
    problems.push({ field: 'periodFrom', text: 'Enter the start of the period the report covers' });
  if (!v.periodTo)
    problems.push({ field: 'periodTo', text: 'Enter the end of the period the report covers' });
  else if (v.periodFrom && v.periodTo < v.periodFrom)
    problems.push({
      field: 'periodTo',
      text: 'The end of the period must be the same as or after its start',
    });
  // A cancelled meeting is not offered on the page; the API gets the same answer.
  if (v.meetingId && (!meeting || meeting.status === 'cancelled'))
    problems.push({ field: 'meetingId', text: 'Select the meeting from the list' });
  if (v.addToAgenda && !v.meetingId)
    problems.push({
      field: 'meetingId',
      text: 'Select the meeting whose agenda the report goes on',
    });
  if (problems.length) {
    const order = Object.keys(ReportInput.properties);
    problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    return { ok: false, problems };
  }
  const typed = Object.fromEntries(TYPED_FIELDS.map((f) => [f, v[f] ?? ''])) as Typed;
  return {
    ok: true,
    addToAgenda: v.addToAgenda ?? false,
    choices: {
      kind: v.kind,
      title: v.title,
      planIds,
      periodFrom: v.periodFrom!,
      periodTo: v.periodTo!,
      meetingId: v.meetingId ?? null,
      // In the order the report reads, whatever order they were ticked in.
      sections: SECTIONS.filter((s) => v.sections.includes(s)),
      typed,
    },
  };
}

async function make(
  context: CommandContext,
  choices: Choices,
  options: { previous: repo.ReportRow | undefined; addToAgenda: boolean },
): Promise<Made> {
  const { db, tenant, actor } = context;
  const today = todayInLondon();
  const [source, plans, dataVersion] = await Promise.all([
    reportSource(db, tenant, { ...choices, authorName: actor.userId ? actor.name : null }, today),
    repo.plansForReport(db, tenant, choices.planIds),
    repo.dataVersionOf(db, tenant),
  ]);
  const previous = options.previous
    ? {
        title: options.previous.title,
        createdOn: todayInLondon(options.previous.created_at),
        facts: options.previous.facts,
      }
    : null;
  const model = withChartImages(boardReport(source, { ...choices, today }, previous));
  return db.transaction(async (tx) => {
    const id = await repo.insertReport(tx, tenant, {
      ...choices,
      model,
      facts: factsOf(source),
      dataVersions: {
        partnership: dataVersion,
        plans: plans.map((p) => ({ id: p.id, title: p.title, latestVersion: p.latest_version })),
      },
      previousReportId: options.previous?.id ?? null,
      createdBy: actor.userId,
    });
    if (options.addToAgenda && choices.meetingId) {
      const item = {
        title: choices.title,
        presenter: actor.userId ? actor.name : '',
        planId: choices.planIds[0] ?? null,
        reportId: id,
      };
      const itemId = await addReportToAgenda(tx, tenant, choices.meetingId, item);
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'agenda item',
        entityId: itemId,
        action: 'create',
        after: { meeting_id: choices.meetingId, ...item },
      });
    }
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'board report',
      entityId: id,
      action: options.previous ? 'regenerate' : 'create',
      after: {
        title: choices.title,
        kind: choices.kind,
        period: `${choices.periodFrom} to ${choices.periodTo}`,
        plans: plans.map((p) => p.title),
        ...(options.previous ? { compared_with: options.previous.id } : {}),
        ...(options.addToAgenda ? { added_to_agenda: true } : {}),
      },
    });
    return { id, title: choices.title };
  });
}

/** A new report, compared with the latest of its kind on the same plans. */
export async function generateReport(context: CommandContext, raw: unknown): Promise<Result<Made>> {
  const checked = await check(context, raw);
  if (!checked.ok) return invalid(...checked.problems);
  const previous = await repo.latestComparable(
    context.db,
    context.tenant,
    checked.choices.kind,
    checked.choices.planIds,
  );
  return ok(await make(context, checked.choices, { previous, addToAgenda: checked.addToAgenda }));
}

/** The report written again from today's figures, on the same choices, compared with it. */
export async function regenerateReport(context: CommandContext, id: string): Promise<Result<Made>> {
  const report = await repo.findReport(context.db, context.tenant, id);
  if (!report) return notFound;
  const plans = await repo.plansForReport(context.db, context.tenant, report.plan_ids);
  if (plans.length !== report.plan_ids.length)
    return refused(
      'A plan this report covered has since been deleted, so it cannot be written again on the same plans. Write a new report instead.',
    );
  const choices: Choices = {
    kind: report.kind,
    title: report.title,
    planIds: report.plan_ids,
    periodFrom: report.period_from,
    periodTo: report.period_to,
    meetingId: report.meeting_id,
    sections: report.sections,
    typed: report.typed,
  };
  return ok(await make(context, choices, { previous: report, addToAgenda: false }));
}
