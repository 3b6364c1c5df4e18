import type { FastifyInstance } from 'fastify';
import { commandContext, paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import {
  conflict,
  deleteRoute,
  error,
  readErrors,
  secured,
  sendResult,
  uuid,
  writeErrors,
} from '../platform/web/api-kit.js';
import { RuleBroken } from '../platform/commands/result.js';
import {
  findOrganisation,
  listOrganisations,
  ORGANISATION_KINDS,
  type OrganisationRow,
} from '../platform/directory/directory.js';
import {
  addOrganisation,
  asRemoval,
  changeOrganisation,
  deleteOrganisation,
} from './commands/organisations.js';
import { OrganisationChange, OrganisationInput } from './inputs.js';

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

const toOrganisation = (o: OrganisationRow) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  version: o.version,
  memberCount: o.member_count,
});

const ADMIN = { roles: ['admin'] as const };
const P = '/partnerships/:partnership/organisations';

/** The partnership's organisations. Reads for every member; writes for admins. */
export async function organisationsApi(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
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
        body: OrganisationInput,
        response: { 201: organisation, ...writeErrors, 409: error },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await addOrganisation(commandContext(request), request.body),
        toOrganisation,
        {
          status: 201,
        },
      ),
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
      const found = await findOrganisation(
        app.db,
        tenantOf(request),
        request.params.organisationId,
      );
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
        body: OrganisationChange,
        response: { 200: organisation, ...writeErrors, 409: conflict },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await changeOrganisation(
          commandContext(request),
          request.params.organisationId,
          request.body,
        ),
        toOrganisation,
        { sent: request.body.version, currentVersion: (c) => c.current.version },
      ),
  );

  deleteRoute(
    app,
    `${P}/:organisationId`,
    {
      tags,
      summary:
        'Delete an organisation (admins). Refused with 409 and the reason while an action names it as lead organisation or partner, or a person is recorded as part of it.',
      ids: ['organisationId'],
      refusedWith: RuleBroken,
    },
    (actor, tenant, { organisationId }) =>
      asRemoval(deleteOrganisation({ db: app.db, actor, tenant }, organisationId)),
  );
}
