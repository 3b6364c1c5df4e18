import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field, FormErrors, isId, type FormBody } from '../../platform/web/forms.js';
import { sendNotFound } from '../../platform/web/errors.js';
import { formatDateTime } from '../../platform/web/views.js';
import { Type } from 'typebox';
import { actorFor, paramsSchema, tenantOf, typed, userOf } from '../../platform/web/request.js';
import { acceptDataUploads, isDataUpload } from '../../platform/tables/upload.js';
import { deletePendingImport, findPendingImport, listDataImports } from './pending-repository.js';
import {
  IMPORT_KINDS,
  KIND_HELP,
  KIND_LABELS,
  kindHelp,
  templateCsv,
  type DataImportKind,
} from './import-specs.js';
import {
  checkImport,
  holdForPreview,
  ImportGoneError,
  ImportStaleError,
  describeImport,
  UNDOABLE_KINDS,
  saveImport,
  undoImport,
  type ImportSummary,
  type PayloadOf,
} from './import-service.js';
import type { RowError } from '../../platform/tables/types.js';
import { listMembers } from '../../platform/directory/directory.js';

const ADMIN = { roles: ['admin'] as const };
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_UPLOAD_LABEL = '50 MB';

type StartValues = { kind?: string; sheet?: string };

/** What a page's query may say: lenient, so an unknown or missing key is no error. */
const importQuery = Type.Object({
  kind: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
});

/** A posted body (a form or a multipart upload) as fields to read; nothing when there is none. */
function formBody(body: unknown): FormBody {
  return typeof body === 'object' && body !== null ? { ...body } : {};
}

const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/performance/imports`;

/** Importing indicator values, benchmarks and the geography: upload, check, preview, save. */
export async function performanceImportRoutes(app: FastifyInstance): Promise<void> {
  await acceptDataUploads(app, { maxBytes: MAX_UPLOAD_BYTES });
  uploadRoutes(app);
  previewRoutes(app);
  savedImportRoutes(app);
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

/** The imports page: the form to upload a file, and checking it. */
function uploadRoutes(app: FastifyInstance): void {
  const pages = typed(app);
  const renderStart = async (
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
  ) => {
    const tenant = tenantOf(request);
    const imports = await listDataImports(app.db, tenant);
    // Someone who cannot import is told who can, by name, instead of how to.
    const adminNames =
      tenant.role === 'admin'
        ? []
        : (await listMembers(app.db, tenant))
            .filter((m) => m.role === 'admin' && !m.disabled_at)
            .map((m) => m.name);
    const failed = Boolean(problems.errors?.any || problems.rows);
    return reply.page(
      'performance/imports/imports.njk',
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
  };

  pages.get(
    '/p/:partnership/performance/imports',
    { schema: { params: paramsSchema(), querystring: importQuery } },
    (request, reply) => renderStart(request, reply, { kind: request.query.kind ?? '' }),
  );

  app.post(
    '/p/:partnership/performance/imports',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const body = formBody(request.body);
      const values: StartValues = { kind: field(body, 'kind'), sheet: field(body, 'sheet') };
      const errors = new FormErrors();
      const kind = (IMPORT_KINDS as readonly string[]).includes(values.kind ?? '')
        ? (values.kind as DataImportKind)
        : undefined;
      if (!kind) errors.add('kind', 'Select what you are importing');
      const upload = isDataUpload(body.file) ? body.file : undefined;
      if (!upload || (upload.bytes === 0 && upload.filename === 'upload'))
        errors.add('file', 'Select a CSV or Excel file');
      else if (upload.truncated)
        errors.add('file', `The selected file must be smaller than ${MAX_UPLOAD_LABEL}`);
      else if (upload.bytes === 0) errors.add('file', 'The selected file is empty');
      if ((values.sheet ?? '').length > 100)
        errors.add('sheet', 'Worksheet name must be 100 characters or fewer');
      if (errors.any || !kind || !upload) return renderStart(request, reply, values, { errors });

      const tenant = tenantOf(request);
      const checked = await checkImport(app.db, tenant, kind, {
        input: upload.path,
        fileName: upload.filename,
        sheet: values.sheet,
      });
      if (!checked.ok) {
        return renderStart(request, reply, values, {
          rows: {
            list: checked.errors,
            total: checked.errorCount,
            fileName: upload.filename,
            notes: checked.notes,
          },
        });
      }
      const id = await holdForPreview(app.db, tenant, checked, userOf(request).id);
      return reply.redirect(`${base(request)}/preview?kind=${kind}&id=${id}`, 303);
    },
  );
}

/** The preview of a checked import: saving it or cancelling. */
function previewRoutes(app: FastifyInstance): void {
  const pages = typed(app);
  const pendingOf = async (request: FastifyRequest, kind: string, id: string) => {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind) || !isId(id)) return undefined;
    return findPendingImport<PayloadOf<DataImportKind>>(
      app.db,
      tenantOf(request),
      id,
      kind as DataImportKind,
    );
  };

  const renderGone = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    reason?: string,
  ) =>
    reply.page(
      'performance/imports/not-waiting.njk',
      { title: 'This import is not waiting to be saved', reason, importsLink: base(request) },
      status,
    );

  pages.get(
    '/p/:partnership/performance/imports/preview',
    { config: ADMIN, schema: { params: paramsSchema(), querystring: importQuery } },
    async (request, reply) => {
      const kind = request.query.kind ?? '';
      const id = request.query.id ?? '';
      const pending = await pendingOf(request, kind, id);
      if (!pending) return renderGone(request, reply, 200);
      const summary = pending.summary as ImportSummary & { notes?: string[] };
      return reply.page('performance/imports/preview.njk', {
        title: 'Check the import before you save it',
        pending: {
          id: pending.id,
          kind: pending.kind,
          fileName: pending.file_name,
          rowsRead: pending.rows_read,
        },
        kindLabel: KIND_LABELS[pending.kind],
        summary,
        help: kindHelp(pending.kind as DataImportKind),
        action: `${base(request)}/preview`,
        backLink: base(request),
      });
    },
  );

  app.post(
    '/p/:partnership/performance/imports/preview',
    { config: ADMIN, schema: { params: paramsSchema() } },
    async (request, reply) => {
      const body = formBody(request.body);
      const tenant = tenantOf(request);
      const kind = field(body, 'kind');
      const id = field(body, 'id');
      if (field(body, 'action') === 'cancel') {
        if (isId(id)) await deletePendingImport(app.db, tenant, id);
        return reply.flash('Import cancelled. Nothing was saved.').redirect(base(request), 303);
      }
      const pending = await pendingOf(request, kind, id);
      if (!pending) return renderGone(request, reply, 409);
      try {
        await saveImport(
          app.db,
          actorFor(request),
          tenant,
          {
            kind: pending.kind as DataImportKind,
            fileName: pending.file_name,
            rowsRead: pending.rows_read,
            payload: pending.payload,
          },
          { pendingId: pending.id },
        );
      } catch (error) {
        if (error instanceof ImportGoneError) return renderGone(request, reply, 409);
        if (error instanceof ImportStaleError)
          return renderGone(request, reply, 409, `${error.message} Upload the file again.`);
        throw error;
      }
      const n = pending.rows_read;
      return reply
        .flash(
          `${KIND_LABELS[pending.kind]} imported from ${pending.file_name}: ${n.toLocaleString('en-GB')} ${n === 1 ? 'row' : 'rows'}.`,
        )
        .redirect(base(request), 303);
    },
  );
}

// A saved import's page: what it brought and what of it is still held; admins can undo an
// import of values or benchmarks. A census and a case set are deleted where they are shown.
function savedImportRoutes(app: FastifyInstance): void {
  const pages = typed(app);
  const SHOWN_SETS = 200;
  const count = (n: number, one: string, many: string) =>
    `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  const importUrl = (request: FastifyRequest, id: string) => `${base(request)}/${id}`;

  const renderUndone = (
    request: FastifyRequest,
    reply: FastifyReply,
    record: { id: string; undone_at: Date | null },
  ) =>
    reply.page(
      'performance/imports/undone.njk',
      {
        title: 'This import cannot be undone',
        undoneAt: record.undone_at,
        importLink: importUrl(request, record.id),
        importsLink: base(request),
      },
      409,
    );

  pages.get(
    '/p/:partnership/performance/imports/:importId',
    { schema: { params: paramsSchema('importId') } },
    async (request, reply) => {
      const { importId } = request.params;
      const tenant = tenantOf(request);
      const detail = await describeImport(app.db, tenant, importId);
      if (!detail) return sendNotFound(reply);
      const { record } = detail;
      const perf = `/p/${tenant.slug}/performance`;
      const figures = record.kind === 'benchmarks' ? ['figure', 'figures'] : ['value', 'values'];
      const heldText = count(detail.held, figures[0]!, figures[1]!);
      const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
      const summaryRows = [
        row('File', record.file_name),
        row('What', KIND_LABELS[record.kind] ?? record.kind),
        row('Imported by', record.created_by_name ?? 'Command line'),
        row('When', formatDateTime(record.created_at)),
        row('Rows read', record.rows_read.toLocaleString('en-GB')),
      ];
      if (UNDOABLE_KINDS.includes(record.kind)) {
        if (detail.written !== null)
          summaryRows.push(row('Saved', count(detail.written, figures[0]!, figures[1]!)));
        summaryRows.push(row('Still held', heldText));
      }
      if (record.undone_at)
        summaryRows.push(row('Undone', `Undone on ${formatDateTime(record.undone_at)}`));
      return reply.page('performance/imports/show.njk', {
        title: `Import of ${record.file_name}`,
        record,
        kindLabel: KIND_LABELS[record.kind] ?? record.kind,
        detail: {
          ...detail,
          valueSets: detail.valueSets.slice(0, SHOWN_SETS),
          benchmarkGroups: detail.benchmarkGroups.slice(0, SHOWN_SETS),
        },
        moreSets: Math.max(detail.valueSets.length, detail.benchmarkGroups.length) - SHOWN_SETS,
        heldText,
        summaryRows,
        savedAsLink:
          detail.savedAs &&
          (record.kind === 'census'
            ? `${perf}/census/${detail.savedAs.id}`
            : `${perf}/ehc-timeliness`),
        recordListLink: record.kind === 'census' ? `${perf}/census` : `${perf}/ehc-timeliness`,
        undoLink: `${importUrl(request, record.id)}/undo`,
        backLink: base(request),
      });
    },
  );

  pages.get(
    '/p/:partnership/performance/imports/:importId/undo',
    { config: ADMIN, schema: { params: paramsSchema('importId') } },
    async (request, reply) => {
      const { importId } = request.params;
      const detail = await describeImport(app.db, tenantOf(request), importId);
      if (!detail) return sendNotFound(reply);
      if (!detail.canUndo) return renderUndone(request, reply, detail.record);
      const { record } = detail;
      const benchmarks = record.kind === 'benchmarks';
      return reply.page('performance/imports/undo.njk', {
        title: `Are you sure you want to undo the import of ${record.file_name}?`,
        record,
        kindLabel: KIND_LABELS[record.kind] ?? record.kind,
        benchmarks,
        heldText: count(
          detail.held,
          benchmarks ? 'benchmark figure' : 'value',
          benchmarks ? 'benchmark figures' : 'values',
        ),
        replacedLater: detail.written !== null && detail.held < detail.written,
        action: `${importUrl(request, record.id)}/undo`,
        backLink: importUrl(request, record.id),
      });
    },
  );

  pages.post(
    '/p/:partnership/performance/imports/:importId/undo',
    { config: ADMIN, schema: { params: paramsSchema('importId') } },
    async (request, reply) => {
      const { importId } = request.params;
      const result = await undoImport(app.db, actorFor(request), tenantOf(request), importId);
      if (result.status === 'missing') return sendNotFound(reply);
      if (result.status === 'gone') return renderUndone(request, reply, result.record);
      const benchmarks = result.record.kind === 'benchmarks';
      return reply
        .flash(
          `Import of ${result.record.file_name} undone: ${count(
            result.removed,
            benchmarks ? 'benchmark figure' : 'value',
            benchmarks ? 'benchmark figures' : 'values',
          )} removed.`,
        )
        .redirect(importUrl(request, importId), 303);
    },
  );
}
