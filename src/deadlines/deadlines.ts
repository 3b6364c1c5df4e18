// The statutory and expected dates a partnership must not miss after an inspection, each with the
// rule behind it in words. Pure: facts, settings and a working-day calendar in; deadlines out.
import type { WorkingCalendar } from '../platform/calendar/index.js';
import { addMonths, daysBetween, formatLongDate } from './dates.js';

export type InspectionFacts = {
  id: string;
  framework: '2016' | '2023';
  kind: 'initial' | 'revisit' | 'full' | 'monitoring';
  /** ISO date the letter/report was published. */
  publishedOn: string | null;
  /** 2023 framework outcome (1 positive, 2 inconsistent, 3 widespread/systemic failings). */
  outcome: 1 | 2 | 3 | null;
  /** 2016 framework: the letter requires a written statement of action. */
  wsoaRequired: boolean | null;
};

export type PlanFacts = {
  id: string;
  inspectionId: string | null;
  kind: 'wsoa' | 'post_inspection' | 'app' | 'priority_action_plan' | 'strategic';
  title: string;
  /** First submitted to Ofsted/DfE. */
  submittedOn: string | null;
  /** Ofsted judged the WSoA fit for purpose. */
  judgedFitForPurposeOn: string | null;
  /** E.g. the APP agreed/started. */
  startedOn: string | null;
};

export type DeadlineRule =
  | 'wsoa_due'
  | 'revisit_expected'
  | 'monitoring_inspection_expected'
  | 'next_full_inspection_expected'
  | 'app_review'
  | 'priority_action_plan_due'
  /** A date set by others (the DfE, NHS England, inspectors, the letter, the board): key-dates.ts. */
  | 'key_date';

export type DeadlineRuleSettings = {
  wsoaWorkingDays: number;
  revisitMonths: number;
  monitoringInspectionMonths: number;
  /** "About" this many years after a 2023 full inspection report, by outcome. */
  nextFullInspectionYears: { 1: number; 2: number; 3: number };
  appReviewMonths: number[];
  /** Not confirmed in our sources: null means "not set — the admin must confirm it". */
  priorityActionPlanWorkingDays: number | null;
  /** Rule key (a DeadlineRule) -> note of its source, editable per partnership. */
  sources: Record<string, string>;
};

export type DeadlineStatus =
  | 'met'
  | 'upcoming'
  | 'due_soon'
  | 'overdue'
  | 'needs_setting'
  /** A date counted from an event that has not happened yet. */
  | 'waiting';

export type Deadline = {
  /** Stable, e.g. `wsoa-due:${inspectionId}`. */
  key: string;
  rule: DeadlineRule;
  label: string;
  /** Null when a needed setting is not confirmed. */
  date: string | null;
  /** True for expected ("about"/"within") dates, false for statutory deadlines. */
  approximate: boolean;
  explanation: string;
  source: string;
  /** Absent only for a date set by others that names no inspection. */
  inspectionId?: string;
  planId?: string;
  status: DeadlineStatus;
  metOn?: string;
  /** A date set by others: its id, to change it or mark it met. */
  keyDateId?: string;
};

export const DEFAULT_DEADLINE_RULES: DeadlineRuleSettings = Object.freeze({
  wsoaWorkingDays: 70,
  revisitMonths: 18,
  monitoringInspectionMonths: 18,
  nextFullInspectionYears: Object.freeze({ 1: 5, 2: 3, 3: 3 }),
  appReviewMonths: Object.freeze([6, 12]) as number[],
  priorityActionPlanWorkingDays: null,
  sources: Object.freeze({
    wsoa_due:
      'Ofsted/CQC local area SEND inspection handbook (2016 framework): the written statement of action is due 70 working days after the outcome letter is published.',
    revisit_expected:
      'Ofsted/CQC local area SEND inspection handbook (2016 framework): a revisit usually within 18 months of the written statement of action being judged fit for purpose.',
    monitoring_inspection_expected:
      'Ofsted/CQC area SEND inspection framework (2023): after outcome 3, a monitoring inspection usually about 18 months after the report.',
    next_full_inspection_expected:
      'Ofsted/CQC area SEND inspection framework (2023): the next full inspection about 5 years after outcome 1, about 3 years after outcome 2 or 3.',
    app_review:
      'DfE and NHS England monitoring of an accelerated progress plan: reviews at about 6 and 12 months after it starts.',
    priority_action_plan_due:
      'Not confirmed in our sources: the partnership admin must set the number of working days.',
  }),
});

const OUTCOME_WORDS: Record<1 | 2 | 3, string> = {
  1: 'outcome 1: positive experiences and outcomes',
  2: 'outcome 2: inconsistent experiences and outcomes',
  3: 'outcome 3: widespread and/or systemic failings',
};

/** A deadline before its status and source are worked out. */
type Draft = Omit<Deadline, 'status' | 'source'>;

/** What every rule reads: the facts, the partnership's settings and its working-day calendar. */
type Context = {
  inspections: InspectionFacts[];
  plans: PlanFacts[];
  rules: DeadlineRuleSettings;
  calendar: WorkingCalendar;
  /** Said after each working-day count: which days were left out. */
  workingDayNote: string;
};

export function computeDeadlines(input: {
  inspections: InspectionFacts[];
  plans: PlanFacts[];
  rules: DeadlineRuleSettings;
  calendar: WorkingCalendar;
  today: string;
  /** Calendar days ahead that count as "due soon"; default 28. */
  dueSoonDays?: number;
}): Deadline[] {
  const { inspections, plans, rules, calendar, today } = input;
  const dueSoonDays = input.dueSoonDays ?? 28;
  formatLongDate(today); // validate early: a bad `today` would silently mislabel every status
  const context: Context = {
    inspections,
    plans,
    rules,
    calendar,
    workingDayNote: workingDayNote(calendar),
  };
  const drafts = [
    ...inspections.flatMap((inspection) => inspectionDrafts(context, inspection)),
    ...plans.flatMap((plan) => appReviews(context, plan)),
  ];
  return drafts
    .map((draft) => ({
      ...draft,
      source: rules.sources[draft.rule] ?? 'No source recorded.',
      status: statusOf(draft, today, dueSoonDays),
    }))
    .sort(compareDeadlines);
}

function workingDayNote(calendar: WorkingCalendar): string {
  return calendar.closures.length > 0
    ? '(England and Wales bank holidays excluded; your closure days also excluded)'
    : '(England and Wales bank holidays excluded)';
}

/** The inspection's plans of one kind. */
function plansFor(context: Context, inspectionId: string, kind: PlanFacts['kind']): PlanFacts[] {
  return context.plans.filter((plan) => plan.inspectionId === inspectionId && plan.kind === kind);
}

/** The dates that follow from one inspection, by its framework, kind and outcome. */
function inspectionDrafts(context: Context, inspection: InspectionFacts): Draft[] {
  const drafts: Draft[] = [];
  const published = inspection.publishedOn;
  if (inspection.framework === '2016' && inspection.kind === 'initial') {
    if (inspection.wsoaRequired === true && published !== null) {
      drafts.push(wsoaDue(context, inspection.id, published));
    }
    const revisit = revisitExpected(context, inspection.id);
    if (revisit) drafts.push(revisit);
  }
  // Only 2023 full inspections carry an outcome; monitoring inspections report progress.
  if (inspection.framework === '2023' && inspection.kind === 'full' && published !== null) {
    const outcome = inspection.outcome;
    if (outcome === 3) {
      drafts.push(monitoringExpected(context, inspection.id, published));
      drafts.push(priorityActionPlanDue(context, inspection.id, published));
    }
    if (outcome !== null) drafts.push(nextFullExpected(context, inspection.id, published, outcome));
  }
  return drafts;
}

/** An accelerated progress plan's reviews, once it has started. */
function appReviews(context: Context, plan: PlanFacts): Draft[] {
  // An APP always follows a revisit; without that link there is no inspection to file it under.
  if (plan.kind !== 'app' || plan.startedOn === null || plan.inspectionId === null) return [];
  const { inspectionId, startedOn } = plan;
  return context.rules.appReviewMonths.map((months) =>
    appReview(plan, inspectionId, startedOn, months),
  );
}

function wsoaDue(context: Context, inspectionId: string, published: string): Draft {
  const { rules, calendar } = context;
  const date = calendar.addWorkingDays(published, rules.wsoaWorkingDays);
  const wsoas = plansFor(context, inspectionId, 'wsoa');
  // Plans have versions; the deadline is met by the first submission.
  const submitted = earliest(wsoas.map((plan) => plan.submittedOn));
  const submittedPlan = wsoas.find((plan) => plan.submittedOn === submitted);
  let explanation = `${rules.wsoaWorkingDays} working days after the letter was published on ${formatLongDate(published)} ${context.workingDayNote}.`;
  if (submitted !== undefined) explanation += ` ${submissionNote(calendar, date, submitted)}`;
  return {
    key: `wsoa-due:${inspectionId}`,
    rule: 'wsoa_due',
    label: 'Written statement of action due',
    date,
    approximate: false,
    explanation,
    inspectionId,
    ...(submittedPlan ? { planId: submittedPlan.id, metOn: submitted } : {}),
  };
}

function revisitExpected(context: Context, inspectionId: string): Draft | undefined {
  const { rules, inspections } = context;
  const wsoas = plansFor(context, inspectionId, 'wsoa');
  // A WSoA sent back for more detail is judged fit for purpose later, in a new version.
  const judged = earliest(wsoas.map((plan) => plan.judgedFitForPurposeOn));
  if (judged === undefined) return undefined;
  const plan = wsoas.find((p) => p.judgedFitForPurposeOn === judged)!;
  // Revisits are not linked to the inspection they follow, so any later 2016 revisit counts.
  const revisitOn = firstPublishedAfter(inspections, '2016', 'revisit', judged);
  let explanation = `Usually within ${rules.revisitMonths} months of the written statement of action being judged fit for purpose on ${formatLongDate(judged)}.`;
  if (revisitOn !== undefined) {
    explanation += ` Revisit letter published on ${formatLongDate(revisitOn)}.`;
  }
  return {
    key: `revisit-expected:${inspectionId}`,
    rule: 'revisit_expected',
    label: 'Revisit expected',
    date: addMonths(judged, rules.revisitMonths),
    approximate: true,
    explanation,
    inspectionId,
    planId: plan.id,
    ...(revisitOn !== undefined ? { metOn: revisitOn } : {}),
  };
}

function monitoringExpected(context: Context, inspectionId: string, published: string): Draft {
  const months = context.rules.monitoringInspectionMonths;
  const monitoredOn = firstPublishedAfter(context.inspections, '2023', 'monitoring', published);
  let explanation = `About ${months} months after the report (${OUTCOME_WORDS[3]}) was published on ${formatLongDate(published)}.`;
  if (monitoredOn !== undefined) {
    explanation += ` Monitoring inspection report published on ${formatLongDate(monitoredOn)}.`;
  }
  return {
    key: `monitoring-inspection-expected:${inspectionId}`,
    rule: 'monitoring_inspection_expected',
    label: 'Monitoring inspection expected',
    date: addMonths(published, months),
    approximate: true,
    explanation,
    inspectionId,
    ...(monitoredOn !== undefined ? { metOn: monitoredOn } : {}),
  };
}

function priorityActionPlanDue(context: Context, inspectionId: string, published: string): Draft {
  const { calendar } = context;
  const workingDays = context.rules.priorityActionPlanWorkingDays;
  const date = workingDays === null ? null : calendar.addWorkingDays(published, workingDays);
  const paps = plansFor(context, inspectionId, 'priority_action_plan');
  const submitted = earliest(paps.map((plan) => plan.submittedOn));
  const submittedPlan = paps.find((plan) => plan.submittedOn === submitted);
  let explanation =
    workingDays === null
      ? `The report was published on ${formatLongDate(published)}. The deadline for a priority action plan is not confirmed in our sources: an admin must set how many working days after publication it is due.`
      : `${workingDays} working days after the report was published on ${formatLongDate(published)} ${context.workingDayNote}.`;
  if (submitted !== undefined) {
    explanation +=
      date === null
        ? ` Submitted on ${formatLongDate(submitted)}.`
        : ` ${submissionNote(calendar, date, submitted)}`;
  }
  return {
    key: `priority-action-plan-due:${inspectionId}`,
    rule: 'priority_action_plan_due',
    label: 'Priority action plan due',
    date,
    approximate: false,
    explanation,
    inspectionId,
    ...(submittedPlan ? { planId: submittedPlan.id, metOn: submitted } : {}),
  };
}

function nextFullExpected(
  context: Context,
  inspectionId: string,
  published: string,
  outcome: 1 | 2 | 3,
): Draft {
  const years = context.rules.nextFullInspectionYears[outcome];
  const nextOn = firstPublishedAfter(context.inspections, '2023', 'full', published);
  let explanation = `About ${years} ${years === 1 ? 'year' : 'years'} after the report (${OUTCOME_WORDS[outcome]}) was published on ${formatLongDate(published)}.`;
  if (nextOn !== undefined) {
    explanation += ` Next full inspection report published on ${formatLongDate(nextOn)}.`;
  }
  return {
    key: `next-full-inspection-expected:${inspectionId}`,
    rule: 'next_full_inspection_expected',
    label: 'Next full inspection expected',
    date: addMonths(published, years * 12),
    approximate: true,
    explanation,
    inspectionId,
    ...(nextOn !== undefined ? { metOn: nextOn } : {}),
  };
}

function appReview(plan: PlanFacts, inspectionId: string, started: string, months: number): Draft {
  // No fact records that a review took place, so these are never 'met'.
  return {
    key: `app-review:${plan.id}:${months}`,
    rule: 'app_review',
    label: `Accelerated progress plan review at ${months} months`,
    date: addMonths(started, months),
    approximate: true,
    explanation: `About ${months} months after the accelerated progress plan “${plan.title}” started on ${formatLongDate(started)}.`,
    inspectionId,
    planId: plan.id,
  };
}

function submissionNote(calendar: WorkingCalendar, due: string, submitted: string): string {
  if (submitted <= due) return `Submitted on ${formatLongDate(submitted)}, on time.`;
  const late = calendar.workingDaysBetween(due, submitted);
  // Sent on a weekend or holiday straight after the deadline: late, but by no working day.
  if (late === 0) {
    return `Submitted late on ${formatLongDate(submitted)}, a non-working day after the deadline.`;
  }
  return `Submitted ${late} working ${late === 1 ? 'day' : 'days'} late, on ${formatLongDate(submitted)}.`;
}

function statusOf(draft: Draft, today: string, dueSoonDays: number): DeadlineStatus {
  if (draft.metOn !== undefined) return 'met';
  if (draft.date === null) return 'needs_setting';
  const daysLeft = daysBetween(today, draft.date);
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= dueSoonDays ? 'due_soon' : 'upcoming';
}

// By date (undated last), then label; the key breaks remaining ties so the order is stable.
export function compareDeadlines(a: Deadline, b: Deadline): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  if (a.label !== b.label) return a.label < b.label ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

// ISO dates sort as strings, so the smallest string is the earliest date.
function earliest(dates: (string | null)[]): string | undefined {
  let first: string | undefined;
  for (const date of dates) {
    if (date !== null && (first === undefined || date < first)) first = date;
  }
  return first;
}

function firstPublishedAfter(
  inspections: InspectionFacts[],
  framework: InspectionFacts['framework'],
  kind: InspectionFacts['kind'],
  after: string,
): string | undefined {
  return earliest(
    inspections
      .filter((i) => i.framework === framework && i.kind === kind)
      .map((i) => (i.publishedOn !== null && i.publishedOn > after ? i.publishedOn : null)),
  );
}
