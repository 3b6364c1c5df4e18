import {
  dateInput,
  field,
  type FormErrors,
  optionalText,
  requireChoice,
  requireText,
  type FormBody,
} from '../platform/web/forms.js';
import {
  FINDING_TYPES,
  FRAMEWORKS,
  INSPECTION_KINDS,
  KINDS_BY_FRAMEWORK,
  QUESTIONS,
  type Question,
} from './inspection-rules.js';
import type { FindingInput, InspectionInput } from './inspection-repository.js';

/** Reads and checks the inspection form; returns the values to re-show and, when valid, the input. */
export function readInspectionForm(
  body: FormBody,
  errors: FormErrors,
): { values: Record<string, unknown>; input?: InspectionInput } {
  const values: Record<string, unknown> = {
    framework: field(body, 'framework'),
    kind: field(body, 'kind'),
    team: field(body, 'team'),
    outcome: field(body, 'outcome'),
    wsoaRequired: field(body, 'wsoaRequired'),
    outcomeText: field(body, 'outcomeText'),
    version: field(body, 'version'),
  };
  const framework = requireChoice(
    errors,
    'framework',
    values.framework as string,
    FRAMEWORKS,
    'Select the inspection framework',
  );
  const kind = requireChoice(
    errors,
    'kind',
    values.kind as string,
    INSPECTION_KINDS,
    'Select the kind of inspection',
  );
  if (framework && kind && !KINDS_BY_FRAMEWORK[framework].includes(kind)) {
    errors.add(
      'kind',
      framework === '2016'
        ? 'A 2016-framework inspection is an inspection or a revisit'
        : 'A 2023-framework inspection is a full inspection or a monitoring inspection',
    );
  }
  const start = dateInput(body, 'onSiteStart', errors, { label: 'the first day on site' });
  const end = dateInput(body, 'onSiteEnd', errors, { label: 'the last day on site' });
  const published = dateInput(body, 'publishedOn', errors, {
    label: 'the date the letter or report was published',
  });
  Object.assign(values, {
    onSiteStart: start.parts,
    onSiteEnd: end.parts,
    publishedOn: published.parts,
  });
  if (start.iso && end.iso && end.iso < start.iso)
    errors.add('onSiteEnd-day', 'The last day on site must be the same as or after the first day');
  if (start.iso && published.iso && published.iso < start.iso)
    errors.add('publishedOn-day', 'The publication date must be after the inspection started');
  optionalText(errors, 'team', values.team as string, { label: 'the inspection team', max: 2000 });
  optionalText(errors, 'outcomeText', values.outcomeText as string, {
    label: 'the outcome in the letter’s words',
    max: 5000,
  });
  const outcome = ['1', '2', '3'].includes(values.outcome as string)
    ? (Number(values.outcome) as 1 | 2 | 3)
    : null;
  const wsoa = values.wsoaRequired === 'yes' ? true : values.wsoaRequired === 'no' ? false : null;
  if (errors.any || !framework || !kind) return { values };
  return {
    values,
    input: {
      framework,
      kind,
      onSiteStart: start.iso ?? null,
      onSiteEnd: end.iso ?? null,
      publishedOn: published.iso ?? null,
      team: values.team as string,
      outcome: framework === '2023' ? outcome : null,
      wsoaRequired: framework === '2016' ? wsoa : null,
      outcomeText: values.outcomeText as string,
    },
  };
}

export function readFindingForm(
  body: FormBody,
  errors: FormErrors,
): { values: Record<string, string>; input?: FindingInput } {
  const values = {
    type: field(body, 'type'),
    question: field(body, 'question'),
    text: field(body, 'text'),
    sufficientProgress: field(body, 'sufficientProgress'),
    version: field(body, 'version'),
  };
  const type = requireChoice(
    errors,
    'type',
    values.type,
    FINDING_TYPES,
    'Select the type of finding',
  );
  if (values.question && !(QUESTIONS as readonly string[]).includes(values.question))
    errors.add('question', 'Select the inspection question, or none');
  requireText(errors, 'text', values.text, {
    label: 'the finding’s text',
    max: 5000,
    emptyMessage: 'Enter the finding as the letter words it',
  });
  if (errors.any || !type) return { values };
  const sufficientProgress =
    values.sufficientProgress === 'yes' ? true : values.sufficientProgress === 'no' ? false : null;
  return {
    values,
    input: {
      type,
      question: (values.question || null) as Question | null,
      text: values.text.replace(/\s+/g, ' '),
      sufficientProgress,
    },
  };
}
