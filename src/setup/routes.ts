import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { setupPage } from './pages/setup/route.js';

/** The set-up page, the one page of a Sendboard nobody has set up yet. */
export async function setupRoutes(fastify: FastifyInstance): Promise<void> {
  setupPage(typed(fastify));
}
