import type { FastifyReply } from 'fastify';
import type { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import { actorFor, userOf, type App } from '../../../platform/web/request.js';
import { createPartnershipAsOwner } from '../../commands/partnerships.js';
import { PartnershipInput } from '../../inputs.js';

const renderNew = (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) =>
  reply.page(
    'partnerships/pages/new/new.njk',
    {
      title: 'Create a partnership',
      values,
      backLink: '/partnerships',
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );

/** A platform owner creates a partnership, and becomes its admin. */
export function newPartnershipPage(app: App): void {
  app.get('/partnerships/new', (request, reply) =>
    userOf(request).isPlatformOwner ? renderNew(reply, {}) : reply.forbidden(),
  );

  app.post('/partnerships/new', { schema: { body: FORM } }, async (request, reply) => {
    const form = readForm(PartnershipInput, request.body);
    const context = { db: app.db, actor: actorFor(request) };
    const result = await createPartnershipAsOwner(context, userOf(request), form.input);
    switch (result.kind) {
      case 'ok':
        return reply
          .flash(`${result.value.name} has been created. You are its admin: add its people next.`)
          .redirect(`/p/${result.value.slug}`, 303);
      case 'invalid':
        return renderNew(reply, form.values, formErrors(form, result.problems));
      default:
        return sendPageResult(reply, result);
    }
  });
}
