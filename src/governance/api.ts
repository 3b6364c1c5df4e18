/**
 * The governance JSON API: boards with their members, meetings with their agenda, decisions and
 * follow-ups. Reads for every member; writes for admins, through the pages' own commands.
 */
import type { FastifyInstance } from 'fastify';
import { readErrors, secured, writeRoute } from '../platform/web/api-kit.js';
import { paramsSchema, tenantOf, typed } from '../platform/web/request.js';
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

  writeRoute(app, 'POST', P, {
    tags,
    summary: 'Add a board (admins)',
    ids: [],
    body: BoardInput,
    answer: boardSchema,
    status: 201,
    run: (context, _ids, body) => createBoard(context, body),
    send: toBoard,
  });

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

  writeRoute(app, 'PUT', `${P}/:boardId`, {
    tags,
    summary:
      'Change a board (admins). Replaces every field; send the version you read, a stale one gets 409.',
    ids: ['boardId'],
    body: BoardChange,
    answer: boardSchema,
    run: (context, { boardId }, body) => changeBoard(context, boardId, body),
    send: toBoard,
    currentVersion: (c) => c.current.version,
  });

  writeRoute(app, 'DELETE', `${P}/:boardId`, {
    tags,
    summary: 'Delete a board (admins). Refused with 409 while it has meetings.',
    ids: ['boardId'],
    refusable: true,
    run: (context, { boardId }) => removeBoard(context, boardId),
  });

  writeRoute(app, 'POST', `${P}/:boardId/members`, {
    tags,
    summary:
      'Add a member (admins): userId of a current member of the partnership, or a name; role and chair optional. One chair per board.',
    ids: ['boardId'],
    body: MemberInput,
    answer: memberSchema,
    status: 201,
    run: (context, { boardId }, body) => addBoardMember(context, boardId, body),
    send: toMember,
  });

  writeRoute(app, 'PUT', `${P}/:boardId/members/:memberId`, {
    tags,
    summary: 'Change a member (admins), with the version you read.',
    ids: ['boardId', 'memberId'],
    body: MemberChange,
    answer: memberSchema,
    run: (context, { boardId, memberId }, body) =>
      changeBoardMember(context, boardId, memberId, body),
    send: toMember,
    currentVersion: (c) => c.current.version,
  });

  writeRoute(app, 'DELETE', `${P}/:boardId/members/:memberId`, {
    tags,
    summary: 'Take a member off a board (admins). Refused with 409 while they own follow-ups.',
    ids: ['boardId', 'memberId'],
    refusable: true,
    run: (context, { boardId, memberId }) => removeBoardMember(context, boardId, memberId),
  });

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

  writeRoute(app, 'POST', `${P}/:boardId/meetings`, {
    tags,
    summary: 'Add a meeting (admins): meetsOn is required; startsAt as HH:MM.',
    ids: ['boardId'],
    body: MeetingInput,
    answer: meetingSchema,
    status: 201,
    refusable: true,
    run: (context, { boardId }, body) => createMeeting(context, boardId, body),
    send: toMeeting,
  });

  await meetingsApi(fastify);
}
