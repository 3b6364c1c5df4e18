/** Deleting a finding: what goes (or why it cannot, while a plan answers it), then the POST. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderDeletePage, type DeletePage } from '../../../platform/web/delete-page.js';
import { FORM, sendPageResult } from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { removeFinding } from '../../commands/findings.js';
import {
  findFinding,
  findInspection,
  type FindingRow,
  type InspectionRow,
} from '../../inspection-repository.js';
import { inspectionTitle } from '../../inspection-rules.js';
import { findingRemovalProblem } from '../../inspection-service.js';
import { ADMIN, inspectionsUrl, labels } from '../shared.js';

const deletePage = (
  request: FastifyRequest,
  inspection: InspectionRow,
  finding: FindingRow,
  problem: string | null,
): DeletePage => ({
  title: problem ? 'You cannot delete this finding' : 'Delete this finding?',
  caption: inspectionTitle(inspection),
  what: 'this finding',
  summary: [
    ['Type', labels.types[finding.type]],
    ['Finding', finding.text],
    ['Plan priorities that answer it', String(finding.priority_count)],
  ],
  goes: [],
  problem,
  action: `${inspectionsUrl(request)}/${inspection.id}/findings/${finding.id}/delete`,
  buttonText: 'Delete finding',
  backLink: `${inspectionsUrl(request)}/${inspection.id}#finding-${finding.id}`,
  backText: 'Back to the inspection',
});

export function deleteFindingPage(app: FastifyInstance): void {
  const pages = typed(app);
  const url = '/p/:partnership/inspections/:inspectionId/findings/:findingId/delete';
  const params = paramsSchema('inspectionId', 'findingId');

  const load = async (request: FastifyRequest, inspectionId: string, findingId: string) => {
    const tenant = tenantOf(request);
    const [inspection, finding] = await Promise.all([
      findInspection(app.db, tenant, inspectionId),
      findFinding(app.db, tenant, inspectionId, findingId),
    ]);
    return inspection && finding ? { inspection, finding } : undefined;
  };

  pages.get(url, { config: ADMIN, schema: { params } }, async (request, reply) => {
    const found = await load(request, request.params.inspectionId, request.params.findingId);
    if (!found) return reply.callNotFound();
    const { inspection, finding } = found;
    return renderDeletePage(
      reply,
      deletePage(request, inspection, finding, findingRemovalProblem(finding)),
    );
  });

  pages.post(url, { config: ADMIN, schema: { params, body: FORM } }, async (request, reply) => {
    const found = await load(request, request.params.inspectionId, request.params.findingId);
    if (!found) return reply.callNotFound();
    const { inspection, finding } = found;
    const result = await removeFinding(commandContext(request), inspection.id, finding.id);
    switch (result.kind) {
      case 'ok':
        return reply
          .flash(`${labels.types[finding.type]} deleted.`)
          .redirect(`${inspectionsUrl(request)}/${inspection.id}`, 303);
      case 'refused':
        return renderDeletePage(
          reply,
          deletePage(request, inspection, finding, result.message),
          409,
        );
      default:
        return sendPageResult(reply, result);
    }
  });
}
