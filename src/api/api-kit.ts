import type { FastifyInstance, FastifyReply } from 'fastify';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { requireSignIn } from '../auth/auth-hooks.js';
import { enforceTenancy } from '../tenancy/tenancy.js';

/** Shared pieces of the planning API: schemas, error replies and the scope's validation rules. */

export const error = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

/** 409 on a stale version: the caller reads again and retries with `currentVersion`. */
export const conflict = {
  type: 'object',
  properties: { ...error.properties, currentVersion: { type: 'integer' } },
} as const;

export const secured = { security: [{ bearerAuth: [] }] };

export const uuid = { type: 'string', format: 'uuid' } as const;
export const date = { type: 'string', format: 'date', description: 'YYYY-MM-DD' } as const;
export const nullableDate = {
  type: ['string', 'null'],
  format: 'date',
  description: 'YYYY-MM-DD',
} as const;
export const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
export const version = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

/** Common error responses of a read and of a write. */
export const readErrors = { 401: error, 404: error } as const;
export const writeErrors = { 400: error, 401: error, 403: error, 404: error } as const;

export function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message });
}

export function refuse(reply: FastifyReply, message: string) {
  return reply.code(409).send({ statusCode: 409, error: 'Conflict', message });
}

export function stale(reply: FastifyReply, sent: number, current: number) {
  return reply.code(409).send({
    statusCode: 409,
    error: 'Conflict',
    message: `Changed by someone else since version ${sent}; now at version ${current}. Read it again and retry.`,
    currentVersion: current,
  });
}

/** Text as the pages keep it: trimmed, and an empty required field is a 400. */
export function text(value: string | undefined | null): string {
  return (value ?? '').trim();
}

/** Timestamps as ISO strings, dates stay YYYY-MM-DD. */
export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/**
 * Prepares a scope of API routes:
 * - a stricter validator than Fastify's default, so an unknown property in a body is a 400 rather
 *   than silently dropped (a typo in a PUT would otherwise clear a field), and JSON types are not
 *   coerced ("1" is not a version);
 * - sign-in and tenancy checked before validation, so another partnership's URL is a 404 and a
 *   role that may not write gets 403 whatever it sends. The app-wide preHandler checks run again
 *   later and agree.
 */
export function prepareApiScope(app: FastifyInstance): void {
  const ajv = new Ajv({
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: false,
    allErrors: false,
    allowUnionTypes: true,
  });
  formats.default(ajv, ['date', 'date-time', 'uuid']);
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  app.addHook('preValidation', requireSignIn);
  app.addHook('preValidation', enforceTenancy);
}
