import type { FastifyReply, FastifyRequest } from 'fastify';
import { findMember, type MemberRow } from '../../../platform/directory/directory.js';
import { renderConflict } from '../../../platform/web/conflict.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { changePersonDetails } from '../../commands/people.js';
import { PersonChange } from '../../inputs.js';
import { accountChangeProblem } from '../../people-service.js';
import { ADMIN, peoplePath } from '../common.js';

// Name and email belong to the account, which may be shared with other partnerships: the page
// explains, and offers no form, when this partnership's admin may not change them.
export function detailsPage(app: App): void {
  const renderDetails = async (
    request: FastifyRequest,
    reply: FastifyReply,
    member: MemberRow,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) => {
    const problem = await accountChangeProblem(app.db, tenantOf(request), member);
    return reply.page(
      'people/pages/details/details.njk',
      {
        title: problem
          ? `You cannot change ${member.name}’s name or email address`
          : 'Change name and email address',
        person: member,
        values,
        problem,
        backLink: `${peoplePath(request)}/${member.id}`,
        // The refusal outranks mistakes in a form that is not shown.
        ...(problem ? {} : (errors?.toView() ?? {})),
      },
      problem ? (request.method === 'POST' ? 409 : 200) : errors ? 400 : 200,
    );
  };

  app.get(
    '/p/:partnership/people/:userId/details',
    { config: ADMIN, schema: { params: paramsSchema('userId') } },
    async (request, reply) => {
      const member = await findMember(app.db, tenantOf(request), request.params.userId);
      if (!member) return reply.callNotFound();
      return renderDetails(request, reply, member, {
        name: member.name,
        email: member.email,
        version: String(member.account_version),
      });
    },
  );

  app.post(
    '/p/:partnership/people/:userId/details',
    { config: ADMIN, schema: { params: paramsSchema('userId'), body: FORM } },
    async (request, reply) => {
      const { userId } = request.params;
      const tenant = tenantOf(request);
      const member = await findMember(app.db, tenant, userId);
      if (!member) return reply.callNotFound();
      const form = readForm(PersonChange, request.body);
      const result = await changePersonDetails(commandContext(request), userId, form.input);
      const personPath = `${peoplePath(request)}/${userId}`;
      switch (result.kind) {
        case 'ok': {
          const { name, email, unchanged } = result.value;
          const message = unchanged
            ? 'Nothing was changed: the name and email address were already those.'
            : `Name and email address saved: ${name}, ${email}.`;
          return reply.flash(message).redirect(personPath, 303);
        }
        case 'invalid':
          return renderDetails(
            request,
            reply,
            member,
            form.values,
            formErrors(form, result.problems),
          );
        // An account shared beyond this partnership: the page explains, with no form.
        case 'refused':
          return renderDetails(
            request,
            reply,
            (await findMember(app.db, tenant, userId)) ?? member,
            form.values,
          );
        case 'conflict': {
          const { current, asked } = result.current;
          return renderConflict(reply, {
            what: 'person',
            rows: [
              ['Full name', current.name, asked.name],
              ['Email address', current.email, asked.email],
            ],
            retryAction: `${personPath}/details`,
            retryFields: { ...asked, version: String(current.account_version) },
            backLink: personPath,
          });
        }
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
