/**
 * One input schema per command (TypeBox), read by the JSON API as its body schema and by the page
 * form through readForm, and checked here for both: the same input gets the same verdict, in the
 * same words, wherever it comes from. Messages for people sit in the schema under `x-messages`
 * (an OpenAPI extension, so the API documentation may carry them too).
 */
import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox';
import Value from 'typebox/value';
import type { FieldProblem } from './result.js';

/** What each kind of failure of a field says: empty, too long, or anything else wrong with it. */
export type FieldMessages = { required?: string; tooLong?: string; invalid?: string };
const MESSAGES = 'x-messages';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** "the local authority" -> "Local authority", for "… must be N characters or fewer". */
export function labelAtStart(label: string): string {
  const text = label.replace(/^(the|their|your|a|an) /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Text, trimmed before it is checked. `required` is what an empty field says ("Enter a title"). */
export function Text(options: { label: string; max: number; required?: boolean | string }) {
  const required =
    options.required === true ? `Enter ${options.label}` : options.required || undefined;
  return Type.String({
    maxLength: options.max,
    ...(required ? { minLength: 1 } : {}),
    [MESSAGES]: {
      required,
      tooLong: `${labelAtStart(options.label)} must be ${options.max} characters or fewer`,
    },
  });
}

/** The id of a record chosen from a list; `invalid` is what a wrong one says. */
export function Id(invalid: string) {
  return Type.String({ pattern: UUID, [MESSAGES]: { invalid, required: invalid } });
}

/** An optional choice of a record: null (or an empty form field) for none. */
export function OptionalId(invalid: string) {
  return Type.Union([Id(invalid), Type.Null()], { [MESSAGES]: { invalid } });
}

export function IdList(invalid: string) {
  return Type.Array(Id(invalid), { maxItems: 1000, [MESSAGES]: { invalid } });
}

/** One of a fixed list of values, like a plan's kind. */
export function Choice<const V extends readonly string[]>(values: V, invalid: string) {
  // `type` beside `enum` so the OpenAPI document says these are strings.
  return Type.Enum(values as unknown as V[number][], {
    type: 'string',
    [MESSAGES]: { invalid, required: invalid },
  });
}

/** One of a fixed list, or null (an empty form field) for none. */
export function NullableChoice<const V extends readonly string[]>(
  values: V,
  invalid: string,
  description?: string,
) {
  return Type.Unsafe<V[number] | null>({
    type: ['string', 'null'],
    enum: [...values, null],
    ...(description ? { description } : {}),
    [MESSAGES]: { invalid },
  });
}

/** A whole number from `min` to `max`, or null (an empty form field) for none. */
export function OptionalWholeNumber(min: number, max: number, invalid: string) {
  return Type.Union([Type.Integer({ minimum: min, maximum: max }), Type.Null()], {
    [MESSAGES]: { invalid },
  });
}

/** A date as YYYY-MM-DD; a page form sends it as day, month and year fields. */
export function OptionalDate(label: string) {
  return Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description: 'YYYY-MM-DD',
    [MESSAGES]: { invalid: `${labelAtStart(label)} must be a real date` },
  });
}

/** The version an editor read, sent back with a change so a stale edit is caught. */
export const Version = Type.Integer({
  minimum: 1,
  maximum: 2147483647,
  [MESSAGES]: { invalid: 'Version must be a whole number' },
});

export function InputSchema<P extends TProperties>(properties: P) {
  return Type.Object(properties, { additionalProperties: false });
}

export type Parsed<S extends TSchema> =
  { ok: true; value: Static<S> } | { ok: false; problems: FieldProblem[] };

/** Strings trimmed, at the top level and in lists, as people mean them. */
function trimmed(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimmed);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmed(v)]));
  return value;
}

/**
 * Text PostgreSQL cannot store or that is not text at all: a NUL byte, or half of a surrogate pair
 * (JSON can spell one as "\ud800"). Refused as a field problem, never left to fail in the database.
 */
// eslint-disable-next-line no-control-regex -- the NUL byte is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnstorableText(value: string): boolean {
  return UNSTORABLE.test(value);
}

/** The path of the first string in `value` (at any depth) that cannot be stored, else undefined. */
export function unstorableTextAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return hasUnstorableText(value) ? path || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextAt(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found =
        (hasUnstorableText(key) ? path || '(body)' : undefined) ??
        unstorableTextAt(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

export const UNSTORABLE_MESSAGE =
  'This contains a character that cannot be saved (a control character or a broken symbol): remove it and try again';

function messagesOf(schema: TObject, field: string): FieldMessages {
  const property = (schema.properties as Record<string, Record<string, unknown>>)[field];
  return (property?.[MESSAGES] as FieldMessages | undefined) ?? {};
}

function describe(schema: TObject, field: string, keyword: string): string {
  const messages = messagesOf(schema, field);
  if ((keyword === 'minLength' || keyword === 'required') && messages.required)
    return messages.required;
  if (keyword === 'maxLength' && messages.tooLong) return messages.tooLong;
  return messages.invalid ?? `${field} is not valid`;
}

/**
 * Checks input against a command's schema: every field's first problem, in the schema's order (the
 * page's order), or the value trimmed and typed.
 */
export function parseInput<S extends TObject>(schema: S, input: unknown): Parsed<S> {
  const value = trimmed(input);
  const found = new Map<string, string>();
  if (value && typeof value === 'object')
    for (const [field, item] of Object.entries(value))
      if (unstorableTextAt(item)) found.set(field, UNSTORABLE_MESSAGE);
  for (const error of Value.Errors(schema, value)) {
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      for (const field of missing)
        if (!found.has(field)) found.set(field, describe(schema, field, 'required'));
      continue;
    }
    if (error.keyword === 'additionalProperties') {
      const extra =
        (error.params as { additionalProperties?: string[] }).additionalProperties ?? [];
      for (const field of extra) if (!found.has(field)) found.set(field, `${field} is not a field`);
      continue;
    }
    const field = error.instancePath.split('/')[1];
    if (!field || found.has(field)) continue;
    // A union (null or an id) reports each branch; the branch that is not `null` says it best.
    if (error.keyword === 'type' && (error.params as { type?: string }).type === 'null') continue;
    found.set(field, describe(schema, field, error.keyword));
  }
  if (!found.size) return { ok: true, value: value as Static<S> };
  const order = Object.keys(schema.properties);
  const problems = [...found]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([field, text]) => ({ field, text }));
  return { ok: false, problems };
}
