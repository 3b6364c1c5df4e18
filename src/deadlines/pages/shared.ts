/** What the dates pages share: who may change dates, the labels, the URLs. */
import type { FastifyRequest } from 'fastify';
import { tenantOf } from '../../platform/web/request.js';
import { KEY_DATE_SOURCE_LABELS, RULE_EVENT_LABELS, RULE_UNIT_LABELS } from '../key-dates.js';

export const ADMIN = { roles: ['admin'] as const };

export const labels = {
  sources: KEY_DATE_SOURCE_LABELS,
  units: RULE_UNIT_LABELS,
  events: RULE_EVENT_LABELS,
};

/** The partnership's dates page: the others start here. */
export const datesUrl = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/dates`;
