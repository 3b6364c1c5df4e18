import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { listMembers, listOrganisations } from '../../../platform/directory/directory.js';
import { renderConflict } from '../../../platform/web/conflict.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import { dateParts, type FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { addAction, changeAction } from '../../commands/actions.js';
import { ActionChange, ActionInput } from '../../inputs.js';
import * as repo from '../../plan-repository.js';
import { loadPlan } from '../../plan-service.js';
import { ADMIN, base, labels } from '../shared.js';
import { leadChoices, parentChoices } from './view.js';

/** The new-action form's query: the priority (and parent) it was opened from. */
const actionQuery = Type.Object({
  priority: Type.Optional(Type.String()),
  parent: Type.Optional(Type.String()),
});

const actionFormOptions = {
  dateLabels: { startDate: 'the start date', dueDate: 'the due date' },
};

/** The form to add an action (or a sub-action) to a plan. */
export function actionFormPage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId/actions/new',
    { config: ADMIN, schema: { params: paramsSchema('planId'), querystring: actionQuery } },
    (request, reply) =>
      renderActionForm(app, request, reply, request.params.planId, {
        priorityId: request.query.priority ?? '',
        parentActionId: request.query.parent ?? '',
        partnerIds: [],
      }),
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/new',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const form = readForm(ActionInput, request.body, {
        ...actionFormOptions,
        omit: ['version'],
      });
      const result = await submitForm(form, ActionInput, () =>
        addAction(commandContext(request), planId, form.input),
      );
      if (result.kind === 'invalid')
        return renderActionForm(
          app,
          request,
          reply,
          planId,
          form.values,
          formErrors(form, result.problems, { order: ActionInput }),
        );
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Action added.')
        .redirect(`${base(request)}/${planId}/actions/${result.value.id}`, 303);
    },
  );

  editActionPage(app);
}

/** The same form to change an action, and its conflict page. */
function editActionPage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId/actions/:actionId/edit',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'actionId') } },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const action = await repo.findAction(app.db, tenantOf(request), planId, actionId);
      if (!action) return reply.callNotFound();
      return renderActionForm(
        app,
        request,
        reply,
        planId,
        {
          priorityId: action.priority_id,
          parentActionId: action.parent_action_id ?? '',
          title: action.title,
          description: action.description,
          category: action.category,
          leadUserId: action.lead_user_id ?? '',
          leadOrganisationId: action.lead_organisation_id ?? '',
          partnerIds: action.partner_ids,
          startDate: dateParts(action.start_date),
          dueDate: dateParts(action.due_date),
          version: String(action.version),
        },
        undefined,
        actionId,
      );
    },
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/edit',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'actionId'), body: FORM } },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const form = readForm(ActionChange, request.body, actionFormOptions);
      const result = await submitForm(form, ActionChange, () =>
        changeAction(commandContext(request), planId, actionId, form.input),
      );
      if (result.kind === 'invalid')
        return renderActionForm(
          app,
          request,
          reply,
          planId,
          form.values,
          formErrors(form, result.problems, { order: ActionChange }),
          actionId,
        );
      if (result.kind === 'conflict') {
        const { current: c, asked } = result.current;
        return renderConflict(reply, {
          what: 'action',
          rows: [
            ['Title', c.title, asked.title],
            ['Description', c.description, asked.description],
            ['Category', labels.categories[c.category], labels.categories[asked.category]],
            ['Start date', c.start_date ?? '', asked.startDate ?? ''],
            ['Due date', c.due_date ?? '', asked.dueDate ?? ''],
          ],
          retryAction: `${base(request)}/${planId}/actions/${actionId}/edit`,
          retryFields: Object.fromEntries(
            Object.entries(request.body)
              .filter((e): e is [string, string] => typeof e[1] === 'string')
              .filter(([k]) => k !== 'version' && k !== 'partnerIds')
              .concat([['version', String(c.version)]]),
          ),
          retryLists: { partnerIds: asked.partnerIds },
          backLink: `${base(request)}/${planId}/actions/${actionId}`,
        });
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash(
          result.value.dueDate === 'pending'
            ? 'Action saved. The new due date waits for an admin’s approval.'
            : 'Action saved.',
        )
        .redirect(`${base(request)}/${planId}/actions/${actionId}`, 303);
    },
  );
}

/** The action form: new, or with `actionId` the action's own. */
async function renderActionForm(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  planId: string,
  values: Record<string, unknown>,
  errors?: FormErrors,
  actionId?: string,
) {
  const tenant = tenantOf(request);
  const [loaded, people, organisations] = await Promise.all([
    loadPlan(app.db, tenant, planId),
    listMembers(app.db, tenant),
    listOrganisations(app.db, tenant),
  ]);
  if (!loaded) return reply.callNotFound();
  const priorityId = values.priorityId as string;
  const current = actionId ? loaded.actions.find((a) => a.id === actionId) : undefined;
  const currentLead = current?.lead_user_id ?? null;
  const hasSubActions = actionId
    ? loaded.actions.some((a) => a.parent_action_id === actionId)
    : false;
  return reply.page(
    'plans/pages/action-form/action-form.njk',
    {
      title: actionId
        ? 'Change action'
        : values.parentActionId
          ? 'Add a sub-action'
          : 'Add an action',
      plan: loaded.plan,
      priorities: loaded.priorities,
      parentChoices: parentChoices(loaded, priorityId, actionId, hasSubActions),
      hasSubActions,
      leads: leadChoices(people, currentLead),
      organisations,
      values,
      actionId,
      // A set due date needs a reason to change (slippage-rules.ts): the field shows then.
      dueDateSet: Boolean(current?.due_date),
      baselineDueDate: current?.baseline_due_date ?? null,
      labels,
      backLink: actionId
        ? `${base(request)}/${planId}/actions/${actionId}`
        : `${base(request)}/${planId}`,
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );
}
