/**
 * Dates set by others: recording, changing, marking met and deleting one. Each checks its input
 * against its schema, then the rules between fields (a date or a whole rule; the plan or
 * inspection the rule counts from) and that the plan and inspection are this partnership's,
 * then writes with its audit entry: the pages and the API give the same verdict.
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
  ok,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { KeyDateChange, KeyDateInput, KeyDateMet } from '../key-date-inputs.js';
import * as repo from '../key-date-repository.js';
import { keyDateProblems } from '../key-dates.js';

/** Someone else changed the date first: it as it now is, and what was asked. */
export type KeyDateConflict = { current: repo.KeyDateRow };

async function check(
  q: Queryable,
  tenant: Tenant,
  schema: typeof KeyDateInput | typeof KeyDateChange,
  raw: unknown,
): Promise<Checked<repo.KeyDateFields>> {
  const parsed = parseInput(schema, raw);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const v: KeyDateInput = parsed.value;
  const fields: repo.KeyDateFields = {
    title: v.title,
    source: v.source,
    planId: v.planId ?? null,
    inspectionId: v.inspectionId ?? null,
    dueOn: v.dueOn ?? null,
    ruleCount: v.ruleCount ?? null,
    ruleUnit: v.ruleUnit ?? null,
    ruleEvent: v.ruleEvent ?? null,
  };
  const owned = await repo.ownedIds(q, tenant, fields);
  const problems: FieldProblem[] = [];
  if (fields.planId !== null && !owned.plan)
    problems.push({ field: 'planId', text: 'Select the plan from the list' });
  if (fields.inspectionId !== null && !owned.inspection)
    problems.push({ field: 'inspectionId', text: 'Select the inspection from the list' });
  problems.push(
    ...keyDateProblems(fields).filter((p) => !problems.some((q) => q.field === p.field)),
  );
  if (problems.length) return { ok: false, problems: inFieldOrder(problems, schema) };
  return { ok: true, fields, ...(v.version === undefined ? {} : { version: v.version }) };
}

const audit = auditOf('key date');

/** Writes a key date already checked, with its audit entry, inside the caller's transaction. */
export async function addKeyDateIn(
  tx: Queryable,
  context: CommandContext,
  fields: repo.KeyDateFields,
): Promise<{ id: string }> {
  const row = await repo.insertKeyDate(tx, context.tenant, fields, context.actor.userId);
  await audit(tx, context, row.id, 'create', undefined, fields);
  return row;
}

export async function createKeyDate(
  context: CommandContext,
  raw: unknown,
): Promise<Result<repo.KeyDateRow>> {
  const { db, tenant } = context;
  const checked = await check(db, tenant, KeyDateInput, raw);
  if (!checked.ok) return invalid(...checked.problems);
  const created = await db.transaction((tx) => addKeyDateIn(tx, context, checked.fields));
  return ok((await repo.findKeyDate(db, tenant, created.id))!);
}

export async function changeKeyDate(
  context: CommandContext,
  id: string,
  raw: unknown,
): Promise<Result<repo.KeyDateRow, KeyDateConflict>> {
  const { db, tenant } = context;
  const checked = await check(db, tenant, KeyDateChange, raw);
  if (!checked.ok) return invalid(...checked.problems);
  return changeFields(
    context,
    id,
    { find: repo.findKeyDate, update: repo.updateKeyDate },
    audit,
    checked,
  );
}

/** Marks a date met on a day, with a note; no day means not met after all. */
export async function recordKeyDateMet(
  context: CommandContext,
  id: string,
  raw: unknown,
): Promise<Result<repo.KeyDateRow, KeyDateConflict>> {
  const parsed = parseInput(KeyDateMet, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const met = { metOn: parsed.value.metOn ?? null, metNote: parsed.value.metNote ?? '' };
  const { tenant } = context;
  return changeAtVersion(
    context,
    id,
    repo.findKeyDate,
    (tx) => repo.updateMet(tx, tenant, id, met, parsed.value.version),
    (tx, current) =>
      audit(
        tx,
        context,
        id,
        met.metOn ? 'met' : 'not met',
        { met_on: current.met_on, met_note: current.met_note },
        met,
      ),
  );
}

export async function removeKeyDate(
  context: CommandContext,
  id: string,
): Promise<Result<repo.KeyDateRow>> {
  return removeAudited(
    context,
    id,
    repo.findKeyDate,
    (tx) => repo.deleteKeyDate(tx, context.tenant, id),
    audit,
  );
}
