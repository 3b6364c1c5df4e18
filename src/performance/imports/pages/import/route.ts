// A saved import's page: what it brought and what of it is still held. A census and a case set
// are deleted where they are shown; values and benchmarks are undone from pages/undo/.
import { sendNotFound } from '../../../../platform/web/errors.js';
import { paramsSchema, tenantOf, type App } from '../../../../platform/web/request.js';
import { formatDateTime } from '../../../../platform/web/views.js';
import { describeImport, UNDOABLE_KINDS } from '../../import-service.js';
import { KIND_LABELS } from '../../import-specs.js';
import { base, count, importUrl } from '../shared.js';

const SHOWN_SETS = 200;

export function importPage(app: App): void {
  app.get(
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
      return reply.page('performance/imports/pages/import/import.njk', {
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
}
