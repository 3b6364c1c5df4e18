import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFor, paramsSchema, tenantOf, userOf } from '../platform/web/request.js';
import { todayInLondon } from '../platform/web/today.js';
import { findAction, listMeasures } from '../plans/index.js';
import { ACTION_STATUSES, RAGS, type ActionStatus, type Rag } from '../plans/index.js';
import {
  actionsForRound,
  findRound,
  findUpdate,
  listRounds,
  type RoundRow,
} from './progress-repository.js';
import {
  canCorrectUpdate,
  changeRoundDue,
  correctUpdate,
  finishRound,
  openRound,
  recordUpdate,
  RoundRuleError,
} from './progress-service.js';
import {
  CORRECTION_RULE,
  ONE_OPEN_ROUND_RULE,
  ragContradiction,
  RAG_STATUS_RULE,
} from './round-rules.js';
import {
  badRequest,
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
  text,
  stale,
  uuid,
  version,
  writeErrors,
} from '../platform/web/api-kit.js';
import { listUpdates, type UpdateRow } from '../plans/index.js';
import { canUpdateAction } from '../plans/index.js';

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

const updateInput = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'rag', 'narrative'],
  properties: {
    status: { type: 'string', enum: ACTION_STATUSES },
    rag: { type: 'string', enum: RAGS },
    narrative: { type: 'string', minLength: 1, maxLength: 10000 },
    measureId: { ...nullableUuid, description: 'One of the action’s success measures' },
    measureValue: {
      type: ['number', 'null'],
      minimum: -1e12,
      maximum: 1e12,
      description: 'A figure for the success measure given in measureId',
    },
  },
} as const;

const updatePatch = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  // Only what is sent changes; the rest stays as recorded.
  properties: { ...updateInput.properties, version },
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

const roundInput = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'dueOn'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 120 },
    dueOn: { ...date, description: 'When updates are due: today or later (YYYY-MM-DD)' },
  },
} as const;

const roundPatch = {
  type: 'object',
  additionalProperties: false,
  required: ['dueOn'],
  properties: {
    dueOn: { ...date, description: 'When updates are due: today or later (YYYY-MM-DD)' },
  },
} as const;

const toUpdate = (u: UpdateRow) => ({
  id: u.id,
  createdAt: iso(u.created_at),
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
const ids = (request: FastifyRequest) =>
  request.params as { planId: string; actionId: string; roundId: string; updateId: string };

/** Progress: action updates (leads on their own actions) and update rounds (admins). */
export async function progressApi(app: FastifyInstance): Promise<void> {
  app.get(
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
      const { planId, actionId } = ids(request);
      if (!(await findAction(app.db, tenant, planId, actionId))) return reply.callNotFound();
      return (await listUpdates(app.db, tenant, actionId)).map(toUpdate);
    },
  );

  app.post(
    `${P}/plans/:planId/actions/:actionId/updates`,
    {
      // The same rule as the page: admins and contributors, and a lead on their own action.
      config: { roles: ['admin', 'contributor', 'lead'] },
      schema: {
        ...secured,
        tags: ['progress'],
        summary:
          'Record progress on an action: status, RAG, narrative and optionally a figure for a success measure. Admins and contributors on any action, action leads on their own (else 403). Counts towards the open update round. ' +
          RAG_STATUS_RULE +
          ' (else 400)',
        params: paramsSchema('planId', 'actionId'),
        body: updateInput,
        response: { 201: update, ...writeErrors },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        status: ActionStatus;
        rag: Rag;
        narrative: string;
        measureId?: string | null;
        measureValue?: number | null;
      };
      const tenant = tenantOf(request);
      const user = userOf(request);
      const { planId, actionId } = ids(request);
      const action = await findAction(app.db, tenant, planId, actionId);
      if (!action) return reply.callNotFound();
      if (!canUpdateAction(tenant, user, action)) return reply.forbidden();
      const narrative = text(body.narrative);
      if (!narrative) return badRequest(reply, 'Enter what has happened since the last update');
      const contradiction = ragContradiction(body.status, body.rag);
      if (contradiction) return badRequest(reply, contradiction);
      const measureId = body.measureId ?? null;
      const measureValue = body.measureValue ?? null;
      if (measureValue !== null && !measureId)
        return badRequest(reply, 'Give the measureId of the success measure the figure is for');
      if (
        measureId &&
        !(await listMeasures(app.db, tenant, planId)).some(
          (m) => m.id === measureId && m.action_id === actionId,
        )
      )
        return badRequest(reply, 'measureId is not a success measure of this action');
      const result = await recordUpdate(app.db, actorFor(request), tenant, user, planId, actionId, {
        status: body.status,
        rag: body.rag,
        narrative,
        measureId,
        measureValue,
      });
      if (result === 'not-found') return reply.callNotFound();
      if (result === 'forbidden') return reply.forbidden();
      const [latest] = await listUpdates(app.db, tenant, actionId);
      return reply.code(201).send(toUpdate(latest!));
    },
  );

  app.patch(
    `${P}/plans/:planId/actions/:actionId/updates/:updateId`,
    {
      // Narrowed further by the service: the update's author, or an admin.
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
        body: updatePatch,
        response: { 200: update, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        status?: ActionStatus;
        rag?: Rag;
        narrative?: string;
        measureId?: string | null;
        measureValue?: number | null;
        version: number;
      };
      const tenant = tenantOf(request);
      const { planId, actionId, updateId } = ids(request);
      const action = await findAction(app.db, tenant, planId, actionId);
      const current = action ? await findUpdate(app.db, tenant, actionId, updateId) : undefined;
      if (!action || !current) return reply.callNotFound();
      if (!canCorrectUpdate(tenant, userOf(request), action, current)) return reply.forbidden();
      const status = body.status ?? current.status;
      const rag = body.rag ?? current.rag;
      const narrative = body.narrative === undefined ? current.narrative : text(body.narrative);
      if (!narrative) return badRequest(reply, 'Enter what has happened since the last update');
      const contradiction = ragContradiction(status, rag);
      if (contradiction) return badRequest(reply, contradiction);
      const measureId = body.measureId === undefined ? current.measure_id : body.measureId;
      const measureValue =
        body.measureValue === undefined
          ? current.measure_value === null
            ? null
            : Number(current.measure_value)
          : body.measureValue;
      if (measureValue !== null && !measureId)
        return badRequest(reply, 'Give the measureId of the success measure the figure is for');
      if (
        measureId &&
        measureId !== current.measure_id &&
        !(await listMeasures(app.db, tenant, planId)).some(
          (m) => m.id === measureId && m.action_id === actionId,
        )
      )
        return badRequest(reply, 'measureId is not a success measure of this action');
      const result = await correctUpdate(
        app.db,
        actorFor(request),
        tenant,
        userOf(request),
        { planId, actionId, updateId },
        { status, rag, narrative, measureId, measureValue },
        body.version,
      );
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'forbidden') return reply.forbidden();
      if (result.outcome === 'closed')
        return refuse(
          reply,
          result.current.round_title
            ? `${result.current.round_title} is closed. ${CORRECTION_RULE}`
            : `This update was recorded when no round was open. ${CORRECTION_RULE}`,
        );
      if (result.outcome === 'conflict') return stale(reply, body.version, result.current.version);
      return toUpdate((await findUpdate(app.db, tenant, actionId, updateId))!);
    },
  );

  app.get(
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

  app.post(
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
        body: roundInput,
        response: { 201: round, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const body = request.body as { title: string; dueOn: string };
      const tenant = tenantOf(request);
      const title = text(body.title);
      if (!title) return badRequest(reply, 'Enter a name for the round');
      const today = todayInLondon();
      if (body.dueOn < today)
        return badRequest(reply, 'The date updates are due must be today or in the future');
      let created: { id: string };
      try {
        created = await openRound(app.db, actorFor(request), tenant, {
          title,
          openedOn: today,
          dueOn: body.dueOn,
        });
      } catch (e) {
        if (!(e instanceof RoundRuleError)) throw e;
        return refuse(reply, e.message);
      }
      return reply.code(201).send(toRound((await findRound(app.db, tenant, created.id))!));
    },
  );

  app.get(
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
      const { roundId } = ids(request);
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

  app.patch(
    `${P}/rounds/:roundId`,
    {
      config: { roles: ['admin'] },
      schema: {
        ...secured,
        tags: ['progress'],
        summary: 'Change when updates for an open round are due (admins). 409 if it is closed.',
        params: paramsSchema('roundId'),
        body: roundPatch,
        response: { 200: round, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { roundId } = ids(request);
      const { dueOn } = request.body as { dueOn: string };
      if (dueOn < todayInLondon())
        return badRequest(reply, 'The date updates are due must be today or in the future');
      const found = await findRound(app.db, tenant, roundId);
      if (!found) return reply.callNotFound();
      const result = await changeRoundDue(app.db, actorFor(request), tenant, roundId, {
        dueOn,
        expectedDueOn: found.due_on,
      });
      if (result === 'not-found') return reply.callNotFound();
      if (result === 'closed') return refuse(reply, 'This round is closed');
      if (result === 'stale')
        return refuse(reply, 'The due date was changed by someone else. Read it again and retry.');
      return toRound((await findRound(app.db, tenant, roundId))!);
    },
  );

  app.post(
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
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { roundId } = ids(request);
      const found = await findRound(app.db, tenant, roundId);
      if (!found) return reply.callNotFound();
      if (found.closed_at) return refuse(reply, 'This round is already closed');
      if (!(await finishRound(app.db, actorFor(request), tenant, roundId)))
        return refuse(reply, 'This round is already closed');
      return toRound((await findRound(app.db, tenant, roundId))!);
    },
  );
}
