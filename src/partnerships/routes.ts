import type { FastifyInstance, FastifyReply } from 'fastify';
import { ROLE_LABELS } from '../platform/identity/types.js';
import { field, FormErrors } from '../platform/web/forms.js';
import { FORM } from '../platform/web/form-input.js';
import { actorFor, typed, userOf } from '../platform/web/request.js';
import { insertMembership } from './partnership-repository.js';
import { validatePartnership } from './partnership-rules.js';
import { createPartnership } from './partnership-service.js';
import { recordAudit } from '../platform/audit/record.js';

export async function partnershipRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  // The partnership switcher: every partnership the person belongs to.
  app.get('/partnerships', (request, reply) =>
    reply.page('partnerships/switch.njk', {
      title: 'Your partnerships',
      memberships: userOf(request).memberships,
      roleLabels: ROLE_LABELS,
    }),
  );

  const renderNew = (reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) =>
    reply.page(
      'partnerships/new.njk',
      {
        title: 'Create a partnership',
        values,
        backLink: '/partnerships',
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );

  app.get('/partnerships/new', (request, reply) =>
    userOf(request).isPlatformOwner ? renderNew(reply, {}) : reply.forbidden(),
  );

  app.post('/partnerships/new', { schema: { body: FORM } }, async (request, reply) => {
    const user = userOf(request);
    if (!user.isPlatformOwner) return reply.forbidden();
    const body = request.body;
    const values = {
      name: field(body, 'name'),
      localAuthority: field(body, 'localAuthority'),
      laCode: field(body, 'laCode'),
    };
    const errors = new FormErrors();
    validatePartnership(values, errors);
    if (errors.any) return renderNew(reply, values, errors);
    const actor = actorFor(request);
    const partnership = await app.db.transaction(async (tx) => {
      const created = await createPartnership(tx, actor, values);
      // The owner becomes its first admin so someone can add its people.
      await insertMembership(tx, { partnershipId: created.id, userId: user.id, role: 'admin' });
      await recordAudit(tx, actor, {
        partnershipId: created.id,
        entityType: 'person',
        entityId: user.id,
        action: 'add existing account',
        after: { role: 'admin' },
      });
      return created;
    });
    return reply
      .flash(`${partnership.name} has been created. You are its admin: add its people next.`)
      .redirect(`/p/${partnership.slug}`, 303);
  });
}
