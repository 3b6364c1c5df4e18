// The catalogue of indicators, active and archived, and adding the starter set (admins).
import { actorFor, paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import * as repo from '../../indicator-repository.js';
import { addStarterSet } from '../../indicator-service.js';
import { STARTER_INDICATORS } from '../../starter-set.js';
import { ADMIN, labels, perf } from '../shared.js';

export function cataloguePage(app: App): void {
  app.get(
    '/p/:partnership/performance/indicators',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const indicators = await repo.listIndicators(app.db, tenant);
      const codes = new Set(indicators.map((i) => i.code));
      return reply.page('performance/indicators/pages/catalogue/list.njk', {
        title: 'Indicators',
        active: indicators.filter((i) => !i.archived_at),
        archived: indicators.filter((i) => i.archived_at),
        starterMissing: STARTER_INDICATORS.filter((s) => !codes.has(s.code)).length,
        starterTotal: STARTER_INDICATORS.length,
        labels,
      });
    },
  );

  app.post(
    '/p/:partnership/performance/indicators/starter-set',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const { added } = await addStarterSet(app.db, actorFor(request), tenantOf(request));
      return reply
        .flash(
          added.length
            ? `${added.length} starter ${added.length === 1 ? 'indicator' : 'indicators'} added, with the England figures the starter set gives.`
            : 'Every starter indicator is already in the catalogue. Nothing was added.',
        )
        .redirect(`${perf(request)}/indicators`, 303);
    },
  );
}
