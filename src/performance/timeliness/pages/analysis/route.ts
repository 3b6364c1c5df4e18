// The EHC plan timeliness analysis (every member), cached per partnership, data version and day.
import { paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import { todayInLondon } from '../../../../platform/web/today.js';
import { findTimelinessIndicator } from '../../indicator-figures-service.js';
import { loadTimeliness } from '../../timeliness-service.js';
import { base, chosenSet, notFound, PATH, SET_QUERY, STARTER_NAME } from '../shared.js';

export function analysisPage(app: App): void {
  app.get(
    PATH,
    { schema: { params: paramsSchema(), querystring: SET_QUERY } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const setId = chosenSet(request.query);
      if (setId === null) return notFound(reply);
      const today = todayInLondon();
      const admin = tenant.role === 'admin';
      return reply.cachedPage(
        `ehc:${tenant.partnershipId}:${tenant.dataVersion}:${setId ?? 'latest'}:${tenant.role}:${today}`,
        async () => {
          const loaded = await loadTimeliness(app.db, tenant, {
            ...(setId ? { setId } : {}),
            today,
          });
          if (!loaded) return null;
          // Admins may record the figures as the indicator's values (or are told how to add it).
          const indicator =
            admin && loaded.current ? await findTimelinessIndicator(app.db, tenant) : null;
          return {
            template: 'performance/timeliness/pages/analysis/analysis-body.njk',
            data: {
              title: 'EHC plan timeliness',
              ...loaded,
              today,
              admin,
              base: base(request),
              indicator,
              starterName: STARTER_NAME,
              indicatorsHref: `/p/${tenant.slug}/performance/indicators`,
            },
          };
        },
      );
    },
  );
}
