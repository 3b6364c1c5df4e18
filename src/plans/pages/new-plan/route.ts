import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { inspectionTitle, listInspections } from '../../../inspections/index.js';
import { listMembers } from '../../../platform/directory/directory.js';
import { renderConflict } from '../../../platform/web/conflict.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../../../platform/web/form-input.js';
import type { FormBody, FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import {
  changePlanDetails,
  createPlan,
  type PlanDetailsConflict,
} from '../../commands/plan-details.js';
import { PlanChange, PlanInput } from '../../inputs.js';
import * as repo from '../../plan-repository.js';
import { INSPECTION_CHANGE_RULE } from '../../plan-service.js';
import { coverageRule, PLAN_KINDS } from '../../plan-rules.js';
import { ADMIN, base, labels } from '../shared.js';

/** The new-plan form, and the same form to change a plan's details. */
export function newPlanPage(app: App): void {
  app.get(
    '/p/:partnership/plans/new',
    {
      config: ADMIN,
      schema: {
        params: paramsSchema(),
        querystring: Type.Object({ inspection: Type.Optional(Type.String()) }),
      },
    },
    (request, reply) =>
      renderPlanForm(app, request, reply, { inspectionId: request.query.inspection ?? '' }),
  );

  app.post(
    '/p/:partnership/plans/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readPlanForm(PlanInput, request.body);
      const result = await submitForm(form, PlanInput, () =>
        createPlan(commandContext(request), form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Plan created. Add its priorities next.')
            .redirect(`${base(request)}/${result.value.id}`, 303);
        case 'invalid':
          return renderPlanForm(
            app,
            request,
            reply,
            form.values,
            formErrors(form, result.problems),
          );
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  editPlanPage(app);
}

/** Changing a plan's details: the new-plan form with the plan's values, and its conflict page. */
function editPlanPage(app: App): void {
  app.get(
    '/p/:partnership/plans/:planId/edit',
    { config: ADMIN, schema: { params: paramsSchema('planId') } },
    async (request, reply) => {
      const { planId } = request.params;
      const plan = await repo.findPlan(app.db, tenantOf(request), planId);
      if (!plan) return reply.callNotFound();
      return renderPlanForm(
        app,
        request,
        reply,
        {
          kind: plan.kind,
          inspectionId: plan.inspection_id ?? '',
          title: plan.title,
          ownerUserId: plan.owner_user_id ?? '',
          coversDevelopment: plan.covers_development ? 'yes' : '',
          version: String(plan.version),
        },
        undefined,
        plan,
      );
    },
  );

  app.post(
    '/p/:partnership/plans/:planId/edit',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const form = readPlanForm(PlanChange, request.body);
      const result = await submitForm(form, PlanChange, () =>
        changePlanDetails(commandContext(request), planId, form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply.flash('Plan details saved.').redirect(`${base(request)}/${planId}`, 303);
        case 'invalid': {
          const plan = await repo.findPlan(app.db, tenantOf(request), planId);
          if (!plan) return reply.callNotFound();
          return renderPlanForm(
            app,
            request,
            reply,
            form.values,
            formErrors(form, result.problems),
            plan,
          );
        }
        case 'conflict':
          return renderPlanConflict(app, request, reply, planId, result.current);
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}

/** The new-plan form, or with `plan` the same form to change its details. */
async function renderPlanForm(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, unknown>,
  errors?: FormErrors,
  plan?: repo.PlanRow,
) {
  const tenant = tenantOf(request);
  const [inspections, people] = await Promise.all([
    listInspections(app.db, tenant),
    listMembers(app.db, tenant),
  ]);
  return reply.page(
    'plans/pages/new-plan/new.njk',
    {
      title: plan ? 'Change plan details' : 'Create a plan',
      plan,
      values,
      labels,
      inspections: inspections.map((i) => ({ id: i.id, title: inspectionTitle(i) })),
      // The current owner stays selectable on a plan even if they have since left.
      people: people.filter((p) => !p.disabled_at || p.id === plan?.owner_user_id),
      inspectionRule: INSPECTION_CHANGE_RULE,
      // Each kind's rule, as the hint under it: which findings it must answer.
      kindRules: Object.fromEntries(
        PLAN_KINDS.map((kind) => [kind, coverageRule({ kind, coversDevelopment: false })]),
      ),
      backLink: plan ? `${base(request)}/${plan.id}` : base(request),
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );
}

/** Someone else changed the plan's details: theirs beside these, to choose from. */
async function renderPlanConflict(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  planId: string,
  { current: c, asked }: PlanDetailsConflict,
) {
  const tenant = tenantOf(request);
  const [inspections, people] = await Promise.all([
    listInspections(app.db, tenant),
    listMembers(app.db, tenant),
  ]);
  const inspectionName = (id: string | null) => {
    const found = id ? inspections.find((i) => i.id === id) : undefined;
    return found ? inspectionTitle(found) : 'None';
  };
  const personName = (id: string | null) =>
    (id ? people.find((p) => p.id === id)?.name : undefined) ?? 'Not set';
  return renderConflict(reply, {
    what: 'plan',
    rows: [
      ['Kind of plan', labels.kinds[c.kind], labels.kinds[asked.kind]],
      [
        'Inspection it answers',
        inspectionName(c.inspection_id),
        inspectionName(asked.inspectionId),
      ],
      ['Title', c.title, asked.title],
      ['Owner', personName(c.owner_user_id), personName(asked.ownerUserId)],
    ],
    retryAction: `${base(request)}/${planId}/edit`,
    retryFields: {
      kind: asked.kind,
      inspectionId: asked.inspectionId ?? '',
      title: asked.title,
      ownerUserId: asked.ownerUserId ?? '',
      coversDevelopment: asked.coversDevelopment ? 'yes' : '',
      version: String(c.version),
    },
    backLink: `${base(request)}/${planId}`,
  });
}

/** The plan form: its checkbox says "yes" when ticked and nothing when not. */
function readPlanForm(schema: typeof PlanInput | typeof PlanChange, body: FormBody | undefined) {
  const form = readForm(schema, body);
  form.input.coversDevelopment = form.input.coversDevelopment === 'yes';
  return form;
}
