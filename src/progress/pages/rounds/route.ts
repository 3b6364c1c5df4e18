// Update rounds: the list, and opening a new round (admins).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM, formErrors, sendPageResult, submitForm } from '../../../platform/web/form-input.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { openUpdateRound } from '../../commands/rounds.js';
import { RoundInput } from '../../inputs.js';
import { listRounds, openRounds } from '../../progress-repository.js';
import { ONE_OPEN_ROUND_RULE, suggestRoundName } from '../../round-rules.js';
import { ADMIN, readRoundForm, roundsPath } from '../paths.js';

export function roundsPage(app: App): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FormErrors,
    closeFirst?: string,
  ) => {
    const rounds = await listRounds(app.db, tenantOf(request));
    const suggested = {
      title: suggestRoundName(
        todayInLondon(),
        rounds.map((r) => r.title),
      ),
    };
    const view = errors?.toView();
    // "Close it first" points at the page that closes the open round, not at a field.
    if (view && closeFirst)
      view.errors = view.errors.map((e) =>
        e.href === '#title' ? { ...e, href: `${roundsPath(request)}/${closeFirst}/close` } : e,
      );
    return reply.page(
      'progress/pages/rounds/rounds.njk',
      {
        title: 'Update rounds',
        rounds,
        openRounds: rounds.filter((r) => !r.closed_at),
        oneRoundRule: ONE_OPEN_ROUND_RULE,
        values: { ...suggested, ...values },
        ...(view ?? {}),
      },
      errors ? 400 : 200,
    );
  };

  app.get('/p/:partnership/rounds', { schema: { params: paramsSchema() } }, (request, reply) =>
    render(request, reply),
  );

  app.post(
    '/p/:partnership/rounds',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readRoundForm(RoundInput, request.body);
      const result = await submitForm(form, RoundInput, () =>
        openUpdateRound(commandContext(request), form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash(`${result.value.title} is open. Action leads can now record their updates.`)
            .redirect(`${roundsPath(request)}/${result.value.id}`, 303);
        case 'invalid':
          return render(request, reply, form.values, formErrors(form, result.problems));
        case 'refused': {
          // Another round is open (the error links to closing it), or the name is taken.
          const [open] = await openRounds(app.db, tenantOf(request));
          const errors = formErrors(form, [{ field: 'title', text: result.message }]);
          return render(request, reply, form.values, errors, open?.id);
        }
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
