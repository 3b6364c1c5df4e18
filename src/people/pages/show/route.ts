import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../../platform/commands/result.js';
import { findMember } from '../../../platform/directory/directory.js';
import { ROLE_LABELS } from '../../../platform/identity/types.js';
import { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { changePersonRole, newPasswordLink, setPersonDisabled } from '../../commands/people.js';
import { RoleChange } from '../../inputs.js';
import { INVITATION_LINK_PAGE } from '../new/route.js';
import { ADMIN, peoplePath, roleItems } from '../common.js';

const personParams = { params: paramsSchema('userId') };

/** A person's page: their role, access and organisations, with an admin's buttons. */
async function renderPerson(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const person = await findMember(app.db, tenantOf(request), userId);
  if (!person) return reply.callNotFound();
  return reply.page(
    'people/pages/show/show.njk',
    {
      title: person.name,
      person,
      roleLabels: ROLE_LABELS,
      roleItems: roleItems(person.role),
      backLink: peoplePath(request),
      ...extra,
    },
    status,
  );
}

/** A refusal shown beside the button that asked for it. */
const refusalView = (problems: readonly FieldProblem[]) => {
  const errors = new FormErrors();
  for (const p of problems) errors.add(p.field, p.text);
  return errors.toView();
};

/** A person's page, and what an admin does there: role, access, a new password link. */
export function showPage(app: App): void {
  app.get('/p/:partnership/people/:userId', { schema: personParams }, (request, reply) =>
    renderPerson(app, request, reply, request.params.userId),
  );

  app.post(
    '/p/:partnership/people/:userId/role',
    { config: ADMIN, schema: { ...personParams, body: FORM } },
    async (request, reply) => {
      const { userId } = request.params;
      const form = readForm(RoleChange, request.body);
      const result = await changePersonRole(commandContext(request), userId, form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash(`Role changed to ${ROLE_LABELS[result.value.role]}.`)
            .redirect(`${peoplePath(request)}/${userId}`, 303);
        case 'invalid':
          return renderPerson(
            app,
            request,
            reply,
            userId,
            formErrors(form, result.problems).toView(),
            400,
          );
        case 'conflict':
          return reply.page(
            'people/pages/show/role-conflict.njk',
            {
              title: 'Someone else changed this person',
              person: result.current,
              yourRole: form.input.role,
              roleLabels: ROLE_LABELS,
              backLink: `${peoplePath(request)}/${userId}`,
            },
            409,
          );
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/p/:partnership/people/:userId/${action}`,
      { config: ADMIN, schema: personParams },
      async (request, reply) => {
        const { userId } = request.params;
        const result = await setPersonDisabled(commandContext(request), userId, disabled);
        switch (result.kind) {
          case 'ok': {
            const message = disabled
              ? `${result.value.name} has been disabled and signed out everywhere.`
              : `${result.value.name} can sign in again.`;
            return reply.flash(message).redirect(`${peoplePath(request)}/${userId}`, 303);
          }
          case 'invalid':
            return renderPerson(app, request, reply, userId, refusalView(result.problems), 400);
          default:
            return sendPageResult(reply, result);
        }
      },
    );
  }

  app.post(
    '/p/:partnership/people/:userId/password-link',
    { config: ADMIN, schema: personParams },
    async (request, reply) => {
      const { userId } = request.params;
      const result = await newPasswordLink(commandContext(request), userId);
      switch (result.kind) {
        case 'ok':
          return reply.page(INVITATION_LINK_PAGE, {
            title: 'New password link',
            name: result.value.name,
            link: `${app.config.baseUrl}/invitation/${result.value.token}`,
            personHref: `${peoplePath(request)}/${userId}`,
            reissued: true,
          });
        case 'invalid':
          return renderPerson(app, request, reply, userId, refusalView(result.problems), 400);
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
