import { deleteSession } from '../../../platform/identity/identity-repository.js';
import { SESSION_COOKIE } from '../../../platform/identity/auth-hooks.js';
import type { App } from '../../../platform/web/request.js';
import { actorOf } from '../../../platform/identity/types.js';
import { recordSignOut } from '../../sign-in-service.js';

/** Signing out: the session ends here and in the browser. */
export function signOutPage(app: App): void {
  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.sessionId) {
      if (request.user) await recordSignOut(app.db, actorOf(request.user, request.id));
      await deleteSession(app.db, request.sessionId);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash('You have signed out.').redirect('/sign-in', 303);
  });
}
