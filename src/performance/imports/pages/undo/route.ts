// Undoing an import of values or benchmarks (admins): a page that says what goes, then the POST
// that removes it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendNotFound } from '../../../../platform/web/errors.js';
import { actorFor, paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import { describeImport, undoImport } from '../../import-service.js';
import { KIND_LABELS } from '../../import-specs.js';
import { ADMIN, base, count, importUrl } from '../shared.js';

const renderUndone = (
  request: FastifyRequest,
  reply: FastifyReply,
  record: { id: string; undone_at: Date | null },
) =>
  reply.page(
    'performance/imports/pages/undo/undone.njk',
    {
      title: 'This import cannot be undone',
      undoneAt: record.undone_at,
      importLink: importUrl(request, record.id),
      importsLink: base(request),
    },
    409,
  );

/** "1 value", "3 benchmark figures": what an undo removes. */
const removedText = (n: number, benchmarks: boolean) =>
  count(n, benchmarks ? 'benchmark figure' : 'value', benchmarks ? 'benchmark figures' : 'values');

export function undoPage(app: App): void {
  const params = { config: ADMIN, schema: { params: paramsSchema('importId') } };

  app.get('/p/:partnership/performance/imports/:importId/undo', params, async (request, reply) => {
    const { importId } = request.params;
    const detail = await describeImport(app.db, tenantOf(request), importId);
    if (!detail) return sendNotFound(reply);
    if (!detail.canUndo) return renderUndone(request, reply, detail.record);
    const { record } = detail;
    const benchmarks = record.kind === 'benchmarks';
    return reply.page('performance/imports/pages/undo/undo.njk', {
      title: `Are you sure you want to undo the import of ${record.file_name}?`,
      record,
      kindLabel: KIND_LABELS[record.kind] ?? record.kind,
      benchmarks,
      heldText: removedText(detail.held, benchmarks),
      replacedLater: detail.written !== null && detail.held < detail.written,
      action: `${importUrl(request, record.id)}/undo`,
      backLink: importUrl(request, record.id),
    });
  });

  app.post('/p/:partnership/performance/imports/:importId/undo', params, async (request, reply) => {
    const { importId } = request.params;
    const result = await undoImport(app.db, actorFor(request), tenantOf(request), importId);
    if (result.status === 'missing') return sendNotFound(reply);
    if (result.status === 'gone') return renderUndone(request, reply, result.record);
    const benchmarks = result.record.kind === 'benchmarks';
    return reply
      .flash(
        `Import of ${result.record.file_name} undone: ${removedText(result.removed, benchmarks)} removed.`,
      )
      .redirect(importUrl(request, importId), 303);
  });
}
