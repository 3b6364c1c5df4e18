import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { actionListPages } from './pages/action-list/route.js';
import { overviewPage } from './pages/overview/route.js';

/** The overview pages, one folder each under pages/. */
export async function overviewRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  overviewPage(app);
  actionListPages(app);
}
