import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { newPartnershipPage } from './pages/new/route.js';
import { switchPage } from './pages/switch/route.js';

/** The partnerships pages, one folder each under pages/. */
export async function partnershipRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  switchPage(app);
  newPartnershipPage(app);
}
