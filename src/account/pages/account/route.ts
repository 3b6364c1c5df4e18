import { ROLE_LABELS } from '../../../platform/identity/types.js';
import { userOf, type App } from '../../../platform/web/request.js';

/** Your account: your details, your partnerships, and where to change them. */
export function accountPage(app: App): void {
  app.get('/account', async (request, reply) =>
    reply.page('account/pages/account/account.njk', {
      title: 'Your account',
      account: userOf(request),
      roleLabels: ROLE_LABELS,
    }),
  );
}
