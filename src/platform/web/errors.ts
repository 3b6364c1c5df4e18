import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { isApiRequest } from '../identity/auth-hooks.js';
import { UNSTORABLE_MESSAGE, unstorableTextAt } from '../commands/input.js';

/**
 * What a database error the code did not expect means for the person: two saves at once of the
 * same unique thing (the second finds the first only at its insert), or text PostgreSQL cannot
 * store that slipped past the input checks. Anything else stays a 500. Only the words here are
 * sent: never the database's code, message or constraint name.
 */
function databaseVerdict(error: FastifyError): { status: number; message: string } | undefined {
  const code = error.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  if (code === '23505')
    return {
      status: 409,
      message:
        'This already exists: someone saved the same thing at the same moment. Go back, refresh and check before trying again.',
    };
  if (code === '22021' || code === '22P05') return { status: 400, message: UNSTORABLE_MESSAGE };
  return undefined;
}

/** JSON bodies with text no database can keep (a NUL byte, half a surrogate pair): 400. */
export function refuseUnstorableJson(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    if (!isApiRequest(request) || request.body === undefined || request.body === null) return;
    const at = unstorableTextAt(request.body);
    if (!at) return;
    return reply.code(400).send({
      statusCode: 400,
      error: 'Bad Request',
      message: `${at} contains a NUL byte or an unpaired surrogate, which cannot be saved`,
    });
  });
}

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
    const database = error.statusCode ? undefined : databaseVerdict(error);
    const status = database
      ? database.status
      : error.statusCode && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: error.code, status }, database?.message ?? error.message);
    if (isApiRequest(request)) {
      const hidden = status >= 500 && app.config.env === 'production';
      const message = database?.message ?? (hidden ? 'Something went wrong' : error.message);
      // The shape Fastify's own errors take: the status text, and the machine code apart (never
      // a database's code, which names its internals).
      const code = !database && !hidden && error.code ? { code: error.code } : {};
      return reply.code(status).send({
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        ...code,
        message,
      });
    }
    if (database) {
      return reply.page(
        'platform/layout/error.njk',
        {
          title: status === 409 ? 'This already exists' : 'There is a problem with what you sent',
          message: `${database.message} Nothing you sent was saved.`,
        },
        status,
      );
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
