/** What the people pages share: who may change, where they live, the roles to choose from. */
import type { FastifyRequest } from 'fastify';
import { ROLE_HINTS, ROLE_LABELS, ROLES } from '../../platform/identity/types.js';
import { tenantOf } from '../../platform/web/request.js';

export const ADMIN = { roles: ['admin'] as const };

/** The people list of the request's partnership: every people page starts here. */
export const peoplePath = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/people`;

export const roleItems = (selected?: unknown) =>
  ROLES.map((r) => ({
    value: r,
    text: ROLE_LABELS[r],
    hint: { text: ROLE_HINTS[r] },
    checked: r === selected,
  }));
