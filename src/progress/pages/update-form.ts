import type { TObject } from 'typebox';
import { readForm, type ReadForm } from '../../platform/web/form-input.js';
import { field, type FormBody } from '../../platform/web/forms.js';

/**
 * An update form (recording or correcting) read into its command's input. People type a figure as
 * they write it, "58%" or "1,200": the sign and the commas go before it is checked.
 */
export function readUpdateForm(schema: TObject, body: FormBody | undefined): ReadForm {
  const form = readForm(schema, body, { dateLabels: { proposedDueDate: 'the proposed due date' } });
  const figure = field(body, 'measureValue');
  if (figure.endsWith('%')) {
    const number = Number(figure.slice(0, -1).replace(/,/g, ''));
    if (Number.isFinite(number) && figure.length > 1) form.input.measureValue = number;
  }
  return form;
}
