/**
 * Every date that matters to the partnership on one page: the statutory and expected dates the
 * rules give, and the dates set by others (the DfE, NHS England, the inspectors, the letter, the
 * board), with the calendar feed that puts them in Outlook.
 */
import type { FastifyInstance } from 'fastify';
import { paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { partnershipDeadlines } from '../../deadline-service.js';
import { findFeed } from '../../calendar-feed-repository.js';
import { datesUrl } from '../shared.js';

export function datesPage(app: FastifyInstance): void {
  typed(app).get(
    '/p/:partnership/dates',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const today = todayInLondon();
      const [deadlines, feed] = await Promise.all([
        partnershipDeadlines(app.db, tenant, today),
        findFeed(app.db, tenant),
      ]);
      return reply.page('deadlines/pages/dates/dates.njk', {
        title: 'Dates that matter',
        open: deadlines.filter((d) => d.status !== 'met'),
        met: deadlines.filter((d) => d.status === 'met'),
        setByOthers: deadlines.filter((d) => d.keyDateId !== undefined).length,
        hasFeed: feed !== undefined,
        baseUrl: datesUrl(request),
      });
    },
  );
}
