// The performance dashboard: every active indicator with its rating, filtered by rating.
import { paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import { todayInLondon } from '../../../../platform/web/today.js';
import { loadDashboard } from '../../indicator-service.js';
import {
  RAG_FILTERS,
  ragFilterOf,
  renderSparkline,
  type RagFilter,
} from '../../indicator-status.js';
import { labels, RAG_RULE } from '../shared.js';

/** `?rag=` as given, once or repeated: the ratings asked for, in the filters' order. */
function ragFilters(query: unknown): RagFilter[] {
  const raw: unknown =
    typeof query === 'object' && query !== null ? Reflect.get(query, 'rag') : undefined;
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return RAG_FILTERS.filter((r) => list.includes(r));
}

export function dashboardPage(app: App): void {
  app.get(
    '/p/:partnership/performance',
    { schema: { params: paramsSchema() } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const today = todayInLondon();
      const filters = ragFilters(request.query);
      const cacheKey = `performance:${tenant.partnershipId}:${tenant.dataVersion}:${tenant.role}:${today}:${filters.join(',')}`;
      return reply.cachedPage(cacheKey, async () => {
        const all = await loadDashboard(app.db, tenant, today);
        const counts = Object.fromEntries(RAG_FILTERS.map((r) => [r, 0])) as Record<
          RagFilter,
          number
        >;
        for (const row of all) counts[ragFilterOf(row.status.rag)]++;
        const shown = filters.length
          ? all.filter((row) => filters.includes(ragFilterOf(row.status.rag)))
          : all;
        return {
          template: 'performance/indicators/pages/dashboard/dashboard-body.njk',
          data: {
            title: 'Performance',
            rows: shown.map((row) => ({ ...row, sparkline: renderSparkline(row.ours) })),
            total: all.length,
            counts,
            filters,
            ragFilters: RAG_FILTERS,
            ragRule: RAG_RULE,
            labels,
          },
        };
      });
    },
  );
}
