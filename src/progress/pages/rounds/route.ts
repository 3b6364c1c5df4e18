// Update rounds: the list, and opening a new round for every plan or chosen plans (admins).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM, formErrors, sendPageResult, submitForm } from '../../../platform/web/form-input.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { openUpdateRound } from '../../commands/rounds.js';
import { RoundInput } from '../../inputs.js';
import {
  listRounds,
  livePlans,
  openRounds,
  type OpenRoundSummary,
} from '../../progress-repository.js';
import { ROUND_OVERLAP_RULE, roundsOverlap, suggestRoundName } from '../../round-rules.js';
import { ADMIN, readRoundForm, roundsPath } from '../paths.js';

const coverOf = (r: OpenRoundSummary) => ({
  title: r.title,
  allPlans: r.all_plans,
  plans: r.plans,
});

export function roundsPage(app: App): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FormErrors,
    closeFirst?: string,
  ) => {
    const tenant = tenantOf(request);
    const [rounds, plans] = await Promise.all([
      listRounds(app.db, tenant),
      livePlans(app.db, tenant),
    ]);
    const open = rounds.filter((r) => !r.closed_at);
    const suggested = {
      title: suggestRoundName(
        todayInLondon(),
        rounds.map((r) => r.title),
      ),
      planIds: [],
    };
    const view = errors?.toView();
    // "Close it first" points at the page that closes the round covering every plan.
    if (view && closeFirst)
      view.errors = view.errors.map((e) =>
        e.href === '#planIds' ? { ...e, href: `${roundsPath(request)}/${closeFirst}/close` } : e,
      );
    return reply.page(
      'progress/pages/rounds/rounds.njk',
      {
        title: 'Update rounds',
        rounds,
        openRounds: open,
        // A round for every plan leaves none for another round: no form, only closing it.
        everyPlanOpen: open.some((r) => r.all_plans),
        // Each live plan, with the open round it is already in (if any).
        plans: plans.map((p) => ({
          ...p,
          inRound:
            open.find((r) => roundsOverlap({ allPlans: false, plans: [p] }, coverOf(r)))?.title ??
            null,
        })),
        roundRule: ROUND_OVERLAP_RULE,
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
          // An open round covers a chosen plan (checked first, so a clash now is the reason: shown
          // beside the plans, or linking to closing a round for every plan), or the name is taken.
          const open = await openRounds(app.db, tenantOf(request));
          const asked = Array.isArray(form.input.planIds) ? form.input.planIds : [];
          const cover = {
            allPlans: asked.length === 0,
            plans: asked.filter((id) => typeof id === 'string').map((id) => ({ id })),
          };
          const clash = open.find((r) => roundsOverlap(cover, coverOf(r)));
          const field = clash ? 'planIds' : 'title';
          const errors = formErrors(form, [{ field, text: result.message }]);
          const closeFirst = clash?.all_plans ? clash.id : undefined;
          return render(request, reply, form.values, errors, closeFirst);
        }
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
