/**
 * Recording and correcting an action's progress update: the input checked against its schema,
 * then against the rules that relate its fields and against the action's own success measures,
 * for the page and the API alike.
 */
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  forbidden,
  invalid,
  notFound,
  ok,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import type { CurrentUser } from '../../platform/identity/types.js';
import {
  ACTION_STATUSES,
  canUpdateAction,
  DUE_DATE_REASON_NEEDED,
  dueDateChangeNeedsReason,
  findAction,
  listMeasures,
  RAGS,
  type ActionStatus,
  type Rag,
  type UpdateRow,
} from '../../plans/index.js';
import { inSchemaOrder, UpdateChange, UpdateInput, validFields } from '../inputs.js';
import { findUpdate, type UpdateInput as UpdateValues } from '../progress-repository.js';
import { canCorrectUpdate, correctUpdate, recordUpdate } from '../progress-service.js';
import { ragContradiction } from '../round-rules.js';

type ActionIds = { planId: string; actionId: string };
type UpdateIds = ActionIds & { updateId: string };

/** An update's fields as far as they are known to be valid (the rest undefined). */
type Known = {
  proposedDueDate?: unknown;
  proposedDueDateReason?: unknown;
  status?: unknown;
  rag?: unknown;
  measureId?: unknown;
  measureValue?: unknown;
};

const isStatus = (v: unknown): v is ActionStatus => ACTION_STATUSES.includes(v as ActionStatus);
const isRag = (v: unknown): v is Rag => RAGS.includes(v as Rag);

/**
 * The rules between fields: status and RAG are one scale asked twice, so they must agree (see
 * round-rules.ts); a figure needs the measure it is for; the measure must be the action's own
 * (`measureChanged` false when a correction keeps the measure the update already had).
 */
async function ruleProblems(
  context: CommandContext,
  ids: ActionIds,
  value: Known,
  measureChanged = true,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (isStatus(value.status) && isRag(value.rag)) {
    const contradiction = ragContradiction(value.status, value.rag);
    if (contradiction) problems.push({ field: 'rag', text: contradiction });
  }
  const measureId = typeof value.measureId === 'string' ? value.measureId : null;
  if (typeof value.measureValue === 'number' && !measureId && value.measureId !== undefined)
    problems.push({
      field: 'measureId',
      text: 'Select the success measure the figure is for',
      detail: 'Give the measureId of the success measure the figure is for',
    });
  if (measureId && measureChanged) {
    const measures = await listMeasures(context.db, context.tenant, ids.planId);
    if (!measures.some((m) => m.id === measureId && m.action_id === ids.actionId))
      problems.push({
        field: 'measureId',
        text: 'Select a success measure from the list',
        detail: 'measureId is not a success measure of this action',
      });
  }
  return problems;
}

/** Records an update on an action: admins and contributors on any, a lead on their own. */
export async function recordActionUpdate(
  context: CommandContext,
  user: CurrentUser,
  ids: ActionIds,
  raw: unknown,
): Promise<Result<UpdateRow>> {
  const { db, actor, tenant } = context;
  const action = await findAction(db, tenant, ids.planId, ids.actionId);
  if (!action) return notFound;
  if (!canUpdateAction(tenant, user, action)) return forbidden;
  const parsed = parseInput(UpdateInput, raw);
  const problems = parsed.ok ? [] : parsed.problems;
  const known = parsed.ok ? parsed.value : validFields(UpdateInput, raw, problems);
  // A figure without a measure is missing its measure, whether measureId was sent as null or not.
  problems.push(
    ...(await ruleProblems(context, ids, { ...known, measureId: known.measureId ?? null })),
  );
  // A proposed date that changes the action's set due date needs its reason, as on the action form.
  const proposed = typeof known.proposedDueDate === 'string' ? known.proposedDueDate : null;
  if (
    proposed &&
    dueDateChangeNeedsReason(action.due_date, proposed) &&
    !known.proposedDueDateReason
  )
    problems.push({ field: 'proposedDueDateReason', text: DUE_DATE_REASON_NEEDED });
  if (!parsed.ok || problems.length) return invalid(...inSchemaOrder(UpdateInput, problems));
  const { proposedDueDate, proposedDueDateReason, ...fields } = parsed.value;
  const input: UpdateValues = {
    ...fields,
    measureId: fields.measureId ?? null,
    measureValue: fields.measureValue ?? null,
  };
  const proposal = proposedDueDate
    ? { to: proposedDueDate, reason: proposedDueDateReason ?? '' }
    : undefined;
  const result = await recordUpdate(
    db,
    actor,
    tenant,
    user,
    ids.planId,
    ids.actionId,
    input,
    proposal,
  );
  if (result.kind !== 'ok') return result;
  return ok((await findUpdate(db, tenant, ids.actionId, result.value.id))!);
}

/** The correction as it was asked for, and the update as someone else left it: the conflict page. */
export type UpdateConflict = { current: UpdateRow; asked: UpdateValues };

/**
 * Corrects an update while its round is open: its author (while they may still update the action)
 * or an admin. Only what is sent changes; the rest stays as recorded.
 */
export async function correctActionUpdate(
  context: CommandContext,
  user: CurrentUser,
  ids: UpdateIds,
  raw: unknown,
): Promise<Result<UpdateRow, UpdateConflict>> {
  const { db, actor, tenant } = context;
  const [action, current] = await Promise.all([
    findAction(db, tenant, ids.planId, ids.actionId),
    findUpdate(db, tenant, ids.actionId, ids.updateId),
  ]);
  if (!action || !current) return notFound;
  if (!canCorrectUpdate(tenant, user, action, current)) return forbidden;
  const parsed = parseInput(UpdateChange, raw);
  const problems = parsed.ok ? [] : parsed.problems;
  const known: Partial<UpdateChange> = parsed.ok
    ? parsed.value
    : validFields(UpdateChange, raw, problems);
  const input: UpdateValues = {
    status: known.status ?? current.status,
    rag: known.rag ?? current.rag,
    narrative: known.narrative ?? current.narrative,
    measureId: known.measureId === undefined ? current.measure_id : known.measureId,
    measureValue:
      known.measureValue === undefined
        ? current.measure_value === null
          ? null
          : Number(current.measure_value)
        : known.measureValue,
  };
  const bad = new Set(problems.map((p) => p.field));
  problems.push(
    ...(await ruleProblems(
      context,
      ids,
      {
        status: bad.has('status') ? undefined : input.status,
        rag: bad.has('rag') ? undefined : input.rag,
        measureId: bad.has('measureId') ? undefined : input.measureId,
        measureValue: bad.has('measureValue') ? undefined : input.measureValue,
      },
      input.measureId !== current.measure_id,
    )),
  );
  if (!parsed.ok || problems.length) return invalid(...inSchemaOrder(UpdateChange, problems));
  const result = await correctUpdate(db, actor, tenant, user, ids, input, parsed.value.version);
  if (result.kind === 'conflict') return conflict({ current: result.current, asked: input });
  if (result.kind !== 'ok') return result;
  return ok((await findUpdate(db, tenant, ids.actionId, ids.updateId))!);
}
