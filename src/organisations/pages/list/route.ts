import { listOrganisations } from '../../../platform/directory/directory.js';
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { ORGANISATION_KIND_LABELS } from '../../organisation-rules.js';

/** The partnership's organisations, for every member. */
export function listPage(app: App): void {
  app.get(
    '/p/:partnership/organisations',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const organisations = await listOrganisations(app.db, tenantOf(request));
      return reply.page('organisations/pages/list/list.njk', {
        title: 'Organisations',
        organisations,
        kindLabels: ORGANISATION_KIND_LABELS,
      });
    },
  );
}
