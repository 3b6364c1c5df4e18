import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { requireSignIn } from '../identity/auth-hooks.js';
import type { Actor, Role } from '../identity/types.js';
import { type Tenant } from '../tenancy/tenancy.js';
import { actorFor, commandContext, paramOf, paramsSchema, tenantOf } from './request.js';
import type { CommandContext, Result } from '../commands/result.js';
import { enforceTenancy } from './enforce-tenancy.js';

/** Shared pieces of the JSON API: schemas, error replies, strict validation, DELETE routes. */

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
 * Ajv's words for what is wrong, naming the unknown property or the allowed values where its
 * words alone would leave the caller guessing ("must NOT have additional properties").
 */
export function describeSchemaErrors(
  errors: FastifySchemaValidationError[],
  dataVar: string,
): Error {
  const words = errors.map((e) => {
    const where = `${dataVar}${e.instancePath}`;
    const params = e.params as { additionalProperty?: unknown; allowedValues?: unknown[] };
    if (e.keyword === 'additionalProperties')
      return `${where} must NOT have additional properties: ${JSON.stringify(params.additionalProperty)} is not one it takes`;
    if (e.keyword === 'enum' && params.allowedValues)
      return `${where} must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    return `${where} ${e.message ?? 'is not valid'}`;
  });
  return new Error(words.join(', '));
}

/**
 * Prepares a scope of API routes:
 * - a stricter validator than Fastify's default, so an unknown property in a body is a 400 rather
 *   than silently dropped (a typo in a PUT would otherwise clear a field), and JSON types are not
 *   coerced ("1" is not a version); the 400 names what is wrong;
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
  // People's messages in command input schemas (see platform/commands/input.ts).
  ajv.addKeyword('x-messages');
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  app.setSchemaErrorFormatter(describeSchemaErrors);
  app.addHook('preValidation', requireSignIn);
  app.addHook('preValidation', enforceTenancy);
}

/** The class of error a service throws when its rules refuse a change. */
type RuleErrorClass = abstract new (...args: never[]) => Error;

/**
 * An admin's DELETE of one record: 204 once `remove` has removed it, 404 when it found nothing to
 * remove, and, for a service that refuses with `refusedWith`, 409 with the service's reason.
 */
export function deleteRoute<const Ids extends string[]>(
  app: FastifyInstance,
  url: string,
  spec: { tags: string[]; summary: string; ids: Ids; refusedWith?: RuleErrorClass },
  remove: (actor: Actor, tenant: Tenant, ids: Record<Ids[number], string>) => Promise<boolean>,
): void {
  const { refusedWith } = spec;
  app.delete(
    url,
    {
      config: { roles: ['admin'] },
      schema: {
        ...secured,
        tags: spec.tags,
        summary: spec.summary,
        params: paramsSchema(...spec.ids),
        response: {
          204: { type: 'null' },
          ...writeErrors,
          ...(refusedWith ? { 409: error } : {}),
        },
      },
    },
    async (request, reply) => {
      const ids = Object.fromEntries(spec.ids.map((id) => [id, paramOf(request, id)]));
      try {
        if (
          !(await remove(actorFor(request), tenantOf(request), ids as Record<Ids[number], string>))
        )
          return reply.callNotFound();
      } catch (e) {
        if (refusedWith && e instanceof refusedWith) return refuse(reply, e.message);
        throw e;
      }
      return reply.code(204).send();
    },
  );
}

/**
 * A command's result as the API answers it: `body` makes what to send from what was made or
 * changed (with `status`, 200 unless said); a broken rule is 400 (naming the first problem), a
 * refusal 409, a stale version 409 with `currentVersion`.
 */
export function sendResult<T, C>(
  reply: FastifyReply,
  result: Result<T, C>,
  body: (value: T) => unknown,
  options: { status?: number; sent?: number; currentVersion?: (current: C) => number } = {},
): FastifyReply {
  switch (result.kind) {
    case 'ok':
      return reply.code(options.status ?? 200).send(body(result.value));
    case 'invalid': {
      const first = result.problems[0];
      return badRequest(reply, first ? (first.detail ?? first.text) : 'Bad request');
    }
    case 'refused':
      return refuse(reply, result.message);
    case 'not-found':
      reply.callNotFound();
      return reply;
    case 'forbidden':
      reply.forbidden();
      return reply;
    case 'conflict':
      if (options.sent === undefined || !options.currentVersion)
        throw new Error('A conflict from a command that takes no version');
      return stale(reply, options.sent, options.currentVersion(result.current));
  }
}

/** The version a write sent in its body (its schema requires one where the command takes it). */
export function sentVersion(body: unknown): number {
  const version = body && typeof body === 'object' ? Reflect.get(body, 'version') : undefined;
  return typeof version === 'number' ? version : 0;
}

/** What a write route of the API needs to know: its words, its schemas and its command. */
export type WriteRoute<Ids extends string[], T, C> = {
  tags: string[];
  summary: string;
  /** The URL's parameters after the partnership, handed to `run` by name. */
  ids: Ids;
  /** The command's input schema as the body; none for a DELETE. */
  body?: object;
  /** The schema of what a success answers (with `status`, 200 unless said); none answers 204. */
  answer?: object;
  status?: number;
  /** Who may call it; admins unless said. */
  roles?: readonly Role[];
  /** The command may refuse as things stand: 409 with its reason. */
  refusable?: boolean;
  /**
   * The command takes the version read: a stale one is 409 with the conflict's current version.
   * Written after `run`, so that the conflict's type is known from the command.
   */
  currentVersion?: (current: C) => number;
  run: (
    context: CommandContext,
    ids: Record<Ids[number], string>,
    body: unknown,
  ) => Promise<Result<T, C>>;
  /** The body to send from what the command made or changed; it may read more (a matrix). */
  send?: (value: T, request: FastifyRequest) => unknown;
};

/**
 * A write of the JSON API: the command's schema as the body, the command run with the request's
 * context, its result answered by `sendResult`, and the responses documented to match.
 */
export function writeRoute<const Ids extends string[], T, C = never>(
  app: FastifyInstance,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  spec: WriteRoute<Ids, T, C>,
): void {
  const { answer, currentVersion } = spec;
  const status = answer ? (spec.status ?? 200) : 204;
  app.route({
    method,
    url,
    config: { roles: spec.roles ?? ['admin'] },
    schema: {
      ...secured,
      tags: spec.tags,
      summary: spec.summary,
      params: paramsSchema(...spec.ids),
      ...(spec.body ? { body: spec.body } : {}),
      response: {
        [status]: answer ?? { type: 'null' },
        ...writeErrors,
        ...(currentVersion ? { 409: conflict } : spec.refusable ? { 409: error } : {}),
      },
    },
    handler: async (request, reply) => {
      const ids = Object.fromEntries(spec.ids.map((id) => [id, paramOf(request, id)]));
      const result = await spec.run(
        commandContext(request),
        ids as Record<Ids[number], string>,
        request.body,
      );
      const body =
        result.kind === 'ok' && spec.send ? await spec.send(result.value, request) : undefined;
      return sendResult(reply, result, () => body, {
        status,
        ...(currentVersion ? { sent: sentVersion(request.body), currentVersion } : {}),
      });
    },
  });
}
