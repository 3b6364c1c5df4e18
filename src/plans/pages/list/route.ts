import type { FastifyInstance } from 'fastify';
import { paramsSchema, tenantOf } from '../../../platform/web/request.js';
import * as repo from '../../plan-repository.js';
import { labels } from '../shared.js';

/** The list of plans. */
export async function listPage(app: FastifyInstance): Promise<void> {
  app.get(
    '/p/:partnership/plans',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const plans = await repo.listPlans(app.db, tenantOf(request));
      return reply.page('plans/pages/list/list.njk', { title: 'Plans', plans, labels });
    },
  );
}
