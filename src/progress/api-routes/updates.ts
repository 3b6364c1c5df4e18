import type { FastifyInstance } from 'fastify';
import {
  commandContext,
  paramsSchema,
  tenantOf,
  typed,
  userOf,
} from '../../platform/web/request.js';
import { findAction, listUpdates } from '../../plans/index.js';
import { correctActionUpdate, recordActionUpdate } from '../commands/updates.js';
import { UpdateChange, UpdateInput } from '../inputs.js';
import { CORRECTION_RULE, RAG_STATUS_RULE } from '../round-rules.js';
import {
  conflict,
  readErrors,
  secured,
  sendResult,
  writeErrors,
} from '../../platform/web/api-kit.js';
import { P, toUpdate, update } from './schemas.js';

/** An action's progress updates: listing, recording (leads on their own actions) and correcting. */
export async function updateRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);

  api.get(
    `${P}/plans/:planId/actions/:actionId/updates`,
    {
      schema: {
        ...secured,
        tags: ['progress'],
        summary: 'An action’s progress updates, newest first',
        params: paramsSchema('planId', 'actionId'),
        response: { 200: { type: 'array', items: update }, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { planId, actionId } = request.params;
      if (!(await findAction(app.db, tenant, planId, actionId))) return reply.callNotFound();
      return (await listUpdates(app.db, tenant, actionId)).map(toUpdate);
    },
  );

  api.post(
    `${P}/plans/:planId/actions/:actionId/updates`,
    {
      // The same rule as the page: admins and contributors, and a lead on their own action.
      config: { roles: ['admin', 'contributor', 'lead'] },
      schema: {
        ...secured,
        tags: ['progress'],
        summary:
          'Record progress on an action: status, RAG, narrative and optionally a figure for one of the action’s success measures (measureId). Admins and contributors on any action, action leads on their own (else 403). Counts towards the open update round. ' +
          RAG_STATUS_RULE +
          ' (else 400)',
        params: paramsSchema('planId', 'actionId'),
        body: UpdateInput,
        response: { 201: update, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await recordActionUpdate(
          commandContext(request),
          userOf(request),
          request.params,
          request.body,
        ),
        toUpdate,
        { status: 201 },
      ),
  );

  api.patch(
    `${P}/plans/:planId/actions/:actionId/updates/:updateId`,
    {
      // Narrowed further by the command: the update's author, or an admin.
      config: { roles: ['admin', 'contributor', 'lead'] },
      schema: {
        ...secured,
        tags: ['progress'],
        summary:
          'Correct an update: the person who recorded it (while they may still update the action) or an admin, else 403. Send the version you read; only the properties sent change. ' +
          CORRECTION_RULE +
          ' (else 409). ' +
          RAG_STATUS_RULE +
          ' (else 400). A stale version gets 409 with currentVersion.',
        params: paramsSchema('planId', 'actionId', 'updateId'),
        body: UpdateChange,
        response: { 200: update, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await correctActionUpdate(
          commandContext(request),
          userOf(request),
          request.params,
          request.body,
        ),
        toUpdate,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      ),
  );
}
