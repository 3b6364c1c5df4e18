// One update round: which actions have updated in it and which have not.
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { ACTION_STATUS_LABELS } from '../../../plans/index.js';
import { actionsForRound, currentRound, findRound } from '../../progress-repository.js';
import { roundsPath } from '../paths.js';

export function roundPage(app: App): void {
  app.get(
    '/p/:partnership/rounds/:roundId',
    { schema: { params: paramsSchema('roundId') } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { roundId } = request.params;
      const round = await findRound(app.db, tenant, roundId);
      if (!round) return reply.callNotFound();
      const [actions, current] = await Promise.all([
        actionsForRound(app.db, tenant, roundId),
        currentRound(app.db, tenant),
      ]);
      const expected = actions.filter((a) => a.status !== 'complete' || a.updated_in_round);
      return reply.page('progress/pages/round/round.njk', {
        title: round.title,
        round,
        // Only in data from before one round at a time: updates go to the newer open round.
        supersededBy: !round.closed_at && current && current.id !== round.id ? current : null,
        missing: expected.filter((a) => !a.updated_in_round),
        done: expected.filter((a) => a.updated_in_round),
        statusLabels: ACTION_STATUS_LABELS,
        backLink: roundsPath(request),
      });
    },
  );
}
