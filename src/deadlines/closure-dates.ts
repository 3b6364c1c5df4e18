/**
 * Closure days as people type them: 29/12/2026 (the way GOV.UK services and UK users write dates,
 * also with dashes, dots or spaces, and 1- or 2-digit day and month) or 2026-12-29. One a line;
 * commas also separate them.
 */

/** The error to show for something that is not a date, with the format people should use. */
export const CLOSURE_FORMAT_HINT = 'Write one date per line, like 29/12/2026';

function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  if (year < 2000 || year > 2100) return null;
  return date.toISOString().slice(0, 10);
}

/** One date, or null when it is not a real date in a format we read. */
export function parseClosureDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(t);
  if (uk) return isoOf(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  return null;
}

/**
 * Every closure day in the text, sorted and without repeats, or the first entry that is not a
 * date. A line that is not one date may hold several separated by spaces (2026-12-29 2026-12-30).
 */
export function parseClosureDays(text: string): { dates: string[] } | { bad: string } {
  const found = new Set<string>();
  for (const chunk of text.split(/[\r\n,;]+/)) {
    const entry = chunk.trim();
    if (!entry) continue;
    const whole = parseClosureDate(entry);
    if (whole) {
      found.add(whole);
      continue;
    }
    // Several dates on a line, each with its separators: judge them one by one.
    const words = entry.split(/\s+/);
    if (words.length < 2 || !words.every((w) => /\d[-/.]\d/.test(w))) return { bad: entry };
    for (const word of words) {
      const one = parseClosureDate(word);
      if (!one) return { bad: word };
      found.add(one);
    }
  }
  return { dates: [...found].sort() };
}

/** A saved closure day the way the form shows it: 29/12/2026. */
export function formatClosureDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
