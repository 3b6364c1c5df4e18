import type { FastifyReply, FastifyRequest } from 'fastify';
import { listOrganisations } from '../../../platform/directory/directory.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, sendPageResult } from '../../../platform/web/form-input.js';
import { readPasswordForm } from '../../password-form.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { addPersonToPartnership } from '../../commands/people.js';
import { PersonInput } from '../../inputs.js';
import { ADMIN, peoplePath, roleItems } from '../common.js';

/** The page a new link is shown on, once: to add a person or for a new password. */
export const INVITATION_LINK_PAGE = 'people/pages/new/invitation-link.njk';

/** Adding a person to the partnership. */
export function newPersonPage(app: App): void {
  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) => {
    const organisations = await listOrganisations(app.db, tenantOf(request));
    return reply.page(
      'people/pages/new/new.njk',
      {
        title: 'Add a person',
        values,
        roleItems: roleItems(values.role),
        organisations,
        backLink: peoplePath(request),
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );
  };

  app.get(
    '/p/:partnership/people/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderNew(request, reply, { access: 'invite' }),
  );

  app.post(
    '/p/:partnership/people/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      // The password is taken as typed: readForm trims, a password is not trimmed.
      const form = readPasswordForm(PersonInput, request.body, ['password']);
      const values = { ...form.values };
      const result = await addPersonToPartnership(commandContext(request), form.input);
      switch (result.kind) {
        case 'ok': {
          const { userId, name, invitationToken } = result.value;
          if (invitationToken)
            return reply.page(INVITATION_LINK_PAGE, {
              title: 'Person added',
              name,
              link: `${app.config.baseUrl}/invitation/${invitationToken}`,
              personHref: `${peoplePath(request)}/${userId}`,
            });
          return reply
            .flash(`${name} has been added.`)
            .redirect(`${peoplePath(request)}/${userId}`, 303);
        }
        case 'invalid':
          return renderNew(request, reply, values, formErrors(form, result.problems));
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
