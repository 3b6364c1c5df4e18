import {
  dateInput,
  field,
  fieldList,
  type FormErrors,
  isId,
  optionalId,
  optionalText,
  requireChoice,
  requireText,
  type FormBody,
} from '../platform/web/forms.js';
import type { ActionInput } from './plan-repository.js';
import { ACTION_CATEGORIES } from './plan-rules.js';

export function readPriorityForm(body: FormBody, errors: FormErrors) {
  const values = {
    title: field(body, 'title'),
    description: field(body, 'description'),
    findingIds: fieldList(body, 'findingIds'),
    version: field(body, 'version'),
  };
  requireText(errors, 'title', values.title, { label: 'the priority’s title', max: 300 });
  if (values.findingIds.some((id) => !isId(id)))
    errors.add('findingIds', 'Select findings from the list');
  optionalText(errors, 'description', values.description, { label: 'the description', max: 5000 });
  return {
    values,
    input: errors.any
      ? undefined
      : { title: values.title, description: values.description, findingIds: values.findingIds },
  };
}

export function readActionForm(
  body: FormBody,
  errors: FormErrors,
): { values: Record<string, unknown>; input?: ActionInput } {
  const values: Record<string, unknown> = {
    priorityId: field(body, 'priorityId'),
    parentActionId: field(body, 'parentActionId'),
    title: field(body, 'title'),
    description: field(body, 'description'),
    category: field(body, 'category'),
    leadUserId: field(body, 'leadUserId'),
    leadOrganisationId: field(body, 'leadOrganisationId'),
    partnerIds: fieldList(body, 'partnerIds'),
    version: field(body, 'version'),
  };
  if (!isId(values.priorityId as string))
    errors.add('priorityId', 'Select the priority this action belongs to');
  optionalId(
    errors,
    'parentActionId',
    values.parentActionId as string,
    'Select the action it is part of from the list',
  );
  requireText(errors, 'title', values.title as string, { label: 'what will be done', max: 500 });
  optionalText(errors, 'description', values.description as string, {
    label: 'the description',
    max: 10000,
  });
  const category = requireChoice(
    errors,
    'category',
    values.category as string,
    ACTION_CATEGORIES,
    'Select the category',
  );
  optionalId(errors, 'leadUserId', values.leadUserId as string, 'Select the lead from the list');
  optionalId(
    errors,
    'leadOrganisationId',
    values.leadOrganisationId as string,
    'Select the lead organisation from the list',
  );
  if ((values.partnerIds as string[]).some((id) => !isId(id)))
    errors.add('partnerIds', 'Select partner organisations from the list');
  const start = dateInput(body, 'startDate', errors, { label: 'the start date' });
  const due = dateInput(body, 'dueDate', errors, { label: 'the due date' });
  values.startDate = start.parts;
  values.dueDate = due.parts;
  if (start.iso && due.iso && due.iso < start.iso)
    errors.add('dueDate-day', 'The due date must be the same as or after the start date');
  if (errors.any || !category) return { values };
  return {
    values,
    input: {
      priorityId: values.priorityId as string,
      parentActionId: (values.parentActionId as string) || null,
      title: values.title as string,
      description: values.description as string,
      category,
      leadUserId: (values.leadUserId as string) || null,
      leadOrganisationId: (values.leadOrganisationId as string) || null,
      partnerIds: values.partnerIds as string[],
      startDate: start.iso ?? null,
      dueDate: due.iso ?? null,
    },
  };
}

export function readMeasureForm(body: FormBody, errors: FormErrors) {
  const values = { text: field(body, 'measureText'), target: field(body, 'target') };
  requireText(errors, 'measureText', values.text, {
    label: 'how success will be measured',
    max: 1000,
  });
  let target: number | null = null;
  if (values.target) {
    target = Number(values.target.replace(/,/g, '').replace(/%$/, ''));
    if (!Number.isFinite(target) || Math.abs(target) > 1e12)
      errors.add('target', 'Target must be a number, like 65 or 12.5');
  }
  const targetDate = dateInput(body, 'targetDate', errors, { label: 'the target date' });
  return {
    values: { ...values, targetDate: targetDate.parts },
    input: errors.any
      ? undefined
      : { text: values.text, target, targetDate: targetDate.iso ?? null },
  };
}
