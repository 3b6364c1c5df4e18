import type { FastifyRequest } from 'fastify';
import Value from 'typebox/value';
import { RuleBroken } from '../../../platform/commands/result.js';
import { deleteRoutes } from '../../../platform/web/delete-page.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { formatDate } from '../../../platform/web/views.js';
import { asRemoval, removeBoard } from '../../commands/boards.js';
import { removeMeeting } from '../../commands/meetings.js';
import { findBoard, findMeeting, meetingRecordCounts } from '../../governance-repository.js';
import {
  BOARD_KIND_LABELS,
  boardRemovalProblem,
  MEETING_STATUS_LABELS,
  meetingRemovalProblem,
} from '../../governance-rules.js';
import { ADMIN, boardsPath, escalatedRisksPath, meetingPath } from '../common.js';

const boardParams = paramsSchema('boardId');
const meetingParams = paramsSchema('meetingId');
// The kit's request is untyped: the params are checked, not cast.
const boardIdOf = (request: FastifyRequest) =>
  Value.Check(boardParams, request.params) ? request.params.boardId : undefined;
const meetingIdOf = (request: FastifyRequest) =>
  Value.Check(meetingParams, request.params) ? request.params.meetingId : undefined;
const isRefusal = (error: unknown): error is RuleBroken => error instanceof RuleBroken;

/** Deleting a board (only without meetings) and a meeting (only without decisions or follow-ups). */
export function deletePages(app: App): void {
  deleteRoutes(app, '/p/:partnership/boards/:boardId/delete', {
    options: { config: ADMIN, schema: { params: boardParams } },
    load: async (request) => {
      const boardId = boardIdOf(request);
      return boardId ? findBoard(app.db, tenantOf(request), boardId) : undefined;
    },
    problem: (_request, board) =>
      boardRemovalProblem(board.name, board.meeting_count, board.escalated_risks),
    page: (request, board, problem) => {
      const back = `${boardsPath(request)}/${board.id}`;
      return {
        title: problem ? `You cannot delete ${board.name}` : `Delete ${board.name}?`,
        what: board.name,
        summary: [
          ['Board', board.name],
          ['Kind', BOARD_KIND_LABELS[board.kind]],
        ],
        goes: problem ? [] : ['its members'],
        problem,
        ...(problem && board.escalated_risks
          ? {
              usesHint: {
                text: 'The risk register lists the risks escalated to it:',
                href: escalatedRisksPath(request, board.id),
                linkText: `Risks escalated to ${board.name}`,
              },
            }
          : {}),
        action: `${back}/delete`,
        buttonText: 'Delete board',
        backLink: back,
        backText: `Back to ${board.name}`,
      };
    },
    remove: (request, board) => asRemoval(removeBoard(commandContext(request), board.id)),
    isRefusal,
    done: (request, board) => ({
      message: `${board.name} has been deleted.`,
      redirect: boardsPath(request),
    }),
  });

  deleteRoutes(app, '/p/:partnership/meetings/:meetingId/delete', {
    options: { config: ADMIN, schema: { params: meetingParams } },
    load: async (request) => {
      const meetingId = meetingIdOf(request);
      const tenant = tenantOf(request);
      const meeting = meetingId && (await findMeeting(app.db, tenant, meetingId));
      if (!meeting) return undefined;
      return { meeting, counts: await meetingRecordCounts(app.db, tenant, meeting.id) };
    },
    problem: (_request, { counts }) => meetingRemovalProblem(counts.decisions, counts.followUps),
    page: (request, { meeting }, problem) => {
      const back = meetingPath(request, meeting.id);
      const when = formatDate(meeting.meets_on);
      return {
        title: problem ? 'You cannot delete this meeting' : `Delete the meeting on ${when}?`,
        what: 'this meeting',
        summary: [
          ['Board', meeting.board_name],
          ['Date', when],
          ['Status', MEETING_STATUS_LABELS[meeting.status]],
        ],
        goes: problem ? [] : ['its agenda'],
        problem,
        action: `${back}/delete`,
        buttonText: 'Delete meeting',
        backLink: back,
        backText: 'Back to the meeting',
      };
    },
    remove: (request, { meeting }) => asRemoval(removeMeeting(commandContext(request), meeting.id)),
    isRefusal,
    done: (request, { meeting }) => ({
      message: `The meeting on ${formatDate(meeting.meets_on)} has been deleted.`,
      redirect: `${boardsPath(request)}/${meeting.board_id}#meetings`,
    }),
  });
}
