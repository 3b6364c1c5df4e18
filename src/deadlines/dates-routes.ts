/** The dates pages: every date that matters, dates set by others, and the calendar feed. */
import type { FastifyInstance } from 'fastify';
import { calendarFeedPages } from './pages/calendar-feed/route.js';
import { datesPage } from './pages/dates/route.js';
import { keyDateFormPages } from './pages/key-date-form/route.js';

export async function datesRoutes(app: FastifyInstance): Promise<void> {
  datesPage(app);
  keyDateFormPages(app);
  calendarFeedPages(app);
}
