// Closing a round, after asking: a closed round cannot be reopened.
import { commandContext, paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { closeUpdateRound } from '../../commands/rounds.js';
import { findRound } from '../../progress-repository.js';
import { ADMIN, roundsPath } from '../paths.js';

export function closeRoundPage(app: App): void {
  app.get(
    '/p/:partnership/rounds/:roundId/close',
    { config: ADMIN, schema: { params: paramsSchema('roundId') } },
    async (request, reply) => {
      const { roundId } = request.params;
      const round = await findRound(app.db, tenantOf(request), roundId);
      if (!round) return reply.callNotFound();
      if (round.closed_at)
        return reply
          .flash(`${round.title} is already closed.`)
          .redirect(`${roundsPath(request)}/${roundId}`, 303);
      return reply.page('progress/pages/close-round/close-round.njk', {
        title: `Close ${round.title}?`,
        round,
        backLink: `${roundsPath(request)}/${roundId}`,
      });
    },
  );

  app.post(
    '/p/:partnership/rounds/:roundId/close',
    { config: ADMIN, schema: { params: paramsSchema('roundId') } },
    async (request, reply) => {
      const { roundId } = request.params;
      const result = await closeUpdateRound(commandContext(request), roundId);
      // A round already closed has nothing to close here: not found, as before.
      if (result.kind !== 'ok') return reply.callNotFound();
      return reply
        .flash('Round closed. New updates will count towards the next round.')
        .redirect(`${roundsPath(request)}/${roundId}`, 303);
    },
  );
}
