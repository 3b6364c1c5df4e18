import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import { todayInLondon } from '../../platform/web/today.js';
import * as repo from '../plan-repository.js';
import { addAction, changeAction, deleteAction, moveAction } from '../commands/actions.js';
import { ActionChange, ActionInput, ActionMove, MeasureInput } from '../inputs.js';
import { ok } from '../../platform/commands/result.js';
import { addMeasure, removeMeasure } from '../commands/measures.js';
import { listActionSheet } from '../export-repository.js';
import {
  conflict,
  error,
  readErrors,
  secured,
  writeErrors,
  sendResult,
} from '../../platform/web/api-kit.js';
import { action, toAction } from './schemas.js';
import { noBody, sendFound, ADMIN, P, oneAction, sendAction } from './shared.js';

/** Actions of a plan. */
export async function actionRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];
  // Actions

  api.get(
    `${P}/:planId/actions`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'A plan’s actions in number order, each with its latest status, RAG and update',
        params: paramsSchema('planId'),
        response: { 200: { type: 'array', items: action }, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { planId } = request.params;
      if (!(await repo.findPlan(app.db, tenant, planId))) return reply.callNotFound();
      const today = todayInLondon();
      return sendFound(
        reply,
        (await listActionSheet(app.db, tenant, planId)).map((a) => toAction(a, today)),
      );
    },
  );

  api.post(
    `${P}/:planId/actions`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Add an action to a priority of the plan, or a sub-action to one of its actions (admins); it is numbered last',
        params: paramsSchema('planId'),
        body: ActionInput,
        response: { 201: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const result = await addAction(commandContext(request), planId, request.body);
      return sendAction(app.db, reply, tenantOf(request), planId, result, { status: 201 });
    },
  );

  api.get(
    `${P}/:planId/actions/:actionId`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One action with its success measures and latest update',
        params: paramsSchema('planId', 'actionId'),
        response: { 200: action, ...readErrors },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      return sendFound(reply, await oneAction(app.db, tenantOf(request), planId, actionId));
    },
  );

  api.put(
    `${P}/:planId/actions/:actionId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change an action (admins). Replaces every field; a new priorityId or parentActionId puts it at the end of its new group (its sub-actions move with it). Send the version you read, a stale one gets 409.',
        params: paramsSchema('planId', 'actionId'),
        body: ActionChange,
        response: { 200: action, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const result = await changeAction(commandContext(request), planId, actionId, request.body);
      return sendAction(app.db, reply, tenantOf(request), planId, result, {
        sent: request.body.version,
        currentVersion: (c) => c.current.version,
      });
    },
  );

  api.post(
    `${P}/:planId/actions/:actionId/move`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Move an action up or down among its siblings (a sub-action among its action’s sub-actions, which move with their action), or to the end of another priority, where a sub-action becomes an action of its own (admins); numbers are kept without gaps',
        params: paramsSchema('planId', 'actionId'),
        body: ActionMove,
        response: { 200: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const result = await moveAction(commandContext(request), planId, actionId, request.body);
      return sendAction(app.db, reply, tenantOf(request), planId, result);
    },
  );

  api.delete(
    `${P}/:planId/actions/:actionId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Delete an action (admins) with its success measures; the rest of its group are renumbered. Refused with 409 once it has progress updates or while it has sub-actions.',
        params: paramsSchema('planId', 'actionId'),
        response: { 204: { type: 'null' }, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const result = await deleteAction(commandContext(request), planId, actionId);
      return sendResult(reply, result, noBody, { status: 204 });
    },
  );
}

/** Success measures of an action. */
export async function measureRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];
  api.post(
    `${P}/:planId/actions/:actionId/measures`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a success measure to an action (admins); answers the action',
        params: paramsSchema('planId', 'actionId'),
        body: MeasureInput,
        response: { 201: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const result = await addMeasure(commandContext(request), planId, actionId, request.body);
      return sendAction(
        app.db,
        reply,
        tenantOf(request),
        planId,
        result.kind === 'ok' ? ok({ id: actionId }) : result,
        { status: 201 },
      );
    },
  );

  api.delete(
    `${P}/:planId/actions/:actionId/measures/:measureId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Remove a success measure (admins); updates that reported a figure against it keep the figure',
        params: paramsSchema('planId', 'actionId', 'measureId'),
        response: { 204: { type: 'null' }, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId, actionId, measureId } = request.params;
      const result = await removeMeasure(commandContext(request), planId, actionId, measureId);
      return sendResult(reply, result, noBody, { status: 204 });
    },
  );
}
