import type { FastifyInstance } from 'fastify';

/** Pages anyone may read, signed in or not. */
export async function staticPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/accessibility', { config: { access: 'public' } }, (_request, reply) =>
    reply.page('about/accessibility.njk', { title: 'Accessibility statement for Sendboard' }),
  );
  app.get('/privacy', { config: { access: 'public' } }, (_request, reply) =>
    reply.page('about/privacy.njk', {
      title: 'Privacy notice',
      emailRetentionDays: app.config.outboxRetentionDays,
    }),
  );
  app.get('/', { config: { access: 'public' } }, (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in', 303);
    if (user.memberships.length === 1)
      return reply.redirect(`/p/${user.memberships[0]!.slug}`, 303);
    return reply.redirect('/partnerships', 303);
  });
}
