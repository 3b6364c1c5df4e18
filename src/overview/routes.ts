import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { overviewPage } from './pages/overview/route.js';

/** The overview pages, one folder each under pages/. */
export async function overviewRoutes(fastify: FastifyInstance): Promise<void> {
  overviewPage(typed(fastify));
}
