/** The governance API's meetings: one meeting with its record, and what it records. */
import type { FastifyInstance } from 'fastify';
import type { TObject } from 'typebox';
import { RuleBroken, type CommandContext, type Result } from '../platform/commands/result.js';
import {
  conflict,
  deleteRoute,
  readErrors,
  secured,
  sendResult,
  writeErrors,
} from '../platform/web/api-kit.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import {
  agendaItemSchema,
  decisionSchema,
  followUpSchema,
  meetingSchema,
  meetingWithSchema,
  toAgendaItem,
  toDecision,
  toFollowUp,
  toMeeting,
} from './api-schemas.js';
import { asRemoval } from './commands/boards.js';
import { agendaItems, decisions, followUps } from './commands/meeting-items.js';
import { changeMeeting, removeMeeting } from './commands/meetings.js';
import { findMeeting } from './governance-repository.js';
import {
  AgendaItemChange,
  AgendaItemInput,
  DecisionChange,
  DecisionInput,
  FollowUpChange,
  FollowUpInput,
  MeetingChange,
} from './inputs.js';
import { loadMeetingRecord } from './meeting-repository.js';

const ADMIN = { roles: ['admin'] as const };
const M = '/partnerships/:partnership/meetings';
const tags = ['governance'];

type ItemApi<R> = {
  path: string;
  noun: string;
  input: TObject;
  change: TObject;
  schema: object;
  body: (row: R) => unknown;
  commands: {
    add: (c: CommandContext, meetingId: string, raw: unknown) => Promise<Result<R>>;
    change: (
      c: CommandContext,
      meetingId: string,
      id: string,
      raw: unknown,
    ) => Promise<Result<R, { current: { version: number } }>>;
    remove: (c: CommandContext, meetingId: string, id: string) => Promise<Result<true>>;
  };
};

/** The version a PUT sent (its schema requires one). */
const sentVersion = (body: unknown): number => {
  const version = body && typeof body === 'object' ? Reflect.get(body, 'version') : undefined;
  return typeof version === 'number' ? version : 0;
};

function itemRoutes<R>(fastify: FastifyInstance, spec: ItemApi<R>): void {
  const app = typed(fastify);
  app.post(
    `${M}/:meetingId/${spec.path}`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: `Add a ${spec.noun} to a meeting (admins)`,
        params: paramsSchema('meetingId'),
        body: spec.input,
        response: { 201: spec.schema, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await spec.commands.add(commandContext(request), request.params.meetingId, request.body),
        spec.body,
        { status: 201 },
      ),
  );
  app.put(
    `${M}/:meetingId/${spec.path}/:itemId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: `Change a ${spec.noun} (admins), with the version you read`,
        params: paramsSchema('meetingId', 'itemId'),
        body: spec.change,
        response: { 200: spec.schema, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const { meetingId, itemId } = request.params;
      return sendResult(
        reply,
        await spec.commands.change(commandContext(request), meetingId, itemId, request.body),
        spec.body,
        { sent: sentVersion(request.body), currentVersion: (c) => c.current.version },
      );
    },
  );
  deleteRoute(
    app,
    `${M}/:meetingId/${spec.path}/:itemId`,
    { tags, summary: `Remove a ${spec.noun} (admins)`, ids: ['meetingId', 'itemId'] },
    (actor, tenant, { meetingId, itemId }) =>
      asRemoval(spec.commands.remove({ db: app.db, actor, tenant }, meetingId, itemId)),
  );
}

export async function meetingsApi(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);

  app.get(
    `${M}/:meetingId`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One meeting, with its agenda, decisions and follow-up actions',
        params: paramsSchema('meetingId'),
        response: { 200: meetingWithSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const meeting = await findMeeting(app.db, tenant, request.params.meetingId);
      if (!meeting) return reply.callNotFound();
      const record = await loadMeetingRecord(app.db, tenant, meeting.id);
      return {
        ...toMeeting(meeting),
        agenda: record.agenda.map(toAgendaItem),
        decisions: record.decisions.map(toDecision),
        followUps: record.followUps.map(toFollowUp),
      };
    },
  );

  app.put(
    `${M}/:meetingId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a meeting (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('meetingId'),
        body: MeetingChange,
        response: { 200: meetingSchema, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await changeMeeting(commandContext(request), request.params.meetingId, request.body),
        toMeeting,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      ),
  );

  deleteRoute(
    app,
    `${M}/:meetingId`,
    {
      tags,
      summary:
        'Delete a meeting and its agenda (admins). Refused with 409 while it records decisions or follow-ups.',
      ids: ['meetingId'],
      refusedWith: RuleBroken,
    },
    (actor, tenant, { meetingId }) =>
      asRemoval(removeMeeting({ db: app.db, actor, tenant }, meetingId)),
  );

  itemRoutes(fastify, {
    path: 'agenda',
    noun: 'agenda item',
    input: AgendaItemInput,
    change: AgendaItemChange,
    schema: agendaItemSchema,
    body: toAgendaItem,
    commands: agendaItems,
  });
  itemRoutes(fastify, {
    path: 'decisions',
    noun: 'decision',
    input: DecisionInput,
    change: DecisionChange,
    schema: decisionSchema,
    body: toDecision,
    commands: decisions,
  });
  itemRoutes(fastify, {
    path: 'follow-ups',
    noun: 'follow-up action',
    input: FollowUpInput,
    change: FollowUpChange,
    schema: followUpSchema,
    body: toFollowUp,
    commands: followUps,
  });
  await Promise.resolve();
}
