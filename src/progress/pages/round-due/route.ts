// Changing when updates for the open round are due (admins), catching another admin's change.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM, formErrors, sendPageResult, submitForm } from '../../../platform/web/form-input.js';
import { type FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { changeRoundDueDate } from '../../commands/rounds.js';
import { RoundDueChange } from '../../inputs.js';
import { findRound } from '../../progress-repository.js';
import { ADMIN, readRoundForm, roundsPath } from '../paths.js';

export function roundDuePage(app: App): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    roundId: string,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) => {
    const round = await findRound(app.db, tenantOf(request), roundId);
    if (!round) return reply.callNotFound();
    if (round.closed_at)
      return reply
        .flash(`${round.title} is closed, so its due date can no longer change.`)
        .redirect(`${roundsPath(request)}/${roundId}`, 303);
    const [year, month, day] = round.due_on.split('-');
    return reply.page(
      'progress/pages/round-due/round-due.njk',
      {
        title: `Change when updates for ${round.title} are due`,
        round,
        values: form.values ?? {
          dueOn: { day: String(Number(day)), month: String(Number(month)), year },
          version: String(round.version),
        },
        ...(form.errors?.toView() ?? {}),
        backLink: `${roundsPath(request)}/${roundId}`,
      },
      form.errors ? (form.status ?? 400) : 200,
    );
  };

  app.get(
    '/p/:partnership/rounds/:roundId/due-date',
    { config: ADMIN, schema: { params: paramsSchema('roundId') } },
    (request, reply) => render(request, reply, request.params.roundId),
  );

  app.post(
    '/p/:partnership/rounds/:roundId/due-date',
    { config: ADMIN, schema: { params: paramsSchema('roundId'), body: FORM } },
    async (request, reply) => {
      const { roundId } = request.params;
      const form = readRoundForm(RoundDueChange, request.body);
      const result = await submitForm(form, RoundDueChange, () =>
        changeRoundDueDate(commandContext(request), roundId, form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Due date changed.')
            .redirect(`${roundsPath(request)}/${roundId}`, 303);
        case 'invalid':
          return render(request, reply, roundId, {
            values: form.values,
            errors: formErrors(form, result.problems),
          });
        case 'conflict': {
          const current = result.current;
          const errors = formErrors(form, [
            {
              field: 'dueOn',
              text: `Someone else changed the due date to ${current.due_on.split('-').reverse().join('/')} while you were editing. Check the date below and save again`,
            },
          ]);
          const values = { ...form.values, version: String(current.version) };
          return render(request, reply, roundId, { values, errors, status: 409 });
        }
        case 'refused':
          // Closed meanwhile: the round page shows it is closed.
          return reply
            .flash('This round is closed.')
            .redirect(`${roundsPath(request)}/${roundId}`, 303);
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
