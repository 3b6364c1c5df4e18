/** The partnership's inspections, newest first. */
import type { FastifyInstance } from 'fastify';
import { paramsSchema, tenantOf } from '../../../platform/web/request.js';
import { listInspections } from '../../inspection-repository.js';
import { inspectionTitle } from '../../inspection-rules.js';
import { labels } from '../shared.js';

export function listPage(app: FastifyInstance): void {
  app.get(
    '/p/:partnership/inspections',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const inspections = await listInspections(app.db, tenantOf(request));
      return reply.page('inspections/pages/list/list.njk', {
        title: 'Inspections',
        inspections: inspections.map((i) => ({ ...i, title: inspectionTitle(i) })),
        labels,
      });
    },
  );
}
