/**
 * The partnership's calendar feed: an admin makes its secret address (shown once, with how to
 * add it to Outlook) or stops it, and calendars fetch the feed from it without signing in.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../../platform/audit/record.js';
import { calendarFeedTenant } from '../../../platform/tenancy/tenancy.js';
import { unrefusedDeleteRoutes } from '../../../platform/web/delete-page.js';
import { FORM } from '../../../platform/web/form-input.js';
import { actorFor, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { formatDate } from '../../../platform/web/views.js';
import { calendarFeed } from '../../calendar-feed.js';
import {
  deleteFeed,
  findFeed,
  partnershipOfFeed,
  replaceFeed,
} from '../../calendar-feed-repository.js';
import { partnershipDeadlines } from '../../deadline-service.js';
import { ADMIN, datesUrl } from '../shared.js';

export function calendarFeedPages(app: FastifyInstance): void {
  const pages = typed(app);
  stopFeedPage(app);

  pages.post(
    '/p/:partnership/dates/calendar-feed',
    { config: ADMIN, schema: { params: paramsSchema(), body: FORM } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const actor = actorFor(request);
      const token = await app.db.transaction(async (tx) => {
        const made = await replaceFeed(tx, tenant, actor.userId);
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: 'calendar feed',
          entityId: tenant.partnershipId,
          action: 'new address',
        });
        return made;
      });
      // Shown once: no cache keeps the secret address.
      void reply.header('cache-control', 'no-store');
      return reply.page('deadlines/pages/calendar-feed/calendar-feed.njk', {
        title: 'Your calendar address',
        feedUrl: `${app.config.baseUrl}/calendar/${token}.ics`,
        backLink: datesUrl(request),
      });
    },
  );

  pages.get(
    '/calendar/:file',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: Type.Object({
          file: Type.String({ pattern: '^cal_[A-Za-z0-9_-]{20,100}\\.ics$' }),
        }),
      },
    },
    async (request, reply) => {
      const partnership = await partnershipOfFeed(
        app.db,
        request.params.file.replace(/\.ics$/, ''),
      );
      // Not the not-found page: that asks a visitor to sign in, and a calendar cannot.
      if (!partnership)
        return reply
          .code(404)
          .type('text/plain; charset=utf-8')
          .send('No calendar at this address');
      const deadlines = await partnershipDeadlines(
        app.db,
        calendarFeedTenant(partnership),
        todayInLondon(),
      );
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(
          calendarFeed(partnership, deadlines, { baseUrl: app.config.baseUrl, now: new Date() }),
        );
    },
  );
}

/**
 * Stopping the feed, after asking: its secret goes, so the old address answers 404 and calendars
 * subscribed to it stop getting the dates. A new address can be made later.
 */
function stopFeedPage(app: FastifyInstance): void {
  unrefusedDeleteRoutes(app, '/p/:partnership/dates/calendar-feed/stop', {
    options: { config: ADMIN, schema: { params: paramsSchema() } },
    load: (request) => findFeed(app.db, tenantOf(request)),
    page: (request, feed) => ({
      title: 'Stop the calendar feed?',
      what: 'the calendar feed',
      summary: [['Address made', formatDate(feed.created_at)]],
      goes: [
        'its address: calendars subscribed to it stop getting the partnership’s dates (you can make a new address later)',
      ],
      action: `${datesUrl(request)}/calendar-feed/stop`,
      buttonText: 'Stop the feed',
      backLink: `${datesUrl(request)}#calendar`,
      backText: 'Back to the dates',
    }),
    remove: (request) => {
      const tenant = tenantOf(request);
      const actor = actorFor(request);
      return app.db.transaction(async (tx) => {
        const before = await findFeed(tx, tenant);
        if (!before || !(await deleteFeed(tx, tenant))) return false;
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: 'calendar feed',
          entityId: tenant.partnershipId,
          action: 'delete',
          before,
        });
        return true;
      });
    },
    done: (request) => ({
      message: 'Calendar feed stopped. Its address no longer works.',
      redirect: `${datesUrl(request)}#calendar`,
    }),
  });
}
