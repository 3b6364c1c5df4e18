import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { invitationPage } from './pages/invitation/route.js';
import { signInPage } from './pages/sign-in/route.js';
import { signOutPage } from './pages/sign-out/route.js';

/** Signing in and out, and choosing a password from an invitation: one folder a page. */
export async function signInRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  signInPage(app);
  signOutPage(app);
  invitationPage(app);
}
