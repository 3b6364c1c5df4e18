import type { FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { navigationFor } from '../layout/navigation.js';

export const FLASH_COOKIE = 'sendboard_flash';

/** What every page's layout needs, built in one place rather than scattered over hooks. */
export function pageContext(request: FastifyRequest, reply: FastifyReply) {
  let flash: string | undefined;
  const rawFlash = request.cookies[FLASH_COOKIE];
  if (rawFlash) {
    const unsigned = request.unsignCookie(rawFlash);
    if (unsigned.valid && unsigned.value) flash = unsigned.value;
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
  }
  return {
    user: request.user,
    memberships: request.user?.memberships ?? [],
    tenant: request.tenant,
    csrfToken: reply.generateCsrf(),
    navigation: navigationFor(request.tenant, request.url),
    flash,
  };
}

export function renderPage(
  views: nunjucks.Environment,
  reply: FastifyReply,
  template: string,
  data: Record<string, unknown>,
  status: number,
): FastifyReply {
  const context = {
    ...data,
    page: pageContext(reply.request, reply),
    cspNonce: reply.cspNonce?.script,
  };
  const html = views.render(template, context);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
