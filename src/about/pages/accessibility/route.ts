import type { App } from '../../../platform/web/request.js';

/** The accessibility statement, for anyone, signed in or not. */
export function accessibilityPage(app: App): void {
  app.get('/accessibility', { config: { access: 'public' } }, (_request, reply) =>
    reply.page('about/pages/accessibility/accessibility.njk', {
      title: 'Accessibility statement for Sendboard',
    }),
  );
}
