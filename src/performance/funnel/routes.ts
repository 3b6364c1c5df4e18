// The funnel plot of a census's identification rates: one page, in pages/funnel/.
import type { FastifyInstance } from 'fastify';
import { typed } from '../../platform/web/request.js';
import { funnelPage } from './pages/funnel/route.js';

export function funnelRoutes(fastify: FastifyInstance): Promise<void> {
  funnelPage(typed(fastify));
  return Promise.resolve();
}
