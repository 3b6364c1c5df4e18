/**
 * The partnership's dates as an iCalendar feed (RFC 5545) that Outlook and other calendars
 * subscribe to: one all-day event per dated deadline, with the rule or source in words.
 */
import { ICalCalendarMethod, default as ical } from 'ical-generator';
import type { Deadline } from './deadlines.js';

const STATUS_WORDS: Record<Deadline['status'], string> = {
  met: 'Met',
  upcoming: 'Upcoming',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  needs_setting: 'Needs a setting',
  waiting: 'Waiting',
};

export function calendarFeed(
  partnership: { name: string; slug: string },
  deadlines: readonly Deadline[],
  options: { baseUrl: string; now: Date },
): string {
  const calendar = ical({
    name: `${partnership.name}: SEND dates`,
    prodId: { company: 'Sendboard', product: 'Sendboard', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Calendars refresh a subscribed feed about this often.
    ttl: 60 * 60 * 6,
  });
  for (const d of deadlines) {
    if (d.date === null) continue;
    calendar.createEvent({
      id: `${d.key}@${partnership.slug}.sendboard`,
      start: new Date(`${d.date}T00:00:00Z`),
      allDay: true,
      stamp: options.now,
      summary: `${d.approximate ? 'About: ' : ''}${d.label}`,
      description: `${STATUS_WORDS[d.status]}. ${d.explanation}\n\nSource: ${d.source}`,
      url: `${options.baseUrl}/p/${partnership.slug}/dates`,
    });
  }
  return calendar.toString();
}
