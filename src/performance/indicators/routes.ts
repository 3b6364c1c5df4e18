// The indicator pages, one folder each under pages/: the dashboard, the catalogue (and adding the
// starter set), the form to add or change an indicator, and an indicator's own page.
import type { FastifyInstance } from 'fastify';
import { typed } from '../../platform/web/request.js';
import { cataloguePage } from './pages/catalogue/route.js';
import { dashboardPage } from './pages/dashboard/route.js';
import { formPage } from './pages/form/route.js';
import { indicatorPage } from './pages/indicator/route.js';

export function indicatorRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  dashboardPage(app);
  cataloguePage(app);
  formPage(app);
  indicatorPage(app);
  return Promise.resolve();
}
