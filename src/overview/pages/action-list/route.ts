/**
 * The Overview's lists of actions in full: overdue, due in the next 30 days, and not yet updated
 * in their round, across every live plan, a page at a time.
 */
import { pageOf, pagedTitle, PAGE_QUERY } from '../../../platform/web/pagination.js';
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { ACTION_STATUS_LABELS } from '../../../plans/index.js';
import { ACTION_LISTS, loadActionList, type ActionListName } from '../../dashboard-service.js';

export function actionListPages(app: App): void {
  for (const name of Object.keys(ACTION_LISTS) as ActionListName[]) {
    const list = ACTION_LISTS[name];
    app.get(
      `/p/:partnership/overview/${list.path}`,
      { schema: { params: paramsSchema(), querystring: PAGE_QUERY } },
      async (request, reply) => {
        const tenant = tenantOf(request);
        const today = todayInLondon();
        const path = `/p/${tenant.slug}/overview/${list.path}`;
        const all = await loadActionList(app.db, tenant, today, name);
        const paged = pageOf(request.query.page, all.length, path);
        return reply.page('overview/pages/action-list/action-list.njk', {
          title: pagedTitle(list.title, paged),
          heading: list.title,
          list: { ...list, name },
          total: all.length,
          actions: all.slice(paged.offset, paged.offset + paged.limit),
          firstRow: paged.offset + 1,
          pagination: paged.pagination,
          statusLabels: ACTION_STATUS_LABELS,
          backLink: `/p/${tenant.slug}`,
        });
      },
    );
  }
}
