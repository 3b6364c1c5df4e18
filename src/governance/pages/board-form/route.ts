import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { changeBoard, createBoard } from '../../commands/boards.js';
import { findBoard } from '../../governance-repository.js';
import { BOARD_KIND_LABELS } from '../../governance-rules.js';
import { BoardChange, BoardInput } from '../../inputs.js';
import { ADMIN, boardsPath, kindItems } from '../common.js';

const renderForm = (
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, unknown>,
  board?: { id: string; name: string },
  errors?: FormErrors,
) =>
  reply.page(
    'governance/pages/board-form/board-form.njk',
    {
      title: board ? `Change ${board.name}` : 'Add a board',
      values,
      board,
      kindItems: kindItems(values.kind),
      backLink: board ? `${boardsPath(request)}/${board.id}` : boardsPath(request),
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );

/** Adding a board, and changing its name, kind and terms of reference. */
export function boardFormPages(app: App): void {
  app.get(
    '/p/:partnership/boards/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderForm(request, reply, {}),
  );

  app.post(
    '/p/:partnership/boards/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readForm(BoardInput, request.body);
      const result = await createBoard(commandContext(request), form.input);
      if (result.kind === 'ok')
        return reply
          .flash(`${result.value.name} has been added.`)
          .redirect(`${boardsPath(request)}/${result.value.id}`, 303);
      if (result.kind === 'invalid')
        return renderForm(
          request,
          reply,
          form.values,
          undefined,
          formErrors(form, result.problems),
        );
      return sendPageResult(reply, result);
    },
  );

  app.get(
    '/p/:partnership/boards/:boardId/edit',
    { config: ADMIN, schema: { params: paramsSchema('boardId') } },
    async (request, reply) => {
      const board = await findBoard(app.db, tenantOf(request), request.params.boardId);
      if (!board) return reply.callNotFound();
      return renderForm(
        request,
        reply,
        {
          name: board.name,
          kind: board.kind,
          termsOfReference: board.terms_of_reference,
          version: board.version,
        },
        board,
      );
    },
  );

  app.post(
    '/p/:partnership/boards/:boardId/edit',
    { config: ADMIN, schema: { params: paramsSchema('boardId'), body: FORM } },
    async (request, reply) => {
      const { boardId } = request.params;
      const board = await findBoard(app.db, tenantOf(request), boardId);
      if (!board) return reply.callNotFound();
      const form = readForm(BoardChange, request.body);
      const result = await changeBoard(commandContext(request), boardId, form.input);
      const back = `${boardsPath(request)}/${boardId}`;
      switch (result.kind) {
        case 'ok':
          return reply.flash('Board saved.').redirect(back, 303);
        case 'invalid':
          return renderForm(request, reply, form.values, board, formErrors(form, result.problems));
        case 'conflict': {
          const { current, asked } = result.current;
          return renderConflict(reply, {
            what: 'board',
            rows: [
              ['Name', current.name, asked.name],
              ['Kind', BOARD_KIND_LABELS[current.kind], BOARD_KIND_LABELS[asked.kind]],
              ['Terms of reference', current.terms_of_reference, asked.termsOfReference],
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
