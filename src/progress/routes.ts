import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateInput, field, FormErrors, requireText, type FormBody } from '../web/forms.js';
import { actorFor, paramsSchema, tenantOf, userOf } from '../web/request.js';
import { todayInLondon } from '../web/today.js';
import { ACTION_STATUS_LABELS } from '../plans/plan-rules.js';
import { actionsForRound, currentRound, findRound, listRounds } from './progress-repository.js';
import { finishRound, openRound } from './progress-service.js';

const ADMIN = { roles: ['admin'] as const };
const monthTitle = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

export async function progressRoutes(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/rounds`;

  const renderRounds = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FormErrors,
  ) => {
    const rounds = await listRounds(app.db, tenantOf(request));
    const suggested = { title: monthTitle.format(new Date()) + ' update' };
    return reply.page(
      'progress/rounds.njk',
      {
        title: 'Update rounds',
        rounds,
        values: { ...suggested, ...values },
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );
  };

  app.get('/p/:partnership/rounds', { schema: { params: paramsSchema() } }, (request, reply) =>
    renderRounds(request, reply),
  );

  app.post(
    '/p/:partnership/rounds',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const body = request.body as FormBody;
      const errors = new FormErrors();
      const title = field(body, 'title');
      requireText(errors, 'title', title, { label: 'a name for the round', max: 120 });
      const due = dateInput(body, 'dueOn', errors, {
        label: 'the date updates are due',
        required: true,
      });
      const today = todayInLondon();
      if (due.iso && due.iso < today)
        errors.add('dueOn-day', 'The date updates are due must be today or in the future');
      if (errors.any || !due.iso)
        return renderRounds(request, reply, { title, dueOn: due.parts }, errors);
      const created = await openRound(app.db, actorFor(request), tenantOf(request), {
        title,
        openedOn: today,
        dueOn: due.iso,
      });
      return reply
        .flash(`${title} is open. Action leads can now record their updates.`)
        .redirect(`${base(request)}/${created.id}`, 303);
    },
  );

  app.get(
    '/p/:partnership/rounds/:roundId',
    { schema: { params: paramsSchema('roundId') } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { roundId } = request.params as { roundId: string };
      const round = await findRound(app.db, tenant, roundId);
      if (!round) return reply.callNotFound();
      const actions = await actionsForRound(app.db, tenant, roundId);
      const expected = actions.filter((a) => a.status !== 'complete' || a.updated_in_round);
      return reply.page('progress/round.njk', {
        title: round.title,
        round,
        missing: expected.filter((a) => !a.updated_in_round),
        done: expected.filter((a) => a.updated_in_round),
        statusLabels: ACTION_STATUS_LABELS,
        backLink: base(request),
      });
    },
  );

  app.post(
    '/p/:partnership/rounds/:roundId/close',
    { config: ADMIN, schema: { params: paramsSchema('roundId') } },
    async (request, reply) => {
      const { roundId } = request.params as { roundId: string };
      if (!(await finishRound(app.db, actorFor(request), tenantOf(request), roundId)))
        return reply.callNotFound();
      return reply
        .flash('Round closed. New updates will count towards the next round.')
        .redirect(`${base(request)}/${roundId}`, 303);
    },
  );

  // A lead's own list: their actions and whether each is updated for the open round.
  app.get(
    '/p/:partnership/my-actions',
    { config: { roles: ['admin', 'lead', 'contributor'] }, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const round = await currentRound(app.db, tenant);
      const actions = await actionsForRound(app.db, tenant, round?.id ?? null, {
        leadUserId: userOf(request).id,
      });
      return reply.page('progress/my-actions.njk', {
        title: 'My actions',
        round,
        actions,
        today: todayInLondon(),
        statusLabels: ACTION_STATUS_LABELS,
      });
    },
  );
}
