// A case set's figures as values of the indicator "New EHC plans issued within 20 weeks,
// excluding exceptions" (starter code ehcp-issued-within-20-weeks): one value per calendar year of
// issue, worked out and stored as the indicator values import would store a row with that
// numerator and denominator. Pure: the service hands in the cases, the indicator and today.
import {
  FREQUENCY_LABELS,
  PERIOD_KIND_FOR_FREQUENCY,
  toPeriod,
  type Frequency,
  type Period,
} from '../indicators/index.js';
import { UNIT_LABELS, type Unit } from '../indicators/index.js';
import { resolveValue } from '../imports/index.js';
import { timelinessByIssueYear, validateEhcCase, type EhcCase } from './ehc-timeliness.js';

export const TIMELINESS_INDICATOR_CODE = 'ehcp-issued-within-20-weeks';

/**
 * What happens to a year's figure. Only complete calendar years are recorded: a value for the
 * current year would read on the dashboard as the whole year's when it is only the year so far.
 */
export type YearFigureStatus = 'record' | 'year not over' | 'no plans without an exception';

export interface YearFigure {
  year: number;
  /** The indicator's period for the year, as an import reading "2024" would hold it. */
  period: Period;
  /** Plans issued in the year, exceptions included. */
  issued: number;
  withException: number;
  /** Plans issued in the year within 20 weeks of the request, excluding exceptions. */
  numerator: number;
  /** Plans issued in the year, excluding exceptions. */
  denominator: number;
  /** Percentage as the values import stores it (100 × n ÷ d); null when the denominator is 0. */
  value: number | null;
  status: YearFigureStatus;
}

const ISO_DATE = /^(\d{4})-\d{2}-\d{2}$/;

/**
 * The national measure for each calendar year in which a plan of the case set was issued, oldest
 * first, marking which years can be recorded. `today` (YYYY-MM-DD) says which year is not over.
 * Cases that fail validation are left out, as the analysis page leaves them out.
 */
export function indicatorFiguresByYear(
  cases: Iterable<EhcCase>,
  options: { today: string },
): YearFigure[] {
  const match = ISO_DATE.exec(options.today);
  if (!match) throw new RangeError(`Invalid date ${JSON.stringify(options.today)}`);
  const currentYear = Number(match[1]);
  const valid = [...cases].filter((c) => validateEhcCase(c) === null);
  return timelinessByIssueYear(valid).map(({ year, summary }) => {
    const { numerator, denominator } = summary.within20WeeksExcludingExceptions;
    const resolved =
      denominator > 0 ? resolveValue('percent', null, numerator, denominator, false) : undefined;
    const value = resolved !== undefined && 'value' in resolved ? resolved.value : null;
    const status: YearFigureStatus =
      year >= currentYear
        ? 'year not over'
        : denominator === 0
          ? 'no plans without an exception'
          : 'record';
    return {
      year,
      period: toPeriod(String(year), 'annual'),
      issued: summary.issued,
      withException: summary.withException,
      numerator,
      denominator,
      value,
      status,
    };
  });
}

export function figuresToRecord(figures: readonly YearFigure[]): YearFigure[] {
  return figures.filter((f) => f.status === 'record');
}

/** The years to record as one text ("2023,2024"): the form sends it back to confirm the same years. */
export function yearsKey(figures: readonly YearFigure[]): string {
  return figures.map((f) => f.year).join(',');
}

/** "2024", "2023 and 2024", "2022, 2023 and 2024". */
export function yearsInWords(years: readonly (number | string)[]): string {
  const words = years.map(String);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const REPORTED: Record<Frequency, string> = {
  monthly: 'monthly',
  termly: 'by term',
  quarterly: 'quarterly',
  annual: 'by calendar year',
  academic_year: 'by academic year',
  financial_year: 'by financial year',
};

export interface IndicatorFacts {
  name: string;
  unit: Unit;
  frequency: Frequency;
  archived: boolean;
}

/**
 * Why the figures cannot be recorded as this indicator's values, or null when they can. The
 * same rules as the values import: an archived indicator takes no values, and a value's period
 * and unit must suit the indicator.
 */
export function indicatorProblem(indicator: IndicatorFacts): string | null {
  if (indicator.archived) {
    return `The indicator ‘${indicator.name}’ is archived. Restore it to the dashboard on its page to record these figures for it.`;
  }
  if (PERIOD_KIND_FOR_FREQUENCY[indicator.frequency] !== 'calendar_year') {
    return `The indicator ‘${indicator.name}’ is reported ${REPORTED[indicator.frequency]}, but these figures are for calendar years. To record them, change its frequency to ${FREQUENCY_LABELS.annual}.`;
  }
  if (indicator.unit !== 'percent') {
    return `The indicator ‘${indicator.name}’ is measured as ${UNIT_LABELS[indicator.unit].toLowerCase()}, but these figures are percentages. To record them, change its unit to ${UNIT_LABELS.percent}.`;
  }
  return null;
}
