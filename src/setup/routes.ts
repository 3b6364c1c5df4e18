import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/db.js';
import { countUsers } from '../platform/identity/identity-repository.js';
import { field, FormErrors } from '../platform/web/forms.js';
import { FORM } from '../platform/web/form-input.js';
import { typed } from '../platform/web/request.js';
import { validatePartnership } from '../partnerships/index.js';
import { validateNewAccount } from '../people/index.js';
import { AlreadySetUpError, setUpSendboard } from './setup-service.js';
import { startSession } from '../sign-in/index.js';
import { createDemo } from '../demo/index.js';

const OPEN_PATHS = new Set(['/setup', '/health', '/accessibility', '/privacy']);
const OPEN_PREFIXES = ['/assets/', '/public/', '/api/'];

/** Until the first person exists, every page leads to "Set up Sendboard". */
export function setupGate(db: Db) {
  let hasUsers = false;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (hasUsers) return;
    const path = request.url.split('?')[0] ?? '';
    if (OPEN_PATHS.has(path) || OPEN_PREFIXES.some((p) => path.startsWith(p))) return;
    if ((await countUsers(db)) > 0) {
      hasUsers = true;
      return;
    }
    return reply.redirect('/setup', 303);
  };
}

export async function setupRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  const setUpAlready = async () => (await countUsers(app.db)) > 0;

  app.get('/setup', { config: { access: 'public' } }, async (_request, reply) => {
    if (await setUpAlready()) return reply.redirect('/sign-in', 303);
    return reply.page('setup/setup.njk', { title: 'Set up Sendboard', values: {} });
  });

  app.post(
    '/setup',
    { config: { access: 'public' }, schema: { body: FORM } },
    async (request, reply) => {
      if (await setUpAlready()) return reply.redirect('/sign-in', 303);
      const body = request.body;
      const values = {
        name: field(body, 'name'),
        localAuthority: field(body, 'localAuthority'),
        laCode: field(body, 'laCode'),
        adminName: field(body, 'adminName'),
        email: field(body, 'email'),
        demo: field(body, 'demo') === 'yes' ? 'yes' : '',
      };
      const password = typeof body?.password === 'string' ? body.password : '';
      const confirm = typeof body?.confirmPassword === 'string' ? body.confirmPassword : '';
      const errors = new FormErrors();
      validatePartnership(values, errors);
      validateNewAccount(
        { name: values.adminName, email: values.email, password, confirmPassword: confirm },
        errors,
        { nameField: 'adminName' },
      );
      if (errors.any)
        return reply.page(
          'setup/setup.njk',
          { title: 'Set up Sendboard', values, ...errors.toView() },
          400,
        );

      let created: Awaited<ReturnType<typeof setUpSendboard>>;
      try {
        created = await setUpSendboard(app.db, {
          partnership: {
            name: values.name,
            localAuthority: values.localAuthority,
            laCode: values.laCode,
          },
          admin: { name: values.adminName, email: values.email, password },
          requestId: request.id,
        });
      } catch (error) {
        // Someone else finished set-up a moment earlier.
        if (error instanceof AlreadySetUpError) return reply.redirect('/sign-in', 303);
        throw error;
      }
      const { partnership, user } = created;
      let demoNote = '';
      if (values.demo === 'yes') {
        try {
          const demo = await createDemo(app.db, { adminUserId: user.id });
          demoNote = ` You are also an admin of the fictional ${demo.partnerships[0]!.name}: switch to it from Your partnerships.`;
        } catch (error) {
          request.log.error({ err: error }, 'creating the demo partnership failed');
          demoNote =
            ' The demo partnership could not be created: run sendboard demo on the server to create it.';
        }
      }
      await startSession(app, reply, user.id);
      return reply
        .flash(
          `Sendboard is set up for ${partnership.name}. You are its first partnership admin.${demoNote}`,
        )
        .redirect(`/p/${partnership.slug}`, 303);
    },
  );
}
