import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFor, paramsSchema, tenantOf } from '../platform/web/request.js';
import {
  createOrganisation,
  editOrganisation,
  OrganisationRuleError,
  removeOrganisation,
} from './organisation-service.js';
import {
  badRequest,
  conflict,
  deleteRoute,
  error,
  readErrors,
  refuse,
  secured,
  stale,
  text,
  uuid,
  version,
  writeErrors,
} from '../platform/web/api-kit.js';
import {
  findOrganisation,
  listOrganisations,
  type OrganisationRow,
} from '../platform/directory/directory.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../platform/directory/directory.js';

const organisation = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    kind: { type: 'string', enum: ORGANISATION_KINDS },
    version: { type: 'integer' },
    memberCount: { type: 'integer' },
  },
} as const;

const organisationInput = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 160 },
    kind: { type: 'string', enum: ORGANISATION_KINDS },
    version: { ...version, description: 'Required when changing: the version you read' },
  },
} as const;

type OrganisationBody = { name: string; kind: OrganisationKind; version?: number };

const toOrganisation = (o: OrganisationRow) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  version: o.version,
  memberCount: o.member_count,
});

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership/organisations';
const ids = (request: FastifyRequest) => request.params as { organisationId: string };

/** The partnership's organisations. Reads for every member; writes for admins. */
export async function organisationsApi(app: FastifyInstance): Promise<void> {
  const tags = ['organisations'];

  app.get(
    P,
    {
      schema: {
        ...secured,
        tags,
        summary: 'Organisations in the partnership',
        params: paramsSchema(),
        response: { 200: { type: 'array', items: organisation }, ...readErrors },
      },
    },
    async (request) => (await listOrganisations(app.db, tenantOf(request))).map(toOrganisation),
  );

  app.post(
    P,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary: 'Add an organisation (admins). A name already in the partnership gets 409.',
        params: paramsSchema(),
        body: organisationInput,
        response: { 201: organisation, ...writeErrors, 409: error },
      },
    },
    async (request, reply) => {
      const body = request.body as OrganisationBody;
      const name = text(body.name);
      if (!name) return badRequest(reply, 'Enter the organisation’s name');
      try {
        const created = await createOrganisation(app.db, actorFor(request), tenantOf(request), {
          name,
          kind: body.kind,
        });
        return reply.code(201).send(toOrganisation(created));
      } catch (e) {
        if (e instanceof OrganisationRuleError) return refuse(reply, e.message);
        throw e;
      }
    },
  );

  app.get(
    `${P}/:organisationId`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'One organisation',
        params: paramsSchema('organisationId'),
        response: { 200: organisation, ...readErrors },
      },
    },
    async (request, reply) => {
      const found = await findOrganisation(app.db, tenantOf(request), ids(request).organisationId);
      return found ? toOrganisation(found) : reply.callNotFound();
    },
  );

  app.put(
    `${P}/:organisationId`,
    {
      config: ADMIN,
      schema: {
        ...secured,
        tags,
        summary:
          'Change an organisation (admins). Replaces every field; send the version you read, a stale one gets 409, and so does a name already in the partnership.',
        params: paramsSchema('organisationId'),
        body: { ...organisationInput, required: ['name', 'kind', 'version'] },
        response: { 200: organisation, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) => {
      const body = request.body as OrganisationBody & { version: number };
      const tenant = tenantOf(request);
      const { organisationId } = ids(request);
      const name = text(body.name);
      if (!name) return badRequest(reply, 'Enter the organisation’s name');
      try {
        const result = await editOrganisation(
          app.db,
          actorFor(request),
          tenant,
          organisationId,
          { name, kind: body.kind },
          body.version,
        );
        if (result.outcome === 'not-found') return reply.callNotFound();
        if (result.outcome === 'conflict')
          return stale(reply, body.version, result.current.version);
      } catch (e) {
        if (e instanceof OrganisationRuleError) return refuse(reply, e.message);
        throw e;
      }
      return toOrganisation((await findOrganisation(app.db, tenant, organisationId))!);
    },
  );

  deleteRoute(
    app,
    `${P}/:organisationId`,
    {
      tags,
      summary:
        'Delete an organisation (admins). Refused with 409 and the reason while an action names it as lead organisation or partner, or a person is recorded as part of it.',
      ids: ['organisationId'],
      refusedWith: OrganisationRuleError,
    },
    (actor, tenant, { organisationId }) =>
      removeOrganisation(app.db, actor, tenant, organisationId),
  );
}
