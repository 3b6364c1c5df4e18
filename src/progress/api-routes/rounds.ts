import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import { actionsForRound, findRound, listRounds } from '../progress-repository.js';
import { changeRoundDueDate, closeUpdateRound, openUpdateRound } from '../commands/rounds.js';
import { RoundDueChange, RoundInput } from '../inputs.js';
import { countsByPlan, ROUND_OVERLAP_RULE } from '../round-rules.js';
import {
  conflict,
  error,
  readErrors,
  secured,
  sendResult,
  writeErrors,
} from '../../platform/web/api-kit.js';
import { P, round, roundDetail, toRound, toRoundAction } from './schemas.js';

/** Update rounds (admins open, close and change them). */
export async function roundRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);

  api.get(
    `${P}/rounds`,
    {
      schema: {
        ...secured,
        tags: ['progress'],
        summary: 'Update rounds, newest first, with how many actions have updated',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: round }, ...readErrors },
      },
    },
    async (request) => (await listRounds(app.db, tenantOf(request))).map(toRound),
  );

  api.post(
    `${P}/rounds`,
    {
      config: { roles: ['admin'] },
      schema: {
        ...secured,
        tags: ['progress'],
        summary:
          'Open an update round today (admins), for every live plan or the plans in planIds; updates on their actions count towards it until it is closed. ' +
          ROUND_OVERLAP_RULE +
          ' 409 while an open round already covers one of its plans (the message names them), or when a round already has this name (case ignored).',
        params: paramsSchema(),
        body: RoundInput,
        response: { 201: round, ...writeErrors, 409: error },
      },
    },
    async (request, reply) =>
      sendResult(reply, await openUpdateRound(commandContext(request), request.body), toRound, {
        status: 201,
      }),
  );

  api.get(
    `${P}/rounds/:roundId`,
    {
      schema: {
        ...secured,
        tags: ['progress'],
        summary: 'One update round with the actions expected to update and whether each has',
        params: paramsSchema('roundId'),
        response: { 200: roundDetail, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { roundId } = request.params;
      const found = await findRound(app.db, tenant, roundId);
      if (!found) return reply.callNotFound();
      const expected = (await actionsForRound(app.db, tenant, roundId)).filter(
        (a) => a.status !== 'complete' || a.updated_in_round,
      );
      return {
        ...toRound(found),
        byPlan: countsByPlan(expected),
        actions: expected.map(toRoundAction),
      };
    },
  );

  api.patch(
    `${P}/rounds/:roundId`,
    {
      config: { roles: ['admin'] },
      schema: {
        ...secured,
        tags: ['progress'],
        summary:
          'Change when updates for an open round are due (admins). Send the version you read (else 400); a stale version gets 409 with currentVersion, a closed round 409.',
        params: paramsSchema('roundId'),
        body: RoundDueChange,
        response: { 200: round, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await changeRoundDueDate(commandContext(request), request.params.roundId, request.body),
        toRound,
        { sent: request.body.version, currentVersion: (current) => current.version },
      ),
  );

  api.post(
    `${P}/rounds/:roundId/close`,
    {
      config: { roles: ['admin'] },
      schema: {
        ...secured,
        tags: ['progress'],
        summary:
          'Close an update round (admins); later updates count towards the next. 409 if already closed.',
        params: paramsSchema('roundId'),
        response: { 200: round, ...writeErrors, 409: error },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await closeUpdateRound(commandContext(request), request.params.roundId),
        toRound,
      ),
  );
}
