import { listMembers } from '../../../platform/directory/directory.js';
import { ROLE_LABELS } from '../../../platform/identity/types.js';
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';

/** The partnership's people, for every member. */
export function listPage(app: App): void {
  app.get(
    '/p/:partnership/people',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const people = await listMembers(app.db, tenantOf(request));
      return reply.page('people/pages/list/list.njk', {
        title: 'People',
        people,
        roleLabels: ROLE_LABELS,
      });
    },
  );
}
