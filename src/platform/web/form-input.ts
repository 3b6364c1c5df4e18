/**
 * A page form read into the shape of a command's input schema, so the form and the JSON API feed
 * the same command. Text is taken as typed; an empty optional choice is null; dates come from
 * GOV.UK date inputs (day, month, year); lists from checkboxes. What was typed is kept to show the
 * form again with its errors.
 */
import type { FastifyReply } from 'fastify';
import { Type, type TObject } from 'typebox';
import { parseInput } from '../commands/input.js';
import { invalid, type FieldProblem, type Result } from '../commands/result.js';
import { dateInput, field, fieldList, FormErrors, type FormBody } from './forms.js';

type PropertySchema = {
  type?: string | string[];
  format?: string;
  anyOf?: PropertySchema[];
  'x-messages'?: { invalid?: string };
};

const branches = (p: PropertySchema): PropertySchema[] => p.anyOf ?? [p];
const isType = (p: PropertySchema, type: string) =>
  branches(p).some((b) => b.type === type || (Array.isArray(b.type) && b.type.includes(type)));
const isDate = (p: PropertySchema) => branches(p).some((b) => b.format === 'date');

export type ReadForm = {
  /** The input for the command: check it with the command, never trust it as typed. */
  input: Record<string, unknown>;
  /** What the person typed, field by field (date fields as their parts), to show again. */
  values: Record<string, unknown>;
  /** Problems only a form can have, such as a date without a month. */
  problems: FieldProblem[];
  /** Date fields, whose problems point at their day input (`dueDate-day`). */
  dates: string[];
};

/**
 * Reads `body` for each of the schema's fields. `dateLabels` names dates in messages ("the due
 * date"); `omit` leaves fields the form does not carry (a route parameter, say) to the caller.
 */
export function readForm(
  schema: TObject,
  body: FormBody | undefined,
  options: { dateLabels?: Record<string, string>; omit?: readonly string[] } = {},
): ReadForm {
  const input: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  const errors = new FormErrors();
  const dates: string[] = [];
  for (const [name, raw] of Object.entries(schema.properties)) {
    if (options.omit?.includes(name)) continue;
    const property = raw as PropertySchema;
    if (isType(property, 'array')) {
      values[name] = input[name] = fieldList(body, name);
    } else if (isDate(property)) {
      const label = options.dateLabels?.[name] ?? `the ${name}`;
      dates.push(name);
      const date = dateInput(body, name, errors, { label });
      values[name] = date.parts;
      input[name] = date.iso ?? null;
    } else {
      const text = field(body, name);
      values[name] = text;
      if (text === '' && isType(property, 'null')) input[name] = null;
      else if (isType(property, 'integer') || isType(property, 'number')) {
        const number = Number(text.replace(/,/g, ''));
        input[name] = text === '' || !Number.isFinite(number) ? text : number;
      } else input[name] = text;
    }
  }
  return {
    input,
    values,
    problems: errors.list.map((e) => ({ field: e.field, text: e.text })),
    dates,
  };
}

/**
 * The form's own problems and then a command's, as the error summary and inline messages expect
 * them: one per field, in order, a date's pointing at its day input. With `order` (the schema the
 * form was read with), they are listed in the order of its fields instead, so a date's problem
 * sits where the date does; a field the schema does not name (one the page renamed) comes last.
 */
export function formErrors(
  form: ReadForm,
  problems: readonly FieldProblem[] = [],
  options: { order?: TObject } = {},
): FormErrors {
  const all = [...form.problems, ...problems];
  const errors = new FormErrors();
  for (const p of options.order ? inFieldOrder(all, options.order) : all)
    errors.add(form.dates.includes(p.field) ? `${p.field}-day` : p.field, p.text);
  return errors;
}

/** Problems sorted by their field's place in the schema (a date's parts with the date), stably. */
function inFieldOrder(problems: readonly FieldProblem[], schema: TObject): FieldProblem[] {
  const order = Object.keys(schema.properties);
  const rank = (field: string) => {
    const index = order.indexOf(field.replace(/-(day|month|year)$/, ''));
    return index < 0 ? order.length : index;
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.field) - rank(b.p.field) || a.i - b.i)
    .map(({ p }) => p);
}

/**
 * Runs a command on a form's input, unless the form itself could not be read (a date without a
 * month): then nothing runs, and the command's schema adds what else is wrong, so every problem
 * shows at once.
 */
export async function submitForm<T, C>(
  form: ReadForm,
  schema: TObject,
  run: () => Promise<Result<T, C>>,
): Promise<Result<T, C>> {
  if (!form.problems.length) return run();
  const parsed = parseInput(schema, form.input);
  return invalid(
    ...(parsed.ok ? [] : parsed.problems.filter((p) => !form.dates.includes(p.field))),
  );
}

/** Any form's fields, as posted: read them with readForm. */
export const FORM = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Array(Type.String())]),
);

/**
 * What a page does with a result it has no better page for: not found, not allowed, or refused
 * (with the reason). A form shows `invalid` itself, and an edit shows `conflict` on its own page.
 */
export function sendPageResult(
  reply: FastifyReply,
  result: Result<unknown, unknown>,
): FastifyReply {
  switch (result.kind) {
    case 'not-found':
      reply.callNotFound();
      return reply;
    case 'forbidden':
      reply.forbidden();
      return reply;
    case 'refused':
      return reply.page(
        'platform/layout/error.njk',
        { title: 'This cannot be done', message: result.message },
        409,
      );
    default:
      throw new Error(`A page left its ${result.kind} result unanswered`);
  }
}
