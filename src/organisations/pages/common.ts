/** What the organisations pages share: who may change, where they live, the kinds to choose from. */
import type { FastifyRequest } from 'fastify';
import { ORGANISATION_KINDS } from '../../platform/directory/directory.js';
import { tenantOf } from '../../platform/web/request.js';
import { ORGANISATION_KIND_LABELS } from '../organisation-rules.js';

export const ADMIN = { roles: ['admin'] as const };

/** The organisations list of the request's partnership: every organisations page starts here. */
export const organisationsPath = (request: FastifyRequest) =>
  `/p/${tenantOf(request).slug}/organisations`;

export const kindItems = (selected?: unknown) =>
  ORGANISATION_KINDS.map((k) => ({
    value: k,
    text: ORGANISATION_KIND_LABELS[k],
    checked: k === selected,
  }));
