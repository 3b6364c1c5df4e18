// The census list with its upload form (admins), the upload itself, and the template CSV.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { importerNames } from '../../../imports/index.js';
import { acceptDataUploads, isDataUpload } from '../../../../platform/tables/upload.js';
import type { RowError } from '../../../../platform/tables/types.js';
import {
  dateInput,
  dateParts,
  field,
  FormErrors,
  type FormBody,
} from '../../../../platform/web/forms.js';
import {
  actorFor,
  paramsSchema,
  tenantOf,
  typed,
  type App,
} from '../../../../platform/web/request.js';
import {
  CENSUS_MAX_BYTES,
  censusLabelProblem,
  checkCensusUpload,
  listCensuses,
  stageCensus,
} from '../../census-service.js';
import { count } from '../../census-query.js';
import {
  NEED_COLUMN_HELP,
  SCHOOL_TEMPLATE_EXAMPLE,
  SCHOOL_TEMPLATE_HEADERS,
} from '../../census-specs.js';
import { ADMIN, censusBase, SOURCE_LABELS } from '../shared.js';

const MAX_MB = Math.round(CENSUS_MAX_BYTES / 2 ** 20);

type UploadValues = { label: string; censusDate: ReturnType<typeof dateParts>; sheet: string };

type UploadProblems = {
  errors?: FormErrors;
  rowErrors?: RowError[];
  errorCount?: number;
  fileName?: string;
};

/** A multipart body's fields and file, as acceptDataUploads leaves them (or none). */
const uploadBody = (body: unknown): FormBody =>
  typeof body === 'object' && body !== null ? { ...body } : {};

async function renderList(
  request: FastifyRequest,
  reply: FastifyReply,
  values: UploadValues = { label: '', censusDate: dateParts(null), sheet: '' },
  problems: UploadProblems = {},
) {
  const db = request.server.db;
  const tenant = tenantOf(request);
  const censuses = await listCensuses(db, tenant);
  const adminNames = await importerNames(db, tenant);
  const status = problems.errors?.any || problems.rowErrors ? 400 : 200;
  return reply.page(
    'performance/census/pages/list/list.njk',
    {
      title: 'School census SEN',
      slug: tenant.slug,
      isAdmin: tenant.role === 'admin',
      adminNames,
      censuses: censuses.map((c) => ({
        ...c,
        sourceLabel: SOURCE_LABELS[c.source],
        schoolsText: count(c.schools),
        pupilsText: count(c.pupils),
        eText: count(c.sen_e),
        kText: count(c.sen_k),
      })),
      values,
      maxMb: MAX_MB,
      templateHeaders: SCHOOL_TEMPLATE_HEADERS.slice(0, 8),
      templateExample: SCHOOL_TEMPLATE_EXAMPLE.map((row) => row.slice(0, 8)),
      needHelp: NEED_COLUMN_HELP,
      rowErrors: problems.rowErrors,
      errorCount: problems.errorCount,
      fileName: problems.fileName,
      ...(problems.errors?.toView() ?? {}),
    },
    status,
  );
}

/** The upload: the form's fields checked, then the file, then the import staged for preview. */
async function upload(request: FastifyRequest, reply: FastifyReply) {
  const body = uploadBody(request.body);
  const errors = new FormErrors();
  const label = field(body, 'label');
  const labelProblem = censusLabelProblem(label);
  if (labelProblem) errors.add('label', labelProblem);
  const date = dateInput(body, 'censusDate', errors, {
    label: 'the census date',
    required: true,
  });
  const sheet = field(body, 'sheet').slice(0, 100);
  const file = body.censusFile;
  if (!isDataUpload(file) || (file.bytes === 0 && file.filename === 'upload'))
    errors.add('censusFile', 'Select a census file (CSV or Excel)');
  else if (file.truncated)
    errors.add('censusFile', `The census file must be smaller than ${MAX_MB} MB`);
  else if (file.bytes === 0) errors.add('censusFile', 'The selected file is empty');
  const values = { label, censusDate: date.parts, sheet };
  if (errors.any || !isDataUpload(file) || !date.iso)
    return renderList(request, reply, values, { errors });

  const db = request.server.db;
  const tenant = tenantOf(request);
  const check = await checkCensusUpload(db, tenant, file.path, {
    fileName: file.filename,
    censusDate: date.iso,
    ...(sheet ? { sheet } : {}),
  });
  if (check.errorCount > 0)
    return renderList(request, reply, values, {
      rowErrors: check.errors,
      errorCount: check.errorCount,
      fileName: file.filename,
    });
  const pendingId = await stageCensus(db, actorFor(request), tenant, {
    fileName: file.filename,
    label,
    censusDate: date.iso,
    check,
  });
  return reply.redirect(`${censusBase(request)}/preview/${pendingId}`, 303);
}

export async function listPage(app: App): Promise<void> {
  app.get(
    '/p/:partnership/performance/census',
    { schema: { params: paramsSchema() } },
    (request, reply) => renderList(request, reply),
  );

  // The upload, in a scope of its own that accepts one large file.
  await app.register(async (scope) => {
    await acceptDataUploads(scope, { maxBytes: CENSUS_MAX_BYTES });
    typed(scope).post(
      '/p/:partnership/performance/census',
      { config: ADMIN, schema: { params: paramsSchema() } },
      upload,
    );
  });

  app.get(
    '/p/:partnership/performance/census/template.csv',
    { schema: { params: paramsSchema() } },
    async (_request, reply) => {
      const csv = stringify([
        [...SCHOOL_TEMPLATE_HEADERS],
        ...SCHOOL_TEMPLATE_EXAMPLE.map((r) => [...r]),
      ]);
      return reply
        .header('content-disposition', 'attachment; filename="school-census-template.csv"')
        .header('cache-control', 'private, no-store')
        .type('text/csv; charset=utf-8')
        .send(`\uFEFF${csv}`);
    },
  );
}
