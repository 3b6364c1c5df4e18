import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateParts, type FormErrors } from '../../../platform/web/forms.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { formatDate } from '../../../platform/web/views.js';
import { changeMeeting, createMeeting } from '../../commands/meetings.js';
import { findBoard, findMeeting } from '../../governance-repository.js';
import { MEETING_STATUS_LABELS } from '../../governance-rules.js';
import { MeetingChange, MeetingInput } from '../../inputs.js';
import { ADMIN, boardsPath, meetingPath, statusItems } from '../common.js';

const DATE_LABELS = { dateLabels: { meetsOn: 'the date of the meeting' } };

const renderForm = (
  reply: FastifyReply,
  board: { id: string; name: string },
  values: Record<string, unknown>,
  backLink: string,
  meetingId?: string,
  errors?: FormErrors,
) =>
  reply.page(
    'governance/pages/meeting-form/meeting-form.njk',
    {
      title: meetingId ? `Change a meeting of ${board.name}` : `Add a meeting of ${board.name}`,
      values,
      meetingId,
      statusItems: statusItems(values.status),
      backLink,
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );

const boardPath = (request: FastifyRequest, boardId: string) => `${boardsPath(request)}/${boardId}`;

/** Adding a meeting to a board, and changing its date, time, place and status. */
export function meetingFormPages(app: App): void {
  app.get(
    '/p/:partnership/boards/:boardId/meetings/new',
    { config: ADMIN, schema: { params: paramsSchema('boardId') } },
    async (request, reply) => {
      const board = await findBoard(app.db, tenantOf(request), request.params.boardId);
      if (!board) return reply.callNotFound();
      return renderForm(reply, board, {}, boardPath(request, board.id));
    },
  );

  app.post(
    '/p/:partnership/boards/:boardId/meetings/new',
    { config: ADMIN, schema: { params: paramsSchema('boardId'), body: FORM } },
    async (request, reply) => {
      const board = await findBoard(app.db, tenantOf(request), request.params.boardId);
      if (!board) return reply.callNotFound();
      const form = readForm(MeetingInput, request.body, DATE_LABELS);
      const result = await submitForm(form, MeetingInput, () =>
        createMeeting(commandContext(request), board.id, form.input),
      );
      if (result.kind === 'ok')
        return reply
          .flash(`The meeting on ${formatDate(result.value.meets_on)} has been added.`)
          .redirect(meetingPath(request, result.value.id), 303);
      if (result.kind === 'invalid')
        return renderForm(
          reply,
          board,
          form.values,
          boardPath(request, board.id),
          undefined,
          formErrors(form, result.problems, { order: MeetingInput }),
        );
      return sendPageResult(reply, result);
    },
  );

  app.get(
    '/p/:partnership/meetings/:meetingId/edit',
    { config: ADMIN, schema: { params: paramsSchema('meetingId') } },
    async (request, reply) => {
      const meeting = await findMeeting(app.db, tenantOf(request), request.params.meetingId);
      if (!meeting) return reply.callNotFound();
      const values = {
        meetsOn: dateParts(meeting.meets_on),
        startsAt: meeting.starts_at ?? '',
        place: meeting.place,
        status: meeting.status,
        version: meeting.version,
      };
      const board = { id: meeting.board_id, name: meeting.board_name };
      return renderForm(reply, board, values, meetingPath(request, meeting.id), meeting.id);
    },
  );

  app.post(
    '/p/:partnership/meetings/:meetingId/edit',
    { config: ADMIN, schema: { params: paramsSchema('meetingId'), body: FORM } },
    async (request, reply) => {
      const meeting = await findMeeting(app.db, tenantOf(request), request.params.meetingId);
      if (!meeting) return reply.callNotFound();
      const form = readForm(MeetingChange, request.body, DATE_LABELS);
      const result = await submitForm(form, MeetingChange, () =>
        changeMeeting(commandContext(request), meeting.id, form.input),
      );
      const back = meetingPath(request, meeting.id);
      const board = { id: meeting.board_id, name: meeting.board_name };
      switch (result.kind) {
        case 'ok':
          return reply.flash('Meeting saved.').redirect(back, 303);
        case 'invalid':
          return renderForm(
            reply,
            board,
            form.values,
            back,
            meeting.id,
            formErrors(form, result.problems, { order: MeetingChange }),
          );
        case 'conflict': {
          const { current, asked } = result.current;
          return renderConflict(reply, {
            what: 'meeting',
            rows: [
              ['Date', formatDate(current.meets_on), formatDate(asked.meetsOn)],
              ['Time', current.starts_at ?? '', asked.startsAt ?? ''],
              ['Place', current.place, asked.place],
              [
                'Status',
                MEETING_STATUS_LABELS[current.status],
                MEETING_STATUS_LABELS[asked.status],
              ],
            ],
            retryAction: `${back}/edit`,
            retryFields: { ...retryFieldsOf(form.values), version: String(current.version) },
            backLink: back,
          });
        }
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
