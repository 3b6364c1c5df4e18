import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import * as repo from '../plan-repository.js';
import { NEXT_STATUSES } from '../plan-rules.js';
import { loadPlan } from '../plan-service.js';
import { changePlanDetails, createPlan } from '../commands/plan-details.js';
import { AcceleratedPlanInput, PlanChange, PlanInput, StatusChange } from '../inputs.js';
import { createAcceleratedPlan } from '../commands/accelerated-plan.js';
import { changePlanStatus, deletePlan } from '../commands/plan-status.js';
import {
  badRequest,
  conflict,
  error,
  readErrors,
  secured,
  writeErrors,
  sendResult,
} from '../../platform/web/api-kit.js';
import { planSummary, plan, planDetailSchema, uncoveredError, toPlan } from './schemas.js';
import { noBody, sendFound, ADMIN, P, detailOf } from './shared.js';

/** Plans: list, create, read, change and delete. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];
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

  api.post(
    `${P}/accelerated`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Create an accelerated progress plan from a revisit or monitoring inspection (admins): a draft answering every weakness judged not to have made sufficient progress, with a priority linked to each, and the DfE’s submission date (submitBy) among the dates. 409 when the revisit judged none insufficient.',
        params: paramsSchema(),
        body: AcceleratedPlanInput,
        response: { 201: plan, ...writeErrors, 409: error },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await createAcceleratedPlan(commandContext(request), request.body),
        toPlan,
        { status: 201 },
      ),
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
      sendFound(reply, await detailOf(app.db, tenantOf(request), request.params.planId)),
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
}

/** A plan’s status: moving it along its life. */
export async function planStatusRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];
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
}
