/**
 * The plan itself as a document: read (and printed) as a page, or downloaded as Word. Either
 * the plan as it is now or one of its saved versions (?version=N). Any member may read it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { toDocx } from '../../docx.js';
import { documentFilename, planDocumentModel } from '../../render.js';
import { sendDocx } from '../send-docx.js';

const schema = {
  params: paramsSchema('planId'),
  querystring: Type.Object({ version: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })) }),
};

async function load(
  app: FastifyInstance,
  request: FastifyRequest,
  planId: string,
  version?: string,
) {
  const versionNumber = version === undefined ? undefined : Number(version);
  const model = await planDocumentModel(
    app.db,
    tenantOf(request),
    planId,
    todayInLondon(),
    versionNumber,
  );
  return { model, versionNumber };
}

export function planDocumentPages(app: FastifyInstance): void {
  const pages = typed(app);
  pages.get('/p/:partnership/plans/:planId/document', { schema }, async (request, reply) => {
    const { planId } = request.params;
    const { model, versionNumber } = await load(app, request, planId, request.query.version);
    if (!model) return reply.callNotFound();
    const base = `/p/${tenantOf(request).slug}/plans/${planId}`;
    return reply.page('reports/pages/plan-document/plan-document.njk', {
      title: model.title,
      model,
      docxUrl: `${base}/document.docx${versionNumber ? `?version=${versionNumber}` : ''}`,
      backLink: versionNumber ? `${base}/versions/${versionNumber}` : base,
    });
  });

  pages.get('/p/:partnership/plans/:planId/document.docx', { schema }, async (request, reply) => {
    const { model, versionNumber } = await load(
      app,
      request,
      request.params.planId,
      request.query.version,
    );
    if (!model) return reply.callNotFound();
    return sendDocx(reply, await toDocx(model), documentFilename(model.title, versionNumber));
  });
}
