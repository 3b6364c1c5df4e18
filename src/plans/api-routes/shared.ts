/** Helpers the plans API routes share. */
import type { FastifyReply } from 'fastify';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { todayInLondon } from '../../platform/web/today.js';
import { rollUp } from '../rollup.js';
import * as repo from '../plan-repository.js';
import { loadPlan } from '../plan-service.js';
import { type Result } from '../../platform/commands/result.js';
import { listActionSheet, type ActionSheetRow } from '../export-repository.js';
import { sendResult } from '../../platform/web/api-kit.js';
import type { Queryable } from '../../platform/db/db.js';
import { toPlan, toPriority, toAction } from './schemas.js';
import { coverageRule } from '../plan-rules.js';

/** A 204's body. */
export const noBody = () => undefined;

/** What was asked for, or 404. */
export function sendFound(reply: FastifyReply, found: unknown): FastifyReply {
  if (found === undefined) reply.callNotFound();
  else void reply.send(found);
  return reply;
}

export const ADMIN = { roles: ['admin'] as const };
export const P = '/partnerships/:partnership/plans';

export const oneAction = async (
  db: Queryable,
  tenant: Tenant,
  planId: string,
  actionId: string,
) => {
  const row = (await listActionSheet(db, tenant, planId, actionId))[0];
  return row ? toAction(row, todayInLondon()) : undefined;
};

/** A command's result on an action: the action as it now is, or what went wrong. */
export async function sendAction<C>(
  db: Queryable,
  reply: FastifyReply,
  tenant: Tenant,
  planId: string,
  result: Result<{ id: string }, C>,
  options: { status?: number; sent?: number; currentVersion?: (current: C) => number } = {},
) {
  const body =
    result.kind === 'ok' ? await oneAction(db, tenant, planId, result.value.id) : undefined;
  return sendResult(reply, result, () => body, options);
}

export async function detailOf(db: Queryable, tenant: Tenant, planId: string) {
  const [loaded, sheet, versions] = await Promise.all([
    loadPlan(db, tenant, planId),
    listActionSheet(db, tenant, planId),
    repo.listPlanVersions(db, tenant, planId),
  ]);
  if (!loaded) return undefined;
  const today = todayInLondon();
  const forRollup = (a: ActionSheetRow) => ({
    status: a.status,
    rag: a.rag,
    dueDate: a.due_date,
  });
  return {
    ...toPlan(loaded.plan),
    rollup: rollUp(sheet.map(forRollup), today),
    // Its own priorities, then those of other plans it includes whole; each with the actions
    // shown under it (an action of another plan included one by one sits under its host).
    priorities: [
      ...loaded.priorities.map((p) => ({ ...toPriority(p), includedFrom: null })),
      ...loaded.includedPriorities.map((p) => ({
        ...toPriority(p),
        includedFrom: {
          planId: p.home_plan_id,
          title: p.home_plan_title,
          inclusionId: p.inclusion_id,
        },
      })),
    ].map((p) => {
      const shown = sheet.filter((a) => a.place_priority_id === p.id);
      return {
        ...p,
        rollup: rollUp(shown.map(forRollup), today),
        actions: shown.map((a) => toAction(a, today)),
      };
    }),
    coverageRule: coverageRule({
      kind: loaded.plan.kind,
      coversDevelopment: loaded.plan.covers_development,
    }),
    coverage: loaded.coverage.map((c) => ({
      findingId: c.findingId,
      type: c.type,
      text: c.text,
      priorityIds: c.priorityIds,
      actionCount: c.actionCount,
      covered: c.covered,
    })),
    versions: versions.map((v) => ({
      number: v.number,
      event: v.event,
      eventOn: v.event_on,
      note: v.note,
      createdAt: v.created_at,
      createdByName: v.created_by_name,
    })),
  };
}
