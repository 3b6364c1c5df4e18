import type { FastifyInstance } from 'fastify';
import { roundRoutes } from './api-routes/rounds.js';
import { updateRoutes } from './api-routes/updates.js';

/** Progress: action updates (leads on their own actions) and update rounds (admins). */
export async function progressApi(app: FastifyInstance): Promise<void> {
  await updateRoutes(app);
  await roundRoutes(app);
}
