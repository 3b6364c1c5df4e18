/** The inspections pages, one folder each under pages/. */
import type { FastifyInstance } from 'fastify';
import { deleteFindingPage } from './pages/delete-finding/delete-finding.js';
import { deleteInspectionPage } from './pages/delete-inspection/delete-inspection.js';
import { findingFormPage } from './pages/finding-form/finding-form.js';
import { inspectionFormPages } from './pages/inspection-form/inspection-form.js';
import { listPage } from './pages/list/list.js';
import { showPage } from './pages/show/show.js';

export async function inspectionRoutes(app: FastifyInstance): Promise<void> {
  listPage(app);
  inspectionFormPages(app);
  showPage(app);
  findingFormPage(app);
  deleteInspectionPage(app);
  deleteFindingPage(app);
}
