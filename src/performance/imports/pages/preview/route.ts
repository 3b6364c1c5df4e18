// The preview of a checked import (admins): what will be saved, then saving it or cancelling.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, isId } from '../../../../platform/web/forms.js';
import { actorFor, paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import {
  ImportGoneError,
  ImportStaleError,
  saveImport,
  type ImportSummary,
  type PayloadOf,
} from '../../import-service.js';
import { IMPORT_KINDS, KIND_LABELS, kindHelp, type DataImportKind } from '../../import-specs.js';
import { deletePendingImport, findPendingImport } from '../../pending-repository.js';
import { ADMIN, base, formBody, importQuery } from '../shared.js';

async function pendingOf(request: FastifyRequest, kind: string, id: string) {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind) || !isId(id)) return undefined;
  return findPendingImport<PayloadOf<DataImportKind>>(
    request.server.db,
    tenantOf(request),
    id,
    kind as DataImportKind,
  );
}

const renderGone = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  reason?: string,
) =>
  reply.page(
    'performance/imports/pages/preview/not-waiting.njk',
    { title: 'This import is not waiting to be saved', reason, importsLink: base(request) },
    status,
  );

export function previewPage(app: App): void {
  app.get(
    '/p/:partnership/performance/imports/preview',
    { config: ADMIN, schema: { params: paramsSchema(), querystring: importQuery } },
    async (request, reply) => {
      const kind = request.query.kind ?? '';
      const id = request.query.id ?? '';
      const pending = await pendingOf(request, kind, id);
      if (!pending) return renderGone(request, reply, 200);
      const summary = pending.summary as ImportSummary & { notes?: string[] };
      return reply.page('performance/imports/pages/preview/preview.njk', {
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
