import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { accountPage } from './pages/account/route.js';
import { namePage } from './pages/name/route.js';
import { passwordPage } from './pages/password/route.js';
import { tokensPage } from './pages/tokens/route.js';

/** The signed-in person's own account, one folder a page under pages/. */
export async function accountRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  accountPage(app);
  namePage(app);
  passwordPage(app);
  tokensPage(app);
}
