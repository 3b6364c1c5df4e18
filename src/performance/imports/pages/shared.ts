// What the import pages share: who may import, the pages' base address, reading a posted body,
// the query the list and preview read, and counting in words.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { FormBody } from '../../../platform/web/forms.js';
import { tenantOf } from '../../../platform/web/request.js';

export const ADMIN = { roles: ['admin'] as const };
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = '50 MB';

/** What a page's query may say: lenient, so an unknown or missing key is no error. */
export const importQuery = Type.Object({
  kind: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
});

/** A posted body (a form or a multipart upload) as fields to read; nothing when there is none. */
export function formBody(body: unknown): FormBody {
  return typeof body === 'object' && body !== null ? { ...body } : {};
}

export const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/performance/imports`;

/** A saved import's page. */
export const importUrl = (request: FastifyRequest, id: string) => `${base(request)}/${id}`;

/** "1 value", "1,200 values". */
export const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
