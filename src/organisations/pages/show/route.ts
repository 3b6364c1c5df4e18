import type { FastifyReply, FastifyRequest } from 'fastify';
import { findOrganisation, listMembers } from '../../../platform/directory/directory.js';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { addMember, removeMember } from '../../commands/organisations.js';
import { OrganisationMemberInput } from '../../inputs.js';
import { listOrganisationMembers } from '../../organisation-repository.js';
import { ORGANISATION_KIND_LABELS } from '../../organisation-rules.js';
import { ADMIN, organisationsPath } from '../common.js';

/** One organisation: its people, and for an admin the current members who could join it. */
async function renderShow(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const tenant = tenantOf(request);
  const organisation = await findOrganisation(app.db, tenant, id);
  if (!organisation) return reply.callNotFound();
  const [members, people] = await Promise.all([
    listOrganisationMembers(app.db, tenant, id),
    tenant.role === 'admin' ? listMembers(app.db, tenant) : [],
  ]);
  const memberIds = new Set(members.map((m) => m.id));
  const candidates = people.filter((p) => !memberIds.has(p.id) && !p.disabled_at);
  return reply.page(
    'organisations/pages/show/show.njk',
    {
      title: organisation.name,
      organisation,
      members,
      candidates,
      kindLabels: ORGANISATION_KIND_LABELS,
      backLink: organisationsPath(request),
      ...extra,
    },
    status,
  );
}

/** An organisation's page, and adding people to it and taking them out. */
export function showPage(app: App): void {
  app.get(
    '/p/:partnership/organisations/:organisationId',
    { schema: { params: paramsSchema('organisationId') } },
    (request, reply) => renderShow(app, request, reply, request.params.organisationId),
  );

  app.post(
    '/p/:partnership/organisations/:organisationId/members',
    { config: ADMIN, schema: { params: paramsSchema('organisationId'), body: FORM } },
    async (request, reply) => {
      const { organisationId } = request.params;
      const form = readForm(OrganisationMemberInput, request.body);
      const result = await addMember(commandContext(request), organisationId, form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Person added to the organisation.')
            .redirect(`${organisationsPath(request)}/${organisationId}`, 303);
        case 'invalid':
          return renderShow(
            app,
            request,
            reply,
            organisationId,
            formErrors(form, result.problems).toView(),
            400,
          );
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  app.post(
    '/p/:partnership/organisations/:organisationId/members/:userId/remove',
    { config: ADMIN, schema: { params: paramsSchema('organisationId', 'userId') } },
    async (request, reply) => {
      const { organisationId, userId } = request.params;
      const result = await removeMember(commandContext(request), organisationId, userId);
      if (result.kind !== 'ok') return sendPageResult(reply, result);
      return reply
        .flash('Person removed from the organisation.')
        .redirect(`${organisationsPath(request)}/${organisationId}`, 303);
    },
  );
}
