import type { TObject } from 'typebox';
import type { FieldProblem } from '../platform/commands/result.js';
import { formErrors, type ReadForm } from '../platform/web/form-input.js';
import type { FormErrors } from '../platform/web/forms.js';

/**
 * The form's own problems (a date without a month) and a command's, in the order of the form's
 * fields, as the error summary lists them: a date's problem sits where the date does.
 */
export function pageErrors(
  form: ReadForm,
  schema: TObject,
  problems: readonly FieldProblem[] = [],
): FormErrors {
  const order = Object.keys(schema.properties);
  const rank = (field: string) => {
    const index = order.indexOf(field.replace(/-(day|month|year)$/, ''));
    return index < 0 ? order.length : index;
  };
  const all = [...form.problems, ...problems]
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.field) - rank(b.p.field) || a.i - b.i)
    .map(({ p }) => p);
  return formErrors({ ...form, problems: [] }, all);
}
