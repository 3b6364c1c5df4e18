import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import { field, type FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { actionNumber } from '../../action-numbers.js';
import { includeInPlan, removeInclusion } from '../../commands/inclusions.js';
import * as inclusions from '../../inclusion-repository.js';
import { INCLUSION_RULE } from '../../inclusion-rules.js';
import { InclusionInput } from '../../inputs.js';
import * as repo from '../../plan-repository.js';
import { ADMIN, base, labels } from '../shared.js';

/**
 * Including another plan's priorities or actions in this one: choose the plan (a GET form, so it
 * works without JavaScript), then tick what to include and the priority single actions go under.
 */
export function includePage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId/include',
    {
      config: ADMIN,
      schema: {
        params: paramsSchema('planId'),
        querystring: Type.Object({ from: Type.Optional(Type.String({ maxLength: 100 })) }),
      },
    },
    (request, reply) =>
      renderInclude(app, request, reply, request.params.planId, request.query.from ?? '', {}),
  );

  app.post(
    '/p/:partnership/plans/:planId/include',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const form = readForm(InclusionInput, request.body);
      const result = await includeInPlan(commandContext(request), planId, form.input);
      if (result.kind === 'invalid') {
        const from = field(request.body, 'from');
        const errors = formErrors(form, result.problems, { order: InclusionInput });
        return renderInclude(app, request, reply, planId, from, form.values, errors);
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      const n = result.value.included;
      return reply
        .flash(`${n} ${n === 1 ? 'item' : 'items'} included by reference.`)
        .redirect(`${base(request)}/${planId}`, 303);
    },
  );

  app.post(
    '/p/:partnership/plans/:planId/inclusions/:inclusionId/remove',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'inclusionId'), body: FORM } },
    async (request, reply) => {
      const { planId, inclusionId } = request.params;
      const result = await removeInclusion(commandContext(request), planId, inclusionId);
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Removed from this plan. It is unchanged in its own plan.')
        .redirect(`${base(request)}/${planId}`, 303);
    },
  );
}

async function renderInclude(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  planId: string,
  fromPlanId: string,
  values: Record<string, unknown>,
  errors?: FormErrors,
) {
  const tenant = tenantOf(request);
  const [plan, plans, own, current] = await Promise.all([
    repo.findPlan(app.db, tenant, planId),
    repo.listPlans(app.db, tenant),
    repo.listPriorities(app.db, tenant, planId),
    inclusions.listInclusions(app.db, tenant, planId),
  ]);
  if (!plan) return reply.callNotFound();
  const others = plans.filter((p) => p.id !== planId);
  const source = others.find((p) => p.id === fromPlanId.toLowerCase());
  const [priorities, actions] = source
    ? await Promise.all([
        repo.listPriorities(app.db, tenant, source.id),
        repo.listActions(app.db, tenant, source.id),
      ])
    : [[], []];
  const includedPriorities = new Set(current.flatMap((c) => c.priority_id ?? []));
  const includedActions = new Set(current.flatMap((c) => c.action_id ?? []));
  return reply.page(
    'plans/pages/include/include.njk',
    {
      title: 'Include from another plan',
      plan,
      others,
      source,
      ownPriorities: own,
      // Each priority of the chosen plan, whole or action by action; what is in already is said so.
      priorities: priorities.map((p) => ({
        ...p,
        included: includedPriorities.has(p.id),
        actions: actions
          .filter((a) => a.priority_id === p.id && a.parent_action_id === null)
          .map((a) => ({
            ...a,
            number: actionNumber(a),
            included: includedActions.has(a.id) || includedPriorities.has(p.id),
          })),
      })),
      values: { priorityIds: [], actionIds: [], ...values },
      rule: INCLUSION_RULE,
      labels,
      backLink: `${base(request)}/${planId}`,
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );
}
