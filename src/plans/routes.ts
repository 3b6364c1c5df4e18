import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  submitForm,
} from '../platform/web/form-input.js';
import {
  changePlanDetails,
  createPlan,
  type PlanDetailsConflict,
} from './commands/plan-details.js';
import { PlanChange, PlanInput } from './inputs.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  dateInput,
  dateParts,
  field,
  FormErrors,
  isId,
  type FormBody,
} from '../platform/web/forms.js';
import { renderConflict } from '../platform/web/conflict.js';
import {
  actorFor,
  commandContext,
  paramsSchema,
  tenantOf,
  typed,
  userOf,
} from '../platform/web/request.js';
import { todayInLondon } from '../platform/web/today.js';
import { listInspections } from '../inspections/index.js';
import {
  FINDING_TYPE_LABELS,
  FINDINGS_NEEDING_ACTION,
  inspectionTitle,
} from '../inspections/index.js';
import { ROLLUP_RULE, rollUp } from './rollup.js';
import { partnershipDeadlines } from '../deadlines/index.js';
import * as repo from './plan-repository.js';
import * as rules from './plan-rules.js';
import { actionNumber } from './action-numbers.js';
import { readActionForm, readMeasureForm, readPriorityForm } from './plan-forms.js';
import {
  addAction,
  addMeasure,
  addPriority,
  changePlanStatus,
  editAction,
  editPriority,
  INSPECTION_CHANGE_RULE,
  loadPlan,
  moveAction,
  PlanRuleError,
  removeMeasure,
} from './plan-service.js';
import { buildSnapshot, diffSnapshots } from './plan-snapshot.js';
import { counted, deleteRoutes, type DeletePage } from '../platform/web/delete-page.js';
import {
  actionRemovalProblem,
  planRemovalProblem,
  priorityRemovalProblem,
  removeAction,
  removePlan,
  removePriority,
} from './removal-service.js';
import { listMembers, type MemberRow } from '../platform/directory/directory.js';
import { listOrganisations } from '../platform/directory/directory.js';
import { listUpdates } from './action-updates.js';
import { canUpdateAction } from './action-updates.js';

const ADMIN = { roles: ['admin'] as const };
const labels = {
  kinds: rules.PLAN_KIND_LABELS,
  statuses: rules.PLAN_STATUS_LABELS,
  categories: rules.ACTION_CATEGORY_LABELS,
  actionStatuses: rules.ACTION_STATUS_LABELS,
  findingTypes: FINDING_TYPE_LABELS,
};
const forRollup = (a: repo.ActionRow) => ({ status: a.status, rag: a.rag, dueDate: a.due_date });
/** An action as the pages show it: with its number ("2.3", or "2.3 a" for a sub-action). */
const numbered = (a: repo.ActionRow) => ({ ...a, number: actionNumber(a) });
/**
 * Who may be chosen as an action's lead: current members whose role can record updates
 * (rules.LEAD_ROLES). The action's current lead stays listed, marked, if they no longer qualify.
 */
function leadChoices(people: readonly MemberRow[], currentLead: string | null) {
  return people.flatMap((p) => {
    if (!p.disabled_at && rules.LEAD_ROLES.includes(p.role)) return [{ id: p.id, text: p.name }];
    if (p.id === currentLead) return [{ id: p.id, text: `${p.name} (cannot record updates)` }];
    return [];
  });
}

/**
 * A priority's actions with the moves each can make: an action moves among its priority's
 * actions and a sub-action among its action's sub-actions, so the first of each has no Up and
 * the last no Down.
 */
function withMoves(actions: readonly repo.ActionRow[]) {
  return actions.map((a) => {
    const siblings = actions.filter((b) => b.parent_action_id === a.parent_action_id);
    const index = siblings.findIndex((b) => b.id === a.id);
    return { ...numbered(a), canMoveUp: index > 0, canMoveDown: index < siblings.length - 1 };
  });
}

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
  const { planId, actionId } = request.params as { planId: string; actionId: string };
  const tenant = tenantOf(request);
  const [plan, action] = await Promise.all([
    repo.findPlan(app.db, tenant, planId),
    repo.findAction(app.db, tenant, planId, actionId),
  ]);
  if (!plan || !action) return reply.callNotFound();
  const [measures, updates, priorities, parent, subActions, findings] = await Promise.all([
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
  ]);
  // The findings an action answers are its priority's.
  const priority = priorities.find((p) => p.id === action.priority_id);
  const answers = findings.filter((f) => priority?.finding_ids.includes(f.id));
  return reply.page(
    'plans/action.njk',
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

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const pages = typed(app);
  const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/plans`;
  const planParams = { schema: { params: paramsSchema('planId') } };
  const actionParams = { schema: { params: paramsSchema('planId', 'actionId') } };
  const priorityParams = { schema: { params: paramsSchema('planId', 'priorityId') } };

  app.get(
    '/p/:partnership/plans',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const plans = await repo.listPlans(app.db, tenantOf(request));
      return reply.page('plans/list.njk', { title: 'Plans', plans, labels });
    },
  );

  /** The new-plan form, or with `plan` the same form to change its details. */
  const renderPlanForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FormErrors,
    plan?: repo.PlanRow,
  ) => {
    const tenant = tenantOf(request);
    const [inspections, people] = await Promise.all([
      listInspections(app.db, tenant),
      listMembers(app.db, tenant),
    ]);
    return reply.page(
      'plans/new.njk',
      {
        title: plan ? 'Change plan details' : 'Create a plan',
        plan,
        values,
        labels,
        inspections: inspections.map((i) => ({ id: i.id, title: inspectionTitle(i) })),
        // The current owner stays selectable on a plan even if they have since left.
        people: people.filter((p) => !p.disabled_at || p.id === plan?.owner_user_id),
        inspectionRule: INSPECTION_CHANGE_RULE,
        backLink: plan ? `${base(request)}/${plan.id}` : base(request),
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );
  };
  const renderNew = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) => renderPlanForm(request, reply, values, errors);

  app.get(
    '/p/:partnership/plans/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) =>
      renderNew(request, reply, {
        inspectionId: (request.query as Record<string, string>).inspection ?? '',
      }),
  );

  pages.post(
    '/p/:partnership/plans/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readForm(PlanInput, request.body);
      const result = await submitForm(form, PlanInput, () =>
        createPlan(commandContext(request), form.input),
      );
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Plan created. Add its priorities next.')
            .redirect(`${base(request)}/${result.value.id}`, 303);
        case 'invalid':
          return renderNew(request, reply, form.values, formErrors(form, result.problems));
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  app.get(
    '/p/:partnership/plans/:planId/edit',
    { config: ADMIN, ...planParams },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const plan = await repo.findPlan(app.db, tenantOf(request), planId);
      if (!plan) return reply.callNotFound();
      return renderPlanForm(
        request,
        reply,
        {
          kind: plan.kind,
          inspectionId: plan.inspection_id ?? '',
          title: plan.title,
          ownerUserId: plan.owner_user_id ?? '',
          version: String(plan.version),
        },
        undefined,
        plan,
      );
    },
  );

  pages.post(
    '/p/:partnership/plans/:planId/edit',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const form = readForm(PlanChange, request.body);
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
            request,
            reply,
            form.values,
            formErrors(form, result.problems),
            plan,
          );
        }
        case 'conflict':
          return renderPlanConflict(request, reply, planId, result.current);
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  /** Someone else changed the plan's details: theirs beside these, to choose from. */
  const renderPlanConflict = async (
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    { current: c, asked }: PlanDetailsConflict,
  ) => {
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
        version: String(c.version),
      },
      backLink: `${base(request)}/${planId}`,
    });
  };

  const renderPlan = async (
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const tenant = tenantOf(request);
    const today = todayInLondon();
    // The body depends only on the partnership's data, the role and the day: reuse it until one changes.
    const cacheKey =
      status === 200 && Object.keys(extra).length === 0
        ? `plan:${tenant.partnershipId}:${tenant.dataVersion}:${planId}:${tenant.role}:${today}`
        : null;
    return reply.cachedPage(
      cacheKey,
      async () => {
        // All at once: none of these waits for another (fewer round trips per page).
        const [loaded, versions, deadlines] = await Promise.all([
          loadPlan(app.db, tenant, planId),
          repo.listPlanVersions(app.db, tenant, planId),
          partnershipDeadlines(app.db, tenant, today),
        ]);
        if (!loaded) return null;
        const priorities = loaded.priorities.map((p) => {
          const actions = loaded.actions.filter((a) => a.priority_id === p.id);
          return {
            ...p,
            actions: actions.map(numbered),
            // The order page is offered only when some action there can move.
            canReorder: withMoves(actions).some((a) => a.canMoveUp),
            rollup: rollUp(actions.map(forRollup), today),
            // Findings in the coverage table link to their row there.
            findings: loaded.findings
              .filter((f) => p.finding_ids.includes(f.id))
              .map((f) => ({ ...f, needsAction: FINDINGS_NEEDING_ACTION.includes(f.type) })),
          };
        });
        const coverage = loaded.coverage.map((c) => {
          const actions = loaded.actions.filter((a) => c.priorityIds.includes(a.priority_id));
          return {
            ...c,
            rollup: rollUp(actions.map(forRollup), today),
            // Each finding leads to the priorities (and so the actions) that answer it.
            priorities: loaded.priorities
              .filter((p) => c.priorityIds.includes(p.id))
              .map((p) => ({ id: p.id, position: p.position, title: p.title })),
          };
        });
        return {
          template: 'plans/plan-body.njk',
          data: {
            title: loaded.plan.title,
            plan: loaded.plan,
            priorities,
            coverage,
            uncovered: coverage.filter((c) => !c.covered),
            rollup: rollUp(loaded.actions.map(forRollup), today),
            statusValues: {},
            rollupRule: ROLLUP_RULE,
            nextStatuses: rules.NEXT_STATUSES[loaded.plan.status],
            versions,
            deadlines: deadlines.filter(
              (d) =>
                d.planId === planId ||
                (loaded.plan.inspection_id !== null &&
                  d.inspectionId === loaded.plan.inspection_id),
            ),
            today,
            labels,
            backLink: base(request),
            ...extra,
          },
        };
      },
      status,
    );
  };

  app.get('/p/:partnership/plans/:planId', planParams, (request, reply) =>
    renderPlan(request, reply, (request.params as { planId: string }).planId),
  );

  app.post(
    '/p/:partnership/plans/:planId/status',
    { config: ADMIN, ...planParams },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const body = request.body as FormBody;
      const to = field(body, 'to');
      const note = field(body, 'note').slice(0, 2000);
      const errors = new FormErrors();
      if (!(rules.PLAN_STATUSES as readonly string[]).includes(to))
        errors.add('to', 'Select what has happened to the plan');
      const eventOn = dateInput(body, 'eventOn', errors, { label: 'the date it happened' });
      if (eventOn.iso && eventOn.iso > todayInLondon())
        errors.add('eventOn-day', 'The date it happened must be today or in the past');
      if (errors.any)
        return renderPlan(
          request,
          reply,
          planId,
          { statusValues: { to, note, eventOn: eventOn.parts }, ...errors.toView() },
          400,
        );
      try {
        const result = await changePlanStatus(
          app.db,
          actorFor(request),
          tenantOf(request),
          planId,
          {
            to: to as rules.PlanStatus,
            version: Number(field(body, 'version')),
            note,
            ...(eventOn.iso ? { eventOn: eventOn.iso } : {}),
          },
        );
        if (result.outcome === 'not-found') return reply.callNotFound();
        if (result.outcome === 'conflict') {
          errors.add(
            'to',
            'Someone else changed this plan while you were looking at it. Check its status below and try again',
          );
          return renderPlan(request, reply, planId, errors.toView(), 409);
        }
        const frozen = result.versionNumber
          ? ` Version ${result.versionNumber} has been saved and can be read at any time.`
          : '';
        return reply
          .flash(
            `Plan is now: ${rules.PLAN_STATUS_LABELS[to as rules.PlanStatus].toLowerCase()}.${frozen}`,
          )
          .redirect(`${base(request)}/${planId}`, 303);
      } catch (error) {
        if (!(error instanceof PlanRuleError)) throw error;
        errors.add('to', error.message);
        return renderPlan(request, reply, planId, errors.toView(), 400);
      }
    },
  );

  // Priorities
  const renderPriority = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FormErrors,
    priorityId?: string,
  ) => {
    const { planId } = request.params as { planId: string };
    const loaded = await loadPlan(app.db, tenantOf(request), planId);
    if (!loaded) return reply.callNotFound();
    return reply.page(
      'plans/priority-form.njk',
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
  };

  app.get(
    '/p/:partnership/plans/:planId/priorities/new',
    { config: ADMIN, ...planParams },
    (request, reply) => renderPriority(request, reply, { findingIds: [] }),
  );

  app.post(
    '/p/:partnership/plans/:planId/priorities/new',
    { config: ADMIN, ...planParams },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const errors = new FormErrors();
      const { values, input } = readPriorityForm(request.body as FormBody, errors);
      if (!input) return renderPriority(request, reply, values, errors);
      if (!(await addPriority(app.db, actorFor(request), tenantOf(request), planId, input)))
        return reply.callNotFound();
      return reply.flash('Priority added.').redirect(`${base(request)}/${planId}`, 303);
    },
  );

  app.get(
    '/p/:partnership/plans/:planId/priorities/:priorityId/edit',
    { config: ADMIN, ...priorityParams },
    async (request, reply) => {
      const { planId, priorityId } = request.params as { planId: string; priorityId: string };
      const priority = (await repo.listPriorities(app.db, tenantOf(request), planId)).find(
        (p) => p.id === priorityId,
      );
      if (!priority) return reply.callNotFound();
      return renderPriority(
        request,
        reply,
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
    { config: ADMIN, ...priorityParams },
    async (request, reply) => {
      const { planId, priorityId } = request.params as { planId: string; priorityId: string };
      const errors = new FormErrors();
      const { values, input } = readPriorityForm(request.body as FormBody, errors);
      if (!input) return renderPriority(request, reply, values, errors, priorityId);
      const result = await editPriority(
        app.db,
        actorFor(request),
        tenantOf(request),
        planId,
        priorityId,
        input,
        Number(values.version),
      );
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') {
        return renderConflict(reply, {
          what: 'priority',
          rows: [
            ['Title', result.current.title, input.title],
            ['Description', result.current.description, input.description],
          ],
          retryAction: `${base(request)}/${planId}/priorities/${priorityId}/edit`,
          retryFields: {
            title: input.title,
            description: input.description,
            version: String(result.current.version),
          },
          retryLists: { findingIds: input.findingIds },
          backLink: `${base(request)}/${planId}`,
        });
      }
      return reply.flash('Priority saved.').redirect(`${base(request)}/${planId}`, 303);
    },
  );

  // Actions
  const renderActionForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FormErrors,
    actionId?: string,
  ) => {
    const { planId } = request.params as { planId: string };
    const tenant = tenantOf(request);
    const [loaded, people, organisations] = await Promise.all([
      loadPlan(app.db, tenant, planId),
      listMembers(app.db, tenant),
      listOrganisations(app.db, tenant),
    ]);
    if (!loaded) return reply.callNotFound();
    // "Part of action": the top-level actions of the chosen priority (all of the plan's until one
    // is chosen), never the action itself; an action with sub-actions cannot become one.
    const priorityId = values.priorityId as string;
    const currentLead = actionId
      ? (loaded.actions.find((a) => a.id === actionId)?.lead_user_id ?? null)
      : null;
    const hasSubActions = actionId
      ? loaded.actions.some((a) => a.parent_action_id === actionId)
      : false;
    const parentChoices = hasSubActions
      ? []
      : loaded.actions
          .filter(
            (a) =>
              a.parent_action_id === null &&
              a.id !== actionId &&
              (!priorityId ||
                !loaded.priorities.some((p) => p.id === priorityId) ||
                a.priority_id === priorityId),
          )
          .map((a) => ({ id: a.id, text: `${actionNumber(a)} ${a.title}` }));
    return reply.page(
      'plans/action-form.njk',
      {
        title: actionId
          ? 'Change action'
          : values.parentActionId
            ? 'Add a sub-action'
            : 'Add an action',
        plan: loaded.plan,
        priorities: loaded.priorities,
        parentChoices,
        hasSubActions,
        leads: leadChoices(people, currentLead),
        organisations,
        values,
        actionId,
        labels,
        backLink: actionId
          ? `${base(request)}/${planId}/actions/${actionId}`
          : `${base(request)}/${planId}`,
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );
  };

  app.get(
    '/p/:partnership/plans/:planId/actions/new',
    { config: ADMIN, ...planParams },
    (request, reply) =>
      renderActionForm(request, reply, {
        priorityId: (request.query as Record<string, string>).priority ?? '',
        parentActionId: (request.query as Record<string, string>).parent ?? '',
        partnerIds: [],
      }),
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/new',
    { config: ADMIN, ...planParams },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const errors = new FormErrors();
      const { values, input } = readActionForm(request.body as FormBody, errors);
      if (!input) return renderActionForm(request, reply, values, errors);
      try {
        const created = await addAction(
          app.db,
          actorFor(request),
          tenantOf(request),
          planId,
          input,
        );
        if (!created) return reply.callNotFound();
        return reply
          .flash('Action added.')
          .redirect(`${base(request)}/${planId}/actions/${created.id}`, 303);
      } catch (error) {
        if (!(error instanceof PlanRuleError)) throw error;
        errors.add(error.field, error.message);
        return renderActionForm(request, reply, values, errors);
      }
    },
  );

  const renderAction = (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => renderActionPage(app, request, reply, extra, status);

  app.get('/p/:partnership/plans/:planId/actions/:actionId', actionParams, (request, reply) =>
    renderAction(request, reply),
  );

  app.get(
    '/p/:partnership/plans/:planId/actions/:actionId/edit',
    { config: ADMIN, ...actionParams },
    async (request, reply) => {
      const { planId, actionId } = request.params as { planId: string; actionId: string };
      const action = await repo.findAction(app.db, tenantOf(request), planId, actionId);
      if (!action) return reply.callNotFound();
      return renderActionForm(
        request,
        reply,
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
    { config: ADMIN, ...actionParams },
    async (request, reply) => {
      const { planId, actionId } = request.params as { planId: string; actionId: string };
      const errors = new FormErrors();
      const { values, input } = readActionForm(request.body as FormBody, errors);
      if (!input) return renderActionForm(request, reply, values, errors, actionId);
      let result: Awaited<ReturnType<typeof editAction>>;
      try {
        result = await editAction(
          app.db,
          actorFor(request),
          tenantOf(request),
          planId,
          actionId,
          input,
          Number(values.version),
        );
      } catch (error) {
        if (!(error instanceof PlanRuleError)) throw error;
        errors.add(error.field, error.message);
        return renderActionForm(request, reply, values, errors, actionId);
      }
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') {
        const c = result.current;
        const body = request.body as FormBody;
        return renderConflict(reply, {
          what: 'action',
          rows: [
            ['Title', c.title, input.title],
            ['Description', c.description, input.description],
            ['Category', labels.categories[c.category], labels.categories[input.category]],
            ['Start date', c.start_date ?? '', input.startDate ?? ''],
            ['Due date', c.due_date ?? '', input.dueDate ?? ''],
          ],
          retryAction: `${base(request)}/${planId}/actions/${actionId}/edit`,
          retryFields: Object.fromEntries(
            Object.entries(body)
              .filter(([k, v]) => typeof v === 'string' && k !== 'version' && k !== 'partnerIds')
              .map(([k, v]) => [k, v as string])
              .concat([['version', String(c.version)]]),
          ),
          retryLists: { partnerIds: input.partnerIds },
          backLink: `${base(request)}/${planId}/actions/${actionId}`,
        });
      }
      return reply
        .flash('Action saved.')
        .redirect(`${base(request)}/${planId}/actions/${actionId}`, 303);
    },
  );

  // The plan page has one form per priority whose Up and Down buttons each name their action:
  // one CSRF token per table instead of two forms on every row.
  app.post(
    '/p/:partnership/plans/:planId/actions/move',
    { config: ADMIN, ...planParams },
    async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const [actionId = '', direction] = field(request.body as FormBody, 'move').split(':');
      if (!isId(actionId) || (direction !== 'up' && direction !== 'down'))
        return reply.redirect(`${base(request)}/${planId}`, 303);
      await moveAction(app.db, actorFor(request), tenantOf(request), planId, actionId, {
        direction,
      });
      // The order page names its priority so the person lands back on it.
      const [returnTo, priorityId = ''] = field(request.body as FormBody, 'returnTo').split(':');
      return reply.redirect(
        returnTo === 'order' && isId(priorityId)
          ? `${base(request)}/${planId}/priorities/${priorityId}/order#action-${actionId}`
          : `${base(request)}/${planId}#action-${actionId}`,
        303,
      );
    },
  );

  // Reordering has its own page: on the plan page two buttons per action would be 120 more
  // stops for keyboard and screen reader users, and a heavier page for everyone.
  app.get(
    '/p/:partnership/plans/:planId/priorities/:priorityId/order',
    { config: ADMIN, ...priorityParams },
    async (request, reply) => {
      const { planId, priorityId } = request.params as { planId: string; priorityId: string };
      const loaded = await loadPlan(app.db, tenantOf(request), planId);
      const priority = loaded?.priorities.find((p) => p.id === priorityId);
      if (!loaded || !priority) return reply.callNotFound();
      return reply.page('plans/order.njk', {
        title: `Change the order of priority ${priority.position}’s actions`,
        plan: loaded.plan,
        priority,
        actions: withMoves(loaded.actions.filter((a) => a.priority_id === priorityId)),
        backLink: `${base(request)}/${planId}#priority-${priorityId}`,
      });
    },
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/move',
    { config: ADMIN, ...actionParams },
    async (request, reply) => {
      const { planId, actionId } = request.params as { planId: string; actionId: string };
      const body = request.body as FormBody;
      const direction = field(body, 'direction');
      const toPriorityId = field(body, 'toPriorityId');
      await moveAction(app.db, actorFor(request), tenantOf(request), planId, actionId, {
        ...(direction === 'up' || direction === 'down' ? { direction } : {}),
        ...(toPriorityId ? { toPriorityId } : {}),
      });
      return reply.redirect(
        field(body, 'returnTo') === 'action'
          ? `${base(request)}/${planId}/actions/${actionId}`
          : `${base(request)}/${planId}#action-${actionId}`,
        303,
      );
    },
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/measures',
    { config: ADMIN, ...actionParams },
    async (request, reply) => {
      const { planId, actionId } = request.params as { planId: string; actionId: string };
      const errors = new FormErrors();
      const { values, input } = readMeasureForm(request.body as FormBody, errors);
      if (!input)
        return renderAction(request, reply, { measureValues: values, ...errors.toView() }, 400);
      if (
        !(await addMeasure(app.db, actorFor(request), tenantOf(request), planId, actionId, input))
      )
        return reply.callNotFound();
      return reply
        .flash('Success measure added.')
        .redirect(`${base(request)}/${planId}/actions/${actionId}`, 303);
    },
  );

  app.post(
    '/p/:partnership/plans/:planId/actions/:actionId/measures/:measureId/delete',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'actionId', 'measureId') } },
    async (request, reply) => {
      const { planId, actionId, measureId } = request.params as {
        planId: string;
        actionId: string;
        measureId: string;
      };
      await removeMeasure(app.db, actorFor(request), tenantOf(request), actionId, measureId);
      return reply
        .flash('Success measure removed.')
        .redirect(`${base(request)}/${planId}/actions/${actionId}`, 303);
    },
  );

  // Deleting: a page that says what goes (or why it cannot go), then the POST that deletes it with
  // the same service functions as the API, so the rules and the audit are the same.
  const planDeletePage = (
    request: FastifyRequest,
    plan: repo.PlanRow,
    problem: string | null,
  ): DeletePage => ({
    title: problem ? 'You cannot delete this plan' : `Delete the plan ‘${plan.title}’?`,
    what: 'this plan',
    summary: [
      ['Plan', plan.title],
      ['Kind of plan', labels.kinds[plan.kind]],
      ['Status', labels.statuses[plan.status]],
    ],
    goes: [],
    problem,
    action: `${base(request)}/${plan.id}/delete`,
    buttonText: 'Delete plan',
    backLink: `${base(request)}/${plan.id}`,
    backText: 'Back to the plan',
  });

  deleteRoutes(app, '/p/:partnership/plans/:planId/delete', {
    options: { config: ADMIN, ...planParams },
    load: (request) =>
      repo.findPlan(app.db, tenantOf(request), (request.params as { planId: string }).planId),
    problem: (request, plan) => planRemovalProblem(app.db, tenantOf(request), plan.id),
    page: planDeletePage,
    remove: (request, plan) => removePlan(app.db, actorFor(request), tenantOf(request), plan.id),
    isRefusal: (error): error is PlanRuleError => error instanceof PlanRuleError,
    done: (request, plan) => ({
      message: `Plan ‘${plan.title}’ deleted.`,
      redirect: base(request),
    }),
  });

  const priorityDeletePage = (
    request: FastifyRequest,
    plan: repo.PlanRow,
    priority: repo.PriorityRow,
    actions: number,
    problem: string | null,
  ): DeletePage => ({
    title: problem
      ? `You cannot delete priority ${priority.position}`
      : `Delete priority ${priority.position}?`,
    caption: plan.title,
    what: 'this priority',
    summary: [
      ['Priority', `${priority.position}. ${priority.title}`],
      ['Actions', String(actions)],
      ['Findings it answers', String(priority.finding_ids.length)],
    ],
    goes: [
      ...(priority.finding_ids.length
        ? [
            `its links to ${counted(priority.finding_ids.length, 'finding')} (the findings stay on the inspection)`,
          ]
        : []),
      ...(problem ? [] : ['the priorities after it are renumbered']),
    ],
    problem,
    action: `${base(request)}/${plan.id}/priorities/${priority.id}/delete`,
    buttonText: `Delete priority ${priority.position}`,
    backLink: `${base(request)}/${plan.id}#priority-${priority.id}`,
    backText: 'Back to the plan',
  });

  const loadPriorityForDelete = async (request: FastifyRequest) => {
    const { planId, priorityId } = request.params as { planId: string; priorityId: string };
    const loaded = await loadPlan(app.db, tenantOf(request), planId);
    const priority = loaded?.priorities.find((p) => p.id === priorityId);
    if (!loaded || !priority) return undefined;
    const actions = loaded.actions.filter((a) => a.priority_id === priorityId).length;
    return { plan: loaded.plan, priority, actions };
  };

  deleteRoutes(app, '/p/:partnership/plans/:planId/priorities/:priorityId/delete', {
    options: { config: ADMIN, ...priorityParams },
    load: loadPriorityForDelete,
    problem: (request, { priority }) =>
      priorityRemovalProblem(app.db, tenantOf(request), priority.id),
    page: (request, { plan, priority, actions }, problem) =>
      priorityDeletePage(request, plan, priority, actions, problem),
    remove: (request, { plan, priority }) =>
      removePriority(app.db, actorFor(request), tenantOf(request), plan.id, priority.id),
    isRefusal: (error): error is PlanRuleError => error instanceof PlanRuleError,
    done: (request, { plan, priority }) => ({
      message: `Priority ${priority.position} ‘${priority.title}’ deleted.`,
      redirect: `${base(request)}/${plan.id}`,
    }),
  });

  const actionDeletePage = (
    request: FastifyRequest,
    plan: repo.PlanRow,
    action: repo.ActionRow,
    measures: number,
    problem: string | null,
  ): DeletePage => {
    const number = actionNumber(action);
    return {
      title: problem ? `You cannot delete action ${number}` : `Delete action ${number}?`,
      caption: plan.title,
      what: 'this action',
      summary: [
        ['Action', `${number} ${action.title}`],
        ['Lead', action.lead_name ?? 'Not set'],
        ['Status', labels.actionStatuses[action.status]],
      ],
      goes: [
        ...(measures ? [counted(measures, 'success measure')] : []),
        ...(action.partner_ids.length
          ? [`its links to ${counted(action.partner_ids.length, 'partner organisation')}`]
          : []),
        ...(problem ? [] : ['the actions after it are renumbered']),
      ],
      problem,
      action: `${base(request)}/${plan.id}/actions/${action.id}/delete`,
      buttonText: `Delete action ${number}`,
      backLink: `${base(request)}/${plan.id}/actions/${action.id}`,
      backText: `Back to action ${number}`,
    };
  };

  const loadActionForDelete = async (request: FastifyRequest) => {
    const { planId, actionId } = request.params as { planId: string; actionId: string };
    const tenant = tenantOf(request);
    const [plan, action, measures] = await Promise.all([
      repo.findPlan(app.db, tenant, planId),
      repo.findAction(app.db, tenant, planId, actionId),
      repo.listMeasures(app.db, tenant, planId),
    ]);
    if (!plan || !action) return undefined;
    return { plan, action, measures: measures.filter((m) => m.action_id === actionId).length };
  };

  deleteRoutes(app, '/p/:partnership/plans/:planId/actions/:actionId/delete', {
    options: { config: ADMIN, ...actionParams },
    load: loadActionForDelete,
    problem: (request, { action }) => actionRemovalProblem(app.db, tenantOf(request), action.id),
    page: (request, { plan, action, measures }, problem) =>
      actionDeletePage(request, plan, action, measures, problem),
    remove: (request, { plan, action }) =>
      removeAction(app.db, actorFor(request), tenantOf(request), plan.id, action.id),
    isRefusal: (error): error is PlanRuleError => error instanceof PlanRuleError,
    // A sub-action's parent page lists its sub-actions: go back there.
    done: (request, { plan, action }) => ({
      message: `Action ${actionNumber(action)} ‘${action.title}’ deleted.`,
      redirect: action.parent_action_id
        ? `${base(request)}/${plan.id}/actions/${action.parent_action_id}`
        : `${base(request)}/${plan.id}#priority-${action.priority_id}`,
    }),
  });

  // Versions: read a frozen version and compare it with the plan as it is now.
  app.get(
    '/p/:partnership/plans/:planId/versions/:number',
    {
      schema: {
        params: {
          ...paramsSchema('planId'),
          properties: {
            ...paramsSchema('planId').properties,
            number: { type: 'string', pattern: '^[0-9]{1,6}$' },
          },
          required: ['partnership', 'planId', 'number'],
        },
      },
    },
    async (request, reply) => {
      const { planId, number } = request.params as { planId: string; number: string };
      const tenant = tenantOf(request);
      const [version, loaded] = await Promise.all([
        repo.findPlanVersion(app.db, tenant, planId, Number(number)),
        loadPlan(app.db, tenant, planId),
      ]);
      if (!version || !loaded) return reply.callNotFound();
      const current = buildSnapshot(
        loaded.plan,
        loaded.priorities,
        loaded.actions,
        loaded.measures,
      );
      return reply.page('plans/version.njk', {
        title: `Version ${version.number} of ${loaded.plan.title}`,
        plan: loaded.plan,
        version,
        diff: diffSnapshots(version.snapshot, current),
        labels,
        backLink: `${base(request)}/${planId}`,
      });
    },
  );
}
