// The geography's one page, in pages/geography/.
import type { FastifyInstance } from 'fastify';
import { typed } from '../../platform/web/request.js';
import { geographyPage } from './pages/geography/route.js';

export function geographyRoutes(fastify: FastifyInstance): Promise<void> {
  geographyPage(typed(fastify));
  return Promise.resolve();
}
