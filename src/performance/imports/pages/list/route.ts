// The imports page: the list of imports and the form to upload a file (admins), checking the
// file and holding it for the preview; and the template CSV of each kind.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { importerNames } from '../../importers.js';
import { isDataUpload } from '../../../../platform/tables/upload.js';
import type { RowError } from '../../../../platform/tables/types.js';
import { field, FormErrors } from '../../../../platform/web/forms.js';
import { paramsSchema, tenantOf, userOf, type App } from '../../../../platform/web/request.js';
import { checkImport, holdForPreview } from '../../import-service.js';
import {
  IMPORT_KINDS,
  KIND_HELP,
  KIND_LABELS,
  templateCsv,
  type DataImportKind,
} from '../../import-specs.js';
import { listDataImports } from '../../pending-repository.js';
import { ADMIN, base, formBody, importQuery, MAX_UPLOAD_LABEL } from '../shared.js';

type StartValues = { kind?: string; sheet?: string };

async function renderStart(
  request: FastifyRequest,
  reply: FastifyReply,
  values: StartValues,
  problems: {
    errors?: FormErrors;
    rows?: {
      list: readonly RowError[];
      total: number;
      fileName: string;
      notes: readonly string[];
    };
  } = {},
) {
  const db = request.server.db;
  const tenant = tenantOf(request);
  const imports = await listDataImports(db, tenant);
  const adminNames = await importerNames(db, tenant);
  const failed = Boolean(problems.errors?.any || problems.rows);
  return reply.page(
    'performance/imports/pages/list/list.njk',
    {
      title: 'Import data',
      values,
      kinds: KIND_HELP,
      kindItems: KIND_HELP.map((k) => ({
        value: k.kind,
        text: k.label,
        hint: { text: k.hint },
        checked: values.kind === k.kind,
      })),
      kindLabels: KIND_LABELS,
      maxUpload: MAX_UPLOAD_LABEL,
      imports,
      adminNames,
      rowProblems: problems.rows,
      ...(problems.errors?.toView() ?? {}),
    },
    failed ? 400 : 200,
  );
}

/** The upload: the form's fields checked, then the file, then the import held for preview. */
async function upload(request: FastifyRequest, reply: FastifyReply) {
  const body = formBody(request.body);
  const values: StartValues = { kind: field(body, 'kind'), sheet: field(body, 'sheet') };
  const errors = new FormErrors();
  const kind = (IMPORT_KINDS as readonly string[]).includes(values.kind ?? '')
    ? (values.kind as DataImportKind)
    : undefined;
  if (!kind) errors.add('kind', 'Select what you are importing');
  const file = isDataUpload(body.file) ? body.file : undefined;
  if (!file || (file.bytes === 0 && file.filename === 'upload'))
    errors.add('file', 'Select a CSV or Excel file');
  else if (file.truncated)
    errors.add('file', `The selected file must be smaller than ${MAX_UPLOAD_LABEL}`);
  else if (file.bytes === 0) errors.add('file', 'The selected file is empty');
  if ((values.sheet ?? '').length > 100)
    errors.add('sheet', 'Worksheet name must be 100 characters or fewer');
  if (errors.any || !kind || !file) return renderStart(request, reply, values, { errors });

  const db = request.server.db;
  const tenant = tenantOf(request);
  const checked = await checkImport(db, tenant, kind, {
    input: file.path,
    fileName: file.filename,
    sheet: values.sheet,
  });
  if (!checked.ok) {
    return renderStart(request, reply, values, {
      rows: {
        list: checked.errors,
        total: checked.errorCount,
        fileName: file.filename,
        notes: checked.notes,
      },
    });
  }
  const id = await holdForPreview(db, tenant, checked, userOf(request).id);
  return reply.redirect(`${base(request)}/preview?kind=${kind}&id=${id}`, 303);
}

export function listPage(app: App): void {
  app.get(
    '/p/:partnership/performance/imports',
    { schema: { params: paramsSchema(), querystring: importQuery } },
    (request, reply) => renderStart(request, reply, { kind: request.query.kind ?? '' }),
  );

  app.post(
    '/p/:partnership/performance/imports',
    { config: ADMIN, schema: { params: paramsSchema() } },
    upload,
  );

  // One route per template (no :kind parameter), each a small CSV to fill in.
  for (const help of KIND_HELP) {
    app.get(
      `/p/:partnership/performance/imports/template/${help.slug}.csv`,
      { schema: { params: paramsSchema() } },
      (_request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="sendboard-${help.slug}.csv"`)
          .send(templateCsv(help.kind)),
    );
  }
}
