import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_HINTS, ROLE_LABELS, ROLES, type Role } from '../platform/identity/types.js';
import {
  field,
  FormErrors,
  optionalId,
  requireChoice,
  requireEmail,
  requireText,
  type FormBody,
} from '../platform/web/forms.js';
import { actorFor, paramsSchema, tenantOf } from '../platform/web/request.js';
import { validateNewPassword, validatePersonDetails } from './people-rules.js';
import {
  accountChangeProblem,
  addPerson,
  changeDetails,
  changeRole,
  PeopleRuleError,
  reissueInvitation,
  setDisabled,
} from './people-service.js';
import { renderConflict } from '../platform/web/conflict.js';
import { findMember, listMembers, type MemberRow } from '../platform/directory/directory.js';
import { listOrganisations } from '../platform/directory/directory.js';

const ADMIN = { roles: ['admin'] as const };
const roleItems = (selected?: string) =>
  ROLES.map((r) => ({
    value: r,
    text: ROLE_LABELS[r],
    hint: { text: ROLE_HINTS[r] },
    checked: r === selected,
  }));

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/people`;

  app.get(
    '/p/:partnership/people',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const people = await listMembers(app.db, tenantOf(request));
      return reply.page('people/list.njk', { title: 'People', people, roleLabels: ROLE_LABELS });
    },
  );

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FormErrors,
  ) => {
    const organisations = await listOrganisations(app.db, tenantOf(request));
    return reply.page(
      'people/new.njk',
      {
        title: 'Add a person',
        values,
        roleItems: roleItems(values.role),
        organisations,
        backLink: base(request),
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
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const body = request.body as FormBody;
      const values = {
        name: field(body, 'name'),
        email: field(body, 'email'),
        role: field(body, 'role'),
        organisationId: field(body, 'organisationId'),
        access: field(body, 'access'),
      };
      const password = typeof body?.password === 'string' ? body.password : '';
      const errors = new FormErrors();
      requireText(errors, 'name', values.name, { label: 'their full name', max: 120 });
      requireEmail(errors, 'email', values.email);
      optionalId(
        errors,
        'organisationId',
        values.organisationId,
        'Select an organisation from the list',
      );
      const role = requireChoice(
        errors,
        'role',
        values.role,
        ROLES,
        'Select their role in this partnership',
      );
      const access = requireChoice(
        errors,
        'access',
        values.access,
        ['invite', 'password'] as const,
        'Select how they will get into Sendboard',
      );
      if (access === 'password')
        validateNewPassword(
          errors,
          password,
          password,
          { email: values.email },
          { password: 'password', confirm: 'password' },
        );
      if (errors.any || !role) return renderNew(request, reply, values, errors);
      try {
        const tenant = tenantOf(request);
        const result = await addPerson(app.db, actorFor(request), tenant, {
          name: values.name,
          email: values.email,
          role,
          organisationId: values.organisationId || undefined,
          password: access === 'password' ? password : undefined,
        });
        if (result.invitationToken) {
          return reply.page('people/invitation-link.njk', {
            title: 'Person added',
            name: values.name,
            link: `${app.config.baseUrl}/invitation/${result.invitationToken}`,
            personHref: `${base(request)}/${result.userId}`,
          });
        }
        return reply
          .flash(`${values.name} has been added.`)
          .redirect(`${base(request)}/${result.userId}`, 303);
      } catch (error) {
        if (!(error instanceof PeopleRuleError)) throw error;
        errors.add(error.field, error.message);
        return renderNew(request, reply, values, errors);
      }
    },
  );

  const renderPerson = async (
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const person = await findMember(app.db, tenantOf(request), userId);
    if (!person) return reply.callNotFound();
    return reply.page(
      'people/show.njk',
      {
        title: person.name,
        person,
        roleLabels: ROLE_LABELS,
        roleItems: roleItems(person.role),
        backLink: base(request),
        ...extra,
      },
      status,
    );
  };

  app.get(
    '/p/:partnership/people/:userId',
    { schema: { params: paramsSchema('userId') } },
    (request, reply) => renderPerson(request, reply, (request.params as { userId: string }).userId),
  );

  app.post(
    '/p/:partnership/people/:userId/role',
    { config: ADMIN, schema: { params: paramsSchema('userId') } },
    async (request, reply) => {
      const { userId } = request.params as { userId: string };
      const body = request.body as FormBody;
      const errors = new FormErrors();
      const role = requireChoice(errors, 'role', field(body, 'role'), ROLES, 'Select a role');
      const version = Number(field(body, 'version'));
      if (!role) return renderPerson(request, reply, userId, errors.toView(), 400);
      try {
        const result = await changeRole(
          app.db,
          actorFor(request),
          tenantOf(request),
          userId,
          role,
          version,
        );
        if (result.outcome === 'not-found') return reply.callNotFound();
        if (result.outcome === 'conflict') {
          return reply.page(
            'people/role-conflict.njk',
            {
              title: 'Someone else changed this person',
              person: result.current,
              yourRole: role as Role,
              roleLabels: ROLE_LABELS,
              backLink: `${base(request)}/${userId}`,
            },
            409,
          );
        }
        return reply
          .flash(`Role changed to ${ROLE_LABELS[role]}.`)
          .redirect(`${base(request)}/${userId}`, 303);
      } catch (error) {
        if (!(error instanceof PeopleRuleError)) throw error;
        errors.add('role', error.message);
        return renderPerson(request, reply, userId, errors.toView(), 400);
      }
    },
  );

  // Name and email belong to the account, which may be shared with other partnerships: the page
  // explains, and offers no form, when this partnership's admin may not change them.
  const renderDetails = async (
    request: FastifyRequest,
    reply: FastifyReply,
    member: MemberRow,
    values: Record<string, string>,
    errors?: FormErrors,
  ) => {
    const problem = await accountChangeProblem(app.db, tenantOf(request), member);
    return reply.page(
      'people/details.njk',
      {
        title: problem
          ? `You cannot change ${member.name}’s name or email address`
          : 'Change name and email address',
        person: member,
        values,
        problem,
        backLink: `${base(request)}/${member.id}`,
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
      const { userId } = request.params as { userId: string };
      const member = await findMember(app.db, tenantOf(request), userId);
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
    { config: ADMIN, schema: { params: paramsSchema('userId') } },
    async (request, reply) => {
      const { userId } = request.params as { userId: string };
      const tenant = tenantOf(request);
      const body = request.body as FormBody;
      const values = {
        name: field(body, 'name'),
        email: field(body, 'email'),
        version: field(body, 'version'),
      };
      const member = await findMember(app.db, tenant, userId);
      if (!member) return reply.callNotFound();
      const errors = new FormErrors();
      const details = validatePersonDetails(values, errors);
      if (!details) return renderDetails(request, reply, member, values, errors);
      const personPath = `${base(request)}/${userId}`;
      try {
        const result = await changeDetails(
          app.db,
          actorFor(request),
          tenant,
          userId,
          details,
          Number(values.version),
        );
        if (result.outcome === 'not-found') return reply.callNotFound();
        if (result.outcome === 'conflict') {
          const current = result.current;
          return renderConflict(reply, {
            what: 'person',
            rows: [
              ['Full name', current.name, details.name],
              ['Email address', current.email, details.email],
            ],
            retryAction: `${personPath}/details`,
            retryFields: { ...details, version: String(current.account_version) },
            backLink: personPath,
          });
        }
        const message =
          result.outcome === 'unchanged'
            ? 'Nothing was changed: the name and email address were already those.'
            : `Name and email address saved: ${details.name}, ${details.email}.`;
        return reply.flash(message).redirect(personPath, 303);
      } catch (error) {
        if (!(error instanceof PeopleRuleError)) throw error;
        if (error.field === 'details')
          return renderDetails(
            request,
            reply,
            (await findMember(app.db, tenant, userId)) ?? member,
            values,
          );
        errors.add(error.field, error.message);
        return renderDetails(request, reply, member, values, errors);
      }
    },
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/p/:partnership/people/:userId/${action}`,
      { config: ADMIN, schema: { params: paramsSchema('userId') } },
      async (request, reply) => {
        const { userId } = request.params as { userId: string };
        try {
          const person = await setDisabled(
            app.db,
            actorFor(request),
            tenantOf(request),
            userId,
            disabled,
          );
          if (!person) return reply.callNotFound();
          const message = disabled
            ? `${person.name} has been disabled and signed out everywhere.`
            : `${person.name} can sign in again.`;
          return reply.flash(message).redirect(`${base(request)}/${userId}`, 303);
        } catch (error) {
          if (!(error instanceof PeopleRuleError)) throw error;
          const errors = new FormErrors();
          errors.add(error.field, error.message);
          return renderPerson(request, reply, userId, errors.toView(), 400);
        }
      },
    );
  }

  app.post(
    '/p/:partnership/people/:userId/password-link',
    { config: ADMIN, schema: { params: paramsSchema('userId') } },
    async (request, reply) => {
      const { userId } = request.params as { userId: string };
      let token: string | undefined;
      try {
        token = await reissueInvitation(app.db, actorFor(request), tenantOf(request), userId);
      } catch (error) {
        if (!(error instanceof PeopleRuleError)) throw error;
        const errors = new FormErrors();
        errors.add(error.field, error.message);
        return renderPerson(request, reply, userId, errors.toView(), 400);
      }
      if (!token) return reply.callNotFound();
      const person = await findMember(app.db, tenantOf(request), userId);
      return reply.page('people/invitation-link.njk', {
        title: 'New password link',
        name: person?.name,
        link: `${app.config.baseUrl}/invitation/${token}`,
        personHref: `${base(request)}/${userId}`,
        reissued: true,
      });
    },
  );
}
