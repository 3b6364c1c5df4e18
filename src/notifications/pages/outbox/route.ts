import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field, FormErrors, requireEmail } from '../../../platform/web/forms.js';
import { Type } from 'typebox';
import { actorFor, paramsSchema, tenantOf, typed, userOf } from '../../../platform/web/request.js';
import { FORM } from '../../../platform/web/form-input.js';
import { describeEmailConfig } from '../../../platform/config/email-config.js';
import { countOutboxByStatus, listOutbox } from '../../../platform/email/outbox-repository.js';
import {
  daysKept,
  finishedAt,
  kindLabel,
  paginationItems,
  statusTag,
} from '../../../platform/email/outbox-rules.js';
import { queueTestEmail, retryMessage } from '../../../platform/email/outbox-service.js';

const PAGE_SIZE = 50;
/** `?page=N`; anything else (or other keys) shows the first page, as before. */
const PAGE_QUERY = Type.Object({
  page: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
});
const ADMIN = { roles: ['admin'] as const };

/** The outbox page: every email queued for the partnership, "Send again", and a test email. */
export async function notificationRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  // Where email goes, as loaded (and checked) with the rest of the configuration at start.
  const settings = describeEmailConfig(app.config.email);
  const isLogOnly = app.config.email.transport === 'log';
  const retentionDays = app.config.outboxRetentionDays;
  const base = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/outbox`;

  const renderOutbox = async (
    request: FastifyRequest,
    reply: FastifyReply,
    page: string | string[] | undefined,
    values: { toAddress: string },
    errors?: FormErrors,
  ) => {
    const tenant = tenantOf(request);
    const asked = typeof page === 'string' && /^\d{1,6}$/.test(page) ? +page : 1;
    const counts = await countOutboxByStatus(app.db, tenant);
    const total = counts.queued + counts.sending + counts.sent + counts.failed;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const current = Math.min(Math.max(asked, 1), pages);
    const rows = await listOutbox(app.db, tenant, {
      limit: PAGE_SIZE,
      offset: (current - 1) * PAGE_SIZE,
    });
    const href = (n: number) => (n === 1 ? base(request) : `${base(request)}?page=${n}`);
    return reply.page(
      'notifications/pages/outbox/outbox.njk',
      {
        title: current > 1 ? `Outbox (page ${current} of ${pages})` : 'Outbox',
        messages: rows.map((row) => ({
          ...row,
          kindLabel: kindLabel(row.kind),
          tag: statusTag(row),
          removedAfterDays: row.content_removed_at
            ? daysKept(finishedAt(row), row.content_removed_at)
            : null,
        })),
        retentionDays,
        counts,
        total,
        pagination:
          pages > 1
            ? {
                items: paginationItems(current, pages, href),
                ...(current > 1 ? { previous: { href: href(current - 1) } } : {}),
                ...(current < pages ? { next: { href: href(current + 1) } } : {}),
              }
            : undefined,
        settings,
        isLogOnly,
        values,
        ...(errors?.toView() ?? {}),
      },
      errors ? 400 : 200,
    );
  };

  app.get(
    '/p/:partnership/outbox',
    { config: ADMIN, schema: { params: paramsSchema(), querystring: PAGE_QUERY } },
    (request, reply) =>
      renderOutbox(request, reply, request.query.page, { toAddress: userOf(request).email }),
  );

  app.post(
    '/p/:partnership/outbox/test',
    {
      config: { ...ADMIN, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { params: paramsSchema(), querystring: PAGE_QUERY, body: FORM },
    },
    async (request, reply) => {
      const toAddress = field(request.body, 'toAddress');
      const errors = new FormErrors();
      requireEmail(errors, 'toAddress', toAddress);
      if (errors.any)
        return renderOutbox(request, reply, request.query.page, { toAddress }, errors);
      await queueTestEmail(app.db, actorFor(request), tenantOf(request), {
        toAddress,
        baseUrl: app.config.baseUrl,
      });
      return reply
        .flash(
          isLogOnly
            ? `A test email to ${toAddress} has been queued. Email is only written to the server log, so it will not arrive.`
            : `A test email to ${toAddress} has been queued. It should arrive within a few minutes.`,
        )
        .redirect(base(request), 303);
    },
  );

  app.post(
    '/p/:partnership/outbox/:messageId/retry',
    { config: ADMIN, schema: { params: paramsSchema('messageId') } },
    async (request, reply) => {
      const { messageId } = request.params;
      const outcome = await retryMessage(app.db, actorFor(request), tenantOf(request), messageId);
      if (outcome === 'not-found') return reply.callNotFound();
      return reply
        .flash(
          outcome === 'queued'
            ? 'The email has been queued to be sent again.'
            : outcome === 'removed'
              ? 'That email’s address and message have been removed, so it cannot be sent again.'
              : 'That email is no longer failed, so it was not queued again.',
        )
        .redirect(base(request), 303);
    },
  );
}
