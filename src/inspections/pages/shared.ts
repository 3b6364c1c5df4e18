/** What every inspections page shares: who may change things, the labels, the URLs. */
import type { FastifyRequest } from 'fastify';
import { tenantOf } from '../../platform/web/request.js';
import * as rules from '../inspection-rules.js';

export const ADMIN = { roles: ['admin'] as const };

export const labels = {
  frameworks: rules.FRAMEWORK_LABELS,
  kinds: rules.INSPECTION_KIND_LABELS,
  types: rules.FINDING_TYPE_LABELS,
  typePlurals: rules.FINDING_TYPE_PLURALS,
  questions: rules.QUESTION_LABELS,
  outcomes: rules.OUTCOME_SHORT,
  outcomeText: rules.OUTCOME_TEXT,
};

/** The partnership's inspections page: every other page's URL starts here. */
export const inspectionsUrl = (request: FastifyRequest) =>
  `/p/${tenantOf(request).slug}/inspections`;
