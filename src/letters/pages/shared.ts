/** What the import's pages share: who may import, the labels, the URLs. */
import type { FastifyRequest } from 'fastify';
import {
  FINDING_TYPE_LABELS,
  FINDING_TYPE_PLURALS,
  FRAMEWORK_LABELS,
  INSPECTION_KIND_LABELS,
  OUTCOME_SHORT,
  OUTCOME_TEXT,
  QUESTION_LABELS,
} from '../../inspections/index.js';
import { tenantOf } from '../../platform/web/request.js';

export const ADMIN = { roles: ['admin'] as const };

export const labels = {
  frameworks: FRAMEWORK_LABELS,
  kinds: INSPECTION_KIND_LABELS,
  types: FINDING_TYPE_LABELS,
  typePlurals: FINDING_TYPE_PLURALS,
  questions: QUESTION_LABELS,
  outcomes: OUTCOME_SHORT,
  outcomeText: OUTCOME_TEXT,
};

/** The partnership's inspections page, where the import starts and ends. */
export const inspectionsUrl = (request: FastifyRequest) =>
  `/p/${tenantOf(request).slug}/inspections`;
