// School census SEN pages, one folder each under pages/: the list and upload, the preview and
// save, deleting, England's figures, and identification rates.
import type { FastifyInstance } from 'fastify';
import { typed } from '../../platform/web/request.js';
import { deletePage } from './pages/delete/route.js';
import { englandPage } from './pages/england/route.js';
import { listPage } from './pages/list/route.js';
import { previewPage } from './pages/preview/route.js';
import { ratesPage } from './pages/rates/route.js';

export async function censusRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  await listPage(app);
  previewPage(app);
  deletePage(app);
  englandPage(app);
  ratesPage(app);
}
