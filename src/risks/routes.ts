import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { listPage } from './pages/list/route.js';
import { overduePage } from './pages/overdue/route.js';
import { riskFormPages } from './pages/risk-form/route.js';
import { riskPages } from './pages/risk/route.js';
import { settingsPage } from './pages/settings/route.js';

/** The risk register's pages, one folder each under pages/. */
export async function riskRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  listPage(app);
  overduePage(app);
  settingsPage(app);
  riskFormPages(fastify);
  riskPages(fastify);
}
