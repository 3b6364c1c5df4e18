import { addWorkingDays, isWorkingDay } from '../platform/calendar/index.js';
import { addMonths, daysBetween, MONTHS } from '../deadlines/index.js';

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

export const firstOfMonth = (date: string): string => `${date.slice(0, 8)}01`;
export const endOfMonth = (date: string): string => addDays(addMonths(firstOfMonth(date), 1), -1);
export const monthYear = (date: string): string =>
  `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(0, 4))}`;
export const dayMonth = (date: string): string =>
  `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
export const longDate = (date: string): string => `${dayMonth(date)} ${Number(date.slice(0, 4))}`;
export { addMonths, daysBetween };

function firstWorkingDayOfMonth(date: string): string {
  let day = firstOfMonth(date);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

export type DemoRound = { title: string; openedOn: string; dueOn: string; open: boolean };

export type DemoTimeline = {
  onSiteStart: string;
  onSiteEnd: string;
  publishedOn: string;
  signedOffOn: string;
  submittedOn: string;
  fitOn: string;
  /** Actions' start months count from here. */
  planStart: string;
  rounds: DemoRound[];
};

/**
 * The demo's dates, counted back from today so the history always ends now: 12 monthly rounds
 * per year of history (each opened on the month's first working day, due ten working days later,
 * the latest still open), the plan judged fit for purpose three weeks before the first round,
 * submitted inside the 70 working days after the letter, and the inspection seven weeks before it.
 */
export function demoTimeline(today: string, years: number): DemoTimeline {
  let latest = firstWorkingDayOfMonth(today);
  if (latest > today) latest = firstWorkingDayOfMonth(addMonths(firstOfMonth(today), -1));
  const count = 12 * years;
  const rounds: DemoRound[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const openedOn = firstWorkingDayOfMonth(addMonths(firstOfMonth(latest), -i));
    rounds.push({
      title: `${monthYear(openedOn)} update`,
      openedOn,
      dueOn: addWorkingDays(openedOn, 10),
      open: i === 0,
    });
  }
  const fitOn = addWorkingDays(rounds[0]!.openedOn, -15);
  const submittedOn = addWorkingDays(fitOn, -25);
  const signedOffOn = addWorkingDays(submittedOn, -5);
  const publishedOn = addWorkingDays(submittedOn, -67);
  let onSiteEnd = addDays(publishedOn, -49);
  while (new Date(`${onSiteEnd}T12:00:00Z`).getUTCDay() !== 5) onSiteEnd = addDays(onSiteEnd, -1);
  return {
    onSiteStart: addDays(onSiteEnd, -4),
    onSiteEnd,
    publishedOn,
    signedOffOn,
    submittedOn,
    fitOn,
    planStart: firstOfMonth(signedOffOn),
    rounds,
  };
}
