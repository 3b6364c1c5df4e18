// Reading the target form on an indicator's page: posted fields to the target command's input,
// and its problems for the GOV.UK error summary in the form's order. Pure.
import type { FieldProblem } from '../../../../platform/commands/result.js';
import { readForm, type ReadForm } from '../../../../platform/web/form-input.js';
import { FormErrors, type FormBody } from '../../../../platform/web/forms.js';
import { checkTarget, type TargetRecord } from '../../commands/targets.js';
import { TargetInput } from '../../inputs.js';
import type { Unit } from '../../rag.js';

const ORDER = Object.keys(TargetInput.properties);

/** `targetDate-month` is the target date's field. */
const fieldOf = (name: string) => name.replace(/-(day|month|year)$/, '');

/**
 * The form read into the command's input. An empty date is left out, so the schema says "Enter
 * the target date"; a date the form could not read is left out too, and the form says why.
 */
export function readTargetFields(body: FormBody | undefined): ReadForm {
  const form = readForm(TargetInput, body, { dateLabels: { targetDate: 'the target date' } });
  if (form.input.targetDate === null) delete form.input.targetDate;
  return form;
}

/**
 * The form's own problems (a date it could not read) and the command's, one a field and in the
 * form's order, so a target that is not a number and a date that is not real both show at once.
 */
export function targetFormErrors(form: ReadForm, problems: readonly FieldProblem[]): FormErrors {
  const own = new Set(form.problems.map((p) => fieldOf(p.field)));
  const all = [...form.problems, ...problems.filter((p) => !own.has(p.field))].sort(
    (a, b) => ORDER.indexOf(fieldOf(a.field)) - ORDER.indexOf(fieldOf(b.field)),
  );
  const errors = new FormErrors();
  for (const p of all)
    errors.add(form.dates.includes(p.field) ? `${p.field}-day` : p.field, p.text);
  return errors;
}

/**
 * The target form checked as far as it can be once the indicator's unit is known: its errors added
 * to `errors`, and the target as the service saves it when there are none.
 */
export function readTargetForm(
  body: FormBody,
  errors: FormErrors,
  unit: Unit,
): { values: Record<string, unknown>; input?: TargetRecord } {
  const form = readTargetFields(body);
  const checked = checkTarget(form.input, unit);
  for (const e of targetFormErrors(form, checked.problems).list) errors.add(e.field, e.text);
  if (errors.any || !checked.value) return { values: form.values };
  return { values: form.values, input: checked.value };
}
