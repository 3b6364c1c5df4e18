import type { FastifyInstance } from 'fastify';
import { boardReportPages } from './pages/board-reports/route.js';
import { planDocumentPages } from './pages/plan-document/route.js';

/** The reports' pages, one folder each under pages/. */
export async function reportRoutes(app: FastifyInstance): Promise<void> {
  planDocumentPages(app);
  boardReportPages(app);
}
