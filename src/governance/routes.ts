import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { boardFormPages } from './pages/board-form/route.js';
import { boardPage } from './pages/board/route.js';
import { deletePages } from './pages/delete/route.js';
import { followUpsPage } from './pages/follow-ups/route.js';
import { itemFormPages } from './pages/item-form/route.js';
import { listPage } from './pages/list/route.js';
import { meetingFormPages } from './pages/meeting-form/route.js';
import { meetingPage } from './pages/meeting/route.js';
import { memberFormPages } from './pages/member-form/route.js';
import { upcomingPage } from './pages/upcoming/route.js';

/** The governance pages, one folder each under pages/. */
export async function governanceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = typed(fastify);
  listPage(app);
  boardFormPages(app);
  boardPage(app);
  memberFormPages(app);
  upcomingPage(app);
  followUpsPage(app);
  meetingFormPages(app);
  meetingPage(app);
  itemFormPages(app);
  deletePages(app);
}
