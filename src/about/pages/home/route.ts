import type { App } from '../../../platform/web/request.js';

/** `/`: sign in, or the one partnership you belong to, or the list of yours. */
export function homePage(app: App): void {
  app.get('/', { config: { access: 'public' } }, (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in', 303);
    if (user.memberships.length === 1)
      return reply.redirect(`/p/${user.memberships[0]!.slug}`, 303);
    return reply.redirect('/partnerships', 303);
  });
}
