// EHC plan timeliness pages, one folder each under pages/: the analysis (every member), the
// upload, preview and save (admins), deleting a case set, recording its figures as the
// indicator's values, and the list of open cases past 20 weeks (admins only: it shows case
// references).
import type { FastifyInstance } from 'fastify';
import { typed } from '../../platform/web/request.js';
import { analysisPage } from './pages/analysis/route.js';
import { deletePage } from './pages/delete/route.js';
import { indicatorFiguresPage } from './pages/indicator-figures/route.js';
import { openCasesPage } from './pages/open-cases/route.js';
import { previewPage } from './pages/preview/route.js';
import { uploadPage } from './pages/upload/route.js';

export async function timelinessRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  analysisPage(app);
  openCasesPage(app);
  previewPage(app);
  deletePage(app);
  indicatorFiguresPage(app);
  await uploadPage(app);
}
