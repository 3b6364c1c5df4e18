import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Value from 'typebox/value';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import { field, FormErrors } from '../../../platform/web/forms.js';
import {
  commandContext,
  paramsSchema,
  tenantOf,
  userOf,
  type App,
} from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { actionNumber } from '../../action-numbers.js';
import { canUpdateAction, listUpdates } from '../../action-updates.js';
import { moveAction } from '../../commands/actions.js';
import { addMeasure, removeMeasure } from '../../commands/measures.js';
import { MeasureInput } from '../../inputs.js';
import * as repo from '../../plan-repository.js';
import { plansIncludingAction } from '../../inclusion-repository.js';
import { ADMIN, base, labels, numbered } from '../shared.js';
import { listDueDateChanges, revisedDatesNeedApproval } from '../../due-date-repository.js';
import {
  DUE_DATE_CHANGE_STATE_LABELS,
  revisionsWait,
  slippageDays,
  slippageText,
} from '../../slippage-rules.js';

const ACTION_PARAMS = paramsSchema('planId', 'actionId');

/**
 * An action's page: its details, success measures, sub-actions, the findings it answers and its
 * updates, with the form to record one. Also re-rendered, with errors, by forms that post from it.
 */
export async function renderActionPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const params = request.params;
  if (!Value.Check(ACTION_PARAMS, params)) return reply.callNotFound();
  const { planId, actionId } = params;
  const tenant = tenantOf(request);
  const [plan, action] = await Promise.all([
    repo.findPlan(app.db, tenant, planId),
    repo.findAction(app.db, tenant, planId, actionId),
  ]);
  if (!plan || !action) return reply.callNotFound();
  const [
    measures,
    updates,
    priorities,
    parent,
    subActions,
    findings,
    alsoIn,
    dueDates,
    approvalSetting,
  ] = await Promise.all([
    repo
      .listMeasures(app.db, tenant, planId)
      .then((all) => all.filter((m) => m.action_id === actionId)),
    listUpdates(app.db, tenant, actionId),
    repo.listPriorities(app.db, tenant, planId),
    action.parent_action_id
      ? repo.findAction(app.db, tenant, planId, action.parent_action_id)
      : undefined,
    action.parent_action_id ? [] : repo.listSubActions(app.db, tenant, planId, actionId),
    repo.listFindingsOfPlan(app.db, tenant, planId),
    plansIncludingAction(app.db, tenant, actionId),
    listDueDateChanges(app.db, tenant, actionId),
    revisedDatesNeedApproval(app.db, tenant),
  ]);
  // The findings an action answers are its priority's.
  const priority = priorities.find((p) => p.id === action.priority_id);
  const answers = findings.filter((f) => priority?.finding_ids.includes(f.id));
  return reply.page(
    'plans/pages/action/action.njk',
    {
      title: `${actionNumber(action)} ${action.title}`,
      number: actionNumber(action),
      plan,
      action,
      parent: parent ? numbered(parent) : undefined,
      subActions: subActions.map(numbered),
      measures,
      updates,
      priorities,
      priority,
      answers,
      alsoIn,
      dueDates,
      // Whether a new date proposed here would wait for an admin.
      approvalNeeded: revisionsWait(approvalSetting, tenant.role),
      pendingDueDates: dueDates.filter((c) => c.state === 'pending'),
      slippage: slippageDays(action.baseline_due_date, action.due_date),
      slippageText: slippageText(slippageDays(action.baseline_due_date, action.due_date)),
      dueDateStates: DUE_DATE_CHANGE_STATE_LABELS,
      canUpdate: canUpdateAction(tenant, userOf(request), action),
      today: todayInLondon(),
      labels,
      values: {},
      measureValues: {},
      backLink: `/p/${tenant.slug}/plans/${planId}`,
      ...extra,
    },
    status,
  );
}

/** An action's page, and the forms on it: moving the action, adding and removing measures. */
export function actionPage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId/actions/:actionId',
    { schema: { params: ACTION_PARAMS } },
    (request, reply) => renderActionPage(app, request, reply),
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/move',
    { config: ADMIN, schema: { params: ACTION_PARAMS, body: FORM } },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const body = request.body;
      const direction = field(body, 'direction');
      const toPriorityId = field(body, 'toPriorityId');
      const result = await moveAction(commandContext(request), planId, actionId, {
        ...(direction ? { direction } : {}),
        ...(toPriorityId ? { toPriorityId } : {}),
      });
      if (result.kind === 'invalid') {
        const errors = new FormErrors();
        for (const p of result.problems) errors.add(p.field, p.text);
        return renderActionPage(app, request, reply, errors.toView(), 400);
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply.redirect(
        field(body, 'returnTo') === 'action'
          ? `${base(request)}/${planId}/actions/${actionId}`
          : `${base(request)}/${planId}#action-${actionId}`,
        303,
      );
    },
  );

  measureForms(app);
}

/** Adding a success measure from the action's page, and removing one. */
function measureForms(app: App): void {
  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/measures',
    { config: ADMIN, schema: { params: ACTION_PARAMS, body: FORM } },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      // The page names its field measureText (the action page has other forms), and takes "65%".
      const body = request.body;
      const form = readForm(
        MeasureInput,
        {
          ...body,
          text: field(body, 'measureText'),
          target: field(body, 'target').replace(/%$/, ''),
        },
        { dateLabels: { targetDate: 'the target date' } },
      );
      const result = await submitForm(form, MeasureInput, () =>
        addMeasure(commandContext(request), planId, actionId, form.input),
      );
      if (result.kind === 'invalid') {
        const errors = formErrors(
          form,
          result.problems.map((p) => (p.field === 'text' ? { ...p, field: 'measureText' } : p)),
          { order: MeasureInput },
        );
        const measureValues = {
          text: field(body, 'measureText'),
          target: field(body, 'target'),
          targetDate: form.values.targetDate,
        };
        return renderActionPage(app, request, reply, { measureValues, ...errors.toView() }, 400);
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Success measure added.')
        .redirect(`${base(request)}/${planId}/actions/${actionId}`, 303);
    },
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/measures/:measureId/delete',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'actionId', 'measureId') } },
    async (request, reply) => {
      const { planId, actionId, measureId } = request.params;
      // A measure that is not this plan's action's (or is gone already) is not found, as in the API.
      const result = await removeMeasure(commandContext(request), planId, actionId, measureId);
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Success measure removed.')
        .redirect(`${base(request)}/${planId}/actions/${actionId}`, 303);
    },
  );
}
