import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { listBoards } from '../../governance-repository.js';
import { labels } from '../common.js';

/** The partnership's boards, for every member. */
export function listPage(app: App): void {
  app.get(
    '/p/:partnership/boards',
    { schema: { params: paramsSchema() } },
    async (request, reply) =>
      reply.page('governance/pages/list/list.njk', {
        title: 'Boards',
        boards: await listBoards(app.db, tenantOf(request)),
        labels,
      }),
  );
}
