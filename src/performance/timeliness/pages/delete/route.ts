// Deleting a case set: a page that says what goes, then the POST that deletes it.
import {
  commandContext,
  paramsSchema,
  tenantOf,
  type App,
} from '../../../../platform/web/request.js';
import { deleteSavedCaseSet } from '../../commands/case-sets.js';
import { findCaseSet } from '../../timeliness-service.js';
import { ADMIN, base, noCaseSet, PATH } from '../shared.js';

const params = { config: ADMIN, schema: { params: paramsSchema('setId') } };

export function deletePage(app: App): void {
  app.get(`${PATH}/case-sets/:setId/delete`, params, async (request, reply) => {
    const { setId } = request.params;
    const caseSet = await findCaseSet(app.db, tenantOf(request), setId);
    if (!caseSet) return noCaseSet(request, reply);
    return reply.page('performance/timeliness/pages/delete/delete.njk', {
      title: `Are you sure you want to delete the case set ‘${caseSet.label}’?`,
      caseSet,
      casesText: caseSet.case_count.toLocaleString('en-GB'),
      action: `${base(request)}/case-sets/${caseSet.id}/delete`,
      backLink: `${base(request)}?set=${caseSet.id}`,
    });
  });

  app.post(`${PATH}/case-sets/:setId/delete`, params, async (request, reply) => {
    const { setId } = request.params;
    const result = await deleteSavedCaseSet(commandContext(request), setId);
    if (result.kind !== 'ok') return noCaseSet(request, reply);
    const deleted = result.value;
    const cases = `${deleted.case_count.toLocaleString('en-GB')} ${deleted.case_count === 1 ? 'case' : 'cases'}`;
    return reply
      .flash(`Case set ‘${deleted.label}’ deleted, with its ${cases}.`)
      .redirect(base(request), 303);
  });
}
