// A lead's own list: their actions and whether each is updated for the open round. Admins and
// contributors may update any action, so they also see what the round still lacks.
import { paramsSchema, tenantOf, userOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { ACTION_STATUS_LABELS, updatesAnyAction } from '../../../plans/index.js';
import { actionsForRound, currentRound } from '../../progress-repository.js';
import { UPDATERS } from '../paths.js';

export function myActionsPage(app: App): void {
  app.get(
    '/p/:partnership/my-actions',
    { config: UPDATERS, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const round = await currentRound(app.db, tenant);
      const anyAction = updatesAnyAction(tenant);
      const [actions, all] = await Promise.all([
        actionsForRound(app.db, tenant, round?.id ?? null, { leadUserId: userOf(request).id }),
        anyAction && round ? actionsForRound(app.db, tenant, round.id) : Promise.resolve([]),
      ]);
      return reply.page('progress/pages/my-actions/my-actions.njk', {
        title: 'My actions',
        round,
        actions,
        anyAction,
        stillToUpdate: all.filter((a) => a.status !== 'complete' && !a.updated_in_round),
        today: todayInLondon(),
        statusLabels: ACTION_STATUS_LABELS,
      });
    },
  );
}
