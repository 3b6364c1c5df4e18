// A staged census import: the preview of what will be saved, then saving or cancelling it.
import {
  commandContext,
  paramsSchema,
  tenantOf,
  type App,
} from '../../../../platform/web/request.js';
import { expandSchool } from '../../census-records.js';
import { count } from '../../census-query.js';
import { loadCensusPreview } from '../../census-service.js';
import { cancelCensusUpload, saveCensusUpload } from '../../commands/uploads.js';
import { ADMIN, censusBase, gone, SOURCE_LABELS } from '../shared.js';

const params = { config: ADMIN, schema: { params: paramsSchema('pendingId') } };

export function previewPage(app: App): void {
  app.get(
    '/p/:partnership/performance/census/preview/:pendingId',
    params,
    async (request, reply) => {
      const { pendingId } = request.params;
      const preview = await loadCensusPreview(app.db, tenantOf(request), pendingId);
      if (!preview) return gone(reply, request);
      const { summary, replaces } = preview;
      return reply.page('performance/census/pages/preview/preview.njk', {
        title: 'Check the census before you save it',
        slug: tenantOf(request).slug,
        backLink: censusBase(request),
        action: `${censusBase(request)}/preview/${pendingId}`,
        fileName: preview.pending.file_name,
        rowsRead: count(preview.pending.rows_read),
        summary,
        sourceLabel: SOURCE_LABELS[summary.source],
        totals: {
          schools: count(summary.totals.schools),
          pupils: count(summary.totals.pupils),
          E: count(summary.totals.E),
          K: count(summary.totals.K),
        },
        replaces: replaces
          ? {
              ...replaces,
              schoolsText: count(replaces.schools),
              pupilsText: count(replaces.pupils),
            }
          : null,
        firstSchools: preview.firstSchools.map((s) => {
          const full = expandSchool(s);
          return {
            urn: full.schoolUrn,
            total: count(full.totalPupils),
            E: count(full.sen.E),
            K: count(full.sen.K),
            notRecorded: count(full.notRecorded.E + full.notRecorded.K),
          };
        }),
      });
    },
  );

  app.post(
    '/p/:partnership/performance/census/preview/:pendingId',
    params,
    async (request, reply) => {
      const { pendingId } = request.params;
      const result = await saveCensusUpload(commandContext(request), pendingId);
      if (result.kind !== 'ok') return gone(reply, request);
      const saved = result.value;
      reply.flash(
        saved.replaced
          ? `Census ‘${saved.label}’ saved. It replaced the census with the same date.`
          : `Census ‘${saved.label}’ saved.`,
      );
      return reply.redirect(`${censusBase(request)}/${saved.censusId}`, 303);
    },
  );

  app.post(
    '/p/:partnership/performance/census/preview/:pendingId/cancel',
    params,
    async (request, reply) => {
      const { pendingId } = request.params;
      const result = await cancelCensusUpload(commandContext(request), pendingId);
      if (result.kind !== 'ok') return gone(reply, request);
      reply.flash('Census import cancelled. Nothing was saved.');
      return reply.redirect(censusBase(request), 303);
    },
  );
}
