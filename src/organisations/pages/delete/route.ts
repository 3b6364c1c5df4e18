import type { FastifyRequest } from 'fastify';
import Value from 'typebox/value';
import { RuleBroken } from '../../../platform/commands/result.js';
import { findOrganisation } from '../../../platform/directory/directory.js';
import { deleteRoutes } from '../../../platform/web/delete-page.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { actionNumber } from '../../../plans/index.js';
import { asRemoval, deleteOrganisation } from '../../commands/organisations.js';
import { findOrganisationUses } from '../../organisation-repository.js';
import { ORGANISATION_KIND_LABELS, organisationRemovalProblem } from '../../organisation-rules.js';
import { ADMIN, organisationsPath } from '../common.js';

const params = paramsSchema('organisationId');

/** The organisation named by the route (the kit's request is untyped: checked, not cast). */
const organisationIdOf = (request: FastifyRequest) =>
  Value.Check(params, request.params) ? request.params.organisationId : undefined;

// Deleting: a page that says what uses the organisation (nothing can be deleted then) or asks
// first; the POST goes through the same command as the API, so the rule and audit are the same.
export function deletePage(app: App): void {
  deleteRoutes(app, '/p/:partnership/organisations/:organisationId/delete', {
    options: { config: ADMIN, schema: { params } },
    load: async (request) => {
      const organisationId = organisationIdOf(request);
      const tenant = tenantOf(request);
      const organisation =
        organisationId && (await findOrganisation(app.db, tenant, organisationId));
      if (!organisationId || !organisation) return undefined;
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
      const back = `${organisationsPath(request)}/${organisation.id}`;
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
      asRemoval(deleteOrganisation(commandContext(request), organisation.id)),
    isRefusal: (error): error is RuleBroken => error instanceof RuleBroken,
    done: (request, { organisation }) => ({
      message: `${organisation.name} has been deleted.`,
      redirect: organisationsPath(request),
    }),
  });
}
