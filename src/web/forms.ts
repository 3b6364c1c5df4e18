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
