import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { ROLES } from '../auth/types.js';
import { actorFor, paramsSchema, tenantOf, userOf } from '../web/request.js';
import { findMember, listMembers, type MemberRow } from '../people/people-repository.js';
import {
  findOrganisation,
  listOrganisations,
  type OrganisationRow,
} from '../organisations/organisation-repository.js';
import { ORGANISATION_KINDS } from '../organisations/organisation-rules.js';
import {
  createOrganisation,
  editOrganisation,
  OrganisationRuleError,
} from '../organisations/organisation-service.js';
import { partnershipOverview } from '../partnerships/overview-repository.js';
import { planningApi } from './plans-api.js';
import { indicatorsApi } from '../indicators/indicators-api.js';

const error = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
} as const;
const membership = {
  type: 'object',
  properties: {
    partnershipId: { type: 'string', format: 'uuid' },
    slug: { type: 'string' },
    partnershipName: { type: 'string' },
    role: { type: 'string', enum: ROLES },
  },
} as const;
const organisation = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    kind: { type: 'string', enum: ORGANISATION_KINDS },
    version: { type: 'integer' },
    memberCount: { type: 'integer' },
  },
} as const;
const person = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    disabled: { type: 'boolean' },
    organisations: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    },
  },
} as const;
const organisationInput = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 160 },
    kind: { type: 'string', enum: ORGANISATION_KINDS },
    version: { type: 'integer' },
  },
} as const;

const toOrganisation = (o: OrganisationRow) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  version: o.version,
  memberCount: o.member_count,
});
const toPerson = (p: MemberRow) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  role: p.role,
  disabled: Boolean(p.disabled_at),
  organisations: p.organisations,
});
const secured = { security: [{ bearerAuth: [] }] };

/** JSON API for integrations: personal API tokens, the same roles and tenancy as the pages. */
export async function apiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sendboard API',
        version: '1.0.0',
        description:
          'Read and change a local area SEND partnership’s data. Authenticate with a personal API token: `Authorization: Bearer <token>`.',
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
              id: { type: 'string' },
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
          404: error,
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

  app.get(
    '/partnerships/:partnership/organisations',
    {
      schema: {
        ...secured,
        tags: ['organisations'],
        summary: 'Organisations in the partnership',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: organisation }, 404: error },
      },
    },
    async (request) => (await listOrganisations(app.db, tenantOf(request))).map(toOrganisation),
  );

  app.post(
    '/partnerships/:partnership/organisations',
    {
      config: { roles: ['admin'] },
      schema: {
        ...secured,
        tags: ['organisations'],
        summary: 'Add an organisation (admins)',
        params: paramsSchema(),
        body: organisationInput,
        response: { 201: organisation, 400: error, 403: error, 404: error, 409: error },
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; kind: (typeof ORGANISATION_KINDS)[number] };
      try {
        const created = await createOrganisation(app.db, actorFor(request), tenantOf(request), {
          name: body.name.trim(),
          kind: body.kind,
        });
        return reply.code(201).send(toOrganisation(created));
      } catch (e) {
        if (e instanceof OrganisationRuleError)
          return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: e.message });
        throw e;
      }
    },
  );

  app.get(
    '/partnerships/:partnership/organisations/:organisationId',
    {
      schema: {
        ...secured,
        tags: ['organisations'],
        summary: 'One organisation',
        params: paramsSchema('organisationId'),
        response: { 200: organisation, 404: error },
      },
    },
    async (request, reply) => {
      const found = await findOrganisation(
        app.db,
        tenantOf(request),
        (request.params as { organisationId: string }).organisationId,
      );
      return found ? toOrganisation(found) : reply.callNotFound();
    },
  );

  app.put(
    '/partnerships/:partnership/organisations/:organisationId',
    {
      config: { roles: ['admin'] },
      schema: {
        ...secured,
        tags: ['organisations'],
        summary:
          'Change an organisation (admins). Send the version you read; a stale version gets 409.',
        params: paramsSchema('organisationId'),
        body: { ...organisationInput, required: ['name', 'kind', 'version'] },
        response: { 200: organisation, 400: error, 403: error, 404: error, 409: error },
      },
    },
    async (request, reply) => {
      const { organisationId } = request.params as { organisationId: string };
      const body = request.body as {
        name: string;
        kind: (typeof ORGANISATION_KINDS)[number];
        version: number;
      };
      try {
        const result = await editOrganisation(
          app.db,
          actorFor(request),
          tenantOf(request),
          organisationId,
          { name: body.name.trim(), kind: body.kind },
          body.version,
        );
        if (result.outcome === 'not-found') return reply.callNotFound();
        if (result.outcome === 'conflict')
          return reply.code(409).send({
            statusCode: 409,
            error: 'Conflict',
            message: `Changed by someone else since version ${body.version}; now at version ${result.current.version}`,
          });
        return toOrganisation((await findOrganisation(app.db, tenantOf(request), organisationId))!);
      } catch (e) {
        if (e instanceof OrganisationRuleError)
          return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: e.message });
        throw e;
      }
    },
  );

  app.get(
    '/partnerships/:partnership/people',
    {
      schema: {
        ...secured,
        tags: ['people'],
        summary: 'People in the partnership',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: person }, 404: error },
      },
    },
    async (request) => (await listMembers(app.db, tenantOf(request))).map(toPerson),
  );

  app.get(
    '/partnerships/:partnership/people/:userId',
    {
      schema: {
        ...secured,
        tags: ['people'],
        summary: 'One person',
        params: paramsSchema('userId'),
        response: { 200: person, 404: error },
      },
    },
    async (request, reply) => {
      const found = await findMember(
        app.db,
        tenantOf(request),
        (request.params as { userId: string }).userId,
      );
      return found ? toPerson(found) : reply.callNotFound();
    },
  );

  // Inspections, plans, actions, progress and the actions tracker downloads.
  await app.register(planningApi);
  // Performance indicators (read-only).
  await app.register(indicatorsApi);
}
