// Deleting a saved census: a page that says what goes, then the POST that deletes it.
import { actorFor, paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import { count } from '../../census-query.js';
import { deleteCensus, findCensusSummary } from '../../census-service.js';
import { ADMIN, censusBase, noCensus, SOURCE_LABELS } from '../shared.js';

const params = { config: ADMIN, schema: { params: paramsSchema('censusId') } };

export function deletePage(app: App): void {
  app.get('/p/:partnership/performance/census/:censusId/delete', params, async (request, reply) => {
    const { censusId } = request.params;
    const census = await findCensusSummary(app.db, tenantOf(request), censusId);
    if (!census) return noCensus(reply, request);
    return reply.page('performance/census/pages/delete/delete.njk', {
      title: `Are you sure you want to delete the census ‘${census.label}’?`,
      slug: tenantOf(request).slug,
      backLink: censusBase(request),
      action: `${censusBase(request)}/${census.id}/delete`,
      census: {
        ...census,
        sourceLabel: SOURCE_LABELS[census.source],
        schoolsText: count(census.schools),
        pupilsText: count(census.pupils),
      },
    });
  });

  app.post(
    '/p/:partnership/performance/census/:censusId/delete',
    params,
    async (request, reply) => {
      const { censusId } = request.params;
      const result = await deleteCensus(app.db, actorFor(request), tenantOf(request), censusId);
      if (result.status === 'gone') return noCensus(reply, request);
      reply.flash(`Census ‘${result.census.label}’ deleted.`);
      return reply.redirect(censusBase(request), 303);
    },
  );
}
