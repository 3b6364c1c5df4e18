import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { settingsPage } from './pages/settings/route.js';

/** The deadlines pages, one folder each under pages/. */
export async function settingsRoutes(fastify: FastifyInstance): Promise<void> {
  settingsPage(typed(fastify));
}
