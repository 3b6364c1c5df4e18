import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { isApiRequest } from '../identity/auth-hooks.js';

/**
 * The 404 answer, sent directly. Unlike reply.callNotFound() it does not run the not-found route's
 * hooks, so it also works before a request's body has been read (a refused upload).
 */
export function sendNotFound(reply: FastifyReply): FastifyReply {
  if (isApiRequest(reply.request))
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'Not found' });
  return reply.page('platform/layout/not-found.njk', { title: 'Page not found' }, 404);
}

/** 404, 403, 413 and 500 pages; the API answers JSON. Production never shows a stack trace. */
export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => sendNotFound(reply));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: error.code, status }, error.message);
    if (isApiRequest(request)) {
      const message =
        status >= 500 && app.config.env === 'production' ? 'Something went wrong' : error.message;
      // The shape Fastify's own errors take: the status text, and the machine code apart.
      return reply.code(status).send({
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        ...(error.code ? { code: error.code } : {}),
        message,
      });
    }
    // An address whose id cannot name anything is a page that does not exist, not a bad form.
    if (error.validationContext === 'params') return sendNotFound(reply);
    if (error.code?.startsWith('FST_CSRF')) {
      return reply.page(
        'platform/layout/error.njk',
        {
          title: 'This form has expired',
          message:
            'For your security, forms expire. Go back, refresh the page and try again. Nothing you sent was saved.',
        },
        403,
      );
    }
    if (status === 413) {
      return reply.page(
        'platform/layout/error.njk',
        {
          title: 'What you sent is too large',
          message: 'Nothing was saved. Go back and send less text or a smaller file.',
        },
        413,
      );
    }
    if (status === 429) {
      return reply.page(
        'platform/layout/error.njk',
        { title: 'Too many attempts', message: 'Wait a minute, then try again.' },
        429,
      );
    }
    if (status < 500) {
      return reply.page(
        'platform/layout/error.njk',
        { title: 'Sorry, there is a problem with your request', message: 'Go back and try again.' },
        status,
      );
    }
    return reply.page(
      'platform/layout/error.njk',
      {
        title: 'Sorry, there is a problem with the service',
        message: 'Try again later. Nothing you sent was saved.',
        requestId: request.id,
        detail: app.config.env === 'production' ? undefined : error.stack,
      },
      500,
    );
  });
}
