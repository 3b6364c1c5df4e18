/**
 * The risk register's commands: recording, changing, reviewing, closing and deleting a risk, and
 * its mitigations. Each checks its input against its schema, then what needs the database (the
 * ratings are on the partnership's matrix, the owner a current member, the linked plan, priority,
 * finding and action the partnership's), writes with its audit entry in one transaction, and
 * answers a Result: the pages and the API give the same verdict.
 */
import {
  auditOf,
  changeAtVersion,
  changeFields,
  type Checked,
  inFieldOrder,
  removeAudited,
} from '../../platform/commands/edits.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  invalid,
  notFound,
  ok,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import type { Queryable } from '../../platform/db/db.js';
import { todayInLondon } from '../../platform/web/today.js';
import {
  MitigationInput,
  RiskChange,
  RiskInput,
  RiskReviewInput,
  RiskStatusChange,
} from '../inputs.js';
import * as repo from '../risk-repository.js';
import { escalationProblems, onMatrix, type Axis, type RiskMatrix } from '../risk-rules.js';

/** Someone else changed the risk first: it as it now is. */
export type RiskConflict = { current: repo.RiskRow };

/** Each level must be on the partnership's matrix, whatever the schema's outer bounds allow. */
function levelProblems(
  matrix: RiskMatrix,
  levels: [field: string, axis: Axis, level: number | null | undefined, words: string][],
): FieldProblem[] {
  return levels
    .filter(
      ([, axis, level]) => level !== null && level !== undefined && !onMatrix(matrix, axis, level),
    )
    .map(([field, , , words]) => ({ field, text: `Select the ${words} from the list` }));
}

async function check(
  q: Queryable,
  context: CommandContext,
  schema: typeof RiskInput | typeof RiskChange,
  raw: unknown,
  before?: repo.RiskRow,
): Promise<Checked<repo.RiskFields>> {
  const parsed = parseInput(schema, raw);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const v: RiskInput & { version?: number } = parsed.value;
  const fields: repo.RiskFields = {
    title: v.title,
    description: v.description ?? '',
    cause: v.cause ?? '',
    consequence: v.consequence ?? '',
    ownerUserId: v.ownerUserId,
    planId: v.planId ?? null,
    priorityId: v.priorityId ?? null,
    findingId: v.findingId ?? null,
    actionId: v.actionId ?? null,
    inherentLikelihood: v.inherentLikelihood,
    inherentImpact: v.inherentImpact,
    currentLikelihood: v.currentLikelihood,
    currentImpact: v.currentImpact,
    targetLikelihood: v.targetLikelihood ?? null,
    targetImpact: v.targetImpact ?? null,
    reviewDue: v.reviewDue ?? null,
    escalatedToBoardId: v.escalatedToBoardId ?? null,
    escalatedTo: v.escalatedTo ?? '',
    escalationReason: v.escalationReason ?? '',
    escalatedOn: v.escalatedOn ?? null,
  };
  const [matrix, owned] = [
    await repo.loadMatrix(q, context.tenant),
    await repo.ownedIds(q, context.tenant, fields),
  ];
  const problems: FieldProblem[] = [];
  if (!owned.owner)
    problems.push({ field: 'ownerUserId', text: 'Select the risk owner from the list' });
  if (fields.planId && !owned.plan)
    problems.push({ field: 'planId', text: 'Select the plan from the list' });
  if (fields.priorityId && !owned.priority)
    problems.push({ field: 'priorityId', text: 'Select the priority from the list' });
  if (fields.findingId && !owned.finding)
    problems.push({ field: 'findingId', text: 'Select the finding from the list' });
  if (fields.actionId && !owned.action)
    problems.push({ field: 'actionId', text: 'Select the action from the list' });
  if (fields.escalatedToBoardId && !owned.board)
    problems.push({ field: 'escalatedToBoardId', text: 'Select the board from the list' });
  problems.push(
    ...escalationProblems(
      {
        boardId: fields.escalatedToBoardId,
        to: fields.escalatedTo,
        reason: fields.escalationReason,
      },
      before && { boardId: before.escalated_to_board_id, to: before.escalated_to },
    ),
  );
  problems.push(
    ...levelProblems(matrix, [
      ['inherentLikelihood', 'likelihood', fields.inherentLikelihood, 'inherent likelihood'],
      ['inherentImpact', 'impact', fields.inherentImpact, 'inherent impact'],
      ['currentLikelihood', 'likelihood', fields.currentLikelihood, 'current likelihood'],
      ['currentImpact', 'impact', fields.currentImpact, 'current impact'],
      ['targetLikelihood', 'likelihood', fields.targetLikelihood, 'target likelihood'],
      ['targetImpact', 'impact', fields.targetImpact, 'target impact'],
    ]),
  );
  // A target is a whole rating or none.
  if ((fields.targetLikelihood === null) !== (fields.targetImpact === null))
    problems.push(
      fields.targetLikelihood === null
        ? { field: 'targetLikelihood', text: 'Select the target likelihood, or no target impact' }
        : { field: 'targetImpact', text: 'Select the target impact, or no target likelihood' },
    );
  if (problems.length) return { ok: false, problems: inFieldOrder(problems, schema) };
  return { ok: true, fields, ...(v.version === undefined ? {} : { version: v.version }) };
}

const audit = auditOf('risk');

export async function createRisk(
  context: CommandContext,
  raw: unknown,
): Promise<Result<repo.RiskRow>> {
  const { db, tenant, actor } = context;
  const checked = await check(db, context, RiskInput, raw);
  if (!checked.ok) return invalid(...checked.problems);
  const created = await db.transaction(async (tx) => {
    const row = await repo.insertRisk(tx, tenant, checked.fields, actor.userId);
    await audit(tx, context, row.id, 'create', undefined, checked.fields);
    return row;
  });
  return ok((await repo.findRisk(db, tenant, created.id))!);
}

export async function changeRisk(
  context: CommandContext,
  id: string,
  raw: unknown,
): Promise<Result<repo.RiskRow, RiskConflict>> {
  const { db, tenant } = context;
  const before = await repo.findRisk(db, tenant, id);
  if (!before) return notFound;
  const checked = await check(db, context, RiskChange, raw, before);
  if (!checked.ok) return invalid(...checked.problems);
  return changeFields(
    context,
    id,
    { find: repo.findRisk, update: repo.updateRisk },
    audit,
    checked,
  );
}

/** A review: its record, and the risk's current rating and next review date follow it. */
export async function reviewRisk(
  context: CommandContext,
  id: string,
  raw: unknown,
): Promise<Result<repo.RiskRow, RiskConflict>> {
  const { db, tenant, actor } = context;
  if (!(await repo.findRisk(db, tenant, id))) return notFound;
  const parsed = parseInput(RiskReviewInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const v = parsed.value;
  const matrix = await repo.loadMatrix(db, tenant);
  const problems = levelProblems(matrix, [
    ['likelihood', 'likelihood', v.likelihood, 'likelihood now'],
    ['impact', 'impact', v.impact, 'impact now'],
  ]);
  if (problems.length) return invalid(...problems);
  const review = {
    reviewedOn: v.reviewedOn,
    likelihood: v.likelihood,
    impact: v.impact,
    note: v.note ?? '',
    nextReviewOn: v.nextReviewOn ?? null,
  };
  return changeAtVersion(
    context,
    id,
    repo.findRisk,
    (tx) => repo.applyReview(tx, tenant, id, review, v.version),
    async (tx, current) => {
      await repo.insertReview(tx, tenant, id, review, actor.userId);
      await audit(
        tx,
        context,
        id,
        'review',
        {
          current_likelihood: current.current_likelihood,
          current_impact: current.current_impact,
          review_due: current.review_due,
        },
        review,
      );
    },
  );
}

/** Closes an open risk (today) or reopens a closed one. */
export async function changeRiskStatus(
  context: CommandContext,
  id: string,
  raw: unknown,
): Promise<Result<repo.RiskRow, RiskConflict>> {
  const { db, tenant } = context;
  if (!(await repo.findRisk(db, tenant, id))) return notFound;
  const parsed = parseInput(RiskStatusChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { to, version } = parsed.value;
  const closedOn = to === 'closed' ? todayInLondon() : null;
  return changeAtVersion(
    context,
    id,
    repo.findRisk,
    (tx) => repo.updateStatus(tx, tenant, id, to, closedOn, version),
    (tx, current) =>
      audit(
        tx,
        context,
        id,
        to === 'closed' ? 'close' : 'reopen',
        { status: current.status },
        {
          status: to,
        },
      ),
  );
}

export async function removeRisk(
  context: CommandContext,
  id: string,
): Promise<Result<repo.RiskRow>> {
  return removeAudited(
    context,
    id,
    repo.findRisk,
    (tx) => repo.deleteRisk(tx, context.tenant, id),
    audit,
  );
}

export async function addMitigation(
  context: CommandContext,
  riskId: string,
  raw: unknown,
): Promise<Result<repo.MitigationRow>> {
  const { db, tenant } = context;
  if (!(await repo.findRisk(db, tenant, riskId))) return notFound;
  const parsed = parseInput(MitigationInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const mitigation = { text: parsed.value.text, actionId: parsed.value.actionId ?? null };
  if (mitigation.actionId && !(await repo.ownedIds(db, tenant, mitigation)).action)
    return invalid({ field: 'actionId', text: 'Select the action from the list' });
  const created = await db.transaction(async (tx) => {
    const row = await repo.insertMitigation(tx, tenant, riskId, mitigation);
    await audit(tx, context, riskId, 'add mitigation', undefined, mitigation);
    return row;
  });
  const rows = await repo.listMitigations(db, tenant, riskId);
  return ok(rows.find((m) => m.id === created.id)!);
}

export async function removeMitigation(
  context: CommandContext,
  riskId: string,
  mitigationId: string,
): Promise<Result<true>> {
  const { db, tenant } = context;
  return db.transaction(async (tx) => {
    const removed = await repo.deleteMitigation(tx, tenant, riskId, mitigationId);
    if (!removed) return notFound;
    await audit(tx, context, riskId, 'remove mitigation', {
      text: removed.text,
      action_id: removed.action_id,
    });
    return ok(true as const);
  });
}
