/**
 * The governance JSON API: boards with their members, meetings with their agenda, decisions and
 * follow-ups. Reads for every member; writes for admins, through the pages' own commands.
 */
import type { FastifyInstance } from 'fastify';
import { RuleBroken } from '../platform/commands/result.js';
import {
  conflict,
  deleteRoute,
  error,
  readErrors,
  secured,
  sendResult,
  writeErrors,
} from '../platform/web/api-kit.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import {
  boardSchema,
  boardWithSchema,
  meetingSchema,
  memberSchema,
  toBoard,
  toMeeting,
  toMember,
} from './api-schemas.js';
import { meetingsApi } from './api-meetings.js';
import {
  addBoardMember,
  asRemoval,
  changeBoard,
  changeBoardMember,
  createBoard,
  removeBoard,
  removeBoardMember,
} from './commands/boards.js';
import { createMeeting } from './commands/meetings.js';
import {
  findBoard,
  listBoardMeetings,
  listBoardMembers,
  listBoards,
} from './governance-repository.js';
import { BoardChange, BoardInput, MeetingInput, MemberChange, MemberInput } from './inputs.js';

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership/boards';
const tags = ['governance'];

export async function governanceApi(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);

  app.get(
    P,
    {
      schema: {
        ...secured,
        tags,
        summary: 'The partnership’s boards',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: boardSchema }, ...readErrors },
      },
    },
    async (request) => (await listBoards(app.db, tenantOf(request))).map(toBoard),
  );

  app.post(
    P,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a board (admins)',
        params: paramsSchema(),
        body: BoardInput,
        response: { 201: boardSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await createBoard(commandContext(request), request.body), toBoard, {
        status: 201,
      }),
  );

  app.get(
    `${P}/:boardId`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One board, with its members and meetings',
        params: paramsSchema('boardId'),
        response: { 200: boardWithSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { boardId } = request.params;
      const board = await findBoard(app.db, tenant, boardId);
      if (!board) return reply.callNotFound();
      const [members, meetings] = await Promise.all([
        listBoardMembers(app.db, tenant, boardId),
        listBoardMeetings(app.db, tenant, boardId),
      ]);
      return {
        ...toBoard(board),
        members: members.map(toMember),
        meetings: meetings.map(toMeeting),
      };
    },
  );

  app.put(
    `${P}/:boardId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a board (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('boardId'),
        body: BoardChange,
        response: { 200: boardSchema, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await changeBoard(commandContext(request), request.params.boardId, request.body),
        toBoard,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      ),
  );

  deleteRoute(
    app,
    `${P}/:boardId`,
    {
      tags,
      summary: 'Delete a board (admins). Refused with 409 while it has meetings.',
      ids: ['boardId'],
      refusedWith: RuleBroken,
    },
    (actor, tenant, { boardId }) => asRemoval(removeBoard({ db: app.db, actor, tenant }, boardId)),
  );

  app.post(
    `${P}/:boardId/members`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Add a member (admins): userId of a current member of the partnership, or a name; role and chair optional. One chair per board.',
        params: paramsSchema('boardId'),
        body: MemberInput,
        response: { 201: memberSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await addBoardMember(commandContext(request), request.params.boardId, request.body),
        toMember,
        { status: 201 },
      ),
  );

  app.put(
    `${P}/:boardId/members/:memberId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Change a member (admins), with the version you read.',
        params: paramsSchema('boardId', 'memberId'),
        body: MemberChange,
        response: { 200: memberSchema, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const { boardId, memberId } = request.params;
      return sendResult(
        reply,
        await changeBoardMember(commandContext(request), boardId, memberId, request.body),
        toMember,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      );
    },
  );

  deleteRoute(
    app,
    `${P}/:boardId/members/:memberId`,
    {
      tags,
      summary: 'Take a member off a board (admins). Refused with 409 while they own follow-ups.',
      ids: ['boardId', 'memberId'],
      refusedWith: RuleBroken,
    },
    (actor, tenant, { boardId, memberId }) =>
      asRemoval(removeBoardMember({ db: app.db, actor, tenant }, boardId, memberId)),
  );

  app.get(
    `${P}/:boardId/meetings`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'A board’s meetings, newest first',
        params: paramsSchema('boardId'),
        response: { 200: { type: 'array', items: meetingSchema }, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { boardId } = request.params;
      if (!(await findBoard(app.db, tenant, boardId))) return reply.callNotFound();
      return (await listBoardMeetings(app.db, tenant, boardId)).map(toMeeting);
    },
  );

  app.post(
    `${P}/:boardId/meetings`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a meeting (admins): meetsOn is required; startsAt as HH:MM.',
        params: paramsSchema('boardId'),
        body: MeetingInput,
        response: { 201: meetingSchema, ...writeErrors, 409: error },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await createMeeting(commandContext(request), request.params.boardId, request.body),
        toMeeting,
        { status: 201 },
      ),
  );

  await meetingsApi(fastify);
}
