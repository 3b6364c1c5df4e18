import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { closeRoundPage } from './pages/close-round/route.js';
import { correctUpdatePage } from './pages/correct-update/route.js';
import { myActionsPage } from './pages/my-actions/route.js';
import { recordUpdatePage } from './pages/record-update/route.js';
import { roundDuePage } from './pages/round-due/route.js';
import { roundPage } from './pages/round/route.js';
import { roundsPage } from './pages/rounds/route.js';

/** Progress pages: update rounds, a lead's own actions, and recording and correcting updates. */
export async function progressRoutes(app: FastifyInstance): Promise<void> {
  const pages = typed(app);
  roundsPage(pages);
  roundPage(pages);
  closeRoundPage(pages);
  roundDuePage(pages);
  myActionsPage(pages);
  correctUpdatePage(pages);
  recordUpdatePage(pages);
}
