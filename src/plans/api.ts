import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import { todayInLondon } from '../platform/web/today.js';
import { rollUp } from './rollup.js';
import * as repo from './plan-repository.js';
import { actionNumber } from './action-numbers.js';
import {
  ACTION_CATEGORIES,
  ACTION_STATUSES,
  NEXT_STATUSES,
  PLAN_KINDS,
  PLAN_STATUSES,
  RAGS,
} from './plan-rules.js';
import { FINDING_TYPES } from '../inspections/index.js';
import { loadPlan } from './plan-service.js';
import { changePlanDetails, createPlan } from './commands/plan-details.js';
import { addAction, changeAction, deleteAction, moveAction } from './commands/actions.js';
import {
  ActionChange,
  ActionInput,
  ActionMove,
  MeasureInput,
  PlanChange,
  PlanInput,
  PriorityChange,
  PriorityInput,
  StatusChange,
} from './inputs.js';
import { ok, type Result } from '../platform/commands/result.js';
import { changePlanStatus, deletePlan } from './commands/plan-status.js';
import { addPriority, changePriority, deletePriority } from './commands/priorities.js';
import { addMeasure, removeMeasure } from './commands/measures.js';
import { listActionSheet, type ActionSheetRow } from './export-repository.js';
import { sendPlanExport, XLSX_TYPE } from './export-routes.js';
import {
  badRequest,
  conflict,
  date,
  dateTime,
  error,
  nullableDate,
  nullableString,
  nullableUuid,
  readErrors,
  secured,
  uuid,
  writeErrors,
  sendResult,
} from '../platform/web/api-kit.js';

// Schemas: what the API sends

const rollup = {
  type: 'object',
  description: 'Worst case wins: red if any action is red; amber if any is amber or overdue',
  properties: {
    total: { type: 'integer' },
    complete: { type: 'integer' },
    percentComplete: { type: 'integer' },
    red: { type: 'integer' },
    amber: { type: 'integer' },
    green: { type: 'integer' },
    noUpdate: { type: 'integer' },
    overdue: { type: 'integer' },
    rag: { type: ['string', 'null'], enum: [...RAGS, null] },
  },
} as const;

const measure = {
  type: 'object',
  properties: {
    id: uuid,
    text: { type: 'string' },
    target: { type: ['number', 'null'] },
    targetDate: nullableDate,
  },
} as const;

const action = {
  type: 'object',
  properties: {
    id: uuid,
    planId: uuid,
    priorityId: uuid,
    parentActionId: {
      ...nullableUuid,
      description: 'The action this is a sub-action of (in the same priority), or null',
    },
    number: {
      type: 'string',
      description:
        'Priority number and position, like "2.3"; a sub-action of 2.3 is lettered: "2.3 a", "2.3 b" … "2.3 z", "2.3 aa"',
    },
    title: { type: 'string' },
    description: { type: 'string' },
    category: { type: 'string', enum: ACTION_CATEGORIES },
    leadUserId: nullableUuid,
    leadName: nullableString,
    leadOrganisationId: nullableUuid,
    leadOrganisationName: nullableString,
    partners: {
      type: 'array',
      items: { type: 'object', properties: { id: uuid, name: { type: 'string' } } },
    },
    startDate: nullableDate,
    dueDate: nullableDate,
    status: { type: 'string', enum: ACTION_STATUSES, description: 'From the latest update' },
    rag: {
      type: ['string', 'null'],
      enum: [...RAGS, null],
      description: 'From the latest update; null until the first',
    },
    overdue: { type: 'boolean', description: 'Past its due date and not complete' },
    updateCount: { type: 'integer' },
    latestUpdate: {
      type: ['object', 'null'],
      properties: {
        id: uuid,
        createdAt: dateTime,
        status: { type: 'string', enum: ACTION_STATUSES },
        rag: { type: 'string', enum: RAGS },
        narrative: { type: 'string' },
        authorName: nullableString,
      },
    },
    latestFigure: {
      type: ['object', 'null'],
      description: 'The most recent figure reported against one of its success measures',
      properties: { value: { type: 'number' }, measure: nullableString, createdAt: dateTime },
    },
    measures: { type: 'array', items: measure },
    version: { type: 'integer' },
  },
} as const;

const planSummary = {
  id: uuid,
  kind: { type: 'string', enum: PLAN_KINDS },
  title: { type: 'string' },
  inspectionId: nullableUuid,
  ownerUserId: nullableUuid,
  ownerName: nullableString,
  status: { type: 'string', enum: PLAN_STATUSES },
  nextStatuses: { type: 'array', items: { type: 'string', enum: PLAN_STATUSES } },
  actionCount: { type: 'integer' },
  version: { type: 'integer' },
} as const;
const plan = { type: 'object', properties: planSummary } as const;

const priority = {
  type: 'object',
  properties: {
    id: uuid,
    number: { type: 'integer' },
    title: { type: 'string' },
    description: { type: 'string' },
    findingIds: { type: 'array', items: uuid },
    version: { type: 'integer' },
  },
} as const;

const planDetailSchema = {
  type: 'object',
  properties: {
    ...planSummary,
    rollup,
    priorities: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ...priority.properties,
          rollup,
          actions: { type: 'array', items: action },
        },
      },
    },
    coverage: {
      type: 'array',
      description:
        'Each area of significant weakness or for priority action, and whether an action answers it. A plan cannot be submitted until all are covered.',
      items: {
        type: 'object',
        properties: {
          findingId: uuid,
          type: { type: 'string', enum: FINDING_TYPES },
          text: { type: 'string' },
          priorityIds: { type: 'array', items: uuid },
          actionCount: { type: 'integer' },
          covered: { type: 'boolean' },
        },
      },
    },
    versions: {
      type: 'array',
      description: 'Frozen at each sign-off and submission, newest first',
      items: {
        type: 'object',
        properties: {
          number: { type: 'integer' },
          event: { type: 'string' },
          eventOn: date,
          note: { type: 'string' },
          createdAt: dateTime,
          createdByName: nullableString,
        },
      },
    },
  },
} as const;

const uncoveredError = {
  type: 'object',
  properties: {
    ...error.properties,
    uncovered: {
      type: 'array',
      description: 'When submission is refused: the findings with no action yet',
      items: {
        type: 'object',
        properties: {
          findingId: uuid,
          type: { type: 'string', enum: FINDING_TYPES },
          text: { type: 'string' },
        },
      },
    },
  },
} as const;

// Schemas: what the API accepts

// Mapping rows to JSON

const toPlan = (p: repo.PlanRow) => ({
  id: p.id,
  kind: p.kind,
  title: p.title,
  inspectionId: p.inspection_id,
  ownerUserId: p.owner_user_id,
  ownerName: p.owner_name,
  status: p.status,
  nextStatuses: NEXT_STATUSES[p.status],
  actionCount: p.action_count,
  version: p.version,
});

const toPriority = (p: repo.PriorityRow) => ({
  id: p.id,
  number: p.position,
  title: p.title,
  description: p.description,
  findingIds: p.finding_ids,
  version: p.version,
});

export const toAction = (a: ActionSheetRow, today: string) => ({
  id: a.id,
  planId: a.plan_id,
  priorityId: a.priority_id,
  parentActionId: a.parent_action_id,
  number: actionNumber(a),
  title: a.title,
  description: a.description,
  category: a.category,
  leadUserId: a.lead_user_id,
  leadName: a.lead_name,
  leadOrganisationId: a.lead_organisation_id,
  leadOrganisationName: a.lead_organisation_name,
  partners: a.partner_ids.map((id, i) => ({ id, name: a.partner_names[i] })),
  startDate: a.start_date,
  dueDate: a.due_date,
  status: a.status,
  rag: a.rag,
  overdue: a.status !== 'complete' && a.due_date !== null && a.due_date < today,
  updateCount: a.update_count,
  latestUpdate: a.latest_update_id
    ? {
        id: a.latest_update_id,
        createdAt: a.latest_update_at,
        status: a.latest_update_status,
        rag: a.latest_update_rag,
        narrative: a.latest_update_narrative,
        authorName: a.latest_update_author,
      }
    : null,
  latestFigure:
    a.figure_value === null
      ? null
      : { value: Number(a.figure_value), measure: a.figure_measure, createdAt: a.figure_at },
  measures: a.measures.map((m) => ({
    id: m.id,
    text: m.text,
    target: m.target === null ? null : Number(m.target),
    targetDate: m.targetDate,
  })),
  version: a.version,
});

/** A 204's body. */
const noBody = () => undefined;

/** What was asked for, or 404. */
function sendFound(reply: FastifyReply, found: unknown): FastifyReply {
  if (found === undefined) reply.callNotFound();
  else void reply.send(found);
  return reply;
}

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership/plans';

/** Plans, priorities, actions, success measures and the actions tracker downloads. */
export async function plansApi(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];

  const oneAction = async (tenant: Tenant, planId: string, actionId: string) => {
    const row = (await listActionSheet(app.db, tenant, planId, actionId))[0];
    return row ? toAction(row, todayInLondon()) : undefined;
  };

  /** A command's result on an action: the action as it now is, or what went wrong. */
  async function sendAction<C>(
    reply: FastifyReply,
    tenant: Tenant,
    planId: string,
    result: Result<{ id: string }, C>,
    options: { status?: number; sent?: number; currentVersion?: (current: C) => number } = {},
  ) {
    const body =
      result.kind === 'ok' ? await oneAction(tenant, planId, result.value.id) : undefined;
    return sendResult(reply, result, () => body, options);
  }

  async function detailOf(tenant: Tenant, planId: string) {
    const [loaded, sheet, versions] = await Promise.all([
      loadPlan(app.db, tenant, planId),
      listActionSheet(app.db, tenant, planId),
      repo.listPlanVersions(app.db, tenant, planId),
    ]);
    if (!loaded) return undefined;
    const today = todayInLondon();
    const forRollup = (a: ActionSheetRow) => ({
      status: a.status,
      rag: a.rag,
      dueDate: a.due_date,
    });
    return {
      ...toPlan(loaded.plan),
      rollup: rollUp(sheet.map(forRollup), today),
      priorities: loaded.priorities.map((p) => {
        const own = sheet.filter((a) => a.priority_id === p.id);
        return {
          ...toPriority(p),
          rollup: rollUp(own.map(forRollup), today),
          actions: own.map((a) => toAction(a, today)),
        };
      }),
      coverage: loaded.coverage.map((c) => ({
        findingId: c.findingId,
        type: c.type,
        text: c.text,
        priorityIds: c.priorityIds,
        actionCount: c.actionCount,
        covered: c.covered,
      })),
      versions: versions.map((v) => ({
        number: v.number,
        event: v.event,
        eventOn: v.event_on,
        note: v.note,
        createdAt: v.created_at,
        createdByName: v.created_by_name,
      })),
    };
  }

  app.get(
    P,
    {
      schema: {
        ...secured,
        tags,
        summary: 'Plans, newest first',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: plan }, ...readErrors },
      },
    },
    async (request) => (await repo.listPlans(app.db, tenantOf(request))).map(toPlan),
  );

  api.post(
    P,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Create a plan (admins). It starts as a draft.',
        params: paramsSchema(),
        body: PlanInput,
        response: { 201: plan, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await createPlan(commandContext(request), request.body), toPlan, {
        status: 201,
      }),
  );

  api.get(
    `${P}/:planId`,
    {
      schema: {
        ...secured,
        tags,
        summary:
          'One plan with its priorities, their actions (latest status, RAG and update), roll-ups, coverage of the findings and frozen versions',
        params: paramsSchema('planId'),
        response: { 200: planDetailSchema, ...readErrors },
      },
    },
    async (request, reply) =>
      sendFound(reply, await detailOf(tenantOf(request), request.params.planId)),
  );

  api.patch(
    `${P}/:planId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a plan’s title, kind, owner or (while it is a draft) inspection (admins). Send only what changes, with the version you read; a stale one gets 409.',
        params: paramsSchema('planId'),
        body: PlanChange,
        response: { 200: plan, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await changePlanDetails(commandContext(request), request.params.planId, request.body),
        toPlan,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      ),
  );

  api.delete(
    `${P}/:planId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Delete a plan created by mistake (admins). Refused with 409 once it has priorities or a frozen version.',
        params: paramsSchema('planId'),
        response: { 204: { type: 'null' }, ...writeErrors, 409: error },
      },
    },
    async (request, reply) =>
      sendResult(reply, await deletePlan(commandContext(request), request.params.planId), noBody, {
        status: 204,
      }),
  );

  api.post(
    `${P}/:planId/status`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Move a plan along its life (admins): see nextStatuses. Signing off or submitting freezes a version. Submitting a plan that leaves a weakness without an action is refused with 400 listing them; a stale version gets 409.',
        params: paramsSchema('planId'),
        body: StatusChange,
        response: {
          200: {
            type: 'object',
            properties: {
              ...planSummary,
              frozenVersion: { type: ['integer', 'null'], description: 'The version just saved' },
            },
          },
          ...writeErrors,
          400: uncoveredError,
          409: conflict,
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const result = await changePlanStatus(commandContext(request), planId, request.body);
      if (result.kind === 'invalid') {
        const first = result.problems[0]!;
        if (first.field !== 'to') return badRequest(reply, first.detail ?? first.text);
        // A refused move says which findings have no action yet when submission was asked for.
        const loaded = await loadPlan(app.db, tenantOf(request), planId);
        const submitting =
          request.body.to === 'submitted' &&
          loaded !== undefined &&
          NEXT_STATUSES[loaded.plan.status].includes('submitted');
        return reply.code(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: first.text,
          uncovered: submitting
            ? loaded.coverage
                .filter((c) => !c.covered)
                .map((c) => ({ findingId: c.findingId, type: c.type, text: c.text }))
            : [],
        });
      }
      return sendResult(
        reply,
        result,
        ({ plan, versionNumber }) => ({ ...toPlan(plan), frozenVersion: versionNumber }),
        { sent: request.body.version, currentVersion: (plan) => plan.version },
      );
    },
  );

  // Priorities

  api.post(
    `${P}/:planId/priorities`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a priority to a plan (admins), answering findings of its inspection',
        params: paramsSchema('planId'),
        body: PriorityInput,
        response: { 201: priority, ...writeErrors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await addPriority(commandContext(request), request.params.planId, request.body),
        toPriority,
        { status: 201 },
      ),
  );

  api.put(
    `${P}/:planId/priorities/:priorityId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a priority and the findings it answers (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('planId', 'priorityId'),
        body: PriorityChange,
        response: { 200: priority, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      return sendResult(
        reply,
        await changePriority(commandContext(request), planId, priorityId, request.body),
        toPriority,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      );
    },
  );

  api.delete(
    `${P}/:planId/priorities/:priorityId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Delete a priority (admins); the rest are renumbered. Refused with 409 while it has actions.',
        params: paramsSchema('planId', 'priorityId'),
        response: { 204: { type: 'null' }, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      const result = await deletePriority(commandContext(request), planId, priorityId);
      return sendResult(reply, result, noBody, { status: 204 });
    },
  );

  // Actions

  api.get(
    `${P}/:planId/actions`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'A plan’s actions in number order, each with its latest status, RAG and update',
        params: paramsSchema('planId'),
        response: { 200: { type: 'array', items: action }, ...readErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { planId } = request.params;
      if (!(await repo.findPlan(app.db, tenant, planId))) return reply.callNotFound();
      const today = todayInLondon();
      return sendFound(
        reply,
        (await listActionSheet(app.db, tenant, planId)).map((a) => toAction(a, today)),
      );
    },
  );

  api.post(
    `${P}/:planId/actions`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Add an action to a priority of the plan, or a sub-action to one of its actions (admins); it is numbered last',
        params: paramsSchema('planId'),
        body: ActionInput,
        response: { 201: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const result = await addAction(commandContext(request), planId, request.body);
      return sendAction(reply, tenantOf(request), planId, result, { status: 201 });
    },
  );

  api.get(
    `${P}/:planId/actions/:actionId`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One action with its success measures and latest update',
        params: paramsSchema('planId', 'actionId'),
        response: { 200: action, ...readErrors },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      return sendFound(reply, await oneAction(tenantOf(request), planId, actionId));
    },
  );

  api.put(
    `${P}/:planId/actions/:actionId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change an action (admins). Replaces every field; a new priorityId or parentActionId puts it at the end of its new group (its sub-actions move with it). Send the version you read, a stale one gets 409.',
        params: paramsSchema('planId', 'actionId'),
        body: ActionChange,
        response: { 200: action, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const result = await changeAction(commandContext(request), planId, actionId, request.body);
      return sendAction(reply, tenantOf(request), planId, result, {
        sent: request.body.version,
        currentVersion: (c) => c.current.version,
      });
    },
  );

  api.post(
    `${P}/:planId/actions/:actionId/move`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Move an action up or down among its siblings (a sub-action among its action’s sub-actions, which move with their action), or to the end of another priority, where a sub-action becomes an action of its own (admins); numbers are kept without gaps',
        params: paramsSchema('planId', 'actionId'),
        body: ActionMove,
        response: { 200: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const result = await moveAction(commandContext(request), planId, actionId, request.body);
      return sendAction(reply, tenantOf(request), planId, result);
    },
  );

  api.delete(
    `${P}/:planId/actions/:actionId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Delete an action (admins) with its success measures; the rest of its group are renumbered. Refused with 409 once it has progress updates or while it has sub-actions.',
        params: paramsSchema('planId', 'actionId'),
        response: { 204: { type: 'null' }, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const result = await deleteAction(commandContext(request), planId, actionId);
      return sendResult(reply, result, noBody, { status: 204 });
    },
  );

  api.post(
    `${P}/:planId/actions/:actionId/measures`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a success measure to an action (admins); answers the action',
        params: paramsSchema('planId', 'actionId'),
        body: MeasureInput,
        response: { 201: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId, actionId } = request.params;
      const result = await addMeasure(commandContext(request), planId, actionId, request.body);
      return sendAction(
        reply,
        tenantOf(request),
        planId,
        result.kind === 'ok' ? ok({ id: actionId }) : result,
        { status: 201 },
      );
    },
  );

  api.delete(
    `${P}/:planId/actions/:actionId/measures/:measureId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Remove a success measure (admins); updates that reported a figure against it keep the figure',
        params: paramsSchema('planId', 'actionId', 'measureId'),
        response: { 204: { type: 'null' }, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { planId, actionId, measureId } = request.params;
      const result = await removeMeasure(commandContext(request), planId, actionId, measureId);
      return sendResult(reply, result, noBody, { status: 204 });
    },
  );

  // Downloads: explicit URLs rather than content negotiation, so Excel's "From Web", Power BI
  // and a plain link all get the same file.
  const columns =
    'Number, priority, action, category, lead, lead organisation, partners, start, due, status, RAG, overdue (Yes/No), latest update date and narrative, latest figure and its measure, success measures.';
  api.get(
    `${P}/:planId/actions.csv`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'The plan’s actions as CSV (UTF-8 with BOM), one row per action',
        description: `${columns} Cells starting with = + - @ are prefixed with a single quote so no spreadsheet runs them as formulas. Dates are YYYY-MM-DD.`,
        params: paramsSchema('planId'),
        response: {
          200: {
            description: 'A CSV file',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...readErrors,
        },
      },
    },
    (request, reply) =>
      sendPlanExport(app.db, tenantOf(request), request.params.planId, 'csv', reply),
  );

  api.get(
    `${P}/:planId/actions.xlsx`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'The plan’s actions as an Excel workbook, one row per action',
        description: `${columns} Bold frozen header with filters; dates are real dates.`,
        params: paramsSchema('planId'),
        response: {
          200: {
            description: 'An Excel workbook',
            content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
          },
          ...readErrors,
        },
      },
    },
    (request, reply) =>
      sendPlanExport(app.db, tenantOf(request), request.params.planId, 'xlsx', reply),
  );
}
