import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { actionFormPage } from './pages/action-form/route.js';
import { actionPage } from './pages/action/route.js';
import { deletePages } from './pages/delete/route.js';
import { includePage } from './pages/include/route.js';
import { listPage } from './pages/list/route.js';
import { newAcceleratedPlanPage } from './pages/new-app/route.js';
import { newPlanPage } from './pages/new-plan/route.js';
import { orderPage } from './pages/order/route.js';
import { planPage } from './pages/plan/route.js';
import { priorityFormPage } from './pages/priority-form/route.js';
import { revisedDatesPage } from './pages/revised-dates/route.js';
import { versionPage } from './pages/version/route.js';

/** The plans pages, each registered from its folder under pages/. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  const pages = typed(app);
  await listPage(pages);
  newPlanPage(pages);
  newAcceleratedPlanPage(pages);
  revisedDatesPage(pages);
  planPage(pages);
  priorityFormPage(pages);
  actionFormPage(pages);
  actionPage(pages);
  await orderPage(pages);
  includePage(pages);
  deletePages(pages);
  await versionPage(pages);
}
