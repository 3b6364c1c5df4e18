// What the census pages share: who may use the admin pages, the source names, the pages' base
// address, and the page shown when a census or an import is no longer there.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tenantOf } from '../../../platform/web/request.js';

export const ADMIN = { roles: ['admin'] as const };

export const SOURCE_LABELS = {
  'pupil-level': 'Pupil-level rows',
  'school-level': 'School-level counts',
} as const;

export const censusBase = (request: FastifyRequest) =>
  `/p/${tenantOf(request).slug}/performance/census`;

/** An import that is no longer waiting (saved, cancelled or never there). */
export const gone = (reply: FastifyReply, request: FastifyRequest) =>
  reply.page(
    'performance/census/pages/gone.njk',
    { title: 'This census import is no longer waiting', listUrl: censusBase(request) },
    404,
  );

/** A census that is not saved (deleted or never there). */
export const noCensus = (reply: FastifyReply, request: FastifyRequest) =>
  reply.page(
    'performance/census/pages/gone.njk',
    { title: 'This census is not saved', listUrl: censusBase(request), deleted: true },
    404,
  );
