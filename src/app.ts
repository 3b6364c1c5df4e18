import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type nunjucks from 'nunjucks';
import type { Config } from './platform/config/config.js';
import { projectRoot } from './platform/config/paths.js';
import type { Db } from './platform/db/db.js';
import type { CurrentUser, Role } from './platform/identity/types.js';
import { isApiRequest, loadIdentity, requireSignIn } from './platform/identity/auth-hooks.js';
import { type Tenant } from './platform/tenancy/tenancy.js';
import { createViews } from './platform/web/views.js';
import {
  csrfBinding,
  FLASH_COOKIE,
  renderCachedPage,
  renderPage,
  type PageBody,
} from './platform/web/page.js';
import { PageCache } from './platform/web/page-cache.js';
import { refuseUnstorableJson, registerErrorPages } from './platform/web/errors.js';
import { setupGate, setupRoutes } from './setup/index.js';
import { signInRoutes } from './sign-in/index.js';
import { accountRoutes } from './account/index.js';
import { partnershipRoutes } from './partnerships/index.js';
import { overviewRoutes } from './overview/index.js';
import { peopleRoutes } from './people/index.js';
import { organisationRoutes } from './organisations/index.js';
import { governanceRoutes } from './governance/index.js';
import { auditRoutes } from './audit-log/index.js';
import { inspectionRoutes } from './inspections/index.js';
import { letterImportRoutes } from './letters/index.js';
import { planRoutes } from './plans/index.js';
import { planExportRoutes } from './plans/index.js';
import { reportRoutes } from './reports/index.js';
import { progressRoutes } from './progress/index.js';
import { datesRoutes, settingsRoutes } from './deadlines/index.js';
import { notificationRoutes } from './notifications/index.js';
import { riskRoutes } from './risks/index.js';
import { staticPageRoutes } from './about/index.js';
import { apiPlugin } from './api/index.js';
import { performanceImportRoutes } from './performance/imports/index.js';
import { geographyRoutes } from './performance/geography/index.js';
import { censusRoutes } from './performance/census/index.js';
import { funnelRoutes } from './performance/funnel/index.js';
import { indicatorRoutes } from './performance/indicators/index.js';
import { timelinessRoutes } from './performance/timeliness/index.js';
import { contentSecurityPolicy } from './platform/web/csp.js';
import { enforceTenancy } from './platform/web/enforce-tenancy.js';

/** The CSRF token a form posts, as the `_csrf` field. */
function csrfField(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('_csrf' in body)) return undefined;
  return typeof body._csrf === 'string' ? body._csrf : undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    sessionId: string | null;
    tenant: Tenant | null;
  }
  interface FastifyReply {
    /** Renders a Nunjucks page inside the layout. */
    page(template: string, data?: Record<string, unknown>, status?: number): FastifyReply;
    /** A one-off success message shown on the next page (the GOV.UK notification banner). */
    flash(message: string): FastifyReply;
    forbidden(): FastifyReply;
    /** This response's CSP nonce for inline scripts. */
    scriptNonce: string;
    /** A page reused while `cacheKey` stays the same (see web/page-cache.ts). */
    cachedPage(
      cacheKey: string | null,
      load: () => Promise<PageBody | null>,
      status?: number,
    ): Promise<FastifyReply>;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no sign-in; everything else does. */
    access?: 'public';
    /** Roles allowed on a partnership-scoped route; any member when absent. */
    roles?: readonly Role[];
  }
  interface FastifyInstance {
    db: Db;
    config: Config;
    views: nunjucks.Environment;
    /** Every route registered, for the tenancy test that walks them all. */
    routeTable: { method: string; url: string }[];
  }
}

/** Trusts the `hops` nearest addresses (the connection's, then X-Forwarded-For's from the right). */
const trustHops =
  (hops: number) =>
  (_address: string, hop: number): boolean =>
    hop < hops;

export type AppOptions = { config: Config; db: Db; logger?: FastifyServerOptions['logger'] };

/** Builds the application around the services it is given; reads top to bottom in request order. */
export async function buildApp({ config, db, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel, serializers: { req: requestForLog } },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Only the proxies configuration names (TRUST_PROXY): otherwise X-Forwarded-For is the
    // client's to choose, and the sign-in limit per address would be no limit at all. Fastify
    // ignores a bare hop count, so that is said as a rule: the first n hops are proxies.
    trustProxy:
      typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 1024 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 60_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('views', createViews());
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url });
  });
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('tenant', null);

  // 1. Security headers: helmet's fixed ones, and our CSP with a fresh nonce per response for the
  // one inline script GOV.UK Frontend needs (the header is built once; see web/csp.ts).
  const secure = config.baseUrl.startsWith('https://');
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: false,
    hsts: secure ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  const csp = contentSecurityPolicy({ upgradeInsecureRequests: secure });
  app.decorateReply('scriptNonce', '');
  app.addHook('onRequest', (_request, reply, done) => {
    reply.scriptNonce = csp.newNonce();
    reply.header('content-security-policy', csp.header(reply.scriptNonce));
    done();
  });

  // 2. Static assets: GOV.UK Frontend's compiled CSS, JS, fonts and images, and our own.
  await app.register(async (assets) => {
    // Assets are public: mark every route this scope creates so sign-in and tenancy leave them alone.
    assets.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: 'public' };
    });
    await assets.register(fastifyStatic, {
      root: [
        path.join(projectRoot, 'node_modules/govuk-frontend/dist/govuk/assets'),
        path.join(projectRoot, 'node_modules/govuk-frontend/dist/govuk'),
      ],
      prefix: '/assets/',
      maxAge: '1d',
      index: false,
    });
    await assets.register(fastifyStatic, {
      root: path.join(projectRoot, 'public'),
      prefix: '/public/',
      decorateReply: false,
      maxAge: '1h',
      index: false,
    });
  });

  // 3. Cookies, forms, CSRF (signed double-submit secret; token in every form, bound to the
  // session it was made for, so a secret and token planted from another session are refused;
  // before sign-in the "session" is none, which is what the sign-in form is posted with), rate limits.
  await app.register(fastifyCookie, { secret: config.cookieSecret });
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    cookieKey: 'sendboard_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/' },
    getToken: (request) => csrfField(request.body),
    getUserInfo: csrfBinding,
    csrfOpts: {
      userInfo: true,
      hmacKey: createHash('sha256').update(`csrf:${config.cookieSecret}`).digest('hex'),
    },
  });
  await app.register(fastifyRateLimit, { global: false });

  app.decorateReply(
    'page',
    function (template: string, data: Record<string, unknown> = {}, status = 200) {
      return renderPage(app.views, this, template, data, status);
    },
  );
  const pageCache = new PageCache();
  app.decorateReply(
    'cachedPage',
    function (cacheKey: string | null, load: () => Promise<PageBody | null>, status = 200) {
      return renderCachedPage(app.views, pageCache, this, cacheKey, load, status);
    },
  );
  app.decorateReply('flash', function (message: string) {
    return this.setCookie(FLASH_COOKIE, message, {
      path: '/',
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure,
    });
  });
  app.decorateReply('forbidden', function () {
    if (isApiRequest(this.request))
      return this.code(403).send({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Your role does not allow this',
      });
    return this.page(
      'platform/layout/forbidden.njk',
      { title: 'You do not have permission to do this' },
      403,
    );
  });

  // 4. Who is asking, whether Sendboard is set up yet, the CSRF check, sign-in, and tenancy.
  app.addHook('onRequest', loadIdentity(db, config));
  app.addHook('onRequest', setupGate(db));
  app.addHook('preHandler', (request, reply, done) => {
    const safe =
      request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
    if (safe || isApiRequest(request)) return done(); // The API takes bearer tokens only, never cookies.
    app.csrfProtection(request, reply, done);
  });
  app.addHook('preHandler', requireSignIn);
  app.addHook('preHandler', enforceTenancy);

  // 5. Error pages (set before routes, so every plugin's routes inherit them), then routes.
  registerErrorPages(app);
  refuseUnstorableJson(app);
  app.get(
    '/health',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      try {
        await db.query('SELECT 1');
        return reply.send({ status: 'ok' });
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unavailable');
        return reply.code(503).send({ status: 'unavailable' });
      }
    },
  );
  await registerCapabilities(app);
  await app.register(apiPlugin, { prefix: '/api/v1' });

  return app;
}

/** Every capability's pages, in the order their routes were always registered. */
async function registerCapabilities(app: FastifyInstance): Promise<void> {
  await app.register(staticPageRoutes);
  await app.register(setupRoutes);
  await app.register(signInRoutes);
  await app.register(accountRoutes);
  await app.register(partnershipRoutes);
  await app.register(overviewRoutes);
  await app.register(peopleRoutes);
  await app.register(organisationRoutes);
  await app.register(governanceRoutes);
  await app.register(inspectionRoutes);
  await app.register(letterImportRoutes);
  await app.register(planRoutes);
  await app.register(planExportRoutes);
  await app.register(reportRoutes);
  await app.register(progressRoutes);
  await app.register(settingsRoutes);
  await app.register(datesRoutes);
  await app.register(riskRoutes);
  await app.register(notificationRoutes);
  await app.register(auditRoutes);
  await app.register(indicatorRoutes);
  await app.register(timelinessRoutes);
  await app.register(censusRoutes);
  await app.register(funnelRoutes);
  await app.register(performanceImportRoutes);
  await app.register(geographyRoutes);
}

/**
 * A request as the log keeps it: secrets that travel in a path (a calendar feed's address, an
 * invitation link) are left out.
 */
export function requestForLog(request: {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
}): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url.replace(/^\/(calendar|invitation)\/[^/?#]+/, '/$1/[secret]'),
    host: request.hostname,
    remoteAddress: request.ip,
  };
}
