// The rules an imported row must follow beyond its columns' types: which indicator and area it
// names, whether its period suits the indicator's frequency, and whether its value agrees with
// its numerator and denominator. Pure: the service hands in what the partnership holds.
import { editDistance, readDate } from '../../platform/tables/columns.js';
import {
  FREQUENCY_LABELS,
  parsePeriod,
  periodContaining,
  periodMatchesFrequency,
  PERIOD_KIND_FOR_FREQUENCY,
  type Frequency,
  type Period,
} from '../indicators/index.js';

export type Problem = { message: string; expected: string };

export type IndicatorRef = {
  id: string;
  code: string;
  name: string;
  unit: string;
  frequency: Frequency;
};

export type UnitKind = 'locality' | 'district' | 'school';
export type AreaRef = { id: string; kind: UnitKind; code: string; name: string };

const norm = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Finds indicators by code or exact name (ignoring case and spacing). */
export class IndicatorIndex {
  private readonly byKey = new Map<string, IndicatorRef>();
  constructor(readonly indicators: readonly IndicatorRef[]) {
    for (const i of indicators) this.byKey.set(norm(i.name), i);
    // Codes win over names when one indicator's code is another's name.
    for (const i of indicators) this.byKey.set(norm(i.code), i);
  }

  find(text: string): IndicatorRef | Problem {
    const found = this.byKey.get(norm(text));
    if (found) return found;
    if (this.indicators.length === 0) {
      return {
        message: `There is no indicator ‘${clip(text)}’: this partnership has no indicators yet. Add them on the indicators page first.`,
        expected: 'the code or name of one of the partnership’s indicators',
      };
    }
    const guess = this.closest(text);
    return {
      message:
        `There is no indicator ‘${clip(text)}’ in this partnership.` +
        (guess ? ` Did you mean ‘${guess.code}’ (${guess.name})?` : ''),
      expected: 'the code or exact name of one of the partnership’s indicators',
    };
  }

  /** The indicator whose code or name is nearest by edit distance, if near enough. */
  closest(text: string): IndicatorRef | undefined {
    const wanted = norm(text);
    let best: IndicatorRef | undefined;
    let bestScore = Infinity;
    for (const i of this.indicators) {
      for (const name of [norm(i.code), norm(i.name)]) {
        const distance = editDistance(wanted, name);
        const allowed = Math.max(2, Math.floor(Math.max(wanted.length, name.length) / 3));
        if (distance <= allowed && distance < bestScore) {
          best = i;
          bestScore = distance;
        }
      }
    }
    return best;
  }
}

const PERIOD_EXAMPLES: Record<Frequency, string> = {
  monthly: 'a month, like 2024-03 or Mar 2024',
  termly: 'a term, like Autumn term 2024 or 2024-25 spring',
  quarterly: 'a quarter, like 2024 Q1',
  annual: 'a calendar year, like 2024',
  academic_year: 'an academic year, like 2024-25',
  financial_year: 'a financial year, like 2024-25',
};

export function periodExpected(frequency: Frequency): string {
  return PERIOD_EXAMPLES[frequency];
}

/**
 * A period written for an indicator of this frequency. A date counts as its month for a monthly
 * indicator (Excel turns "Mar 2024" into 01/03/2024); for others a date is refused, since a day
 * inside a longer period does not say which period is meant.
 */
export function readIndicatorPeriod(text: string, frequency: Frequency): Period | Problem {
  const expected = periodExpected(frequency);
  let input = text.trim();
  // DfE tables write academic and financial years as 202425.
  const dfe = /^(\d{4})(\d{2})$/.exec(input);
  if (dfe && Number(dfe[2]) === (Number(dfe[1]) + 1) % 100) input = `${dfe[1]}-${dfe[2]}`;
  const parsed = parsePeriod(input, frequency);
  let period: Period | undefined = parsed.ok ? parsed.period : undefined;
  if (!period) {
    const date =
      /^\d{4}-\d{2}-\d{2}$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|^\d{1,2} [a-z]+ \d{4}$/i.test(input)
        ? readDate(input)
        : undefined;
    if (typeof date === 'string') {
      if (frequency !== 'monthly') {
        return {
          message: `‘${clip(text)}’ is a date, but this indicator is ${FREQUENCY_LABELS[frequency].toLowerCase()}: a day does not say which period is meant.`,
          expected,
        };
      }
      period = periodContaining(date, 'month');
    } else {
      return {
        message: parsed.ok ? `‘${clip(text)}’ is not a period.` : `${parsed.error}.`,
        expected,
      };
    }
  }
  if (!periodMatchesFrequency(period, frequency)) {
    return {
      message: `‘${clip(text)}’ is ${KIND_WORDS[period.kind]}, but this indicator is ${FREQUENCY_LABELS[frequency].toLowerCase()}.`,
      expected,
    };
  }
  return period;
}

const KIND_WORDS: Record<Period['kind'], string> = {
  month: 'a month',
  term: 'a term',
  quarter: 'a quarter',
  calendar_year: 'a calendar year',
  academic_year: 'an academic year',
  financial_year: 'a financial year',
};

export { PERIOD_KIND_FOR_FREQUENCY };

/** Finds localities, districts and schools by code or name; schools by URN. */
export class AreaIndex {
  private readonly byKey = new Map<string, AreaRef[]>();
  constructor(units: readonly AreaRef[]) {
    for (const u of units) {
      const keys = new Set([norm(u.code), ...(u.kind === 'school' ? [] : [norm(u.name)])]);
      for (const key of keys) {
        const list = this.byKey.get(key) ?? [];
        list.push(u);
        this.byKey.set(key, list);
      }
    }
  }

  /** null is the whole partnership. */
  find(text: string | null): AreaRef | null | Problem {
    if (text === null || norm(text) === '' || norm(text) === 'partnership') return null;
    let wanted = norm(text);
    let kind: UnitKind | undefined;
    const prefixed = /^(locality|quadrant|district|school|urn)\s*:\s*(.+)$/.exec(wanted);
    if (prefixed) {
      const word = prefixed[1];
      kind = word === 'quadrant' ? 'locality' : word === 'urn' ? 'school' : (word as UnitKind);
      wanted = prefixed[2] ?? '';
    }
    const found = (this.byKey.get(wanted) ?? []).filter((u) => !kind || u.kind === kind);
    const expected =
      'blank or “partnership” for the whole partnership, a locality’s or district’s code or name, or a school’s URN';
    if (found.length === 1) return found[0]!;
    if (found.length === 0) {
      return {
        message: `There is no locality, district or school ‘${clip(text)}’ in the partnership’s geography.`,
        expected: `${expected} (see Localities, districts and schools)`,
      };
    }
    const kinds = [...new Set(found.map((u) => u.kind))];
    return {
      message: `‘${clip(text)}’ names both a ${kinds.join(' and a ')}. Write ‘${kinds[0]}: ${text.trim()}’ or ‘${kinds[1] ?? kinds[0]}: ${text.trim()}’ to say which.`,
      expected,
    };
  }
}

/**
 * The value to store: as given, or worked out from the numerator and denominator by the unit
 * (percent: 100 × n ÷ d; rate per 10,000: 10,000 × n ÷ d; weeks, days and plain numbers: the
 * average n ÷ d; a count: the numerator). When both are given they must agree to within the
 * rounding of the value as written.
 */
export function resolveValue(
  unit: string,
  value: number | null,
  numerator: number | null,
  denominator: number | null,
  suppressed: boolean,
): { value: number | null } | (Problem & { column: 'value' | 'numerator' | 'denominator' }) {
  if (
    unit === 'percent' &&
    numerator !== null &&
    denominator !== null &&
    denominator > 0 &&
    numerator > denominator
  ) {
    return {
      column: 'numerator',
      message: `The numerator (${numerator}) is larger than the denominator (${denominator}), so the percentage would be over 100.`,
      expected: 'a numerator no larger than the denominator',
    };
  }
  const computed = computeValue(unit, numerator, denominator);
  if (value === null) {
    if (suppressed) return { value: null };
    if (computed === undefined) {
      return {
        column: 'value',
        message:
          numerator !== null && denominator === 0
            ? 'The value is blank and the denominator is 0, so it cannot be worked out.'
            : 'The value is blank, and there is no numerator and denominator to work it out from.',
        expected: 'a value, or a numerator and a denominator above 0',
      };
    }
    return { value: roundStored(computed) };
  }
  if (computed !== undefined && !agrees(value, computed)) {
    return {
      column: 'value',
      message: `The value ${value} does not match the numerator and denominator: ${numerator} ÷ ${denominator}${UNIT_FACTOR_WORDS[unit] ?? ''} gives ${roundStored(computed)}.`,
      expected: `${roundStored(computed)} (or leave the value blank to have it worked out)`,
    };
  }
  return { value };
}

const UNIT_FACTOR_WORDS: Record<string, string> = {
  percent: ' × 100',
  rate_per_10000: ' × 10,000',
};

function computeValue(
  unit: string,
  numerator: number | null,
  denominator: number | null,
): number | undefined {
  if (unit === 'count') return numerator ?? undefined;
  if (numerator === null || denominator === null || denominator === 0) return undefined;
  const ratio = numerator / denominator;
  if (unit === 'percent') return ratio * 100;
  if (unit === 'rate_per_10000') return ratio * 10_000;
  return ratio;
}

/** Six decimal places are more than any indicator shows, and keep float noise out of the table. */
function roundStored(n: number): number {
  return Number(n.toFixed(6));
}

/** Equal within the rounding of `given` as written: 52.5 covers 52.45 to 52.55. */
export function agrees(given: number, computed: number): boolean {
  const decimals = decimalPlaces(given);
  const tolerance = 0.5 * 10 ** -decimals + 1e-9 * Math.max(1, Math.abs(computed));
  return Math.abs(given - computed) <= tolerance;
}

function decimalPlaces(n: number): number {
  const text = String(n);
  if (/e/i.test(text)) return 10;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(10, text.length - dot - 1);
}

export function clip(text: string, max = 60): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
