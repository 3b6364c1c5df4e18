/**
 * Dates set by others: recording, changing, marking met and deleting one. Each checks its input
 * against its schema, then the rules between fields (a date or a whole rule; the plan or
 * inspection the rule counts from) and that the plan and inspection are this partnership's,
 * then writes with its audit entry: the pages and the API give the same verdict.
 */
import { recordAudit } from '../../platform/audit/record.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
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

type Checked =
  | { ok: true; fields: repo.KeyDateFields; version?: number }
  | { ok: false; problems: FieldProblem[] };

async function check(
  q: Queryable,
  tenant: Tenant,
  schema: typeof KeyDateInput | typeof KeyDateChange,
  raw: unknown,
): Promise<Checked> {
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
  if (problems.length) {
    const order = Object.keys(schema.properties);
    return {
      ok: false,
      problems: problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)),
    };
  }
  return { ok: true, fields, ...(v.version === undefined ? {} : { version: v.version }) };
}

const audit = (
  q: Queryable,
  context: CommandContext,
  id: string,
  action: string,
  before?: unknown,
  after?: unknown,
) =>
  recordAudit(q, context.actor, {
    partnershipId: context.tenant.partnershipId,
    entityType: 'key date',
    entityId: id,
    action,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });

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
  return db.transaction(async (tx) => {
    const current = await repo.findKeyDate(tx, tenant, id);
    if (!current) return notFound;
    if (!(await repo.updateKeyDate(tx, tenant, id, checked.fields, checked.version!)))
      return conflict({ current });
    await audit(tx, context, id, 'update', current, checked.fields);
    return ok((await repo.findKeyDate(tx, tenant, id))!);
  });
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
  const { db, tenant } = context;
  return db.transaction(async (tx) => {
    const current = await repo.findKeyDate(tx, tenant, id);
    if (!current) return notFound;
    if (!(await repo.updateMet(tx, tenant, id, met, parsed.value.version)))
      return conflict({ current });
    await audit(
      tx,
      context,
      id,
      met.metOn ? 'met' : 'not met',
      {
        met_on: current.met_on,
        met_note: current.met_note,
      },
      met,
    );
    return ok((await repo.findKeyDate(tx, tenant, id))!);
  });
}

export async function removeKeyDate(
  context: CommandContext,
  id: string,
): Promise<Result<repo.KeyDateRow>> {
  const { db, tenant } = context;
  return db.transaction(async (tx) => {
    const current = await repo.findKeyDate(tx, tenant, id);
    if (!current) return notFound;
    await repo.deleteKeyDate(tx, tenant, id);
    await audit(tx, context, id, 'delete', current);
    return ok(current);
  });
}
