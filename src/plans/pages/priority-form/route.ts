import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderConflict } from '../../../platform/web/conflict.js';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { addPriority, changePriority } from '../../commands/priorities.js';
import { PriorityChange, PriorityInput } from '../../inputs.js';
import * as repo from '../../plan-repository.js';
import { loadPlan } from '../../plan-service.js';
import { ADMIN, base, labels } from '../shared.js';

/** The form to add a priority to a plan. */
export function priorityFormPage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId/priorities/new',
    { config: ADMIN, schema: { params: paramsSchema('planId') } },
    (request, reply) =>
      renderPriority(app, request, reply, request.params.planId, { findingIds: [] }),
  );

  app.post(
    '/p/:partnership/plans/:planId/priorities/new',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const form = readForm(PriorityInput, request.body, { omit: ['version'] });
      const result = await addPriority(commandContext(request), planId, form.input);
      if (result.kind === 'invalid')
        return renderPriority(
          app,
          request,
          reply,
          planId,
          form.values,
          formErrors(form, result.problems, { order: PriorityInput }),
        );
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply.flash('Priority added.').redirect(`${base(request)}/${planId}`, 303);
    },
  );

  editPriorityPage(app);
}

/** The same form to change a priority, and its conflict page. */
function editPriorityPage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId/priorities/:priorityId/edit',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'priorityId') } },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      const priority = (await repo.listPriorities(app.db, tenantOf(request), planId)).find(
        (p) => p.id === priorityId,
      );
      if (!priority) return reply.callNotFound();
      return renderPriority(
        app,
        request,
        reply,
        planId,
        {
          title: priority.title,
          description: priority.description,
          findingIds: priority.finding_ids,
          version: String(priority.version),
        },
        undefined,
        priorityId,
      );
    },
  );

  app.post(
    '/p/:partnership/plans/:planId/priorities/:priorityId/edit',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'priorityId'), body: FORM } },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      const form = readForm(PriorityChange, request.body);
      const result = await changePriority(commandContext(request), planId, priorityId, form.input);
      if (result.kind === 'invalid')
        return renderPriority(
          app,
          request,
          reply,
          planId,
          form.values,
          formErrors(form, result.problems, { order: PriorityChange }),
          priorityId,
        );
      if (result.kind === 'conflict') {
        const { current, asked } = result.current;
        return renderConflict(reply, {
          what: 'priority',
          rows: [
            ['Title', current.title, asked.title],
            ['Description', current.description, asked.description],
          ],
          retryAction: `${base(request)}/${planId}/priorities/${priorityId}/edit`,
          retryFields: {
            title: asked.title,
            description: asked.description,
            version: String(current.version),
          },
          retryLists: { findingIds: asked.findingIds },
          backLink: `${base(request)}/${planId}`,
        });
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply.flash('Priority saved.').redirect(`${base(request)}/${planId}`, 303);
    },
  );
}

/** The priority form: new, or with `priorityId` the priority's own. */
async function renderPriority(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  planId: string,
  values: Record<string, unknown>,
  errors?: FormErrors,
  priorityId?: string,
) {
  const loaded = await loadPlan(app.db, tenantOf(request), planId);
  if (!loaded) return reply.callNotFound();
  return reply.page(
    'plans/pages/priority-form/priority-form.njk',
    {
      title: priorityId ? 'Change priority' : 'Add a priority',
      plan: loaded.plan,
      findings: loaded.findings,
      values,
      priorityId,
      labels,
      backLink: `${base(request)}/${planId}`,
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );
}
