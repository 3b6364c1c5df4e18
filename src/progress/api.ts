import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, tenantOf, typed, userOf } from '../platform/web/request.js';
import { findAction, listUpdates, type UpdateRow } from '../plans/index.js';
import { ACTION_STATUSES, RAGS } from '../plans/index.js';
import { actionsForRound, findRound, listRounds, type RoundRow } from './progress-repository.js';
import { correctActionUpdate, recordActionUpdate } from './commands/updates.js';
import { changeRoundDueDate, closeUpdateRound, openUpdateRound } from './commands/rounds.js';
import { RoundDueChange, RoundInput, UpdateChange, UpdateInput } from './inputs.js';
import { CORRECTION_RULE, ONE_OPEN_ROUND_RULE, RAG_STATUS_RULE } from './round-rules.js';
import {
  conflict,
  date,
  dateTime,
  error,
  iso,
  nullableDate,
  nullableDateTime,
  nullableString,
  nullableUuid,
  readErrors,
  refuse,
  secured,
  sendResult,
  uuid,
  writeErrors,
} from '../platform/web/api-kit.js';

const update = {
  type: 'object',
  properties: {
    id: uuid,
    createdAt: dateTime,
    roundTitle: { ...nullableString, description: 'The update round it counted towards' },
    status: { type: 'string', enum: ACTION_STATUSES },
    rag: { type: 'string', enum: RAGS },
    narrative: { type: 'string' },
    measureText: nullableString,
    measureId: nullableUuid,
    measureValue: { type: ['number', 'null'] },
    authorName: nullableString,
    version: { type: 'integer', description: 'Send it back to correct the update (PATCH)' },
    roundOpen: {
      type: 'boolean',
      description: 'Whether its round is still open, so the update may be corrected',
    },
    correctedAt: { ...nullableDateTime, description: 'When it was last corrected' },
    correctedByName: nullableString,
  },
} as const;

const roundProperties = {
  id: uuid,
  title: { type: 'string' },
  openedOn: date,
  dueOn: date,
  closedAt: nullableDateTime,
  open: { type: 'boolean' },
  updated: { type: 'integer', description: 'Actions with an update in this round' },
  expected: {
    type: 'integer',
    description: 'Actions of live plans expected to update (not complete when it opened)',
  },
} as const;
const round = { type: 'object', properties: roundProperties } as const;

const roundDetail = {
  type: 'object',
  properties: {
    ...roundProperties,
    actions: {
      type: 'array',
      description: 'Actions expected to update in the round, and whether each has',
      items: {
        type: 'object',
        properties: {
          id: uuid,
          planId: uuid,
          planTitle: { type: 'string' },
          number: { type: 'string' },
          title: { type: 'string' },
          leadUserId: nullableUuid,
          leadName: nullableString,
          dueDate: nullableDate,
          status: { type: 'string', enum: ACTION_STATUSES },
          rag: { type: ['string', 'null'], enum: [...RAGS, null] },
          updatedInRound: { type: 'boolean' },
        },
      },
    },
  },
} as const;

const toUpdate = (u: UpdateRow) => ({
  id: u.id,
  createdAt: iso(u.created_at)!,
  roundTitle: u.round_title,
  status: u.status,
  rag: u.rag,
  narrative: u.narrative,
  measureId: u.measure_id,
  measureText: u.measure_text,
  measureValue: u.measure_value === null ? null : Number(u.measure_value),
  authorName: u.author_name,
  version: u.version,
  roundOpen: u.round_open,
  correctedAt: iso(u.corrected_at),
  correctedByName: u.corrected_by_name,
});

const toRound = (r: RoundRow) => ({
  id: r.id,
  title: r.title,
  openedOn: r.opened_on,
  dueOn: r.due_on,
  closedAt: iso(r.closed_at),
  open: r.closed_at === null,
  updated: r.updated,
  expected: r.expected,
});

const P = '/partnerships/:partnership';

/** Progress: action updates (leads on their own actions) and update rounds (admins). */
export async function progressApi(app: FastifyInstance): Promise<void> {
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
          'Open an update round today (admins); updates count towards it until it is closed. ' +
          ONE_OPEN_ROUND_RULE +
          ' 409 while another round is open, or when a round already has this name (case ignored).',
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
      const actions = await actionsForRound(app.db, tenant, roundId);
      return {
        ...toRound(found),
        actions: actions
          .filter((a) => a.status !== 'complete' || a.updated_in_round)
          .map((a) => ({
            id: a.id,
            planId: a.plan_id,
            planTitle: a.plan_title,
            number: a.number,
            title: a.title,
            leadUserId: a.lead_user_id,
            leadName: a.lead_name,
            dueDate: a.due_date,
            status: a.status,
            rag: a.rag,
            updatedInRound: a.updated_in_round,
          })),
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
        summary: 'Change when updates for an open round are due (admins). 409 if it is closed.',
        params: paramsSchema('roundId'),
        body: RoundDueChange,
        response: { 200: round, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const result = await changeRoundDueDate(
        commandContext(request),
        request.params.roundId,
        request.body,
      );
      if (result.kind === 'conflict')
        return refuse(reply, 'The due date was changed by someone else. Read it again and retry.');
      return sendResult(reply, result, toRound);
    },
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
