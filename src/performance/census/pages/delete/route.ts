// Deleting a saved census: a page that says what goes, then the POST that deletes it.
import {
  commandContext,
  paramsSchema,
  tenantOf,
  type App,
} from '../../../../platform/web/request.js';
import { count } from '../../census-query.js';
import { findCensusSummary } from '../../census-service.js';
import { deleteSavedCensus } from '../../commands/uploads.js';
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
      const result = await deleteSavedCensus(commandContext(request), censusId);
      if (result.kind !== 'ok') return noCensus(reply, request);
      reply.flash(`Census ‘${result.value.label}’ deleted.`);
      return reply.redirect(censusBase(request), 303);
    },
  );
}
