import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { deletePage } from './pages/delete/route.js';
import { formPages } from './pages/form/route.js';
import { listPage } from './pages/list/route.js';
import { showPage } from './pages/show/route.js';

/** The organisations pages, one folder each under pages/. */
export async function organisationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  listPage(app);
  formPages(app);
  showPage(app);
  deletePage(app);
}
