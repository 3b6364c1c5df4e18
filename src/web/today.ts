const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in England, as YYYY-MM-DD: deadlines and "overdue" follow UK days, not the server's. */
export function todayInLondon(now: Date = new Date()): string {
  return londonDate.format(now);
}
