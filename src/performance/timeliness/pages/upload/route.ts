// Uploading a file of EHC cases (admins): the form, then the file checked and staged for preview.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptDataUploads, isDataUpload } from '../../../../platform/tables/upload.js';
import { field, FormErrors, type FormBody } from '../../../../platform/web/forms.js';
import { paramsSchema, tenantOf, typed, type App } from '../../../../platform/web/request.js';
import { todayInLondon } from '../../../../platform/web/today.js';
import { ehcCaseSpec } from '../../timeliness-specs.js';
import {
  checkCaseFile,
  labelProblem,
  MAX_UPLOAD_BYTES,
  stageCaseImport,
  type CaseFileCheck,
} from '../../timeliness-service.js';
import { ADMIN, base, PATH } from '../shared.js';

/** The five columns as the upload page explains them. */
const COLUMN_GUIDE = ehcCaseSpec.columns.map((c) => ({
  label: c.label,
  aliases: (c.aliases ?? []).slice(0, 4),
  required: c.key !== 'primaryNeed',
  what: {
    caseRef:
      'Your own pseudonymous reference for the request, like EHC-2025-0001: letters and digits, with - _ / or . but no spaces. Never a name or a unique pupil number.',
    requestDate: 'The date the request for an EHC needs assessment was received.',
    issueDate:
      'The date the final EHC plan was issued. Leave it blank if no plan has been issued yet.',
    exception:
      'Y if one of the exceptions to the 20-week limit applies (setting closed for 4 weeks or more, exceptional personal circumstances, absence from the area for 4 weeks or more); N or blank if not.',
    primaryNeed:
      'Optional. The DfE type of need code (ASD, SEMH, SLCN, MLD…) or its name, like Autistic spectrum disorder.',
  }[c.key],
}));

/** A multipart body's fields and file, as acceptDataUploads leaves them (or none). */
const uploadBody = (body: unknown): FormBody =>
  typeof body === 'object' && body !== null ? { ...body } : {};

function renderUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  values: { label?: string; sheet?: string } = {},
  problems: { errors?: FormErrors; check?: CaseFileCheck; fileName?: string } = {},
) {
  const failed = (problems.errors?.any ?? false) || (problems.check?.errorCount ?? 0) > 0;
  return reply.page(
    'performance/timeliness/pages/upload/upload.njk',
    {
      // The row errors bring their own error summary; the layout's is for the form's fields.
      title: problems.check ? 'Error: Upload EHC cases' : 'Upload EHC cases',
      values,
      columns: COLUMN_GUIDE,
      maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
      check: problems.check,
      fileName: problems.fileName,
      base: base(request),
      backLink: base(request),
      ...(problems.errors?.toView() ?? {}),
    },
    failed ? 400 : 200,
  );
}

async function upload(request: FastifyRequest, reply: FastifyReply) {
  const body = uploadBody(request.body);
  const values = { label: field(body, 'label'), sheet: field(body, 'sheet') };
  const errors = new FormErrors();
  const problem = labelProblem(values.label);
  if (problem) errors.add('label', problem);
  if (values.sheet.length > 100)
    errors.add('sheet', 'The worksheet name must be 100 characters or fewer');
  const file = body.caseFile;
  if (!isDataUpload(file) || file.bytes === 0)
    errors.add('caseFile', 'Select a CSV or Excel (.xlsx) file of cases');
  else if (file.truncated)
    errors.add('caseFile', `The file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (errors.any || !isDataUpload(file)) return renderUpload(request, reply, values, { errors });

  const check = await checkCaseFile(file.path, {
    fileName: file.filename,
    today: todayInLondon(),
    ...(values.sheet ? { sheet: values.sheet } : {}),
  });
  if (check.errorCount > 0)
    return renderUpload(request, reply, values, { check, fileName: file.filename });
  const id = await stageCaseImport(request.server.db, tenantOf(request), request.user?.id ?? null, {
    label: values.label,
    fileName: file.filename,
    check,
  });
  return reply.redirect(`${base(request)}/preview?import=${id}`, 303);
}

/** The upload takes a multipart body: only the routes in this scope accept one. */
export async function uploadPage(app: App): Promise<void> {
  await app.register(async (scope) => {
    await acceptDataUploads(scope, { maxBytes: MAX_UPLOAD_BYTES });
    const uploads = typed(scope);
    uploads.get(
      `${PATH}/upload`,
      { config: ADMIN, schema: { params: paramsSchema() } },
      (request, reply) => renderUpload(request, reply),
    );
    uploads.post(`${PATH}/upload`, { config: ADMIN, schema: { params: paramsSchema() } }, upload);
  });
}
