import type { FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { navigationFor } from '../layout/navigation.js';
import {
  acceptsGzip,
  CSRF_SLOT,
  fillSlots,
  gzipSlots,
  NONCE_SLOT,
  splitAtSlots,
  type PageCache,
} from './page-cache.js';

export const FLASH_COOKIE = 'sendboard_flash';

/**
 * What a form's CSRF token is bound to: the session it was made for, or none before sign-in (the
 * sign-in form is posted with none). A token made for one session is refused in another.
 */
export function csrfBinding(request: FastifyRequest): string {
  return request.sessionId ?? 'signed-out';
}

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
    csrfToken: reply.generateCsrf({ userInfo: csrfBinding(request) }),
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
    cspNonce: reply.scriptNonce,
  };
  const html = views.render(template, context);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** A page body's template and data; `title`, `backLink` and `errors` also reach the layout. */
export type PageBody = { template: string; data: Record<string, unknown> };

/**
 * Renders a page that may come from the cache: `cacheKey` must name everything the body depends
 * on (partnership data version, what is shown, role, today). A null key renders afresh, for
 * instance a form re-shown with errors; so does a page carrying a one-off message. `load`
 * returns null when there is nothing to show (404).
 */
export async function renderCachedPage(
  views: nunjucks.Environment,
  cache: PageCache,
  reply: FastifyReply,
  cacheKey: string | null,
  load: () => Promise<PageBody | null>,
  status = 200,
): Promise<FastifyReply> {
  const request = reply.request;
  const page = pageContext(request, reply);
  // The layout also depends on the role (the menu) and whether the person can switch
  // partnership: added here so that no page's key can leave them out.
  const key =
    cacheKey && !page.flash
      ? `${cacheKey}:${page.tenant?.role ?? '-'}:${page.memberships.length > 1 || page.user?.isPlatformOwner ? 'switch' : '-'}`
      : null;
  let cached = key ? cache.get(key) : undefined;
  if (!cached) {
    const loaded = await load();
    if (!loaded) {
      reply.callNotFound();
      return reply;
    }
    const { data } = loaded;
    const withSlots = { ...page, csrfToken: CSRF_SLOT };
    const bodyHtml = views.render(loaded.template, { ...data, page: withSlots });
    const html = views.render('platform/layout/body-page.njk', {
      title: data.title,
      backLink: data.backLink,
      errors: data.errors,
      bodyHtml,
      page: withSlots,
      cspNonce: NONCE_SLOT,
    });
    // Only a page that will be reused is worth compressing up front.
    cached = splitAtSlots(html, { compress: key !== null });
    if (key) cache.set(key, cached);
  }
  const nonce = reply.scriptNonce;
  reply.code(status).type('text/html; charset=utf-8').header('vary', 'accept-encoding');
  const gzipped = acceptsGzip(request.headers['accept-encoding'])
    ? gzipSlots(cached, page.csrfToken, nonce)
    : undefined;
  if (gzipped) return reply.header('content-encoding', 'gzip').send(gzipped);
  return reply.send(fillSlots(cached, page.csrfToken, nonce));
}
