// The open cases past 20 weeks (admins only: it shows case references).
import { paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import { todayInLondon } from '../../../../platform/web/today.js';
import { loadOpenCasesPast20Weeks } from '../../timeliness-service.js';
import { ADMIN, base, chosenSet, notFound, PATH, SET_QUERY } from '../shared.js';

export function openCasesPage(app: App): void {
  app.get(
    `${PATH}/open-cases`,
    { config: ADMIN, schema: { params: paramsSchema(), querystring: SET_QUERY } },
    async (request, reply) => {
      const setId = chosenSet(request.query);
      if (setId === null) return notFound(reply);
      const today = todayInLondon();
      const loaded = await loadOpenCasesPast20Weeks(app.db, tenantOf(request), {
        ...(setId ? { setId } : {}),
        today,
      });
      if (!loaded) return notFound(reply);
      return reply.page('performance/timeliness/pages/open-cases/open-cases.njk', {
        title: 'Open cases past 20 weeks',
        ...loaded,
        cases: loaded.cases.map((c) => ({ ...c, weeksOpen: c.weeksOpen.toFixed(1) })),
        today,
        base: base(request),
        backLink: `${base(request)}${loaded.current && setId ? `?set=${loaded.current.id}` : ''}`,
      });
    },
  );
}
