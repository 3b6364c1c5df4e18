import type { FastifyReply } from 'fastify';
import { countUsers } from '../../../platform/identity/identity-repository.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { FORM, formErrors, sendPageResult } from '../../../platform/web/form-input.js';
import type { App } from '../../../platform/web/request.js';
import { readPasswordForm } from '../../../people/index.js';
import { startSession } from '../../../sign-in/index.js';
import { setUp, type DemoOutcome } from '../../commands/setup.js';
import { SetupInput } from '../../inputs.js';

const renderSetup = (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) =>
  reply.page(
    'setup/pages/setup/setup.njk',
    { title: 'Set up Sendboard', values, ...(errors?.toView() ?? {}) },
    errors ? 400 : 200,
  );

/** What the welcome says of the demo partnership, if one was asked for. */
function demoNote(demo: DemoOutcome): string {
  if (!demo) return '';
  if ('name' in demo)
    return ` You are also an admin of the fictional ${demo.name}: switch to it from Your partnerships.`;
  return ' The demo partnership could not be created: run sendboard demo on the server to create it.';
}

/** First run: the first partnership and its first admin, signed in at once. */
export function setupPage(app: App): void {
  const setUpAlready = async () => (await countUsers(app.db)) > 0;

  app.get('/setup', { config: { access: 'public' } }, async (_request, reply) => {
    if (await setUpAlready()) return reply.redirect('/sign-in', 303);
    return renderSetup(reply, {});
  });

  app.post(
    '/setup',
    { config: { access: 'public' }, schema: { body: FORM } },
    async (request, reply) => {
      if (await setUpAlready()) return reply.redirect('/sign-in', 303);
      const form = readPasswordForm(SetupInput, request.body, ['password', 'confirmPassword']);
      const values = { ...form.values, demo: form.values.demo === 'yes' ? 'yes' : '' };
      const result = await setUp(app.db, form.input, request.id);
      switch (result.kind) {
        case 'ok': {
          const { partnership, user, demo } = result.value;
          if (demo && 'failed' in demo)
            request.log.error({ err: demo.failed }, 'creating the demo partnership failed');
          await startSession(app, reply, user.id);
          return reply
            .flash(
              `Sendboard is set up for ${partnership.name}. You are its first partnership admin.${demoNote(demo)}`,
            )
            .redirect(`/p/${partnership.slug}`, 303);
        }
        case 'invalid':
          return renderSetup(reply, values, formErrors(form, result.problems));
        case 'refused':
          // Someone else finished set-up a moment earlier.
          return reply.redirect('/sign-in', 303);
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
