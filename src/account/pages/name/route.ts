import type { FastifyReply } from 'fastify';
import { findUserById } from '../../../platform/identity/identity-repository.js';
import { renderConflict } from '../../../platform/web/conflict.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, readForm, sendPageResult } from '../../../platform/web/form-input.js';
import { actorFor, userOf, type App } from '../../../platform/web/request.js';
import { changeYourName } from '../../commands/account.js';
import { NameChange } from '../../inputs.js';

const renderName = (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) =>
  reply.page(
    'account/pages/name/name.njk',
    { title: 'Change your name', backLink: '/account', values, ...(errors?.toView() ?? {}) },
    errors ? 400 : 200,
  );

/** Changing your own name, which every partnership you belong to shows. */
export function namePage(app: App): void {
  app.get('/account/name', async (request, reply) => {
    const record = await findUserById(app.db, userOf(request).id);
    if (!record) return reply.callNotFound();
    return renderName(reply, { name: record.name, version: String(record.version) });
  });

  app.post('/account/name', { schema: { body: FORM } }, async (request, reply) => {
    const form = readForm(NameChange, request.body);
    const context = { db: app.db, actor: actorFor(request) };
    const result = await changeYourName(context, userOf(request).id, form.input);
    switch (result.kind) {
      case 'ok':
        return reply
          .flash(
            result.value.unchanged
              ? 'Nothing was changed: that is already your name.'
              : `Your name is now ${result.value.name}.`,
          )
          .redirect('/account', 303);
      case 'invalid':
        return renderName(reply, form.values, formErrors(form, result.problems));
      case 'conflict': {
        const { current, asked } = result.current;
        return renderConflict(reply, {
          what: 'name',
          rows: [['Full name', current.name, asked]],
          retryAction: '/account/name',
          retryFields: { name: asked, version: String(current.version) },
          backLink: '/account',
        });
      }
      default:
        return sendPageResult(reply, result);
    }
  });
}
