import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { accessibilityPage } from './pages/accessibility/route.js';
import { homePage } from './pages/home/route.js';
import { privacyPage } from './pages/privacy/route.js';

/** Pages anyone may read, signed in or not, one folder each under pages/. */
export async function staticPageRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  accessibilityPage(app);
  privacyPage(app);
  homePage(app);
}
