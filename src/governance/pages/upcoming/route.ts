import { pageOf, pagedTitle, PAGE_QUERY } from '../../../platform/web/pagination.js';
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { countUpcomingMeetings, upcomingMeetings } from '../../meeting-repository.js';

/** Every board's planned meetings from today on, the soonest first, a page at a time. */
export function upcomingPage(app: App): void {
  app.get(
    '/p/:partnership/meetings',
    { schema: { params: paramsSchema(), querystring: PAGE_QUERY } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const today = todayInLondon();
      const total = await countUpcomingMeetings(app.db, tenant, today);
      const paged = pageOf(request.query.page, total, `/p/${tenant.slug}/meetings`);
      return reply.page('governance/pages/upcoming/upcoming.njk', {
        title: pagedTitle('Next board meetings', paged),
        total,
        meetings: await upcomingMeetings(app.db, tenant, today, paged),
        firstRow: paged.offset + 1,
        pagination: paged.pagination,
        backLink: `/p/${tenant.slug}`,
      });
    },
  );
}
