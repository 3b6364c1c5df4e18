import type { FastifyInstance } from 'fastify';
import { actionRoutes, measureRoutes } from './api-routes/actions.js';
import { downloadRoutes } from './api-routes/downloads.js';
import { dueDateRoutes } from './api-routes/due-dates.js';
import { inclusionRoutes } from './api-routes/inclusions.js';
import { planRoutes, planStatusRoutes } from './api-routes/plans.js';
import { priorityRoutes } from './api-routes/priorities.js';

export { toAction } from './api-routes/schemas.js';

/** Plans, priorities, actions, success measures and the actions tracker downloads. */
export async function plansApi(app: FastifyInstance): Promise<void> {
  await planRoutes(app);
  await planStatusRoutes(app);
  await priorityRoutes(app);
  await inclusionRoutes(app);
  await actionRoutes(app);
  await measureRoutes(app);
  await dueDateRoutes(app);
  await downloadRoutes(app);
}
