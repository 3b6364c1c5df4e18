/** The governance API's meetings: one meeting with its record, and what it records. */
import type { FastifyInstance } from 'fastify';
import type { TObject } from 'typebox';
import type { CommandContext, Result } from '../platform/commands/result.js';
import { readErrors, secured, writeRoute } from '../platform/web/api-kit.js';
import { paramsSchema, tenantOf, typed } from '../platform/web/request.js';
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

function itemRoutes<R>(fastify: FastifyInstance, spec: ItemApi<R>): void {
  const { commands } = spec;
  writeRoute(fastify, 'POST', `${M}/:meetingId/${spec.path}`, {
    tags,
    summary: `Add a ${spec.noun} to a meeting (admins)`,
    ids: ['meetingId'],
    body: spec.input,
    answer: spec.schema,
    status: 201,
    run: (context, { meetingId }, body) => commands.add(context, meetingId, body),
    send: spec.body,
  });
  writeRoute(fastify, 'PUT', `${M}/:meetingId/${spec.path}/:itemId`, {
    tags,
    summary: `Change a ${spec.noun} (admins), with the version you read`,
    ids: ['meetingId', 'itemId'],
    body: spec.change,
    answer: spec.schema,
    run: (context, { meetingId, itemId }, body) =>
      commands.change(context, meetingId, itemId, body),
    send: spec.body,
    currentVersion: (c) => c.current.version,
  });
  writeRoute(fastify, 'DELETE', `${M}/:meetingId/${spec.path}/:itemId`, {
    tags,
    summary: `Remove a ${spec.noun} (admins)`,
    ids: ['meetingId', 'itemId'],
    run: (context, { meetingId, itemId }) => commands.remove(context, meetingId, itemId),
  });
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

  writeRoute(app, 'PUT', `${M}/:meetingId`, {
    tags,
    summary:
      'Change a meeting (admins). Replaces every field; send the version you read, a stale one gets 409.',
    ids: ['meetingId'],
    body: MeetingChange,
    answer: meetingSchema,
    run: (context, { meetingId }, body) => changeMeeting(context, meetingId, body),
    send: toMeeting,
    currentVersion: (c) => c.current.version,
  });

  writeRoute(app, 'DELETE', `${M}/:meetingId`, {
    tags,
    summary:
      'Delete a meeting and its agenda (admins). Refused with 409 while it records decisions or follow-ups.',
    ids: ['meetingId'],
    refusable: true,
    run: (context, { meetingId }) => removeMeeting(context, meetingId),
  });

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
