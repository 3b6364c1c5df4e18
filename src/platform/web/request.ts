import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TObject, type TString } from 'typebox';
import type { CommandContext } from '../commands/result.js';
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

type ParamsSchema<Ids extends string[]> = TObject<
  { partnership: TString } & { [Id in Ids[number]]: TString }
>;
const paramsSchemas = new Map<string, TObject>();

/**
 * Route params schema: the partnership slug plus any ids, which must be UUIDs (else 404). Typed,
 * so a route's `request.params` has them. The same object for the same ids, so the validator is
 * compiled once, not once per route.
 */
export function paramsSchema<const Ids extends string[]>(...ids: Ids): ParamsSchema<Ids> {
  const key = ids.join(',');
  let schema = paramsSchemas.get(key);
  if (!schema) {
    schema = Type.Object({
      partnership: Type.String({ maxLength: 80 }),
      ...Object.fromEntries(ids.map((id) => [id, Type.String({ pattern: UUID })])),
    });
    paramsSchemas.set(key, schema);
  }
  return schema as ParamsSchema<Ids>;
}

/**
 * The app as routes see it: schemas are TypeBox, so `request.params`, `query` and `body` are
 * typed from them and need no casts. `withTypeProvider` returns the same instance.
 */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}
export type App = ReturnType<typeof typed>;

/** Who acts, where, on which database: what a command is given by a page or an API route. */
export function commandContext(request: FastifyRequest): CommandContext {
  return { db: request.server.db, actor: actorFor(request), tenant: tenantOf(request) };
}

/**
 * One route parameter by name, for code shared by routes with different parameters (the route's
 * schema has already checked it). A route's own handler reads `request.params` typed instead.
 */
export function paramOf(request: FastifyRequest, name: string): string {
  const params: unknown = request.params;
  const value: unknown =
    typeof params === 'object' && params !== null ? Reflect.get(params, name) : undefined;
  if (typeof value !== 'string') throw new Error(`${request.routeOptions.url} has no :${name}`);
  return value;
}
