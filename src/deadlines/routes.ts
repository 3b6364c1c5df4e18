import type { FastifyInstance } from 'fastify';
import { typed } from '../platform/web/request.js';
import { calendarFeedPages } from './pages/calendar-feed/route.js';
import { datesPage } from './pages/dates/route.js';
import { keyDateFormPages } from './pages/key-date-form/route.js';
import { settingsPage } from './pages/settings/route.js';

/** The deadline rules' settings page. */
export async function settingsRoutes(fastify: FastifyInstance): Promise<void> {
  settingsPage(typed(fastify));
}

/** The dates pages: every date that matters, dates set by others, and the calendar feed. */
export async function datesRoutes(app: FastifyInstance): Promise<void> {
  datesPage(app);
  keyDateFormPages(app);
  calendarFeedPages(app);
}
