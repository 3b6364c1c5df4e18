import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import {
  dateTime,
  error,
  iso,
  nullableDate,
  nullableDateTime,
  nullableString,
  nullableUuid,
  readErrors,
  secured,
  uuid,
  writeErrors,
} from '../../platform/web/api-kit.js';
import * as repo from '../plan-repository.js';
import { decideDueDate } from '../commands/actions.js';
import { listDueDateChanges, listPendingChanges } from '../due-date-repository.js';
import type { DueDateChangeRow, PendingChangeRow } from '../due-date-repository.js';
import { DUE_DATE_CHANGE_STATES } from '../slippage-rules.js';
import { DueDateDecision } from '../inputs.js';
import { action } from './schemas.js';
import { ADMIN, P, sendAction, sendFound } from './shared.js';

const change = {
  type: 'object',
  properties: {
    id: uuid,
    actionId: uuid,
    from: nullableDate,
    to: nullableDate,
    reason: { type: 'string' },
    state: {
      type: 'string',
      enum: DUE_DATE_CHANGE_STATES,
      description: 'applied, pending (waiting for an admin’s approval) or rejected',
    },
    updateId: { ...nullableUuid, description: 'The progress update it was proposed with' },
    changedBy: nullableString,
    changedAt: dateTime,
    approvedBy: { ...nullableString, description: 'The admin who approved or rejected it' },
    approvedAt: nullableDateTime,
  },
} as const;

const toChange = (c: DueDateChangeRow) => ({
  id: c.id,
  actionId: c.action_id,
  from: c.from_date,
  to: c.to_date,
  reason: c.reason,
  state: c.state,
  updateId: c.update_id,
  changedBy: c.changed_by_name,
  changedAt: iso(c.changed_at),
  approvedBy: c.approved_by_name,
  approvedAt: iso(c.approved_at),
});

const toPending = (c: PendingChangeRow) => ({
  ...toChange(c),
  planId: c.plan_id,
  planTitle: c.plan_title,
  actionTitle: c.action_title,
  currentDueDate: c.current_due_date,
});

/** An action's due date history, the revised dates waiting, and an admin's decision on one. */
export async function dueDateRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];

  api.get(
    `${P}/:planId/actions/:actionId/due-date-changes`,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'An action’s due date history, oldest first: each change from a set date with its reason, applied, waiting for approval or rejected',
        params: paramsSchema('planId', 'actionId'),
        response: { 200: { type: 'array', items: change }, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { planId, actionId } = request.params;
      if (!(await repo.findAction(app.db, tenant, planId, actionId))) return reply.callNotFound();
      return sendFound(reply, (await listDueDateChanges(app.db, tenant, actionId)).map(toChange));
    },
  );

  api.get(
    '/partnerships/:partnership/revised-due-dates',
    {
      schema: {
        ...secured,
        tags,
        summary: 'Revised due dates waiting for an admin’s approval, oldest first',
        params: paramsSchema(),
        response: {
          200: {
            type: 'array',
            items: {
              ...change,
              properties: {
                ...change.properties,
                planId: uuid,
                planTitle: { type: 'string' },
                actionTitle: { type: 'string' },
                currentDueDate: nullableDate,
              },
            },
          },
          401: error,
        },
      },
    },
    async (request, reply) =>
      sendFound(reply, (await listPendingChanges(app.db, tenantOf(request))).map(toPending)),
  );

  api.post(
    `${P}/:planId/actions/:actionId/due-date-changes/:changeId/decision`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Approve or reject a revised due date waiting for approval (admins): approved, it becomes the action’s due date (the original date stays); 409 once decided',
        params: paramsSchema('planId', 'actionId', 'changeId'),
        body: DueDateDecision,
        response: { 200: action, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const { planId, actionId, changeId } = request.params;
      const result = await decideDueDate(
        commandContext(request),
        planId,
        { actionId, changeId },
        request.body,
      );
      return sendAction(app.db, reply, tenantOf(request), planId, result);
    },
  );
}
