// Reporting periods: calendar, academic and financial years, months and quarters.
import { CellProblem, formulaProblem, pad, show } from './cell-problem.js';
import type { Period, PeriodColumn, PeriodKind } from './column-spec.js';
import { daysInMonth, EARLIEST_YEAR, fullYear, LATEST_YEAR, MONTHS } from './read-dates.js';
import { looksLikeFormula } from './read-numbers.js';
import type { RawCell } from './types.js';

export const ALL_PERIODS: readonly PeriodKind[] = [
  'calendar-year',
  'academic-year',
  'financial-year',
  'month',
  'quarter',
  'financial-quarter',
];

const PERIOD_WORDS: Record<PeriodKind, string> = {
  'calendar-year': 'a calendar year like 2024',
  'academic-year': 'an academic year like 2024-25',
  'financial-year': 'a financial year like 2024-25',
  month: 'a month like 2024-03 or Mar 2024',
  quarter: 'a quarter like 2024 Q1',
  'financial-quarter': 'a financial-year quarter like Q1 2024-25',
};

export function periodExpected(accept: readonly PeriodKind[]): string {
  return accept.map((k) => PERIOD_WORDS[k]).join(', or ');
}

function lastDay(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

function makePeriod(kind: PeriodKind, year: number, part = 0): Period {
  switch (kind) {
    case 'calendar-year':
      return { kind, label: `${year}`, start: `${year}-01-01`, end: `${year}-12-31` };
    case 'academic-year':
    case 'financial-year': {
      const label = `${year}-${pad((year + 1) % 100)}`;
      return kind === 'academic-year'
        ? { kind, label, start: `${year}-09-01`, end: `${year + 1}-08-31` }
        : { kind, label, start: `${year}-04-01`, end: `${year + 1}-03-31` };
    }
    case 'month':
      return {
        kind,
        label: `${year}-${pad(part)}`,
        start: `${year}-${pad(part)}-01`,
        end: lastDay(year, part),
      };
    case 'quarter': {
      const first = (part - 1) * 3 + 1;
      return {
        kind,
        label: `${year} Q${part}`,
        start: `${year}-${pad(first)}-01`,
        end: lastDay(year, first + 2),
      };
    }
    case 'financial-quarter': {
      // Q1 is April to June; Q4 is January to March of the following calendar year.
      const month = (((part - 1) * 3 + 3) % 12) + 1;
      const calendarYear = part === 4 ? year + 1 : year;
      return {
        kind,
        label: `${year}-${pad((year + 1) % 100)} Q${part}`,
        start: `${calendarYear}-${pad(month)}-01`,
        end: lastDay(calendarYear, month + 2),
      };
    }
  }
}

/** The second year of "2024-25" or "2024/2025" must follow the first. */
function followingYear(first: number, second: string): boolean {
  const n = Number(second);
  return second.length === 4 ? n === first + 1 : n === (first + 1) % 100;
}

const SPAN = String.raw`(\d{4})\s*(?:-|/|–|to)\s*(\d{2}|\d{4})`;
const YEAR_SPAN = new RegExp(
  String.raw`^(?:(ay|fy|academic year|financial year|fin year)\s*)?${SPAN}(?:\s*(academic year|financial year|ay|fy))?$`,
);
const FQ_BEFORE = new RegExp(String.raw`^q([1-4])\s*${SPAN}$`);
const FQ_AFTER = new RegExp(String.raw`^${SPAN}\s*q([1-4])$`);
const DFE_YEAR = /^(\d{4})(\d{2})$/;
const YEAR = /^(\d{4})$/;
const YEAR_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})[-/](\d{4})$/;
const NAMED_MONTH = /^([a-z]+)\.?[\s-]+(\d{4}|\d{2})$/;
const QUARTER_AFTER = /^(\d{4})\s*-?\s*q([1-4])$/;
const QUARTER_BEFORE = /^q([1-4])\s*-?\s*(\d{4})$/;

/** A reporting period from text, a Date cell (its month) or a number (a year, or DfE's 202425). */
export function readPeriod(
  cell: RawCell,
  def: Pick<PeriodColumn, 'accept' | 'years'> = {},
): Period | CellProblem {
  const accept = def.accept ?? ALL_PERIODS;
  const expected = periodExpected(accept);
  const defaultYear: PeriodKind = def.years === 'financial' ? 'financial-year' : 'academic-year';
  let period: Period | undefined;
  if (cell instanceof Date) {
    period = makePeriod('month', cell.getUTCFullYear(), cell.getUTCMonth() + 1);
  } else if (typeof cell === 'number' || typeof cell === 'string') {
    period = periodFromText(String(cell).trim().toLowerCase().replace(/\s+/g, ' '), defaultYear);
  }
  if (period === undefined) {
    if (typeof cell === 'string' && looksLikeFormula(cell.trim()))
      return formulaProblem(cell.trim(), expected);
    return new CellProblem(`${show(cell)} is not a period Sendboard can read.`, expected);
  }
  const year = Number(period.start.slice(0, period.start.indexOf('-', 1)));
  if (!(year >= EARLIEST_YEAR && year <= LATEST_YEAR)) {
    return new CellProblem(`${show(cell)} is not a plausible period.`, expected);
  }
  if (!accept.includes(period.kind)) {
    return new CellProblem(
      `${show(cell)} is ${PERIOD_WORDS[period.kind].replace(/ like .*/, '')}; this column takes ${expected}.`,
      expected,
    );
  }
  return period;
}

function periodFromText(text: string, defaultYear: PeriodKind): Period | undefined {
  // "2024-03" fits the year-span pattern too; it is a span only if the second year follows.
  let m = YEAR_SPAN.exec(text);
  if (m && followingYear(Number(m[2]), m[3] ?? '')) {
    const first = Number(m[2]);
    const word = m[1] ?? m[4];
    const kind =
      word === undefined ? defaultYear : word.startsWith('a') ? 'academic-year' : 'financial-year';
    return makePeriod(kind, first);
  }
  m = FQ_BEFORE.exec(text);
  if (m) return spanPeriod('financial-quarter', m[2], m[3], Number(m[1]));
  m = FQ_AFTER.exec(text);
  if (m) return spanPeriod('financial-quarter', m[1], m[2], Number(m[3]));
  m = YEAR.exec(text);
  if (m) return makePeriod('calendar-year', Number(m[1]));
  m = DFE_YEAR.exec(text);
  if (m) return spanPeriod(defaultYear, m[1], m[2]);
  m = YEAR_MONTH.exec(text) ?? null;
  if (m) return monthPeriod(Number(m[1]), Number(m[2]));
  m = MONTH_YEAR.exec(text);
  if (m) return monthPeriod(Number(m[2]), Number(m[1]));
  m = NAMED_MONTH.exec(text);
  if (m) {
    const month = MONTHS.get(m[1] ?? '');
    return month === undefined ? undefined : monthPeriod(fullYear(m[2] ?? ''), month);
  }
  m = QUARTER_AFTER.exec(text);
  if (m) return makePeriod('quarter', Number(m[1]), Number(m[2]));
  m = QUARTER_BEFORE.exec(text);
  if (m) return makePeriod('quarter', Number(m[2]), Number(m[1]));
  return undefined;
}

/** A period of `kind` from the year `first`, if `second` is the year after it, as in "2024-25". */
function spanPeriod(
  kind: PeriodKind,
  first: string | undefined,
  second: string | undefined,
  part?: number,
): Period | undefined {
  const year = Number(first);
  return followingYear(year, second ?? '') ? makePeriod(kind, year, part) : undefined;
}

function monthPeriod(year: number, month: number): Period | undefined {
  return month >= 1 && month <= 12 ? makePeriod('month', year, month) : undefined;
}
