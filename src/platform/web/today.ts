const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Formatting with a time zone is slow and busy pages ask on every request: keep the answer for
// the rest of the minute it was worked out in (a day never turns mid-minute in London).
let memo = { minute: Number.NaN, date: '' };

/** Today's date in England, as YYYY-MM-DD: deadlines and "overdue" follow UK days, not the server's. */
export function todayInLondon(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== memo.minute) memo = { minute, date: londonDate.format(now) };
  return memo.date;
}
