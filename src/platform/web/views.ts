import path from 'node:path';
import nunjucks from 'nunjucks';

// copySafeness keeps a trimmed SafeString safe; it is part of nunjucks' runtime but not its types.
const runtime = (
  nunjucks as unknown as { runtime: { copySafeness: (source: unknown, value: string) => unknown } }
).runtime;
import { projectRoot, srcDir } from '../config/paths.js';

/** One Nunjucks environment: our templates under src/, GOV.UK Frontend's under govuk/. */
export function createViews(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [srcDir, path.join(projectRoot, 'node_modules/govuk-frontend/dist')],
    { noCache: false, watch: options.watch ?? false },
  );
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  // Nunjucks' own trim uses /^\s*|\s*$/g, which is quadratic on long indented HTML: GOV.UK
  // Frontend's macros trim whole rendered blocks, and that was most of a plan page's render time.
  env.addFilter('trim', (value: unknown) =>
    runtime.copySafeness(value, String(value ?? '').trim()),
  );
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
  return env;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

const formattedDates = new Map<string, string>();

/** "12 March 2018". ISO dates repeat on every page, and Intl formatting is slow: remember them. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value !== 'string') return dateFormat.format(value);
  let formatted = formattedDates.get(value);
  if (formatted === undefined) {
    formatted = dateFormat.format(new Date(value.length === 10 ? value + 'T12:00:00Z' : value));
    if (formattedDates.size > 10_000) formattedDates.clear();
    formattedDates.set(value, formatted);
  }
  return formatted;
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  return dateTimeFormat
    .format(typeof value === 'string' ? new Date(value) : value)
    .replace(' am', 'am')
    .replace(' pm', 'pm');
}
