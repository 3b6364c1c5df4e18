// The partnership's localities, districts and schools, as imported.
import { paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import { listGeographyUnits } from '../../geography-repository.js';
import { geographyTree } from '../../geography.js';

export function geographyPage(app: App): void {
  app.get(
    '/p/:partnership/performance/geography',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { localities, counts } = geographyTree(await listGeographyUnits(app.db, tenant));
      return reply.page('performance/geography/pages/geography/geography.njk', {
        title: 'Localities, districts and schools',
        localities,
        counts,
        importLink: `/p/${tenant.slug}/performance/imports?kind=geography`,
      });
    },
  );
}
