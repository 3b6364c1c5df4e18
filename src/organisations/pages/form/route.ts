import type { FastifyReply, FastifyRequest } from 'fastify';
import { findOrganisation } from '../../../platform/directory/directory.js';
import { field, type FormErrors } from '../../../platform/web/forms.js';
import {
  FORM,
  formErrors,
  readForm,
  sendPageResult,
  type ReadForm,
} from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import type { Invalid, Refused } from '../../../platform/commands/result.js';
import {
  addOrganisation,
  changeOrganisation,
  type OrganisationConflict,
} from '../../commands/organisations.js';
import { OrganisationChange, OrganisationInput } from '../../inputs.js';
import { ORGANISATION_KIND_LABELS } from '../../organisation-rules.js';
import { ADMIN, kindItems, organisationsPath } from '../common.js';

const renderForm = (
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, unknown>,
  errors?: FormErrors,
) =>
  reply.page(
    'organisations/pages/form/form.njk',
    {
      title: values.id ? `Change ${String(values.originalName)}` : 'Add an organisation',
      values,
      kindItems: kindItems(values.kind),
      backLink: values.id
        ? `${organisationsPath(request)}/${String(values.id)}`
        : organisationsPath(request),
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );

/**
 * A form's problems, with a refusal (a name already in the partnership: 409 in the API) shown
 * beside the name, as it always was.
 */
const errorsOf = (form: ReadForm, result: Invalid | Refused) =>
  formErrors(
    form,
    result.kind === 'invalid' ? result.problems : [{ field: 'name', text: result.message }],
  );

const renderConflict = (
  request: FastifyRequest,
  reply: FastifyReply,
  organisationId: string,
  { current, asked }: OrganisationConflict,
) =>
  reply.page(
    'organisations/pages/form/conflict.njk',
    {
      title: 'Someone else changed this organisation',
      current,
      yours: asked,
      kindLabels: ORGANISATION_KIND_LABELS,
      backLink: `${organisationsPath(request)}/${organisationId}`,
    },
    409,
  );

/** Adding an organisation, and changing its name and kind. */
export function formPages(app: App): void {
  app.get(
    '/p/:partnership/organisations/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderForm(request, reply, {}),
  );

  app.post(
    '/p/:partnership/organisations/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readForm(OrganisationInput, request.body);
      const result = await addOrganisation(commandContext(request), form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash(`${result.value.name} has been added.`)
            .redirect(`${organisationsPath(request)}/${result.value.id}`, 303);
        case 'invalid':
        case 'refused':
          return renderForm(request, reply, form.values, errorsOf(form, result));
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  app.get(
    '/p/:partnership/organisations/:organisationId/edit',
    { config: ADMIN, schema: { params: paramsSchema('organisationId') } },
    async (request, reply) => {
      const org = await findOrganisation(app.db, tenantOf(request), request.params.organisationId);
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
    { config: ADMIN, schema: { params: paramsSchema('organisationId'), body: FORM } },
    async (request, reply) => {
      const { organisationId } = request.params;
      const form = readForm(OrganisationChange, request.body);
      const values = {
        ...form.values,
        id: organisationId,
        originalName: field(request.body, 'originalName'),
      };
      const result = await changeOrganisation(commandContext(request), organisationId, form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Organisation saved.')
            .redirect(`${organisationsPath(request)}/${organisationId}`, 303);
        case 'invalid':
        case 'refused':
          return renderForm(request, reply, values, errorsOf(form, result));
        case 'conflict':
          return renderConflict(request, reply, organisationId, result.current);
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
