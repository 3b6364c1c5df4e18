import type { FastifyInstance } from 'fastify';
import { paramsSchema, tenantOf, typed } from '../../platform/web/request.js';
import { sendPlanExport, XLSX_TYPE } from '../export-routes.js';
import { readErrors, secured } from '../../platform/web/api-kit.js';

import { P } from './shared.js';

/** The actions tracker downloads. */
export async function downloadRoutes(app: FastifyInstance): Promise<void> {
  const api = typed(app);
  const tags = ['plans'];
  // Downloads: explicit URLs rather than content negotiation, so Excel's "From Web", Power BI
  // and a plain link all get the same file.
  const columns =
    'Number, priority, action, category, lead, lead organisation, partners, start, due, status, RAG, overdue (Yes/No), latest update date and narrative, latest figure and its measure, success measures.';
  api.get(
    `${P}/:planId/actions.csv`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'The plan’s actions as CSV (UTF-8 with BOM), one row per action',
        description: `${columns} Cells starting with = + - @ are prefixed with a single quote so no spreadsheet runs them as formulas. Dates are YYYY-MM-DD.`,
        params: paramsSchema('planId'),
        response: {
          200: {
            description: 'A CSV file',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...readErrors,
        },
      },
    },
    (request, reply) =>
      sendPlanExport(app.db, tenantOf(request), request.params.planId, 'csv', reply),
  );

  api.get(
    `${P}/:planId/actions.xlsx`,
    {
      schema: {
        ...secured,
        tags,
        summary: 'The plan’s actions as an Excel workbook, one row per action',
        description: `${columns} Bold frozen header with filters; dates are real dates.`,
        params: paramsSchema('planId'),
        response: {
          200: {
            description: 'An Excel workbook',
            content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
          },
          ...readErrors,
        },
      },
    },
    (request, reply) =>
      sendPlanExport(app.db, tenantOf(request), request.params.planId, 'xlsx', reply),
  );
}
