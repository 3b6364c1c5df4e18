import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field, FormErrors, isId, type FormBody } from '../platform/web/forms.js';
import { actorFor, paramsSchema, tenantOf } from '../platform/web/request.js';
import { findOrganisationUses, listOrganisationMembers } from './organisation-repository.js';
import {
  ORGANISATION_KIND_LABELS,
  organisationRemovalProblem,
  validateOrganisation,
} from './organisation-rules.js';
import {
  addMemberToOrganisation,
  createOrganisation,
  editOrganisation,
  OrganisationRuleError,
  removeMemberFromOrganisation,
  removeOrganisation,
} from './organisation-service.js';
import { actionNumber } from '../plans/index.js';
import { deleteRoutes } from '../platform/web/delete-page.js';
import { listMembers } from '../platform/directory/directory.js';
import { findOrganisation, listOrganisations } from '../platform/directory/directory.js';
import { ORGANISATION_KINDS } from '../platform/directory/directory.js';

const ADMIN = { roles: ['admin'] as const };
const kindItems = (selected?: string) =>
  ORGANISATION_KINDS.map((k) => ({
    value: k,
    text: ORGANISATION_KIND_LABELS[k],
    checked: k === selected,
  }));

export async function organisationRoutes(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/organisations`;

  app.get(
    '/p/:partnership/organisations',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const organisations = await listOrganisations(app.db, tenantOf(request));
      return reply.page('organisations/list.njk', {
        title: 'Organisations',
        organisations,
        kindLabels: ORGANISATION_KIND_LABELS,
      });
    },
  );

  const renderForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      'organisations/form.njk',
      {
        title: values.id ? `Change ${values.originalName}` : 'Add an organisation',
        values,
        kindItems: kindItems(values.kind as string),
        backLink: values.id ? `${base(request)}/${values.id}` : base(request),
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : status,
    );

  app.get(
    '/p/:partnership/organisations/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderForm(request, reply, {}),
  );

  app.post(
    '/p/:partnership/organisations/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const body = request.body as FormBody;
      const values = { name: field(body, 'name'), kind: field(body, 'kind') };
      const errors = new FormErrors();
      const input = validateOrganisation(values, errors);
      if (!input) return renderForm(request, reply, values, errors);
      try {
        const org = await createOrganisation(app.db, actorFor(request), tenantOf(request), input);
        return reply
          .flash(`${org.name} has been added.`)
          .redirect(`${base(request)}/${org.id}`, 303);
      } catch (error) {
        if (!(error instanceof OrganisationRuleError)) throw error;
        errors.add(error.field, error.message);
        return renderForm(request, reply, values, errors);
      }
    },
  );

  const renderShow = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
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
      'organisations/show.njk',
      {
        title: organisation.name,
        organisation,
        members,
        candidates,
        kindLabels: ORGANISATION_KIND_LABELS,
        backLink: base(request),
        ...extra,
      },
      status,
    );
  };

  app.get(
    '/p/:partnership/organisations/:organisationId',
    { schema: { params: paramsSchema('organisationId') } },
    (request, reply) =>
      renderShow(request, reply, (request.params as { organisationId: string }).organisationId),
  );

  app.get(
    '/p/:partnership/organisations/:organisationId/edit',
    { config: ADMIN, schema: { params: paramsSchema('organisationId') } },
    async (request, reply) => {
      const org = await findOrganisation(
        app.db,
        tenantOf(request),
        (request.params as { organisationId: string }).organisationId,
      );
      if (!org) return reply.callNotFound();
      return renderForm(request, reply, {
        id: org.id,
        originalName: org.name,
        name: org.name,
        kind: org.kind,
        version: org.version,
      });
    },
  );

  app.post(
    '/p/:partnership/organisations/:organisationId/edit',
    { config: ADMIN, schema: { params: paramsSchema('organisationId') } },
    async (request, reply) => {
      const { organisationId } = request.params as { organisationId: string };
      const tenant = tenantOf(request);
      const body = request.body as FormBody;
      const values = {
        id: organisationId,
        originalName: field(body, 'originalName'),
        name: field(body, 'name'),
        kind: field(body, 'kind'),
        version: field(body, 'version'),
      };
      const errors = new FormErrors();
      const input = validateOrganisation(values, errors);
      if (!input) return renderForm(request, reply, values, errors);
      try {
        const result = await editOrganisation(
          app.db,
          actorFor(request),
          tenant,
          organisationId,
          input,
          Number(values.version),
        );
        if (result.outcome === 'not-found') return reply.callNotFound();
        if (result.outcome === 'conflict') {
          return reply.page(
            'organisations/conflict.njk',
            {
              title: 'Someone else changed this organisation',
              current: result.current,
              yours: input,
              kindLabels: ORGANISATION_KIND_LABELS,
              backLink: `${base(request)}/${organisationId}`,
            },
            409,
          );
        }
        return reply
          .flash('Organisation saved.')
          .redirect(`${base(request)}/${organisationId}`, 303);
      } catch (error) {
        if (!(error instanceof OrganisationRuleError)) throw error;
        errors.add(error.field, error.message);
        return renderForm(request, reply, values, errors);
      }
    },
  );

  // Deleting: a page that says what uses the organisation (nothing can be deleted then) or asks
  // first; the POST goes through the same service as the API, so the rule and audit are the same.
  deleteRoutes(app, '/p/:partnership/organisations/:organisationId/delete', {
    options: { config: ADMIN, schema: { params: paramsSchema('organisationId') } },
    load: async (request) => {
      const { organisationId } = request.params as { organisationId: string };
      const tenant = tenantOf(request);
      const organisation = await findOrganisation(app.db, tenant, organisationId);
      if (!organisation) return undefined;
      return { organisation, uses: await findOrganisationUses(app.db, tenant, organisationId) };
    },
    problem: (_request, { organisation, uses }) =>
      organisationRemovalProblem(organisation.name, {
        leads: uses.leads.length,
        partners: uses.partners.length,
        members: uses.members.length,
      }),
    page: (request, { organisation, uses }, problem) => {
      const actions = (list: typeof uses.leads) =>
        list.map((a) => ({
          href: `/p/${tenantOf(request).slug}/plans/${a.plan_id}/actions/${a.id}`,
          text: `${actionNumber(a)} ${a.title} (${a.plan_title})`,
        }));
      const back = `${base(request)}/${organisation.id}`;
      return {
        title: problem ? `You cannot delete ${organisation.name}` : `Delete ${organisation.name}?`,
        what: organisation.name,
        summary: [
          ['Organisation', organisation.name],
          ['Kind', ORGANISATION_KIND_LABELS[organisation.kind]],
        ],
        goes: [],
        problem,
        uses: [
          { heading: 'Actions it leads', items: actions(uses.leads) },
          { heading: 'Actions it is a partner in', items: actions(uses.partners) },
          {
            heading: 'People recorded as part of it',
            items: uses.members.map((m) => ({
              href: `/p/${tenantOf(request).slug}/people/${m.id}`,
              text: m.name,
            })),
          },
        ],
        ...(uses.members.length
          ? {
              usesHint: {
                text: 'Remove people from the organisation on',
                href: back,
                linkText: 'its page',
              },
            }
          : {}),
        action: `${back}/delete`,
        buttonText: 'Delete organisation',
        backLink: back,
        backText: `Back to ${organisation.name}`,
      };
    },
    remove: (request, { organisation }) =>
      removeOrganisation(app.db, actorFor(request), tenantOf(request), organisation.id),
    isRefusal: (error): error is OrganisationRuleError => error instanceof OrganisationRuleError,
    done: (request, { organisation }) => ({
      message: `${organisation.name} has been deleted.`,
      redirect: base(request),
    }),
  });

  app.post(
    '/p/:partnership/organisations/:organisationId/members',
    { config: ADMIN, schema: { params: paramsSchema('organisationId') } },
    async (request, reply) => {
      const { organisationId } = request.params as { organisationId: string };
      const userId = field(request.body as FormBody, 'userId');
      try {
        if (!isId(userId))
          throw new OrganisationRuleError('userId', 'Select a person from the list');
        await addMemberToOrganisation(
          app.db,
          actorFor(request),
          tenantOf(request),
          organisationId,
          userId,
        );
        return reply
          .flash('Person added to the organisation.')
          .redirect(`${base(request)}/${organisationId}`, 303);
      } catch (error) {
        if (!(error instanceof OrganisationRuleError)) throw error;
        const errors = new FormErrors();
        errors.add('userId', error.message);
        return renderShow(request, reply, organisationId, errors.toView(), 400);
      }
    },
  );

  app.post(
    '/p/:partnership/organisations/:organisationId/members/:userId/remove',
    { config: ADMIN, schema: { params: paramsSchema('organisationId', 'userId') } },
    async (request, reply) => {
      const { organisationId, userId } = request.params as {
        organisationId: string;
        userId: string;
      };
      await removeMemberFromOrganisation(
        app.db,
        actorFor(request),
        tenantOf(request),
        organisationId,
        userId,
      );
      return reply
        .flash('Person removed from the organisation.')
        .redirect(`${base(request)}/${organisationId}`, 303);
    },
  );
}
