import type { App } from '../../../platform/web/request.js';

/** The privacy notice, for anyone, signed in or not. */
export function privacyPage(app: App): void {
  app.get('/privacy', { config: { access: 'public' } }, (_request, reply) =>
    reply.page('about/pages/privacy/privacy.njk', {
      title: 'Privacy notice',
      emailRetentionDays: app.config.outboxRetentionDays,
    }),
  );
}
