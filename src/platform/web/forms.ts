/** Form handling shared by every page: reading posted fields and the GOV.UK error summary. */

export type FieldError = { field: string; text: string };

/** Collects validation errors in page order; renders as the error summary and inline messages. */
export class FormErrors {
  readonly list: FieldError[] = [];

  add(field: string, text: string): void {
    if (!this.list.some((e) => e.field === field)) this.list.push({ field, text });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** The view model: `errors` for the summary, `fieldErrors` for each field's message. */
  toView(): {
    errors: { text: string; href: string }[];
    fieldErrors: Record<string, { text: string }>;
  } {
    return {
      errors: this.list.map((e) => ({ text: e.text, href: `#${e.field}` })),
      fieldErrors: Object.fromEntries(this.list.map((e) => [e.field, { text: e.text }])),
    };
  }
}

export type FormBody = Record<string, unknown>;

/** A posted text field, trimmed; arrays (a field posted twice) count as their first value. */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A posted multi-value field (checkboxes), always as an array of strings. */
export function fieldList(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string' && v !== '');
}

export function requireText(
  errors: FormErrors,
  fieldName: string,
  value: string,
  options: { label: string; max: number; emptyMessage?: string },
): void {
  if (value === '') errors.add(fieldName, options.emptyMessage ?? `Enter ${options.label}`);
  else if (value.length > options.max)
    errors.add(
      fieldName,
      `${capitalise(options.label)} must be ${options.max} characters or fewer`,
    );
}

export function optionalText(
  errors: FormErrors,
  fieldName: string,
  value: string,
  options: { label: string; max: number },
): void {
  if (value.length > options.max)
    errors.add(
      fieldName,
      `${capitalise(options.label)} must be ${options.max} characters or fewer`,
    );
}

// Deliberately permissive: one @, something either side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireEmail(errors: FormErrors, fieldName: string, value: string): void {
  if (value === '') errors.add(fieldName, 'Enter an email address');
  else if (value.length > 254)
    errors.add(fieldName, 'Email address must be 254 characters or fewer');
  else if (!EMAIL.test(value))
    errors.add(fieldName, 'Enter an email address in the correct format, like name@example.org');
}

export function requireChoice<T extends string>(
  errors: FormErrors,
  fieldName: string,
  value: string,
  choices: readonly T[],
  message: string,
): T | undefined {
  if ((choices as readonly string[]).includes(value)) return value as T;
  errors.add(fieldName, message);
  return undefined;
}

/** "the local authority" -> "Local authority", for "… must be N characters or fewer". */
function capitalise(label: string): string {
  const text = label.replace(/^(the|their|your|a|an) /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type DateParts = { day: string; month: string; year: string };

/**
 * A GOV.UK date input (`name-day`, `name-month`, `name-year`) read into an ISO date. Errors point at
 * the first part to fix, as the design system asks.
 */
export function dateInput(
  body: FormBody | undefined,
  name: string,
  errors: FormErrors,
  options: { label: string; required?: boolean },
): { parts: DateParts; iso: string | undefined } {
  const parts = {
    day: field(body, `${name}-day`),
    month: field(body, `${name}-month`),
    year: field(body, `${name}-year`),
  };
  const empty = !parts.day && !parts.month && !parts.year;
  if (empty) {
    if (options.required) errors.add(`${name}-day`, `Enter ${options.label}`);
    return { parts, iso: undefined };
  }
  const missing = (['day', 'month', 'year'] as const).find((p) => !parts[p]);
  if (missing) {
    errors.add(`${name}-${missing}`, `${sentence(options.label)} must include a ${missing}`);
    return { parts, iso: undefined };
  }
  const day = Number(parts.day);
  const month = Number(parts.month);
  const year = Number(parts.year);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    !/^\d{1,2}$/.test(parts.day) ||
    !/^\d{1,2}$/.test(parts.month) ||
    !/^\d{4}$/.test(parts.year) ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    errors.add(`${name}-day`, `${sentence(options.label)} must be a real date`);
    return { parts, iso: undefined };
  }
  if (year < 2000 || year > 2100) {
    errors.add(`${name}-year`, `${sentence(options.label)} must be between 2000 and 2100`);
    return { parts, iso: undefined };
  }
  return { parts, iso: date.toISOString().slice(0, 10) };
}

/** ISO date (or Date) to the parts a GOV.UK date input shows. */
export function dateParts(value: Date | string | null | undefined): DateParts {
  if (!value) return { day: '', month: '', year: '' };
  const iso = (typeof value === 'string' ? value.slice(0, 10) : isoDate(value)) ?? '';
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** A date column as an ISO date. PostgreSQL `date` values arrive as local-midnight Dates. */
export function isoDate(value: Date | string | null | undefined): string | null {
  if (!value) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

function sentence(label: string): string {
  return capitalise(label);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An optional choice from a list of records: empty, or one of their ids. */
export function optionalId(
  errors: FormErrors,
  fieldName: string,
  value: string,
  message: string,
): void {
  if (value !== '' && !UUID.test(value)) errors.add(fieldName, message);
}

export function isId(value: string): boolean {
  return UUID.test(value);
}
