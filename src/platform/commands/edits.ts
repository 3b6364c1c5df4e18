/**
 * The shape most commands share once their input is checked: a record of one kind, audited on
 * every change, changed only as of the version the editor read, deleted with what it was. A
 * capability's commands keep their own checks and say only what differs (how to save, what the
 * audit entry records).
 */
import { recordAudit } from '../audit/record.js';
import type { Queryable } from '../db/db.js';
import type { Tenant } from '../tenancy/tenancy.js';
import {
  conflict,
  notFound,
  ok,
  type CommandContext,
  type FieldProblem,
  type Result,
} from './result.js';

/** Problems in the order of the schema's fields: the order of the page's error summary. */
export function inFieldOrder(
  problems: FieldProblem[],
  schema: { properties: object },
): FieldProblem[] {
  const order = Object.keys(schema.properties);
  return problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** Records one change of a record, in the caller's transaction; before and after when given. */
export type Audit = (
  q: Queryable,
  context: CommandContext,
  id: string,
  action: string,
  before?: unknown,
  after?: unknown,
) => Promise<void>;

/** The audit writer for one kind of record ('risk', 'key date'). */
export const auditOf =
  (entityType: string): Audit =>
  (q, context, id, action, before, after) =>
    recordAudit(q, context.actor, {
      partnershipId: context.tenant.partnershipId,
      entityType,
      entityId: id,
      action,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    });

/** How a command finds one record of the partnership's; undefined when it is not there. */
export type Find<Row> = (q: Queryable, tenant: Tenant, id: string) => Promise<Row | undefined>;

/**
 * A change as of the version the editor read, in one transaction: not found; a conflict with the
 * record as it now is when `save` (whose UPDATE checks the version) saved nothing; else `after`
 * (the audit entry, and anything that follows a save) and the record as it now is.
 */
export function changeAtVersion<Row>(
  context: CommandContext,
  id: string,
  find: Find<Row>,
  save: (tx: Queryable) => Promise<boolean>,
  after: (tx: Queryable, current: Row) => Promise<void>,
): Promise<Result<Row, { current: Row }>> {
  const { db, tenant } = context;
  return db.transaction(async (tx): Promise<Result<Row, { current: Row }>> => {
    const current = await find(tx, tenant, id);
    if (!current) return notFound;
    if (!(await save(tx))) return conflict({ current });
    await after(tx, current);
    return ok((await find(tx, tenant, id))!);
  });
}

/** Deletes a record with its audit entry (what it was), in one transaction; answers it. */
export function removeAudited<Row>(
  context: CommandContext,
  id: string,
  find: Find<Row>,
  remove: (tx: Queryable) => Promise<unknown>,
  audit: Audit,
): Promise<Result<Row>> {
  const { db, tenant } = context;
  return db.transaction(async (tx): Promise<Result<Row>> => {
    const current = await find(tx, tenant, id);
    if (!current) return notFound;
    await remove(tx);
    await audit(tx, context, id, 'delete', current);
    return ok(current);
  });
}

/** A command's input once checked: the fields to save (and the version read), or the problems. */
export type Checked<Fields> =
  { ok: true; fields: Fields; version?: number } | { ok: false; problems: FieldProblem[] };

/**
 * The usual change of a record's fields: saved by `update` as of the version read, audited as
 * 'update' with the record before and the fields asked.
 */
export function changeFields<Row, Fields>(
  context: CommandContext,
  id: string,
  store: {
    find: Find<Row>;
    update: (
      q: Queryable,
      tenant: Tenant,
      id: string,
      fields: Fields,
      version: number,
    ) => Promise<boolean>;
  },
  audit: Audit,
  checked: { fields: Fields; version?: number },
): Promise<Result<Row, { current: Row }>> {
  return changeAtVersion(
    context,
    id,
    store.find,
    (tx) => store.update(tx, context.tenant, id, checked.fields, checked.version!),
    (tx, current) => audit(tx, context, id, 'update', current, checked.fields),
  );
}
