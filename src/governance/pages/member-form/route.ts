import type { FastifyReply, FastifyRequest } from 'fastify';
import { listMembers } from '../../../platform/directory/directory.js';
import { field, type FormBody, type FormErrors } from '../../../platform/web/forms.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  type ReadForm,
} from '../../../platform/web/form-input.js';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { addBoardMember, changeBoardMember, removeBoardMember } from '../../commands/boards.js';
import { findBoard, findBoardMember, type BoardRow } from '../../governance-repository.js';
import { MemberChange, MemberInput } from '../../inputs.js';
import { ADMIN, boardsPath } from '../common.js';

async function renderForm(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  board: BoardRow,
  values: Record<string, unknown>,
  memberId?: string,
  errors?: FormErrors,
) {
  const people = (await listMembers(app.db, tenantOf(request))).filter((p) => !p.disabled_at);
  return reply.page(
    'governance/pages/member-form/member-form.njk',
    {
      title: memberId ? `Change a member of ${board.name}` : `Add a member to ${board.name}`,
      board,
      values,
      memberId,
      people,
      backLink: `${boardsPath(request)}/${board.id}`,
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );
}

/** The chair checkbox posts "yes"; the command takes true or false. */
function readMember(
  schema: typeof MemberInput | typeof MemberChange,
  body: FormBody | undefined,
): ReadForm {
  const form = readForm(schema, body);
  form.input.chair = field(body, 'chair') === 'yes';
  return form;
}

/** Adding a member to a board, changing one, and taking one off. */
export function memberFormPages(app: App): void {
  const base = '/p/:partnership/boards/:boardId/members';

  app.get(
    `${base}/new`,
    { config: ADMIN, schema: { params: paramsSchema('boardId') } },
    async (request, reply) => {
      const board = await findBoard(app.db, tenantOf(request), request.params.boardId);
      if (!board) return reply.callNotFound();
      return renderForm(app, request, reply, board, {});
    },
  );

  app.post(
    `${base}/new`,
    { config: ADMIN, schema: { params: paramsSchema('boardId'), body: FORM } },
    async (request, reply) => {
      const board = await findBoard(app.db, tenantOf(request), request.params.boardId);
      if (!board) return reply.callNotFound();
      const form = readMember(MemberInput, request.body);
      const result = await addBoardMember(commandContext(request), board.id, form.input);
      if (result.kind === 'ok')
        return reply
          .flash(`${result.value.name} has been added to the board.`)
          .redirect(`${boardsPath(request)}/${board.id}#members`, 303);
      if (result.kind === 'invalid')
        return renderForm(
          app,
          request,
          reply,
          board,
          form.values,
          undefined,
          formErrors(form, result.problems),
        );
      return sendPageResult(reply, result);
    },
  );

  app.get(
    `${base}/:memberId/edit`,
    { config: ADMIN, schema: { params: paramsSchema('boardId', 'memberId') } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { boardId, memberId } = request.params;
      const board = await findBoard(app.db, tenant, boardId);
      const member = board && (await findBoardMember(app.db, tenant, boardId, memberId));
      if (!board || !member) return reply.callNotFound();
      const values = {
        userId: member.user_id ?? '',
        name: member.stored_name,
        role: member.role,
        chair: member.is_chair ? 'yes' : '',
        version: member.version,
      };
      return renderForm(app, request, reply, board, values, memberId);
    },
  );

  app.post(
    `${base}/:memberId/edit`,
    { config: ADMIN, schema: { params: paramsSchema('boardId', 'memberId'), body: FORM } },
    async (request, reply) => {
      const { boardId, memberId } = request.params;
      const board = await findBoard(app.db, tenantOf(request), boardId);
      if (!board) return reply.callNotFound();
      const form = readMember(MemberChange, request.body);
      const result = await changeBoardMember(
        commandContext(request),
        boardId,
        memberId,
        form.input,
      );
      const back = `${boardsPath(request)}/${boardId}`;
      switch (result.kind) {
        case 'ok':
          return reply.flash('Member saved.').redirect(`${back}#members`, 303);
        case 'invalid':
          return renderForm(
            app,
            request,
            reply,
            board,
            form.values,
            memberId,
            formErrors(form, result.problems),
          );
        case 'conflict': {
          const { current, asked } = result.current;
          return renderConflict(reply, {
            what: 'member',
            rows: [
              ['Name', current.name, asked.name || 'A person in Sendboard'],
              ['Role or organisation', current.role, asked.role],
              ['Chair', current.is_chair ? 'Yes' : 'No', asked.chair ? 'Yes' : 'No'],
            ],
            retryAction: `${back}/members/${memberId}/edit`,
            retryFields: { ...retryFieldsOf(form.values), version: String(current.version) },
            backLink: back,
          });
        }
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  app.post(
    `${base}/:memberId/remove`,
    { config: ADMIN, schema: { params: paramsSchema('boardId', 'memberId') } },
    async (request, reply) => {
      const { boardId, memberId } = request.params;
      const result = await removeBoardMember(commandContext(request), boardId, memberId);
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Member taken off the board.')
        .redirect(`${boardsPath(request)}/${boardId}#members`, 303);
    },
  );
}
