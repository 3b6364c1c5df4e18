// Correcting an update while its round is open: the author (if they may still update the
// action) or an admin. A closed round's updates are what the board saw, so they stay.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORM, formErrors, sendPageResult } from '../../../platform/web/form-input.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { renderConflict } from '../../../platform/web/conflict.js';
import {
  commandContext,
  paramsSchema,
  tenantOf,
  userOf,
  type App,
} from '../../../platform/web/request.js';
import {
  ACTION_STATUS_LABELS,
  actionNumber,
  findAction,
  listMeasures,
  type ActionRow,
  type UpdateRow,
} from '../../../plans/index.js';
import { correctActionUpdate, type UpdateConflict } from '../../commands/updates.js';
import { UpdateChange } from '../../inputs.js';
import { findUpdate } from '../../progress-repository.js';
import { canCorrectUpdate } from '../../progress-service.js';
import { CORRECTION_RULE, RAG_STATUS_RULE } from '../../round-rules.js';
import { actionPath, UPDATERS } from '../paths.js';
import { readUpdateForm } from '../update-form.js';

type UpdateIds = { planId: string; actionId: string; updateId: string };
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

export function correctUpdatePage(app: App): void {
  const path = '/p/:partnership/plans/:planId/actions/:actionId/updates/:updateId/correct';
  const params = paramsSchema('planId', 'actionId', 'updateId');

  const measuresOf = async (request: FastifyRequest, ids: UpdateIds) =>
    (await listMeasures(app.db, tenantOf(request), ids.planId)).filter(
      (m) => m.action_id === ids.actionId,
    );

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ids: UpdateIds,
    found: { action: ActionRow; update: UpdateRow },
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) => {
    const { action, update } = found;
    const closed = !update.round_open;
    const number = actionNumber(action);
    const back = actionPath(request, ids);
    return reply.page(
      'progress/pages/correct-update/correct-update.njk',
      {
        title: closed ? 'This update cannot be corrected' : `Correct this update to ${number}`,
        number,
        action,
        update,
        closed,
        measures: closed ? [] : await measuresOf(request, ids),
        values: form.values ?? updateValues(update),
        labels: { actionStatuses: ACTION_STATUS_LABELS },
        ragRule: RAG_STATUS_RULE,
        correctionRule: CORRECTION_RULE,
        actionPath: back,
        correctPath: `${back}/updates/${ids.updateId}/correct`,
        backLink: back,
        ...(form.errors?.toView() ?? {}),
      },
      form.status ?? (form.errors ? 400 : 200),
    );
  };

  /** The action and update of the URL, or why the person may not correct it. */
  const load = async (request: FastifyRequest, ids: UpdateIds) => {
    const tenant = tenantOf(request);
    const [action, update] = await Promise.all([
      findAction(app.db, tenant, ids.planId, ids.actionId),
      findUpdate(app.db, tenant, ids.actionId, ids.updateId),
    ]);
    if (!action || !update) return 'not-found' as const;
    if (!canCorrectUpdate(tenant, userOf(request), action, update)) return 'forbidden' as const;
    return { action, update };
  };

  /** Both versions side by side: the update as someone else left it, and this correction. */
  const renderClash = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ids: UpdateIds,
    clash: UpdateConflict,
    values: Record<string, unknown>,
  ) => {
    const { current: c, asked } = clash;
    const measures = await measuresOf(request, ids);
    const measureName = (id: string | null) =>
      (id ? measures.find((m) => m.id === id)?.text : undefined) ?? 'None';
    const figure = (value: string | number | null) =>
      value === null || value === '' ? 'None' : String(value);
    const back = actionPath(request, ids);
    return renderConflict(reply, {
      what: 'update',
      rows: [
        ['Status', ACTION_STATUS_LABELS[c.status], ACTION_STATUS_LABELS[asked.status]],
        ['RAG rating', RAG_LABELS[c.rag] ?? c.rag, RAG_LABELS[asked.rag] ?? asked.rag],
        ['What has happened', c.narrative, asked.narrative],
        ['Success measure', measureName(c.measure_id), measureName(asked.measureId)],
        ['Figure', figure(c.measure_value), figure(asked.measureValue)],
      ],
      retryAction: `${back}/updates/${c.id}/correct`,
      retryFields: {
        ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
        version: String(c.version),
      },
      backLink: back,
    });
  };

  app.get(path, { config: UPDATERS, schema: { params } }, async (request, reply) => {
    const found = await load(request, request.params);
    if (found === 'not-found') return reply.callNotFound();
    if (found === 'forbidden') return reply.forbidden();
    return render(request, reply, request.params, found);
  });

  app.post(path, { config: UPDATERS, schema: { params, body: FORM } }, async (request, reply) => {
    const ids = request.params;
    const found = await load(request, ids);
    if (found === 'not-found') return reply.callNotFound();
    if (found === 'forbidden') return reply.forbidden();
    if (!found.update.round_open) return render(request, reply, ids, found, { status: 409 });
    const form = readUpdateForm(UpdateChange, request.body);
    const result = await correctActionUpdate(
      commandContext(request),
      userOf(request),
      ids,
      form.input,
    );
    switch (result.kind) {
      case 'ok':
        return reply.flash('Update corrected.').redirect(actionPath(request, ids), 303);
      case 'invalid':
        return render(request, reply, ids, found, {
          values: form.values,
          errors: formErrors(form, result.problems),
        });
      case 'refused': {
        // Its round closed meanwhile: say so, as for an update already closed.
        const update = await findUpdate(app.db, tenantOf(request), ids.actionId, ids.updateId);
        if (!update) return reply.callNotFound();
        return render(request, reply, ids, { ...found, update }, { status: 409 });
      }
      case 'conflict':
        return renderClash(request, reply, ids, result.current, form.values);
      default:
        return sendPageResult(reply, result);
    }
  });
}
