/** Deleting an inspection recorded by mistake: what goes (or why it cannot), then the POST. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  alsoDeleted,
  renderDeletePage,
  type DeletePage,
} from '../../../platform/web/delete-page.js';
import { FORM, sendPageResult } from '../../../platform/web/form-input.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { removeInspection } from '../../commands/inspection-details.js';
import { findInspection, listFindings, type InspectionRow } from '../../inspection-repository.js';
import { inspectionTitle } from '../../inspection-rules.js';
import { inspectionKeyDates, type GoingKeyDate } from '../../removal-repository.js';
import { inspectionRemovalProblem } from '../../removal-service.js';
import { ADMIN, inspectionsUrl, labels } from '../shared.js';

type Found = { inspection: InspectionRow; findings: number; keyDates: GoingKeyDate[] };

const deletePage = (
  request: FastifyRequest,
  { inspection, findings, keyDates }: Found,
  problem: string | null,
): DeletePage => ({
  title: problem ? 'You cannot delete this inspection' : `Delete this inspection?`,
  what: 'this inspection',
  summary: [
    ['Inspection', inspectionTitle(inspection)],
    ['Framework', labels.frameworks[inspection.framework]],
    ['Findings', String(findings)],
  ],
  goes: [],
  alsoDeleted: alsoDeleted('These dates set by others will also be deleted:', keyDates),
  problem,
  action: `${inspectionsUrl(request)}/${inspection.id}/delete`,
  buttonText: 'Delete inspection',
  backLink: `${inspectionsUrl(request)}/${inspection.id}`,
  backText: 'Back to the inspection',
});

export function deleteInspectionPage(app: FastifyInstance): void {
  const pages = typed(app);
  const url = '/p/:partnership/inspections/:inspectionId/delete';
  const params = paramsSchema('inspectionId');

  const load = async (
    request: FastifyRequest,
    inspectionId: string,
  ): Promise<Found | undefined> => {
    const tenant = tenantOf(request);
    const [inspection, findings, keyDates] = await Promise.all([
      findInspection(app.db, tenant, inspectionId),
      listFindings(app.db, tenant, inspectionId),
      inspectionKeyDates(app.db, tenant, inspectionId),
    ]);
    return inspection ? { inspection, findings: findings.length, keyDates } : undefined;
  };

  pages.get(url, { config: ADMIN, schema: { params } }, async (request, reply) => {
    const found = await load(request, request.params.inspectionId);
    if (!found) return reply.callNotFound();
    const problem = await inspectionRemovalProblem(app.db, tenantOf(request), found.inspection.id);
    return renderDeletePage(reply, deletePage(request, found, problem));
  });

  pages.post(url, { config: ADMIN, schema: { params, body: FORM } }, async (request, reply) => {
    const found = await load(request, request.params.inspectionId);
    if (!found) return reply.callNotFound();
    const result = await removeInspection(commandContext(request), found.inspection.id);
    switch (result.kind) {
      case 'ok':
        return reply
          .flash(`${inspectionTitle(found.inspection)} deleted.`)
          .redirect(inspectionsUrl(request), 303);
      case 'refused':
        return renderDeletePage(reply, deletePage(request, found, result.message), 409);
      default:
        return sendPageResult(reply, result);
    }
  });
}
