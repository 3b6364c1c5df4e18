// Dates set by others: the DfE, NHS England, the inspectors, the letter or the board set a date
// no fixed rule gives (an APP's submission date, a monitoring visit, a resubmission "10 working
// days after more detail was requested", a 6-month review). Pure: the date, or the rule and the
// date of the event it counts from, in; the date and its status out.
import type { WorkingCalendar } from '../platform/calendar/index.js';
import { addMonths, daysBetween, formatLongDate } from './dates.js';
import type { Deadline } from './deadlines.js';

export const KEY_DATE_SOURCES = [
  'letter',
  'dfe',
  'nhs_england',
  'inspectors',
  'board',
  'other',
] as const;
export type KeyDateSource = (typeof KEY_DATE_SOURCES)[number];
export const KEY_DATE_SOURCE_LABELS: Record<KeyDateSource, string> = {
  letter: 'The inspection letter or report',
  dfe: 'The Department for Education (DfE)',
  nhs_england: 'NHS England',
  inspectors: 'The inspectors (Ofsted and CQC)',
  board: 'The SEND improvement board',
  other: 'Someone else',
};

export const RULE_UNITS = ['working_days', 'days', 'weeks', 'months'] as const;
export type RuleUnit = (typeof RULE_UNITS)[number];
export const RULE_UNIT_LABELS: Record<RuleUnit, string> = {
  working_days: 'working days',
  days: 'days',
  weeks: 'weeks',
  months: 'months',
};

/**
 * What a rule counts from: the inspection's publication, or a moment in the plan's life (the
 * latest time it happened: a second "more detail requested" restarts the count).
 */
export const RULE_EVENTS = [
  'published',
  'submitted',
  'more_detail_requested',
  'fit_for_purpose',
] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];
export const RULE_EVENT_LABELS: Record<RuleEvent, string> = {
  published: 'the inspection letter or report was published',
  submitted: 'the plan was submitted',
  more_detail_requested: 'more detail was requested on the plan',
  fit_for_purpose: 'the plan was judged fit for purpose',
};
/** Events of a plan's life need a plan; publication needs an inspection. */
export const PLAN_EVENTS: readonly RuleEvent[] = [
  'submitted',
  'more_detail_requested',
  'fit_for_purpose',
];

export type KeyDateRule = { count: number; unit: RuleUnit; event: RuleEvent };

/** A rule in words: "10 working days after more detail was requested on the plan". */
export function ruleInWords(rule: KeyDateRule): string {
  const unit =
    rule.count === 1 ? RULE_UNIT_LABELS[rule.unit].replace(/s$/, '') : RULE_UNIT_LABELS[rule.unit];
  return `${rule.count} ${unit} after ${RULE_EVENT_LABELS[rule.event]}`;
}

/** The date a rule gives, counted from the event's date. */
export function applyRule(rule: KeyDateRule, from: string, calendar: WorkingCalendar): string {
  switch (rule.unit) {
    case 'working_days':
      return calendar.addWorkingDays(from, rule.count);
    case 'days':
      return addDays(from, rule.count);
    case 'weeks':
      return addDays(from, rule.count * 7);
    case 'months':
      return addMonths(from, rule.count);
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type KeyDateStatus = 'met' | 'waiting' | 'upcoming' | 'due_soon' | 'overdue';

export type ResolvedKeyDate = {
  /** Null while the event the rule counts from has not happened. */
  date: string | null;
  explanation: string;
  status: KeyDateStatus;
};

/**
 * A key date as it stands today: its date (given, or from its rule once the event has
 * happened), a sentence saying where it comes from, and its status.
 */
export function resolveKeyDate(
  keyDate: {
    dueOn: string | null;
    rule: KeyDateRule | null;
    metOn: string | null;
    metNote: string;
  },
  eventOn: string | null,
  calendar: WorkingCalendar,
  today: string,
  dueSoonDays = 28,
): ResolvedKeyDate {
  let date = keyDate.dueOn;
  let explanation = 'A date set by others.';
  if (keyDate.rule) {
    const words = ruleInWords(keyDate.rule);
    if (eventOn === null) {
      date = null;
      explanation = `${capitalise(words)}: not known until that happens.`;
    } else {
      date = applyRule(keyDate.rule, eventOn, calendar);
      explanation = `${capitalise(words)} (${formatLongDate(eventOn)}).`;
    }
  }
  if (keyDate.metOn !== null) {
    const note = keyDate.metNote ? ` ${keyDate.metNote}` : '';
    return {
      date,
      explanation: `${explanation} Met on ${formatLongDate(keyDate.metOn)}.${note}`,
      status: 'met',
    };
  }
  if (date === null) return { date, explanation, status: 'waiting' };
  const daysLeft = daysBetween(today, date);
  const status = daysLeft < 0 ? 'overdue' : daysLeft <= dueSoonDays ? 'due_soon' : 'upcoming';
  return { date, explanation, status };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Why a key date's "what" is incomplete, field by field, or nothing: a date or a whole rule (not
 * both), an event of a plan's life needs the plan, publication needs the inspection. Pure.
 */
export function keyDateProblems(input: {
  dueOn: string | null;
  ruleCount: number | null;
  ruleUnit: RuleUnit | null;
  ruleEvent: RuleEvent | null;
  planId: string | null;
  inspectionId: string | null;
}): { field: string; text: string }[] {
  const ruleParts = [input.ruleCount, input.ruleUnit, input.ruleEvent];
  const anyRule = ruleParts.some((p) => p !== null);
  if (input.dueOn !== null && anyRule)
    return [{ field: 'dueOn', text: 'Enter a date or a rule, not both' }];
  if (input.dueOn === null && !anyRule)
    return [{ field: 'dueOn', text: 'Enter the date, or the rule that sets it' }];
  if (!anyRule) return [];
  const problems: { field: string; text: string }[] = [];
  if (input.ruleCount === null)
    problems.push({ field: 'ruleCount', text: 'Enter how many days, weeks or months' });
  if (input.ruleUnit === null)
    problems.push({ field: 'ruleUnit', text: 'Select working days, days, weeks or months' });
  if (input.ruleEvent === null)
    problems.push({ field: 'ruleEvent', text: 'Select what the rule counts from' });
  else if (PLAN_EVENTS.includes(input.ruleEvent) && input.planId === null)
    problems.push({
      field: 'planId',
      text: 'Select the plan whose submission or judgement the rule counts from',
    });
  else if (input.ruleEvent === 'published' && input.inspectionId === null)
    problems.push({
      field: 'inspectionId',
      text: 'Select the inspection whose publication the rule counts from',
    });
  return problems;
}

/** A key date as the deadlines list shows it, beside the rule-based dates. */
export function keyDateDeadline(
  row: {
    id: string;
    title: string;
    source: KeyDateSource;
    plan_id: string | null;
    inspection_id: string | null;
    due_on: string | null;
    rule_count: number | null;
    rule_unit: RuleUnit | null;
    rule_event: RuleEvent | null;
    event_on: string | null;
    met_on: string | null;
    met_note: string;
  },
  calendar: WorkingCalendar,
  today: string,
): Deadline {
  const rule =
    row.rule_count !== null && row.rule_unit !== null && row.rule_event !== null
      ? { count: row.rule_count, unit: row.rule_unit, event: row.rule_event }
      : null;
  const resolved = resolveKeyDate(
    { dueOn: row.due_on, rule, metOn: row.met_on, metNote: row.met_note },
    row.event_on,
    calendar,
    today,
  );
  return {
    key: `key-date:${row.id}`,
    rule: 'key_date',
    label: row.title,
    date: resolved.date,
    approximate: false,
    explanation: resolved.explanation,
    source: `Set by ${KEY_DATE_SOURCE_LABELS[row.source].replace(/^The /, 'the ')}.`,
    ...(row.inspection_id ? { inspectionId: row.inspection_id } : {}),
    ...(row.plan_id ? { planId: row.plan_id } : {}),
    status: resolved.status,
    ...(row.met_on ? { metOn: row.met_on } : {}),
    keyDateId: row.id,
  };
}
