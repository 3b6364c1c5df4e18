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
import {
  ActionChange,
  ActionInput,
  MeasureInput,
  PlanChange,
  PlanInput,
  PriorityChange,
  PriorityInput,
  StatusChange,
} from './inputs.js';
import { changePlanStatus, deletePlan } from './commands/plan-status.js';
import { addPriority, changePriority, deletePriority } from './commands/priorities.js';
import { addMeasure, removeMeasure } from './commands/measures.js';
import { addAction, changeAction, deleteAction, moveAction } from './commands/actions.js';
import { Type, type Static, type TObject } from 'typebox';
import Value from 'typebox/value';

/** The new-action form's query: the priority (and parent) it was opened from. */
const actionQuery = Type.Object({
  priority: Type.Optional(Type.String()),
  parent: Type.Optional(Type.String()),
});
import { RuleBroken, type Result } from '../platform/commands/result.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateParts, field, FormErrors } from '../platform/web/forms.js';
import { renderConflict } from '../platform/web/conflict.js';
import { commandContext, paramsSchema, tenantOf, typed, userOf } from '../platform/web/request.js';
import { todayInLondon } from '../platform/web/today.js';
import { listInspections } from '../inspections/index.js';
import { FINDINGS_NEEDING_ACTION, inspectionTitle } from '../inspections/index.js';
import { ROLLUP_RULE, rollUp } from './rollup.js';
import { partnershipDeadlines } from '../deadlines/index.js';
import * as repo from './plan-repository.js';
import * as rules from './plan-rules.js';
import { actionNumber } from './action-numbers.js';
import { INSPECTION_CHANGE_RULE, loadPlan } from './plan-service.js';
import { counted, deleteRoutes, type DeletePage } from '../platform/web/delete-page.js';
import {
  actionRemovalProblem,
  planRemovalProblem,
  priorityRemovalProblem,
} from './removal-service.js';
import { listMembers, type MemberRow } from '../platform/directory/directory.js';
import { listOrganisations } from '../platform/directory/directory.js';
import { listUpdates } from './action-updates.js';
import { canUpdateAction } from './action-updates.js';

import { base, labels } from './pages/shared.js';
import { listPage } from './pages/list/route.js';
import { versionPage } from './pages/version/route.js';
import { orderPage } from './pages/order/route.js';
import { withMoves } from './pages/shared.js';

const ADMIN = { roles: ['admin'] as const };
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
/**
 * An action's page: its details, success measures, sub-actions, the findings it answers and its
 * updates, with the form to record one. Also re-rendered, with errors, by forms that post from it.
 */
const ACTION_PARAMS = paramsSchema('planId', 'actionId');

/** The ids a shared helper's request carries, checked against the route's params schema. */
function idsOf<S extends TObject>(schema: S, request: FastifyRequest): Static<S> {
  const params = request.params;
  if (!Value.Check(schema, params)) throw new Error(`${request.url} has no ids`);
  return params;
}

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

/**
 * A delete command's result as the shared delete pages take it: true once deleted, false when it
 * was not there, and a refusal thrown for the page to show.
 */
function removed(result: Result<unknown>): boolean {
  if (result.kind === 'refused' || result.kind === 'invalid') throw new RuleBroken(result);
  return result.kind === 'ok';
}

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const pages = typed(app);
  const planParams = { schema: { params: paramsSchema('planId') } };
  const actionParams = { schema: { params: paramsSchema('planId', 'actionId') } };
  const priorityParams = { schema: { params: paramsSchema('planId', 'priorityId') } };

  await listPage(app);

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

  pages.get(
    '/p/:partnership/plans/new',
    {
      config: ADMIN,
      schema: {
        params: paramsSchema(),
        querystring: Type.Object({ inspection: Type.Optional(Type.String()) }),
      },
    },
    (request, reply) => renderNew(request, reply, { inspectionId: request.query.inspection ?? '' }),
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

  pages.get(
    '/p/:partnership/plans/:planId/edit',
    { config: ADMIN, ...planParams },
    async (request, reply) => {
      const { planId } = request.params;
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
          template: 'plans/pages/plan/plan-body.njk',
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

  pages.get('/p/:partnership/plans/:planId', planParams, (request, reply) =>
    renderPlan(request, reply, request.params.planId),
  );

  pages.post(
    '/p/:partnership/plans/:planId/status',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const form = readForm(StatusChange, request.body, {
        dateLabels: { eventOn: 'the date it happened' },
      });
      // The note is cut to its length, as it always was, rather than refused.
      const note = field(request.body, 'note').slice(0, 2000);
      const to = field(request.body, 'to');
      const result = await submitForm(form, StatusChange, () =>
        changePlanStatus(commandContext(request), planId, { ...form.input, note }),
      );
      if (result.kind === 'invalid') {
        const errors = formErrors(form, result.problems, { order: StatusChange });
        return renderPlan(
          request,
          reply,
          planId,
          { statusValues: { to, note, eventOn: form.values.eventOn }, ...errors.toView() },
          400,
        );
      }
      if (result.kind === 'conflict') {
        const errors = new FormErrors();
        errors.add(
          'to',
          'Someone else changed this plan while you were looking at it. Check its status below and try again',
        );
        return renderPlan(request, reply, planId, errors.toView(), 409);
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      const { plan, versionNumber } = result.value;
      const frozen = versionNumber
        ? ` Version ${versionNumber} has been saved and can be read at any time.`
        : '';
      return reply
        .flash(`Plan is now: ${rules.PLAN_STATUS_LABELS[plan.status].toLowerCase()}.${frozen}`)
        .redirect(`${base(request)}/${planId}`, 303);
    },
  );

  // Priorities
  const renderPriority = async (
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    values: Record<string, unknown>,
    errors?: FormErrors,
    priorityId?: string,
  ) => {
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
  };

  pages.get(
    '/p/:partnership/plans/:planId/priorities/new',
    { config: ADMIN, ...planParams },
    (request, reply) => renderPriority(request, reply, request.params.planId, { findingIds: [] }),
  );

  pages.post(
    '/p/:partnership/plans/:planId/priorities/new',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const form = readForm(PriorityInput, request.body, { omit: ['version'] });
      const result = await addPriority(commandContext(request), planId, form.input);
      if (result.kind === 'invalid')
        return renderPriority(
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

  pages.get(
    '/p/:partnership/plans/:planId/priorities/:priorityId/edit',
    { config: ADMIN, ...priorityParams },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      const priority = (await repo.listPriorities(app.db, tenantOf(request), planId)).find(
        (p) => p.id === priorityId,
      );
      if (!priority) return reply.callNotFound();
      return renderPriority(
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

  pages.post(
    '/p/:partnership/plans/:planId/priorities/:priorityId/edit',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'priorityId'), body: FORM } },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      const form = readForm(PriorityChange, request.body);
      const result = await changePriority(commandContext(request), planId, priorityId, form.input);
      if (result.kind === 'invalid')
        return renderPriority(
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

  // Actions
  const renderActionForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    values: Record<string, unknown>,
    errors?: FormErrors,
    actionId?: string,
  ) => {
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
      'plans/pages/action-form/action-form.njk',
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

  const actionFormOptions = {
    dateLabels: { startDate: 'the start date', dueDate: 'the due date' },
  };

  pages.get(
    '/p/:partnership/plans/:planId/actions/new',
    { config: ADMIN, schema: { params: paramsSchema('planId'), querystring: actionQuery } },
    (request, reply) =>
      renderActionForm(request, reply, request.params.planId, {
        priorityId: request.query.priority ?? '',
        parentActionId: request.query.parent ?? '',
        partnerIds: [],
      }),
  );

  pages.post(
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

  const renderAction = (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => renderActionPage(app, request, reply, extra, status);

  app.get('/p/:partnership/plans/:planId/actions/:actionId', actionParams, (request, reply) =>
    renderAction(request, reply),
  );

  pages.get(
    '/p/:partnership/plans/:planId/actions/:actionId/edit',
    { config: ADMIN, ...actionParams },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const action = await repo.findAction(app.db, tenantOf(request), planId, actionId);
      if (!action) return reply.callNotFound();
      return renderActionForm(
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

  pages.post(
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
        .flash('Action saved.')
        .redirect(`${base(request)}/${planId}/actions/${actionId}`, 303);
    },
  );

  await orderPage(app);

  pages.post(
    '/p/:partnership/plans/:planId/actions/:actionId/move',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'actionId'), body: FORM } },
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
        return renderAction(request, reply, errors.toView(), 400);
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

  pages.post(
    '/p/:partnership/plans/:planId/actions/:actionId/measures',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'actionId'), body: FORM } },
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
        return renderAction(request, reply, { measureValues, ...errors.toView() }, 400);
      }
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Success measure added.')
        .redirect(`${base(request)}/${planId}/actions/${actionId}`, 303);
    },
  );

  pages.post(
    '/p/:partnership/plans/:planId/actions/:actionId/measures/:measureId/delete',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'actionId', 'measureId') } },
    async (request, reply) => {
      const { planId, actionId, measureId } = request.params;
      // Gone already (a second click) is as good as removed.
      await removeMeasure(commandContext(request), planId, actionId, measureId);
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
      repo.findPlan(app.db, tenantOf(request), idsOf(planParams.schema.params, request).planId),
    problem: (request, plan) => planRemovalProblem(app.db, tenantOf(request), plan.id),
    page: planDeletePage,
    remove: async (request, plan) => removed(await deletePlan(commandContext(request), plan.id)),
    isRefusal: (error): error is RuleBroken => error instanceof RuleBroken,
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
    const { planId, priorityId } = idsOf(priorityParams.schema.params, request);
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
    remove: async (request, { plan, priority }) =>
      removed(await deletePriority(commandContext(request), plan.id, priority.id)),
    isRefusal: (error): error is RuleBroken => error instanceof RuleBroken,
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
    const { planId, actionId } = idsOf(actionParams.schema.params, request);
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
    remove: async (request, { plan, action }) =>
      removed(await deleteAction(commandContext(request), plan.id, action.id)),
    isRefusal: (error): error is RuleBroken => error instanceof RuleBroken,
    // A sub-action's parent page lists its sub-actions: go back there.
    done: (request, { plan, action }) => ({
      message: `Action ${actionNumber(action)} ‘${action.title}’ deleted.`,
      redirect: action.parent_action_id
        ? `${base(request)}/${plan.id}/actions/${action.parent_action_id}`
        : `${base(request)}/${plan.id}#priority-${action.priority_id}`,
    }),
  });

  await versionPage(app);
}
