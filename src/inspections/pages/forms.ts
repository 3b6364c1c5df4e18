/**
 * The inspection and finding forms read into their commands' inputs, and checked with the
 * commands' own rules (no database): the pages and the letter import show what the API would
 * refuse, in the words people see, in the order the form shows the fields.
 */
import { readForm, type ReadForm } from '../../platform/web/form-input.js';
import { FormErrors, type FieldError, type FormBody } from '../../platform/web/forms.js';
import type { FieldProblem } from '../../platform/commands/result.js';
import { checkFinding, checkInspection } from '../input-checks.js';
import { FindingChange, InspectionChange, NewFinding, NewInspection } from '../inputs.js';
import type { FindingInput, InspectionInput } from '../inspection-repository.js';

const DATE_LABELS = {
  onSiteStart: 'the first day on site',
  onSiteEnd: 'the last day on site',
  publishedOn: 'the date the letter or report was published',
};

/** "yes" and "no" radios as true and false, "" as not said; anything else is left to be refused. */
const yesNo = (value: unknown) => (value === 'yes' ? true : value === 'no' ? false : value);

/**
 * A form's own problems (a date without a month) and the command's, one per field, in the
 * schema's order; a date's point at its day input.
 */
export function orderedErrors(
  form: ReadForm,
  fields: readonly string[],
  problems: readonly FieldProblem[],
): FormErrors {
  const base = (field: string) => field.replace(/-(day|month|year)$/, '');
  const rank = (field: string) => {
    const at = fields.indexOf(base(field));
    return at < 0 ? fields.length : at;
  };
  const seen = new Set<string>();
  const list: FieldError[] = [];
  for (const p of [...form.problems, ...problems]) {
    if (seen.has(base(p.field))) continue;
    seen.add(base(p.field));
    list.push({ field: form.dates.includes(p.field) ? `${p.field}-day` : p.field, text: p.text });
  }
  const errors = new FormErrors();
  for (const e of list.sort((a, b) => rank(a.field) - rank(b.field))) errors.add(e.field, e.text);
  return errors;
}

export type CheckedForm<T> = {
  form: ReadForm;
  /** What was typed, to show again. */
  values: Record<string, unknown>;
  /** Every problem, as the error summary shows them. */
  errors: FormErrors;
  /** The command's input when there is no problem: run the command with it. */
  input?: T;
};

/**
 * The inspection form: a new inspection, or (`change`) a change with the version read. The form
 * asks both frameworks' outcome questions; only the chosen framework's answer is kept.
 */
export function readInspectionForm(
  body: FormBody | undefined,
  options: { change?: boolean } = {},
): CheckedForm<InspectionInput & { version?: number }> {
  const schema = options.change ? InspectionChange : NewInspection;
  const form = readForm(schema, body, {
    dateLabels: DATE_LABELS,
    omit: options.change ? [] : ['version'],
  });
  form.input.wsoaRequired = yesNo(form.input.wsoaRequired);
  if (form.input.framework !== '2023') form.input.outcome = null;
  if (form.input.framework !== '2016') form.input.wsoaRequired = null;
  const checked = checkInspection(schema, form.input);
  // A date the form could not read is null to the command: the form's words say what is wrong.
  const problems = checked.ok ? [] : checked.problems;
  const errors = orderedErrors(form, Object.keys(schema.properties), problems);
  return {
    form,
    values: form.values,
    errors,
    ...(checked.ok && !errors.any ? { input: checked.value } : {}),
  };
}

/** The finding form: a new finding, or (`change`) a change with the version read. */
export function readFindingForm(
  body: FormBody | undefined,
  options: { change?: boolean } = {},
): CheckedForm<FindingInput & { version?: number }> {
  const schema = options.change ? FindingChange : NewFinding;
  const form = readForm(schema, body, { omit: options.change ? [] : ['version'] });
  form.input.sufficientProgress = yesNo(form.input.sufficientProgress);
  const checked = checkFinding(schema, form.input);
  const errors = orderedErrors(
    form,
    Object.keys(schema.properties),
    checked.ok ? [] : checked.problems,
  );
  return {
    form,
    values: form.values,
    errors,
    ...(checked.ok && !errors.any ? { input: checked.value } : {}),
  };
}
