/**
 * What a meeting records, one set of commands per kind: agenda items, decisions and follow-up
 * actions, each added, changed (as of the version read) and removed with its audit entry.
 */
import type { TObject } from 'typebox';
import { recordAudit } from '../../platform/audit/record.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  problem,
  RuleBroken,
  settle,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { lockMeeting } from '../governance-repository.js';
import {
  AgendaItemChange,
  AgendaItemInput,
  DecisionChange,
  DecisionInput,
  FollowUpChange,
  FollowUpInput,
} from '../inputs.js';
import {
  deleteMeetingItem,
  findAgendaItem,
  findDecision,
  findFollowUp,
  insertAgendaItem,
  insertDecision,
  insertFollowUp,
  isMeetingBoardMember,
  isPartnershipPlan,
  updateAgendaItem,
  updateDecision,
  updateFollowUp,
  type AgendaFields,
  type AgendaItemRow,
  type DecisionFields,
  type DecisionRow,
  type FollowUpFields,
  type FollowUpRow,
  type ItemTable,
} from '../meeting-repository.js';

type Spec<F, R extends { version: number }> = {
  entity: string;
  table: ItemTable;
  input: TObject;
  change: TObject;
  /** The fields from checked input; throws RuleBroken when a record named is not allowed. */
  fields: (tx: Queryable, tenant: Tenant, meetingId: string, input: unknown) => Promise<F>;
  /** A saved row's fields, as the audit entry records them before a change. */
  fieldsOf: (row: R) => F;
  find: (q: Queryable, tenant: Tenant, meetingId: string, id: string) => Promise<R | undefined>;
  insert: (q: Queryable, tenant: Tenant, meetingId: string, fields: F) => Promise<string>;
  update: (
    q: Queryable,
    tenant: Tenant,
    id: string,
    fields: F,
    version: number,
  ) => Promise<boolean>;
};

export type ItemConflict<F, R> = { current: R; asked: F };

/** The version sent with a change (the schema has checked it is a whole number). */
const versionOf = (value: unknown): number => {
  const version = value && typeof value === 'object' ? Reflect.get(value, 'version') : undefined;
  return typeof version === 'number' ? version : 0;
};

function itemCommands<F, R extends { version: number }>(spec: Spec<F, R>) {
  const add = async (
    { db, actor, tenant }: CommandContext,
    meetingId: string,
    raw: unknown,
  ): Promise<Result<R>> => {
    const parsed = parseInput(spec.input, raw);
    if (!parsed.ok) return invalid(...parsed.problems);
    return settle(() =>
      db.transaction(async (tx) => {
        if (!(await lockMeeting(tx, tenant, meetingId))) return notFound;
        const fields = await spec.fields(tx, tenant, meetingId, parsed.value);
        const id = await spec.insert(tx, tenant, meetingId, fields);
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: spec.entity,
          entityId: id,
          action: 'create',
          after: { meetingId, ...fields },
        });
        return ok((await spec.find(tx, tenant, meetingId, id))!);
      }),
    );
  };

  const change = async (
    { db, actor, tenant }: CommandContext,
    meetingId: string,
    id: string,
    raw: unknown,
  ): Promise<Result<R, ItemConflict<F, R>>> => {
    const parsed = parseInput(spec.change, raw);
    if (!parsed.ok) return invalid(...parsed.problems);
    const version = versionOf(parsed.value);
    return settle(() =>
      db.transaction(async (tx) => {
        const current = await spec.find(tx, tenant, meetingId, id);
        if (!current) return notFound;
        const fields = await spec.fields(tx, tenant, meetingId, parsed.value);
        if (current.version !== version || !(await spec.update(tx, tenant, id, fields, version)))
          return conflict({ current, asked: fields });
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: spec.entity,
          entityId: id,
          action: 'update',
          before: spec.fieldsOf(current),
          after: fields,
        });
        return ok((await spec.find(tx, tenant, meetingId, id))!);
      }),
    );
  };

  const remove = (
    { db, actor, tenant }: CommandContext,
    meetingId: string,
    id: string,
  ): Promise<Result<true>> =>
    db.transaction(async (tx) => {
      const current = await spec.find(tx, tenant, meetingId, id);
      if (!current || !(await deleteMeetingItem(tx, tenant, spec.table, meetingId, id)))
        return notFound;
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: spec.entity,
        entityId: id,
        action: 'delete',
        before: { meetingId, ...spec.fieldsOf(current) },
      });
      return ok(true as const);
    });

  return { add, change, remove };
}

/** Reads a checked input's field (the schema has already typed it). */
const text = (input: unknown, name: string): string => {
  const value = input && typeof input === 'object' ? Reflect.get(input, name) : undefined;
  return typeof value === 'string' ? value : '';
};
const idOrNull = (input: unknown, name: string): string | null => text(input, name) || null;

export const agendaItems = itemCommands<AgendaFields, AgendaItemRow>({
  entity: 'agenda item',
  table: 'agenda',
  input: AgendaItemInput,
  change: AgendaItemChange,
  fields: async (tx, tenant, _meetingId, input) => {
    const planId = idOrNull(input, 'planId');
    // Only a plan of this partnership: another's id reads as one not in the list.
    if (planId && !(await isPartnershipPlan(tx, tenant, planId)))
      throw new RuleBroken(problem('planId', 'Select the plan from the list'));
    return { title: text(input, 'title'), presenter: text(input, 'presenter'), planId };
  },
  fieldsOf: (r) => ({ title: r.title, presenter: r.presenter, planId: r.plan_id }),
  find: findAgendaItem,
  insert: insertAgendaItem,
  update: updateAgendaItem,
});

export const decisions = itemCommands<DecisionFields, DecisionRow>({
  entity: 'decision',
  table: 'decision',
  input: DecisionInput,
  change: DecisionChange,
  fields: async (_tx, _tenant, _meetingId, input) => Promise.resolve({ text: text(input, 'text') }),
  fieldsOf: (r) => ({ text: r.text }),
  find: findDecision,
  insert: insertDecision,
  update: updateDecision,
});

export const followUps = itemCommands<FollowUpFields, FollowUpRow>({
  entity: 'follow-up',
  table: 'followUp',
  input: FollowUpInput,
  change: FollowUpChange,
  fields: async (tx, tenant, meetingId, input) => {
    const ownerMemberId = idOrNull(input, 'ownerMemberId');
    if (ownerMemberId && !(await isMeetingBoardMember(tx, tenant, meetingId, ownerMemberId)))
      throw new RuleBroken(problem('ownerMemberId', 'Select the owner from the board’s members'));
    return {
      text: text(input, 'text'),
      ownerMemberId,
      dueOn: idOrNull(input, 'dueOn'),
      doneOn: idOrNull(input, 'doneOn'),
    };
  },
  fieldsOf: (r) => ({
    text: r.text,
    ownerMemberId: r.owner_member_id,
    dueOn: r.due_on,
    doneOn: r.done_on,
  }),
  find: findFollowUp,
  insert: insertFollowUp,
  update: updateFollowUp,
});
