// A staged file of EHC cases: the preview of what will be saved, then saving or cancelling it.
import { FORM, readForm } from '../../../../platform/web/form-input.js';
import {
  commandContext,
  paramsSchema,
  tenantOf,
  type App,
} from '../../../../platform/web/request.js';
import { NEED_NAMES } from '../../../census/index.js';
import { cancelCaseUpload, saveCaseUpload } from '../../commands/case-sets.js';
import { CaseImportCancel, CaseImportSave } from '../../inputs.js';
import { loadCasePreview } from '../../timeliness-service.js';
import { ADMIN, base, IMPORT_QUERY, PATH, queryValue, renderGone, UUID } from '../shared.js';

export function previewPage(app: App): void {
  app.get(
    `${PATH}/preview`,
    { config: ADMIN, schema: { params: paramsSchema(), querystring: IMPORT_QUERY } },
    async (request, reply) => {
      const id = queryValue(request.query.import);
      if (id === undefined || id === '') return renderGone(request, reply, 200);
      const preview = UUID.test(id)
        ? await loadCasePreview(app.db, tenantOf(request), id)
        : undefined;
      if (!preview) return renderGone(request, reply, 404);
      return reply.page('performance/timeliness/pages/preview/preview.njk', {
        title: 'Check the EHC cases before you save them',
        preview,
        needNames: NEED_NAMES,
        base: base(request),
        backLink: `${base(request)}/upload`,
      });
    },
  );

  app.post(
    `${PATH}/save`,
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const form = readForm(CaseImportSave, request.body);
      const result = await saveCaseUpload(commandContext(request), form.input);
      if (result.kind !== 'ok') return renderGone(request, reply, 409);
      const saved = result.value;
      const replaced =
        saved.replaced.length > 0
          ? ` It replaced the earlier case set with the same label (${saved.replaced.map((r) => r.cases.toLocaleString('en-GB')).join(', ')} cases).`
          : '';
      return reply
        .flash(`${saved.cases.toLocaleString('en-GB')} cases saved.${replaced}`)
        .redirect(`${base(request)}?set=${saved.caseSetId}`, 303);
    },
  );

  app.post(
    `${PATH}/cancel`,
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      // Cancelled, or already gone: either way nothing is saved.
      const form = readForm(CaseImportCancel, request.body);
      await cancelCaseUpload(commandContext(request), form.input);
      return reply.flash('Cancelled. Nothing was saved.').redirect(`${base(request)}/upload`, 303);
    },
  );
}
