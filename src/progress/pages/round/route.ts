// One update round: which of its plans' actions have updated in it and which have not.
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { ACTION_STATUS_LABELS } from '../../../plans/index.js';
import { actionsForRound, findRound, openRounds } from '../../progress-repository.js';
import { countsByPlan, roundsOverlap } from '../../round-rules.js';
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
      const [actions, open] = await Promise.all([
        actionsForRound(app.db, tenant, roundId),
        openRounds(app.db, tenant),
      ]);
      const expected = actions.filter((a) => a.status !== 'complete' || a.updated_in_round);
      // Only in data from before rounds per plan: updates go to the newest open round covering
      // their plan, so an older open round sharing a plan with a newer one gains nothing there.
      const cover = { allPlans: round.all_plans, plans: round.plans };
      const at = open.findIndex((r) => r.id === round.id);
      const newer = at < 0 ? [] : open.slice(0, at);
      return reply.page('progress/pages/round/round.njk', {
        title: round.title,
        round,
        supersededBy: round.closed_at
          ? null
          : (newer.find((r) => roundsOverlap(cover, { allPlans: r.all_plans, plans: r.plans })) ??
            null),
        byPlan: countsByPlan(expected),
        missing: expected.filter((a) => !a.updated_in_round),
        done: expected.filter((a) => a.updated_in_round),
        statusLabels: ACTION_STATUS_LABELS,
        backLink: roundsPath(request),
      });
    },
  );
}
