// What the EHC timeliness pages share: their address, who may use the admin pages, reading
// `?set=`, and the pages shown when a file or a case set is no longer there.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { tenantOf } from '../../../platform/web/request.js';
import { starterIndicator } from '../../indicators/index.js';
import { TIMELINESS_INDICATOR_CODE } from '../indicator-figures.js';

export const ADMIN = { roles: ['admin'] as const };
export const PATH = '/p/:partnership/performance/ehc-timeliness';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The starter indicator's name, for the sentence shown while the partnership has not added it. */
export const STARTER_NAME =
  starterIndicator(TIMELINESS_INDICATOR_CODE)?.name ?? TIMELINESS_INDICATOR_CODE;

export const base = (request: FastifyRequest) =>
  `/p/${tenantOf(request).slug}/performance/ehc-timeliness`;

/** A GET parameter as sent: once, or repeated (then it is not read). */
const param = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));
export const SET_QUERY = Type.Object({ set: param });
export const IMPORT_QUERY = Type.Object({ import: param });

export function queryValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `?set=` as given: undefined when absent, null when it cannot be a case set's id. */
export function chosenSet(query: { set?: string | string[] }): string | undefined | null {
  const set = queryValue(query.set);
  if (set === undefined || set === '') return undefined;
  return UUID.test(set) ? set.toLowerCase() : null;
}

export function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** No file waiting to be saved (saved, cancelled or never there). */
export const renderGone = (request: FastifyRequest, reply: FastifyReply, status: number) =>
  reply.page(
    'performance/timeliness/pages/gone.njk',
    { title: 'There is no file waiting to be saved', base: base(request) },
    status,
  );

/** A case set that is not saved (deleted, replaced or never there). */
export const noCaseSet = (request: FastifyRequest, reply: FastifyReply, recording = false) =>
  reply.page(
    'performance/timeliness/pages/gone.njk',
    { title: 'This case set is not saved', base: base(request), deleted: true, recording },
    404,
  );
