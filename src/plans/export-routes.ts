import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { paramsSchema, tenantOf, typed } from '../platform/web/request.js';
import { todayInLondon } from '../platform/web/today.js';
import { findPlan } from './plan-repository.js';
import { listActionSheet } from './export-repository.js';
import { exportFilename, exportRows, toCsv, toXlsx } from './export.js';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a plan's actions as a CSV or Excel download; 404 when the plan is not the tenant's. */
export async function sendPlanExport(
  db: Db,
  tenant: Tenant,
  planId: string,
  format: 'csv' | 'xlsx',
  reply: FastifyReply,
): Promise<FastifyReply> {
  const plan = await findPlan(db, tenant, planId);
  if (!plan) {
    reply.callNotFound();
    return reply;
  }
  const today = todayInLondon();
  const rows = exportRows(await listActionSheet(db, tenant, planId), today);
  const filename = exportFilename(plan.title, format, today);
  reply
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store');
  if (format === 'csv') return reply.type(CSV_TYPE).send(toCsv(rows));
  return reply.type(XLSX_TYPE).send(await toXlsx(rows, plan.title));
}

/** Downloads of a plan's actions from its page: any member may read them. */
export async function planExportRoutes(app: FastifyInstance): Promise<void> {
  for (const format of ['csv', 'xlsx'] as const) {
    typed(app).get(
      `/p/:partnership/plans/:planId/export.${format}`,
      { schema: { params: paramsSchema('planId') } },
      (request, reply) =>
        sendPlanExport(app.db, tenantOf(request), request.params.planId, format, reply),
    );
  }
}
