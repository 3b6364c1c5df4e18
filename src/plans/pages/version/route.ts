import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import * as repo from '../../plan-repository.js';
import { loadPlan } from '../../plan-service.js';
import { buildSnapshot, diffSnapshots } from '../../plan-snapshot.js';
import { base, labels } from '../shared.js';

/** A frozen version of a plan, compared with the plan as it is now. */
export async function versionPage(app: FastifyInstance): Promise<void> {
  const pages = typed(app);
  // Versions: read a frozen version and compare it with the plan as it is now.
  pages.get(
    '/p/:partnership/plans/:planId/versions/:number',
    {
      schema: {
        params: Type.Object({
          ...paramsSchema('planId').properties,
          number: Type.String({ pattern: '^[0-9]{1,6}$' }),
        }),
      },
    },
    async (request, reply) => {
      const { planId, number } = request.params;
      const tenant = tenantOf(request);
      const [version, loaded] = await Promise.all([
        repo.findPlanVersion(app.db, tenant, planId, Number(number)),
        loadPlan(app.db, tenant, planId),
      ]);
      if (!version || !loaded) return reply.callNotFound();
      const current = buildSnapshot(loaded);
      return reply.page('plans/pages/version/version.njk', {
        title: `Version ${version.number} of ${loaded.plan.title}`,
        plan: loaded.plan,
        version,
        diff: diffSnapshots(version.snapshot, current),
        labels,
        backLink: `${base(request)}/${planId}`,
      });
    },
  );
}
