import type { FastifyRequest } from 'fastify';
import { actorOf, type Actor, type CurrentUser } from '../identity/types.js';
import type { Tenant } from '../tenancy/tenancy.js';

/** The admitted partnership of a partnership-scoped route (set by enforceTenancy). */
export function tenantOf(request: FastifyRequest): Tenant {
  if (!request.tenant) throw new Error(`${request.routeOptions.url} is not partnership-scoped`);
  return request.tenant;
}

export function userOf(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new Error('No signed-in user');
  return request.user;
}

export function actorFor(request: FastifyRequest): Actor {
  return actorOf(userOf(request), request.id);
}

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const paramsSchemas = new Map<string, object>();

/**
 * Route params schema: the partnership slug plus any ids, which must be UUIDs (else 404).
 * The same object for the same ids, so the validator is compiled once, not once per route.
 */
export function paramsSchema<const Ids extends string[]>(...ids: Ids) {
  const key = ids.join(',');
  const schema =
    paramsSchemas.get(key) ??
    ({
      type: 'object',
      properties: {
        partnership: { type: 'string', maxLength: 80 },
        ...Object.fromEntries(ids.map((id) => [id, { type: 'string', pattern: UUID }])),
      },
      required: ['partnership', ...ids],
    } as const);
  paramsSchemas.set(key, schema);
  return schema as {
    type: 'object';
    properties: { partnership: { type: 'string'; maxLength: 80 } } & Record<
      Ids[number],
      { type: 'string'; pattern: string }
    >;
    required: string[];
  };
}
