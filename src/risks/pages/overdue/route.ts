/** Reviews overdue: open risks whose review date has passed, the longest overdue first. */
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { loadMatrix, overdueReviews } from '../../risk-repository.js';
import { riskView } from '../shared.js';

export function overduePage(app: App): void {
  app.get(
    '/p/:partnership/risks/overdue',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const today = todayInLondon();
      const [matrix, rows] = await Promise.all([
        loadMatrix(app.db, tenant),
        overdueReviews(app.db, tenant, today),
      ]);
      return reply.page('risks/pages/overdue/overdue.njk', {
        title: 'Risk reviews overdue',
        risks: rows.map((r) => riskView(matrix, r, today)),
        backLink: `/p/${tenant.slug}/risks`,
      });
    },
  );
}
