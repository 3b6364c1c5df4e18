import { ROLE_LABELS } from '../../../platform/identity/types.js';
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { FINDING_TYPE_LABELS } from '../../../inspections/index.js';
import { ROLLUP_RULE } from '../../../plans/index.js';
import { governanceAtAGlance, isOverdue, NEXT_MEETINGS } from '../../../governance/index.js';
import { partnershipOverview } from '../../overview-repository.js';
import { ACTION_LISTS, loadDashboard, OVERVIEW_LIST_ROWS } from '../../dashboard-service.js';

/** The partnership's overview: where things stand, what is due, the next deadlines. */
export function overviewPage(app: App): void {
  app.get('/p/:partnership', { schema: { params: paramsSchema() } }, async (request, reply) => {
    const tenant = tenantOf(request);
    const today = todayInLondon();
    return reply.cachedPage(
      `overview:${tenant.partnershipId}:${tenant.dataVersion}:${tenant.role}:${today}`,
      async () => {
        const [overview, dashboard, boards] = await Promise.all([
          partnershipOverview(app.db, tenant),
          loadDashboard(app.db, tenant, today),
          governanceAtAGlance(app.db, tenant, today, NEXT_MEETINGS),
        ]);
        return {
          template: 'overview/pages/overview/overview-body.njk',
          data: {
            // The page's h1 is the partnership's name, so the title starts with it too.
            title: overview.name,
            overview,
            dashboard,
            nextMeetings: boards.nextMeetings,
            meetingCount: boards.meetingCount,
            boardFollowUps: boards.followUps.map((f) => ({ ...f, overdue: isOverdue(f, today) })),
            today,
            // Each capped list says how many there are and links to all of them.
            listRows: OVERVIEW_LIST_ROWS,
            actionLists: ACTION_LISTS,
            rollupRule: ROLLUP_RULE,
            roleLabels: ROLE_LABELS,
            findingTypeLabels: FINDING_TYPE_LABELS,
          },
        };
      },
    );
  });
}
