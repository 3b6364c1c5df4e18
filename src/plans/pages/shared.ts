import type { FastifyRequest } from 'fastify';
import { FINDING_TYPE_LABELS } from '../../inspections/index.js';
import { tenantOf } from '../../platform/web/request.js';
import * as rules from '../plan-rules.js';

/** The words for each plan kind, status, category and finding type, for every plans page. */
export const labels = {
  kinds: rules.PLAN_KIND_LABELS,
  statuses: rules.PLAN_STATUS_LABELS,
  categories: rules.ACTION_CATEGORY_LABELS,
  actionStatuses: rules.ACTION_STATUS_LABELS,
  findingTypes: FINDING_TYPE_LABELS,
};

/** The plans pages' base URL in the request's partnership. */
export const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/plans`;
