import { ROLE_LABELS } from '../../../platform/identity/types.js';
import { userOf, type App } from '../../../platform/web/request.js';

/** The partnership switcher: every partnership the person belongs to. */
export function switchPage(app: App): void {
  app.get('/partnerships', (request, reply) =>
    reply.page('partnerships/pages/switch/switch.njk', {
      title: 'Your partnerships',
      memberships: userOf(request).memberships,
      roleLabels: ROLE_LABELS,
    }),
  );
}
