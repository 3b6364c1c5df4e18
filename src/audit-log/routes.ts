import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { auditLogPage } from './pages/list/route.js';

/** The audit log page (pages/list). */
export async function auditRoutes(fastify: FastifyInstance): Promise<void> {
  auditLogPage(typed(fastify));
}
