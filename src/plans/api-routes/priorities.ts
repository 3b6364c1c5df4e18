import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, typed } from '../../platform/web/request.js';
import { PriorityChange, PriorityInput } from '../inputs.js';
import { addPriority, changePriority, deletePriority } from '../commands/priorities.js';
import { conflict, error, secured, writeErrors, sendResult } from '../../platform/web/api-kit.js';
import { priority, toPriority } from './schemas.js';
import { noBody, ADMIN, P } from './shared.js';

/** Priorities of a plan. */
export async function priorityRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];
  // Priorities

  api.post(
    `${P}/:planId/priorities`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a priority to a plan (admins), answering findings of its inspection',
        params: paramsSchema('planId'),
        body: PriorityInput,
        response: { 201: priority, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await addPriority(commandContext(request), request.params.planId, request.body),
        toPriority,
        { status: 201 },
      ),
  );

  api.put(
    `${P}/:planId/priorities/:priorityId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a priority and the findings it answers (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('planId', 'priorityId'),
        body: PriorityChange,
        response: { 200: priority, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      return sendResult(
        reply,
        await changePriority(commandContext(request), planId, priorityId, request.body),
        toPriority,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      );
    },
  );

  api.delete(
    `${P}/:planId/priorities/:priorityId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Delete a priority (admins); the rest are renumbered. Refused with 409 while it has actions.',
        params: paramsSchema('planId', 'priorityId'),
        response: { 204: { type: 'null' }, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      const result = await deletePriority(commandContext(request), planId, priorityId);
      return sendResult(reply, result, noBody, { status: 204 });
    },
  );
}
