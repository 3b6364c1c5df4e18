// A lead's own list: their actions, each with the open round covering its plan and whether it is
// updated for it. Admins and contributors may update any action, so they also see what each open
// round still lacks.
import { paramsSchema, tenantOf, userOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { ACTION_STATUS_LABELS, updatesAnyAction } from '../../../plans/index.js';
import { actionsWithTheirRounds, openRounds } from '../../progress-repository.js';
import { UPDATERS } from '../paths.js';

export function myActionsPage(app: App): void {
  app.get(
    '/p/:partnership/my-actions',
    { config: UPDATERS, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const anyAction = updatesAnyAction(tenant);
      const [rounds, actions, all] = await Promise.all([
        openRounds(app.db, tenant),
        actionsWithTheirRounds(app.db, tenant, { leadUserId: userOf(request).id }),
        anyAction ? actionsWithTheirRounds(app.db, tenant) : Promise.resolve([]),
      ]);
      const stillToUpdate = all.filter(
        (a) => a.round && a.status !== 'complete' && !a.updated_in_round,
      );
      return reply.page('progress/pages/my-actions/my-actions.njk', {
        title: 'My actions',
        // Oldest due first: the round to finish next.
        rounds: [...rounds]
          .sort((a, b) => a.due_on.localeCompare(b.due_on))
          .map((round) => ({
            ...round,
            stillToUpdate: stillToUpdate.filter((a) => a.round?.id === round.id),
          })),
        actions,
        anyAction,
        today: todayInLondon(),
        statusLabels: ACTION_STATUS_LABELS,
      });
    },
  );
}
