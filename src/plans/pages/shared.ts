import type { FastifyRequest } from 'fastify';
import { FINDING_TYPE_LABELS } from '../../inspections/index.js';
import { tenantOf } from '../../platform/web/request.js';
import * as rules from '../plan-rules.js';
import type * as repo from '../plan-repository.js';
import { actionNumber } from '../action-numbers.js';

/** The words for each plan kind, status, category and finding type, for every plans page. */
export const labels = {
  kinds: rules.PLAN_KIND_LABELS,
  statuses: rules.PLAN_STATUS_LABELS,
  categories: rules.ACTION_CATEGORY_LABELS,
  actionStatuses: rules.ACTION_STATUS_LABELS,
  findingTypes: FINDING_TYPE_LABELS,
};

/** Changes to plans are for admins. */
export const ADMIN = { roles: ['admin'] as const };

/** The plans pages' base URL in the request's partnership. */
export const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/plans`;

/** An action as the pages show it: with its number ("2.3", or "2.3 a" for a sub-action). */
export const numbered = (a: repo.ActionRow) => ({ ...a, number: actionNumber(a) });

/** Actions with their numbers and whether each can move up or down among its siblings. */
export function withMoves(actions: readonly repo.ActionRow[]) {
  return actions.map((a) => {
    const siblings = actions.filter((b) => b.parent_action_id === a.parent_action_id);
    const index = siblings.findIndex((b) => b.id === a.id);
    return { ...numbered(a), canMoveUp: index > 0, canMoveDown: index < siblings.length - 1 };
  });
}
