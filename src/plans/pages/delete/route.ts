// Deleting: a page that says what goes (or why it cannot go), then the POST that deletes it with
// the same commands as the API, so the rules and the audit are the same.
import type { FastifyRequest } from 'fastify';
import { type Static, type TObject } from 'typebox';
import Value from 'typebox/value';
import { RuleBroken, type Result } from '../../../platform/commands/result.js';
import { deleteRoutes } from '../../../platform/web/delete-page.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { listPlanKeyDates } from '../../../deadlines/index.js';
import { actionNumber } from '../../action-numbers.js';
import { deleteAction } from '../../commands/actions.js';
import { deletePlan } from '../../commands/plan-status.js';
import { deletePriority } from '../../commands/priorities.js';
import * as repo from '../../plan-repository.js';
import { loadPlan } from '../../plan-service.js';
import {
  actionRemovalProblem,
  planRemovalProblem,
  priorityRemovalProblem,
} from '../../removal-service.js';
import { ADMIN, base } from '../shared.js';
import { actionDeletePage, planDeletePage, priorityDeletePage } from './view.js';

const PLAN_PARAMS = paramsSchema('planId');
const PRIORITY_PARAMS = paramsSchema('planId', 'priorityId');
const ACTION_PARAMS = paramsSchema('planId', 'actionId');

/** The ids a shared helper's request carries, checked against the route's params schema. */
function idsOf<S extends TObject>(schema: S, request: FastifyRequest): Static<S> {
  const params = request.params;
  if (!Value.Check(schema, params)) throw new Error(`${request.url} has no ids`);
  return params;
}

/**
 * A delete command's result as the shared delete pages take it: true once deleted, false when it
 * was not there, and a refusal thrown for the page to show.
 */
function removed(result: Result<unknown>): boolean {
  if (result.kind === 'refused' || result.kind === 'invalid') throw new RuleBroken(result);
  return result.kind === 'ok';
}

const isRefusal = (error: unknown): error is RuleBroken => error instanceof RuleBroken;

/** The confirmation pages to delete a plan, a priority and an action. */
export function deletePages(app: App): void {
  planDelete(app);
  priorityDelete(app);
  actionDelete(app);
}

function planDelete(app: App): void {
  deleteRoutes(app, '/p/:partnership/plans/:planId/delete', {
    options: { config: ADMIN, schema: { params: PLAN_PARAMS } },
    load: async (request) => {
      const tenant = tenantOf(request);
      const { planId } = idsOf(PLAN_PARAMS, request);
      const [plan, keyDates] = await Promise.all([
        repo.findPlan(app.db, tenant, planId),
        listPlanKeyDates(app.db, tenant, planId),
      ]);
      return plan ? { plan, keyDates } : undefined;
    },
    problem: (request, { plan }) => planRemovalProblem(app.db, tenantOf(request), plan.id),
    page: planDeletePage,
    remove: async (request, { plan }) =>
      removed(await deletePlan(commandContext(request), plan.id)),
    isRefusal,
    done: (request, { plan }) => ({
      message: `Plan ‘${plan.title}’ deleted.`,
      redirect: base(request),
    }),
  });
}

function priorityDelete(app: App): void {
  const load = async (request: FastifyRequest) => {
    const { planId, priorityId } = idsOf(PRIORITY_PARAMS, request);
    const loaded = await loadPlan(app.db, tenantOf(request), planId);
    const priority = loaded?.priorities.find((p) => p.id === priorityId);
    if (!loaded || !priority) return undefined;
    const actions = loaded.actions.filter((a) => a.priority_id === priorityId).length;
    return { plan: loaded.plan, priority, actions };
  };

  deleteRoutes(app, '/p/:partnership/plans/:planId/priorities/:priorityId/delete', {
    options: { config: ADMIN, schema: { params: PRIORITY_PARAMS } },
    load,
    problem: (request, { priority }) =>
      priorityRemovalProblem(app.db, tenantOf(request), priority.id),
    page: (request, { plan, priority, actions }, problem) =>
      priorityDeletePage(request, plan, priority, actions, problem),
    remove: async (request, { plan, priority }) =>
      removed(await deletePriority(commandContext(request), plan.id, priority.id)),
    isRefusal,
    done: (request, { plan, priority }) => ({
      message: `Priority ${priority.position} ‘${priority.title}’ deleted.`,
      redirect: `${base(request)}/${plan.id}`,
    }),
  });
}

function actionDelete(app: App): void {
  const load = async (request: FastifyRequest) => {
    const { planId, actionId } = idsOf(ACTION_PARAMS, request);
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
    options: { config: ADMIN, schema: { params: ACTION_PARAMS } },
    load,
    problem: (request, { action }) => actionRemovalProblem(app.db, tenantOf(request), action.id),
    page: (request, { plan, action, measures }, problem) =>
      actionDeletePage(request, plan, action, measures, problem),
    remove: async (request, { plan, action }) =>
      removed(await deleteAction(commandContext(request), plan.id, action.id)),
    isRefusal,
    // A sub-action's parent page lists its sub-actions: go back there.
    done: (request, { plan, action }) => ({
      message: `Action ${actionNumber(action)} ‘${action.title}’ deleted.`,
      redirect: action.parent_action_id
        ? `${base(request)}/${plan.id}/actions/${action.parent_action_id}`
        : `${base(request)}/${plan.id}#priority-${action.priority_id}`,
    }),
  });
}
