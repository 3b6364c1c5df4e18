/**
 * The input of the settings command: the partnership's deadline rules, closure days and a source
 * note for each rule, read from the settings form through readForm. Its words are the form's.
 */
import { Type, type Static } from 'typebox';
import { InputSchema, Text } from '../platform/commands/input.js';

/** The rules whose source note the settings form keeps (`source_<rule>`). */
export const RULE_KEYS = [
  'wsoa_due',
  'revisit_expected',
  'monitoring_inspection_expected',
  'next_full_inspection_expected',
  'app_review',
  'priority_action_plan_due',
] as const;

const wholeNumberProblem = (label: string, min: number, max: number) =>
  `${label} must be a whole number from ${min} to ${max}`;

/** A whole number of days, months or years, from `min` to `max`. */
function WholeNumber(label: string, min: number, max: number) {
  const message = wholeNumberProblem(label, min, max);
  return Type.Integer({
    minimum: min,
    maximum: max,
    'x-messages': { invalid: message, required: message },
  });
}

/** What a list of review months that is not one says. */
export const REVIEW_MONTHS_PROBLEM =
  'Review months must be whole numbers separated by commas, like 6, 12';

const PAP_DAYS = ['Working days for the priority action plan', 1, 500] as const;
const source = Text({ label: 'the source note', max: 1000 });

/** The settings as of the version read (0 when the partnership has never saved any). */
export const SettingsChange = InputSchema({
  wsoaWorkingDays: WholeNumber('Working days for the written statement', 1, 500),
  revisitMonths: WholeNumber('Months to the revisit', 1, 120),
  monitoringInspectionMonths: WholeNumber('Months to the monitoring inspection', 1, 120),
  years1: WholeNumber('Years to the next full inspection after outcome 1', 1, 20),
  years2: WholeNumber('Years to the next full inspection after outcome 2', 1, 20),
  years3: WholeNumber('Years to the next full inspection after outcome 3', 1, 20),
  appReviewMonths: Type.String({
    description:
      'Months after the plan starts, separated by commas, like "6, 12" (1 to 12 of them)',
    'x-messages': { invalid: REVIEW_MONTHS_PROBLEM, required: REVIEW_MONTHS_PROBLEM },
  }),
  /** Not confirmed in our sources: null until the admin has confirmed it. */
  priorityActionPlanWorkingDays: Type.Union([WholeNumber(...PAP_DAYS), Type.Null()], {
    'x-messages': { invalid: wholeNumberProblem(...PAP_DAYS) },
  }),
  closures: Type.String({ description: 'Closure days, one a line, like 29/12/2026' }),
  countClosures: Type.String({ description: '"no" counts closure days as working days' }),
  revisedDatesNeedApproval: Type.Optional(
    Type.String({
      description:
        '"yes": a revised due date from anyone but an admin waits for an admin’s approval',
    }),
  ),
  source_wsoa_due: source,
  source_revisit_expected: source,
  source_monitoring_inspection_expected: source,
  source_next_full_inspection_expected: source,
  source_app_review: source,
  source_priority_action_plan_due: source,
  version: Type.Integer({
    minimum: 0,
    maximum: 2147483647,
    'x-messages': { invalid: 'Version must be a whole number' },
  }),
});
export type SettingsChange = Static<typeof SettingsChange>;
