import { ACTION_STATUSES, RAGS, type ActionStatus, type Rag } from '../plans/index.js';
import {
  field,
  type FormErrors,
  isId,
  requireChoice,
  requireText,
  type FormBody,
} from '../platform/web/forms.js';
import type { UpdateInput } from './progress-repository.js';
import { ragContradiction } from './round-rules.js';

export function readUpdateForm(
  body: FormBody,
  errors: FormErrors,
): { values: Record<string, string>; input?: UpdateInput } {
  const values = {
    status: field(body, 'status'),
    rag: field(body, 'rag'),
    narrative: field(body, 'narrative'),
    measureId: field(body, 'measureId'),
    measureValue: field(body, 'measureValue'),
  };
  const status = requireChoice(
    errors,
    'status',
    values.status,
    ACTION_STATUSES,
    'Select the action’s status',
  );
  const rag = requireChoice(errors, 'rag', values.rag, RAGS, 'Select a RAG rating');
  // Status and RAG are one scale asked twice: they must agree (rule in src/progress/round-rules.ts).
  const contradiction = status && rag ? ragContradiction(status as ActionStatus, rag as Rag) : null;
  if (contradiction) errors.add('rag', contradiction);
  requireText(errors, 'narrative', values.narrative, {
    label: 'what has happened since the last update',
    max: 10000,
    emptyMessage: 'Enter what has happened since the last update',
  });
  let measureValue: number | null = null;
  if (values.measureValue) {
    measureValue = Number(values.measureValue.replace(/,/g, '').replace(/%$/, ''));
    if (!Number.isFinite(measureValue))
      errors.add('measureValue', 'Figure must be a number, like 58 or 12.5');
    else if (!values.measureId)
      errors.add('measureId', 'Select the success measure the figure is for');
  }
  if (values.measureId && !isId(values.measureId))
    errors.add('measureId', 'Select a success measure from the list');
  if (errors.any || !status || !rag) return { values };
  return {
    values,
    input: {
      status: status as ActionStatus,
      rag: rag as Rag,
      narrative: values.narrative,
      measureId: values.measureId || null,
      measureValue,
    },
  };
}
