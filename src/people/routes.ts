import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { detailsPage } from './pages/details/route.js';
import { listPage } from './pages/list/route.js';
import { newPersonPage } from './pages/new/route.js';
import { showPage } from './pages/show/route.js';

/** The people pages, one folder each under pages/. */
export async function peopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  listPage(app);
  newPersonPage(app);
  showPage(app);
  detailsPage(app);
}
