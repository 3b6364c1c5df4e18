import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateInput, field, FormErrors, requireText, type FormBody } from '../platform/web/forms.js';
import { actorFor, paramsSchema, tenantOf, userOf } from '../platform/web/request.js';
import { todayInLondon } from '../platform/web/today.js';
import { renderConflict } from '../platform/web/conflict.js';
import { ACTION_STATUS_LABELS } from '../plans/index.js';
import { findAction, listMeasures, type ActionRow } from '../plans/index.js';
import { actionNumber } from '../plans/index.js';
import {
  actionsForRound,
  currentRound,
  findRound,
  findUpdate,
  listRounds,
} from './progress-repository.js';
import {
  canCorrectUpdate,
  changeRoundDue,
  correctUpdate,
  finishRound,
  openRound,
  recordUpdate,
  RoundRuleError,
} from './progress-service.js';
import {
  CORRECTION_RULE,
  ONE_OPEN_ROUND_RULE,
  RAG_STATUS_RULE,
  suggestRoundName,
} from './round-rules.js';
import { readUpdateForm } from './update-form.js';
import { renderActionPage } from '../plans/index.js';
import { type UpdateRow } from '../plans/index.js';
import { updatesAnyAction } from '../plans/index.js';

const UPDATERS = { roles: ['admin', 'lead', 'contributor'] as const };
const RAG_LABELS: Record<string, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** A recorded update as the correction form's fields. */
function updateValues(update: UpdateRow): Record<string, string> {
  return {
    status: update.status,
    rag: update.rag,
    narrative: update.narrative,
    measureId: update.measure_id ?? '',
    measureValue: update.measure_value ?? '',
    version: String(update.version),
  };
}

const ADMIN = { roles: ['admin'] as const };

export async function progressRoutes(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/rounds`;

  const renderRounds = async (
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
        e.href === '#title' ? { ...e, href: `${base(request)}/${closeFirst}/close` } : e,
      );
    return reply.page(
      'progress/rounds.njk',
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
      let created: { id: string };
      try {
        created = await openRound(app.db, actorFor(request), tenantOf(request), {
          title,
          openedOn: today,
          dueOn: due.iso,
        });
      } catch (e) {
        if (!(e instanceof RoundRuleError)) throw e;
        errors.add('title', e.message);
        return renderRounds(request, reply, { title, dueOn: due.parts }, errors, e.openRound?.id);
      }
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
      const [actions, current] = await Promise.all([
        actionsForRound(app.db, tenant, roundId),
        currentRound(app.db, tenant),
      ]);
      const expected = actions.filter((a) => a.status !== 'complete' || a.updated_in_round);
      return reply.page('progress/round.njk', {
        title: round.title,
        round,
        // Only in data from before one round at a time: updates go to the newer open round.
        supersededBy: !round.closed_at && current && current.id !== round.id ? current : null,
        missing: expected.filter((a) => !a.updated_in_round),
        done: expected.filter((a) => a.updated_in_round),
        statusLabels: ACTION_STATUS_LABELS,
        backLink: base(request),
      });
    },
  );

  // Asks before closing: a closed round cannot be reopened.
  app.get(
    '/p/:partnership/rounds/:roundId/close',
    { config: ADMIN, schema: { params: paramsSchema('roundId') } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { roundId } = request.params as { roundId: string };
      const round = await findRound(app.db, tenant, roundId);
      if (!round) return reply.callNotFound();
      if (round.closed_at)
        return reply
          .flash(`${round.title} is already closed.`)
          .redirect(`${base(request)}/${roundId}`, 303);
      return reply.page('progress/close-round.njk', {
        title: `Close ${round.title}?`,
        round,
        backLink: `${base(request)}/${roundId}`,
      });
    },
  );

  const renderDueForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: FormErrors,
    status = 400,
  ) => {
    const { roundId } = request.params as { roundId: string };
    const round = await findRound(app.db, tenantOf(request), roundId);
    if (!round) return reply.callNotFound();
    if (round.closed_at)
      return reply
        .flash(`${round.title} is closed, so its due date can no longer change.`)
        .redirect(`${base(request)}/${roundId}`, 303);
    const [year, month, day] = round.due_on.split('-');
    return reply.page(
      'progress/round-due.njk',
      {
        title: `Change when updates for ${round.title} are due`,
        round,
        values: values ?? {
          dueOn: { day: String(Number(day)), month: String(Number(month)), year },
          dueWas: round.due_on,
        },
        ...(errors?.toView() ?? {}),
        backLink: `${base(request)}/${roundId}`,
      },
      errors ? status : 200,
    );
  };

  app.get(
    '/p/:partnership/rounds/:roundId/due-date',
    { config: ADMIN, schema: { params: paramsSchema('roundId') } },
    (request, reply) => renderDueForm(request, reply),
  );

  app.post(
    '/p/:partnership/rounds/:roundId/due-date',
    { config: ADMIN, schema: { params: paramsSchema('roundId') } },
    async (request, reply) => {
      const { roundId } = request.params as { roundId: string };
      const body = request.body as FormBody;
      const errors = new FormErrors();
      // The date the admin saw; anything else counts as someone else's change.
      const dueWas = /^\d{4}-\d{2}-\d{2}$/.test(field(body, 'dueWas'))
        ? field(body, 'dueWas')
        : '1900-01-01';
      const due = dateInput(body, 'dueOn', errors, {
        label: 'the date updates are due',
        required: true,
      });
      if (due.iso && due.iso < todayInLondon())
        errors.add('dueOn-day', 'The date updates are due must be today or in the future');
      if (errors.any || !due.iso)
        return renderDueForm(request, reply, { dueOn: due.parts, dueWas }, errors);
      const result = await changeRoundDue(app.db, actorFor(request), tenantOf(request), roundId, {
        dueOn: due.iso,
        expectedDueOn: dueWas,
      });
      if (result === 'not-found') return reply.callNotFound();
      if (result === 'stale') {
        const current = await findRound(app.db, tenantOf(request), roundId);
        errors.add(
          'dueOn-day',
          `Someone else changed the due date to ${current?.due_on.split('-').reverse().join('/') ?? 'another date'} while you were editing. Check the date below and save again`,
        );
        return renderDueForm(
          request,
          reply,
          { dueOn: due.parts, dueWas: current?.due_on ?? dueWas },
          errors,
          409,
        );
      }
      // 'closed' falls through to the round page, which shows it is closed.
      return reply
        .flash(result === 'ok' ? 'Due date changed.' : 'This round is closed.')
        .redirect(`${base(request)}/${roundId}`, 303);
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

  // Correcting an update while its round is open: the author (if they may still update the
  // action) or an admin. A closed round's updates are what the board saw, so they stay.
  const updatePath = '/p/:partnership/plans/:planId/actions/:actionId/updates/:updateId/correct';
  const updateParams = { schema: { params: paramsSchema('planId', 'actionId', 'updateId') } };
  type UpdateIds = { planId: string; actionId: string; updateId: string };
  const actionPathOf = (request: FastifyRequest) => {
    const { planId, actionId } = request.params as UpdateIds;
    return `/p/${tenantOf(request).slug}/plans/${planId}/actions/${actionId}`;
  };

  const renderCorrection = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: { action: ActionRow; update: UpdateRow },
    form: { values?: Record<string, string>; errors?: FormErrors; status?: number } = {},
  ) => {
    const { planId, actionId, updateId } = request.params as UpdateIds;
    const { action, update } = found;
    const closed = !update.round_open;
    const measures = closed
      ? []
      : (await listMeasures(app.db, tenantOf(request), planId)).filter(
          (m) => m.action_id === actionId,
        );
    const number = actionNumber(action);
    const actionPath = actionPathOf(request);
    return reply.page(
      'progress/correct-update.njk',
      {
        title: closed ? 'This update cannot be corrected' : `Correct this update to ${number}`,
        number,
        action,
        update,
        closed,
        measures,
        values: form.values ?? updateValues(update),
        labels: { actionStatuses: ACTION_STATUS_LABELS },
        ragRule: RAG_STATUS_RULE,
        correctionRule: CORRECTION_RULE,
        actionPath,
        correctPath: `${actionPath}/updates/${updateId}/correct`,
        backLink: actionPath,
        ...(form.errors?.toView() ?? {}),
      },
      form.status ?? (form.errors ? 400 : 200),
    );
  };

  /** The action and update of the URL, or why the person may not correct it. */
  const loadCorrection = async (request: FastifyRequest) => {
    const { planId, actionId, updateId } = request.params as UpdateIds;
    const tenant = tenantOf(request);
    const [action, update] = await Promise.all([
      findAction(app.db, tenant, planId, actionId),
      findUpdate(app.db, tenant, actionId, updateId),
    ]);
    if (!action || !update) return 'not-found' as const;
    if (!canCorrectUpdate(tenant, userOf(request), action, update)) return 'forbidden' as const;
    return { action, update };
  };

  app.get(updatePath, { config: UPDATERS, ...updateParams }, async (request, reply) => {
    const found = await loadCorrection(request);
    if (found === 'not-found') return reply.callNotFound();
    if (found === 'forbidden') return reply.forbidden();
    return renderCorrection(request, reply, found);
  });

  app.post(updatePath, { config: UPDATERS, ...updateParams }, async (request, reply) => {
    const found = await loadCorrection(request);
    if (found === 'not-found') return reply.callNotFound();
    if (found === 'forbidden') return reply.forbidden();
    const body = request.body as FormBody;
    const errors = new FormErrors();
    const { values, input } = readUpdateForm(body, errors);
    const version = Number(field(body, 'version'));
    const formValues = { ...values, version: field(body, 'version') };
    if (!found.update.round_open) return renderCorrection(request, reply, found, { status: 409 });
    if (!input) return renderCorrection(request, reply, found, { values: formValues, errors });
    const result = await correctUpdate(
      app.db,
      actorFor(request),
      tenantOf(request),
      userOf(request),
      request.params as UpdateIds,
      input,
      Number.isInteger(version) ? version : 0,
    );
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'forbidden') return reply.forbidden();
    if (result.outcome === 'closed')
      return renderCorrection(
        request,
        reply,
        { ...found, update: result.current },
        { status: 409 },
      );
    if (result.outcome === 'conflict') {
      const c = result.current;
      const { planId, actionId } = request.params as UpdateIds;
      const measures = (await listMeasures(app.db, tenantOf(request), planId)).filter(
        (m) => m.action_id === actionId,
      );
      const measureName = (id: string | null) =>
        (id ? measures.find((m) => m.id === id)?.text : undefined) ?? 'None';
      const figure = (value: string | number | null) =>
        value === null || value === '' ? 'None' : String(value);
      return renderConflict(reply, {
        what: 'update',
        rows: [
          ['Status', ACTION_STATUS_LABELS[c.status], ACTION_STATUS_LABELS[input.status]],
          ['RAG rating', RAG_LABELS[c.rag] ?? c.rag, RAG_LABELS[input.rag] ?? input.rag],
          ['What has happened', c.narrative, input.narrative],
          ['Success measure', measureName(c.measure_id), measureName(input.measureId)],
          ['Figure', figure(c.measure_value), figure(input.measureValue)],
        ],
        retryAction: `${actionPathOf(request)}/updates/${c.id}/correct`,
        retryFields: { ...values, version: String(c.version) },
        backLink: actionPathOf(request),
      });
    }
    return reply.flash('Update corrected.').redirect(actionPathOf(request), 303);
  });

  // A lead's own list: their actions and whether each is updated for the open round. Admins and
  // contributors may update any action, so they also see what the round still lacks.
  app.get(
    '/p/:partnership/my-actions',
    { config: { roles: ['admin', 'lead', 'contributor'] }, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const round = await currentRound(app.db, tenant);
      const anyAction = updatesAnyAction(tenant);
      const [actions, all] = await Promise.all([
        actionsForRound(app.db, tenant, round?.id ?? null, { leadUserId: userOf(request).id }),
        anyAction && round ? actionsForRound(app.db, tenant, round.id) : Promise.resolve([]),
      ]);
      return reply.page('progress/my-actions.njk', {
        title: 'My actions',
        round,
        actions,
        anyAction,
        stillToUpdate: all.filter((a) => a.status !== 'complete' && !a.updated_in_round),
        today: todayInLondon(),
        statusLabels: ACTION_STATUS_LABELS,
      });
    },
  );
  // Recording an update: the form is on the action's page, which shows again with any errors.
  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/updates',
    { schema: { params: paramsSchema('planId', 'actionId') } },
    async (request, reply) => {
      const { planId, actionId } = request.params as { planId: string; actionId: string };
      const errors = new FormErrors();
      const { values, input } = readUpdateForm(request.body as FormBody, errors);
      if (!input) return renderActionPage(app, request, reply, { values, ...errors.toView() }, 400);
      const result = await recordUpdate(
        app.db,
        actorFor(request),
        tenantOf(request),
        userOf(request),
        planId,
        actionId,
        input,
      );
      if (result === 'not-found') return reply.callNotFound();
      if (result === 'forbidden') return reply.forbidden();
      return reply
        .flash('Update recorded.')
        .redirect(`/p/${tenantOf(request).slug}/plans/${planId}/actions/${actionId}`, 303);
    },
  );
}
