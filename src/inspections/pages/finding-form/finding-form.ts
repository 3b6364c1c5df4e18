/** Changing a finding (its type, question, words and a revisit's judgement), with the conflict page. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import { FORM, sendPageResult } from '../../../platform/web/form-input.js';
import type { FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { changeFinding, type FindingConflict } from '../../commands/findings.js';
import { findFinding, findInspection } from '../../inspection-repository.js';
import { orderedErrors, readFindingForm } from '../forms.js';
import { followedInspection, shortText } from '../../judgements.js';
import { ADMIN, inspectionsUrl, labels } from '../shared.js';

type FindingIds = { inspectionId: string; findingId: string };

export function findingFormPage(app: FastifyInstance): void {
  const pages = typed(app);

  const renderFinding = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { inspectionId, findingId }: FindingIds,
    values: Record<string, unknown> | undefined,
    errors?: FormErrors,
  ) => {
    const tenant = tenantOf(request);
    const [inspection, finding] = await Promise.all([
      findInspection(app.db, tenant, inspectionId),
      findFinding(app.db, tenant, inspectionId, findingId),
    ]);
    if (!inspection || !finding) return reply.callNotFound();
    const followed = await followedInspection(app.db, tenant, inspection);
    const shown = values ?? {
      type: finding.type,
      question: finding.question ?? '',
      text: finding.text,
      sufficientProgress:
        finding.sufficient_progress === null ? '' : finding.sufficient_progress ? 'yes' : 'no',
      judgesFindingId: finding.judges_finding_id ?? '',
      judgementText: finding.judgement_text,
      responsibleBody: finding.responsible_body,
      version: String(finding.version),
    };
    return reply.page(
      'inspections/pages/finding-form/finding-form.njk',
      {
        title: 'Change finding',
        inspection,
        finding,
        judgeable: (followed?.judgeable ?? []).map((f) => ({ ...f, short: shortText(f.text) })),
        values: shown,
        labels,
        backLink: `${inspectionsUrl(request)}/${inspectionId}`,
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );
  };

  /** Someone else changed the finding: theirs beside these, to choose from. */
  const renderFindingConflict = (
    request: FastifyRequest,
    reply: FastifyReply,
    { inspectionId, findingId }: FindingIds,
    values: Record<string, unknown>,
    { current, asked }: FindingConflict,
  ) =>
    renderConflict(reply, {
      what: 'finding',
      rows: [
        ['Type', labels.types[current.type], labels.types[asked.type]],
        ['Text', current.text, asked.text],
      ],
      retryAction: `${inspectionsUrl(request)}/${inspectionId}/findings/${findingId}/edit`,
      retryFields: { ...retryFieldsOf(values), version: String(current.version) },
      backLink: `${inspectionsUrl(request)}/${inspectionId}`,
    });

  const url = '/p/:partnership/inspections/:inspectionId/findings/:findingId/edit';
  const params = paramsSchema('inspectionId', 'findingId');

  pages.get(url, { config: ADMIN, schema: { params } }, (request, reply) =>
    renderFinding(request, reply, request.params, undefined),
  );

  pages.post(url, { config: ADMIN, schema: { params, body: FORM } }, async (request, reply) => {
    const ids = request.params;
    const read = readFindingForm(request.body, { change: true });
    if (!read.input) return renderFinding(request, reply, ids, read.values, read.errors);
    const result = await changeFinding(
      commandContext(request),
      ids.inspectionId,
      ids.findingId,
      read.form.input,
    );
    switch (result.kind) {
      case 'ok':
        return reply
          .flash('Finding saved.')
          .redirect(`${inspectionsUrl(request)}/${ids.inspectionId}#finding-${ids.findingId}`, 303);
      case 'invalid':
        return renderFinding(
          request,
          reply,
          ids,
          read.values,
          orderedErrors(read.form, [], result.problems),
        );
      case 'conflict':
        return renderFindingConflict(request, reply, ids, read.values, result.current);
      default:
        return sendPageResult(reply, result);
    }
  });
}
