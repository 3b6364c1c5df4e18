import { pageOf, pagedTitle, PAGE_QUERY } from '../../../platform/web/pagination.js';
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { isOverdue } from '../../governance-rules.js';
import { countOpenFollowUps, openFollowUps } from '../../meeting-repository.js';

/** Every board's follow-up actions with a due date not done yet, the soonest due first. */
export function followUpsPage(app: App): void {
  app.get(
    '/p/:partnership/follow-ups',
    { schema: { params: paramsSchema(), querystring: PAGE_QUERY } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const today = todayInLondon();
      const total = await countOpenFollowUps(app.db, tenant);
      const paged = pageOf(request.query.page, total, `/p/${tenant.slug}/follow-ups`);
      const rows = await openFollowUps(app.db, tenant, paged);
      return reply.page('governance/pages/follow-ups/follow-ups.njk', {
        title: pagedTitle('Board follow-up actions not done yet', paged),
        total,
        followUps: rows.map((f) => ({ ...f, overdue: isOverdue(f, today) })),
        firstRow: paged.offset + 1,
        pagination: paged.pagination,
        backLink: `/p/${tenant.slug}`,
      });
    },
  );
}
