import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import {
  actorFor,
  commandContext,
  paramsSchema,
  tenantOf,
  typed,
} from '../platform/web/request.js';
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
  type ActionCategory,
  type PlanStatus,
} from './plan-rules.js';
import { FINDING_TYPES } from '../inspections/index.js';
import {
  addAction,
  addMeasure,
  addPriority,
  changePlanStatus,
  editAction,
  editPriority,
  loadPlan,
  moveAction,
  PlanRuleError,
  removeMeasure,
} from './plan-service.js';
import { changePlanDetails, createPlan } from './commands/plan-details.js';
import { PlanChange, PlanInput } from './inputs.js';
import { removeAction, removePlan, removePriority } from './removal-service.js';
import { listActionSheet, type ActionSheetRow } from './export-repository.js';
import { sendPlanExport, XLSX_TYPE } from './export-routes.js';
import {
  badRequest,
  conflict,
  date,
  dateTime,
  deleteRoute,
  error,
  nullableDate,
  nullableString,
  nullableUuid,
  readErrors,
  secured,
  stale,
  text,
  uuid,
  version,
  writeErrors,
  sendResult,
} from '../platform/web/api-kit.js';
import { findMember } from '../platform/directory/directory.js';
import { listOrganisations } from '../platform/directory/directory.js';

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

const statusInput = {
  type: 'object',
  additionalProperties: false,
  required: ['to', 'version'],
  properties: {
    to: { type: 'string', enum: PLAN_STATUSES },
    version,
    note: { type: 'string', maxLength: 2000 },
    eventOn: { ...date, description: 'When it happened (YYYY-MM-DD); today when left out' },
  },
} as const;

const priorityInput = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 300 },
    description: { type: 'string', maxLength: 5000 },
    findingIds: {
      type: 'array',
      items: uuid,
      maxItems: 200,
      uniqueItems: true,
      description: 'Findings of the plan’s inspection this priority answers',
    },
    version,
  },
} as const;

const actionInput = {
  type: 'object',
  additionalProperties: false,
  required: ['priorityId', 'title', 'category'],
  properties: {
    priorityId: uuid,
    parentActionId: {
      ...nullableUuid,
      description:
        'Makes it a sub-action ("2.3 a") of this top-level action of the same priority; null or left out for an action of its own. An action with sub-actions cannot become one.',
    },
    title: { type: 'string', minLength: 1, maxLength: 500 },
    description: { type: 'string', maxLength: 10000 },
    category: { type: 'string', enum: ACTION_CATEGORIES },
    leadUserId: { ...nullableUuid, description: 'A member of the partnership' },
    leadOrganisationId: { ...nullableUuid, description: 'One of the partnership’s organisations' },
    partnerIds: { type: 'array', items: uuid, maxItems: 100, uniqueItems: true },
    startDate: nullableDate,
    dueDate: nullableDate,
    version,
  },
} as const;

const moveInput = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    direction: { type: 'string', enum: ['up', 'down'] },
    toPriorityId: { ...uuid, description: 'Move to the end of another priority of the plan' },
  },
} as const;

const measureInput = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 1000 },
    target: { type: ['number', 'null'], minimum: -1e12, maximum: 1e12 },
    targetDate: nullableDate,
  },
} as const;

type PriorityBody = {
  title: string;
  description?: string;
  findingIds?: string[];
  version?: number;
};
type ActionBody = {
  priorityId: string;
  parentActionId?: string | null;
  title: string;
  description?: string;
  category: ActionCategory;
  leadUserId?: string | null;
  leadOrganisationId?: string | null;
  partnerIds?: string[];
  startDate?: string | null;
  dueDate?: string | null;
  version?: number;
};

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

// Rules the pages keep by offering only valid choices, checked here because an API caller types ids.

async function checkFindings(
  db: Db,
  tenant: Tenant,
  plan: repo.PlanRow,
  findingIds: string[],
): Promise<string | null> {
  if (!findingIds.length) return null;
  const own = new Set(
    (await repo.listPlanFindings(db, tenant, plan.inspection_id)).map((f) => f.id),
  );
  const stranger = findingIds.find((id) => !own.has(id));
  return stranger ? `${stranger} is not a finding of the inspection this plan answers` : null;
}

async function checkActionInput(
  db: Db,
  tenant: Tenant,
  planId: string,
  body: ActionBody,
  current?: repo.ActionRow,
): Promise<string | null> {
  if (!(await repo.listPriorities(db, tenant, planId)).some((p) => p.id === body.priorityId))
    return 'priorityId is not a priority of this plan';
  // A lead who has since left may stay on an action being changed; a new lead must be current.
  if (body.leadUserId && body.leadUserId !== current?.lead_user_id) {
    const lead = await findMember(db, tenant, body.leadUserId);
    if (!lead || lead.disabled_at) return 'leadUserId is not a current member';
  }
  const organisationIds = [body.leadOrganisationId, ...(body.partnerIds ?? [])].filter(
    (id): id is string => Boolean(id),
  );
  if (organisationIds.length) {
    // One query for the lead and every partner. Postgres reads a UUID in either case; so does this.
    const own = new Set((await listOrganisations(db, tenant)).map((o) => o.id.toLowerCase()));
    const stranger = organisationIds.find((id) => !own.has(id.toLowerCase()));
    if (stranger) return `${stranger} is not an organisation of this partnership`;
  }
  if (body.startDate && body.dueDate && body.dueDate < body.startDate)
    return 'The due date must be the same as or after the start date';
  return null;
}

const toActionInput = (body: ActionBody): repo.ActionInput => ({
  priorityId: body.priorityId,
  parentActionId: body.parentActionId ?? null,
  title: text(body.title),
  description: text(body.description),
  category: body.category,
  leadUserId: body.leadUserId ?? null,
  leadOrganisationId: body.leadOrganisationId ?? null,
  partnerIds: body.partnerIds ?? [],
  startDate: body.startDate ?? null,
  dueDate: body.dueDate ?? null,
});

/** A rule the service refused, named by the property it is about when that helps a caller. */
const ruleMessage = (e: PlanRuleError) =>
  e.field === 'parentActionId' || e.field === 'inspectionId'
    ? `${e.field}: ${e.message}`
    : e.message;

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership/plans';
type Ids = { planId: string; priorityId: string; actionId: string };
const ids = (request: FastifyRequest) => request.params as Ids;

/** Plans, priorities, actions, success measures and the actions tracker downloads. */
export async function plansApi(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];

  const oneAction = async (tenant: Tenant, planId: string, actionId: string) => {
    const row = (await listActionSheet(app.db, tenant, planId, actionId))[0];
    return row ? toAction(row, todayInLondon()) : undefined;
  };

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

  app.get(
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
      (await detailOf(tenantOf(request), ids(request).planId)) ?? reply.callNotFound(),
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

  deleteRoute(
    app,
    `${P}/:planId`,
    {
      tags,
      summary:
        'Delete a plan created by mistake (admins). Refused with 409 once it has priorities or a frozen version.',
      ids: ['planId'],
      refusedWith: PlanRuleError,
    },
    (actor, tenant, { planId }) => removePlan(app.db, actor, tenant, planId),
  );

  app.post(
    `${P}/:planId/status`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Move a plan along its life (admins): see nextStatuses. Signing off or submitting freezes a version. Submitting a plan that leaves a weakness without an action is refused with 400 listing them; a stale version gets 409.',
        params: paramsSchema('planId'),
        body: statusInput,
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
      const body = request.body as {
        to: PlanStatus;
        version: number;
        note?: string;
        eventOn?: string;
      };
      const tenant = tenantOf(request);
      const { planId } = ids(request);
      if (body.eventOn && body.eventOn > todayInLondon())
        return badRequest(reply, 'eventOn cannot be in the future');
      try {
        const result = await changePlanStatus(app.db, actorFor(request), tenant, planId, {
          to: body.to,
          version: body.version,
          note: text(body.note),
          ...(body.eventOn ? { eventOn: body.eventOn } : {}),
        });
        if (result.outcome === 'not-found') return reply.callNotFound();
        const now = (await repo.findPlan(app.db, tenant, planId))!;
        if (result.outcome === 'conflict') return stale(reply, body.version, now.version);
        return { ...toPlan(now), frozenVersion: result.versionNumber ?? null };
      } catch (e) {
        if (!(e instanceof PlanRuleError)) throw e;
        const loaded = await loadPlan(app.db, tenant, planId);
        const submitting =
          body.to === 'submitted' &&
          loaded !== undefined &&
          NEXT_STATUSES[loaded.plan.status].includes('submitted');
        return reply.code(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: e.message,
          uncovered: submitting
            ? loaded.coverage
                .filter((c) => !c.covered)
                .map((c) => ({ findingId: c.findingId, type: c.type, text: c.text }))
            : [],
        });
      }
    },
  );

  // Priorities

  app.post(
    `${P}/:planId/priorities`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a priority to a plan (admins), answering findings of its inspection',
        params: paramsSchema('planId'),
        body: priorityInput,
        response: { 201: priority, ...writeErrors },
      },
    },
    async (request, reply) => {
      const body = request.body as PriorityBody;
      const tenant = tenantOf(request);
      const { planId } = ids(request);
      const found = await repo.findPlan(app.db, tenant, planId);
      if (!found) return reply.callNotFound();
      const title = text(body.title);
      if (!title) return badRequest(reply, 'Enter the priority’s title');
      const problem = await checkFindings(app.db, tenant, found, body.findingIds ?? []);
      if (problem) return badRequest(reply, problem);
      const created = await addPriority(app.db, actorFor(request), tenant, planId, {
        title,
        description: text(body.description),
        findingIds: body.findingIds ?? [],
      });
      if (!created) return reply.callNotFound();
      const row = (await repo.listPriorities(app.db, tenant, planId)).find(
        (p) => p.id === created.id,
      )!;
      return reply.code(201).send(toPriority(row));
    },
  );

  app.put(
    `${P}/:planId/priorities/:priorityId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change a priority and the findings it answers (admins). Replaces every field; send the version you read, a stale one gets 409.',
        params: paramsSchema('planId', 'priorityId'),
        body: { ...priorityInput, required: ['title', 'version'] },
        response: { 200: priority, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const body = request.body as PriorityBody & { version: number };
      const tenant = tenantOf(request);
      const { planId, priorityId } = ids(request);
      const found = await repo.findPlan(app.db, tenant, planId);
      if (!found) return reply.callNotFound();
      const title = text(body.title);
      if (!title) return badRequest(reply, 'Enter the priority’s title');
      const problem = await checkFindings(app.db, tenant, found, body.findingIds ?? []);
      if (problem) return badRequest(reply, problem);
      const result = await editPriority(
        app.db,
        actorFor(request),
        tenant,
        planId,
        priorityId,
        { title, description: text(body.description), findingIds: body.findingIds ?? [] },
        body.version,
      );
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') return stale(reply, body.version, result.current.version);
      const row = (await repo.listPriorities(app.db, tenant, planId)).find(
        (p) => p.id === priorityId,
      )!;
      return toPriority(row);
    },
  );

  deleteRoute(
    app,
    `${P}/:planId/priorities/:priorityId`,
    {
      tags,
      summary:
        'Delete a priority (admins); the rest are renumbered. Refused with 409 while it has actions.',
      ids: ['planId', 'priorityId'],
      refusedWith: PlanRuleError,
    },
    (actor, tenant, { planId, priorityId }) =>
      removePriority(app.db, actor, tenant, planId, priorityId),
  );

  // Actions

  app.get(
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
      const { planId } = ids(request);
      if (!(await repo.findPlan(app.db, tenant, planId))) return reply.callNotFound();
      const today = todayInLondon();
      return (await listActionSheet(app.db, tenant, planId)).map((a) => toAction(a, today));
    },
  );

  app.post(
    `${P}/:planId/actions`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Add an action to a priority of the plan, or a sub-action to one of its actions (admins); it is numbered last',
        params: paramsSchema('planId'),
        body: actionInput,
        response: { 201: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const body = request.body as ActionBody;
      const tenant = tenantOf(request);
      const { planId } = ids(request);
      if (!(await repo.findPlan(app.db, tenant, planId))) return reply.callNotFound();
      if (!text(body.title)) return badRequest(reply, 'Enter what will be done');
      const problem = await checkActionInput(app.db, tenant, planId, body);
      if (problem) return badRequest(reply, problem);
      try {
        const created = await addAction(
          app.db,
          actorFor(request),
          tenant,
          planId,
          toActionInput(body),
        );
        if (!created) return reply.callNotFound();
        return reply.code(201).send(await oneAction(tenant, planId, created.id));
      } catch (e) {
        if (e instanceof PlanRuleError) return badRequest(reply, ruleMessage(e));
        throw e;
      }
    },
  );

  app.get(
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
      const { planId, actionId } = ids(request);
      return (await oneAction(tenantOf(request), planId, actionId)) ?? reply.callNotFound();
    },
  );

  app.put(
    `${P}/:planId/actions/:actionId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change an action (admins). Replaces every field; a new priorityId or parentActionId puts it at the end of its new group (its sub-actions move with it). Send the version you read, a stale one gets 409.',
        params: paramsSchema('planId', 'actionId'),
        body: { ...actionInput, required: ['priorityId', 'title', 'category', 'version'] },
        response: { 200: action, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const body = request.body as ActionBody & { version: number };
      const tenant = tenantOf(request);
      const { planId, actionId } = ids(request);
      const current = await repo.findAction(app.db, tenant, planId, actionId);
      if (!current) return reply.callNotFound();
      if (!text(body.title)) return badRequest(reply, 'Enter what will be done');
      const problem = await checkActionInput(app.db, tenant, planId, body, current);
      if (problem) return badRequest(reply, problem);
      let result: Awaited<ReturnType<typeof editAction>>;
      try {
        result = await editAction(
          app.db,
          actorFor(request),
          tenant,
          planId,
          actionId,
          toActionInput(body),
          body.version,
        );
      } catch (e) {
        if (e instanceof PlanRuleError) return badRequest(reply, ruleMessage(e));
        throw e;
      }
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'conflict') return stale(reply, body.version, result.current.version);
      return oneAction(tenant, planId, actionId);
    },
  );

  app.post(
    `${P}/:planId/actions/:actionId/move`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Move an action up or down among its siblings (a sub-action among its action’s sub-actions, which move with their action), or to the end of another priority, where a sub-action becomes an action of its own (admins); numbers are kept without gaps',
        params: paramsSchema('planId', 'actionId'),
        body: moveInput,
        response: { 200: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const body = request.body as { direction?: 'up' | 'down'; toPriorityId?: string };
      const tenant = tenantOf(request);
      const { planId, actionId } = ids(request);
      if (!(await repo.findAction(app.db, tenant, planId, actionId))) return reply.callNotFound();
      if (
        body.toPriorityId &&
        !(await repo.listPriorities(app.db, tenant, planId)).some((p) => p.id === body.toPriorityId)
      )
        return badRequest(reply, 'toPriorityId is not a priority of this plan');
      await moveAction(app.db, actorFor(request), tenant, planId, actionId, {
        ...(body.direction ? { direction: body.direction } : {}),
        ...(body.toPriorityId ? { toPriorityId: body.toPriorityId } : {}),
      });
      return oneAction(tenant, planId, actionId);
    },
  );

  deleteRoute(
    app,
    `${P}/:planId/actions/:actionId`,
    {
      tags,
      summary:
        'Delete an action (admins) with its success measures; the rest of its group are renumbered. Refused with 409 once it has progress updates or while it has sub-actions.',
      ids: ['planId', 'actionId'],
      refusedWith: PlanRuleError,
    },
    (actor, tenant, { planId, actionId }) => removeAction(app.db, actor, tenant, planId, actionId),
  );

  app.post(
    `${P}/:planId/actions/:actionId/measures`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add a success measure to an action (admins); answers the action',
        params: paramsSchema('planId', 'actionId'),
        body: measureInput,
        response: { 201: action, ...writeErrors },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        text: string;
        target?: number | null;
        targetDate?: string | null;
      };
      const tenant = tenantOf(request);
      const { planId, actionId } = ids(request);
      const words = text(body.text);
      if (!words) return badRequest(reply, 'Enter how success will be measured');
      if (
        !(await addMeasure(app.db, actorFor(request), tenant, planId, actionId, {
          text: words,
          target: body.target ?? null,
          targetDate: body.targetDate ?? null,
        }))
      )
        return reply.callNotFound();
      return reply.code(201).send(await oneAction(tenant, planId, actionId));
    },
  );

  deleteRoute(
    app,
    `${P}/:planId/actions/:actionId/measures/:measureId`,
    {
      tags,
      summary:
        'Remove a success measure (admins); updates that reported a figure against it keep the figure',
      ids: ['planId', 'actionId', 'measureId'],
    },
    async (actor, tenant, { planId, actionId, measureId }) => {
      const found = await oneAction(tenant, planId, actionId);
      if (!found?.measures.some((m) => m.id === measureId)) return false;
      await removeMeasure(app.db, actor, tenant, actionId, measureId);
      return true;
    },
  );

  // Downloads: explicit URLs rather than content negotiation, so Excel's "From Web", Power BI
  // and a plain link all get the same file.
  const columns =
    'Number, priority, action, category, lead, lead organisation, partners, start, due, status, RAG, overdue (Yes/No), latest update date and narrative, latest figure and its measure, success measures.';
  app.get(
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
      sendPlanExport(app.db, tenantOf(request), ids(request).planId, 'csv', reply),
  );

  app.get(
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
      sendPlanExport(app.db, tenantOf(request), ids(request).planId, 'xlsx', reply),
  );
}
