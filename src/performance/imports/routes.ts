// Importing indicator values, benchmarks and the geography, one folder each under pages/: the
// list and upload (with the templates), the preview and save, a saved import, and undoing one.
import type { FastifyInstance } from 'fastify';
import { acceptDataUploads } from '../../platform/tables/upload.js';
import { typed } from '../../platform/web/request.js';
import { importPage } from './pages/import/route.js';
import { listPage } from './pages/list/route.js';
import { MAX_UPLOAD_BYTES } from './pages/shared.js';
import { previewPage } from './pages/preview/route.js';
import { undoPage } from './pages/undo/route.js';

export async function performanceImportRoutes(fastify: FastifyInstance): Promise<void> {
  await acceptDataUploads(fastify, { maxBytes: MAX_UPLOAD_BYTES });
  const app = typed(fastify);
  listPage(app);
  previewPage(app);
  importPage(app);
  undoPage(app);
}
