/** Recording an inspection, and changing its details (with the conflict page of a stale edit). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderConflict, retryFieldsOf } from '../../../platform/web/conflict.js';
import { FORM, sendPageResult } from '../../../platform/web/form-input.js';
import { dateParts, type FormErrors } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import {
  changeInspection,
  recordInspection,
  type InspectionConflict,
} from '../../commands/inspection-details.js';
import { findInspection, type InspectionRow } from '../../inspection-repository.js';
import { orderedErrors, readInspectionForm } from '../forms.js';
import { followChoices } from '../../judgements.js';
import { ADMIN, inspectionsUrl, labels } from '../shared.js';

function inspectionValues(i: InspectionRow) {
  return {
    framework: i.framework,
    kind: i.kind,
    onSiteStart: dateParts(i.on_site_start),
    onSiteEnd: dateParts(i.on_site_end),
    publishedOn: dateParts(i.published_on),
    team: i.team,
    outcome: i.outcome ? String(i.outcome) : '',
    wsoaRequired: i.wsoa_required === null ? '' : i.wsoa_required ? 'yes' : 'no',
    outcomeText: i.outcome_text,
    followsInspectionId: i.follows_inspection_id ?? '',
    version: String(i.version),
  };
}

const renderForm = async (
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, unknown>,
  errors?: FormErrors,
  id?: string,
) =>
  reply.page(
    'inspections/pages/inspection-form/inspection-form.njk',
    {
      title: id ? 'Change inspection details' : 'Record an inspection',
      values,
      id,
      // The inspections a revisit or monitoring inspection may follow.
      followChoices: await followChoices(request.server.db, tenantOf(request), id),
      labels,
      backLink: id ? `${inspectionsUrl(request)}/${id}` : inspectionsUrl(request),
      ...(errors?.toView() ?? {}),
    },
    errors ? 400 : 200,
  );

/** Someone else changed the inspection: theirs beside these, to choose from. */
const renderInspectionConflict = (
  request: FastifyRequest,
  reply: FastifyReply,
  inspectionId: string,
  values: Record<string, unknown>,
  { current, asked }: InspectionConflict,
) =>
  renderConflict(reply, {
    what: 'inspection',
    rows: [
      ['Framework', labels.frameworks[current.framework], labels.frameworks[asked.framework]],
      ['Kind', labels.kinds[current.kind], labels.kinds[asked.kind]],
      ['Published', current.published_on ?? '', asked.publishedOn ?? ''],
      ['Team', current.team, asked.team],
    ],
    retryAction: `${inspectionsUrl(request)}/${inspectionId}/edit`,
    retryFields: { ...retryFieldsOf(values), version: String(current.version) },
    backLink: `${inspectionsUrl(request)}/${inspectionId}`,
  });

export function inspectionFormPages(app: FastifyInstance): void {
  const pages = typed(app);

  pages.get(
    '/p/:partnership/inspections/new',
    { config: ADMIN, schema: { params: paramsSchema() } },
    (request, reply) => renderForm(request, reply, {}),
  );

  pages.post(
    '/p/:partnership/inspections/new',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const read = readInspectionForm(request.body);
      if (!read.input) return renderForm(request, reply, read.values, read.errors);
      const result = await recordInspection(commandContext(request), read.form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Inspection recorded. Now add its findings.')
            .redirect(`${inspectionsUrl(request)}/${result.value.id}`, 303);
        case 'invalid':
          return renderForm(
            request,
            reply,
            read.values,
            orderedErrors(read.form, [], result.problems),
          );
        default:
          return sendPageResult(reply, result);
      }
    },
  );

  pages.get(
    '/p/:partnership/inspections/:inspectionId/edit',
    { config: ADMIN, schema: { params: paramsSchema('inspectionId') } },
    async (request, reply) => {
      const { inspectionId } = request.params;
      const inspection = await findInspection(app.db, tenantOf(request), inspectionId);
      if (!inspection) return reply.callNotFound();
      return renderForm(request, reply, inspectionValues(inspection), undefined, inspectionId);
    },
  );

  pages.post(
    '/p/:partnership/inspections/:inspectionId/edit',
    { config: ADMIN, schema: { params: paramsSchema('inspectionId'), body: FORM } },
    async (request, reply) => {
      const { inspectionId } = request.params;
      const read = readInspectionForm(request.body, { change: true });
      if (!read.input) return renderForm(request, reply, read.values, read.errors, inspectionId);
      const result = await changeInspection(commandContext(request), inspectionId, read.form.input);
      switch (result.kind) {
        case 'ok':
          return reply
            .flash('Inspection details saved.')
            .redirect(`${inspectionsUrl(request)}/${inspectionId}`, 303);
        case 'invalid':
          return renderForm(
            request,
            reply,
            read.values,
            orderedErrors(read.form, [], result.problems),
            inspectionId,
          );
        case 'conflict':
          return renderInspectionConflict(
            request,
            reply,
            inspectionId,
            read.values,
            result.current,
          );
        default:
          return sendPageResult(reply, result);
      }
    },
  );
}
