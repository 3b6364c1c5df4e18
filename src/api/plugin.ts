import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { ROLES } from '../platform/identity/types.js';
import { paramsSchema, tenantOf, userOf } from '../platform/web/request.js';
import { partnershipOverview } from '../overview/index.js';
import { indicatorsApi } from '../performance/indicators/index.js';
import { error, prepareApiScope, readErrors, secured, uuid } from '../platform/web/api-kit.js';
import { organisationsApi } from '../organisations/index.js';
import { peopleApi } from '../people/index.js';
import { inspectionsApi } from '../inspections/index.js';
import { plansApi } from '../plans/index.js';
import { progressApi } from '../progress/index.js';
import { keyDatesApi } from '../deadlines/index.js';
import { risksApi } from '../risks/index.js';
import { governanceApi } from '../governance/index.js';
import { reportsApi } from '../reports/index.js';

const membership = {
  type: 'object',
  properties: {
    partnershipId: uuid,
    slug: { type: 'string' },
    partnershipName: { type: 'string' },
    role: { type: 'string', enum: ROLES },
  },
} as const;

/** Who the token belongs to and the partnerships they belong to. */
async function accountApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/me',
    {
      schema: {
        ...secured,
        tags: ['account'],
        summary: 'The person the token belongs to',
        response: {
          200: {
            type: 'object',
            properties: {
              id: uuid,
              name: { type: 'string' },
              email: { type: 'string' },
              isPlatformOwner: { type: 'boolean' },
              memberships: { type: 'array', items: membership },
            },
          },
          401: error,
        },
      },
    },
    (request) => {
      const { id, name, email, isPlatformOwner, memberships } = userOf(request);
      return { id, name, email, isPlatformOwner, memberships };
    },
  );

  app.get(
    '/partnerships',
    {
      schema: {
        ...secured,
        tags: ['partnerships'],
        summary: 'Partnerships you belong to',
        response: { 200: { type: 'array', items: membership }, 401: error },
      },
    },
    (request) => userOf(request).memberships,
  );

  app.get(
    '/partnerships/:partnership',
    {
      schema: {
        ...secured,
        tags: ['partnerships'],
        summary: 'One partnership',
        params: paramsSchema(),
        response: {
          200: {
            type: 'object',
            properties: {
              slug: { type: 'string' },
              name: { type: 'string' },
              localAuthority: { type: 'string' },
              laCode: { type: 'string' },
              people: { type: 'integer' },
              organisations: { type: 'integer' },
            },
          },
          ...readErrors,
        },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      const o = await partnershipOverview(app.db, tenant);
      return {
        slug: tenant.slug,
        name: o.name,
        localAuthority: o.local_authority,
        laCode: o.la_code,
        people: o.people,
        organisations: o.organisations,
      };
    },
  );
}

/** JSON API for integrations: personal API tokens, the same roles and tenancy as the pages. */
export async function apiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sendboard API',
        version: '1.0.0',
        description:
          'Read and change a local area SEND partnership’s data. Authenticate with a personal API token: `Authorization: Bearer <token>`. Requests are checked strictly: a property an endpoint does not take, or a value of the wrong JSON type (the string "1" where a number is expected), is refused with 400 and a message naming it; nothing is silently dropped or converted.',
      },
      servers: [{ url: app.config.baseUrl }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A personal API token from Your account → API tokens, or `sendboard token create`',
          },
        },
      },
    },
  });

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () =>
    app.swagger(),
  );

  // Every route below in one scope: strict validation (unknown properties and wrongly typed
  // values are a 400, never dropped or coerced) and the tenancy check before it.
  await app.register(async (api) => {
    prepareApiScope(api);
    await api.register(accountApi);
    await api.register(organisationsApi);
    await api.register(peopleApi);
    await api.register(inspectionsApi);
    // Plans, priorities, actions, success measures and the actions tracker downloads.
    await api.register(plansApi);
    await api.register(progressApi);
    await api.register(keyDatesApi);
    await api.register(risksApi);
    // Boards, their members and meetings, and what each meeting records.
    await api.register(governanceApi);
    await api.register(reportsApi);
  });
  // Performance indicators, strict in a scope of their own.
  await app.register(indicatorsApi);
}
