// Whole numbers, numbers and percentages, as written in the wild: "1,234", "12.5%", 2.0000000000000004.
import { CellProblem, describe, formulaProblem, notA, show } from './cell-problem.js';
import type { IntegerColumn, NumberColumn } from './column-spec.js';
import type { RawCell } from './types.js';

const NUMBER_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const HAS_DIGIT = /\d/;

/** Text that a spreadsheet would run as a formula: `=…`, `@…`, or `+`/`-` not followed by a number. */
export function looksLikeFormula(text: string): boolean {
  const first = text[0];
  if (first === '=' || first === '@') return true;
  if (first !== '+' && first !== '-') return false;
  const rest = text.replace(/%$/, '');
  return !(NUMBER_RE.test(rest) && HAS_DIGIT.test(rest));
}

function numberFromText(text: string): number | undefined {
  const s = text.replace(/\u2212/g, '-'); // a typographic minus sign
  if (!NUMBER_RE.test(s) || !HAS_DIGIT.test(s)) return undefined;
  const value = Number(s.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

export const INTEGER_EXPECTED = 'a whole number, like 12 or 1,234';

export function readInteger(cell: RawCell, def: IntegerColumn): number | CellProblem {
  let value: number;
  if (typeof cell === 'number') {
    // A formula's result can be 2.0000000000000004.
    const rounded = Math.round(cell);
    if (Math.abs(cell - rounded) > 1e-9) {
      return new CellProblem(`${show(cell)} is not a whole number.`, INTEGER_EXPECTED);
    }
    value = rounded;
  } else if (typeof cell === 'string') {
    const text = cell.trim();
    if (looksLikeFormula(text)) return formulaProblem(text, INTEGER_EXPECTED);
    const n = numberFromText(text);
    if (n === undefined) return new CellProblem(notA(text, 'whole number'), INTEGER_EXPECTED);
    if (!Number.isInteger(n))
      return new CellProblem(`${show(text)} is not a whole number.`, INTEGER_EXPECTED);
    value = n;
  } else {
    return new CellProblem(
      `${show(cell)} is ${describe(cell)}, not a whole number.`,
      INTEGER_EXPECTED,
    );
  }
  if (!Number.isSafeInteger(value))
    return new CellProblem(`${show(cell)} is too large.`, INTEGER_EXPECTED);
  return checkRange(value, def, INTEGER_EXPECTED);
}

/** What a number column takes, in words. */
export function numberExpected(def: NumberColumn): string {
  return def.percent ? 'a percentage, like 12.5 or 12.5%' : 'a number, like 12.5';
}

export function readNumber(
  cell: RawCell,
  def: NumberColumn,
  percentFormatted: boolean,
): number | CellProblem {
  const expected = numberExpected(def);
  let value: number;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell))
      return new CellProblem('This cell does not hold a number.', expected);
    // An XLSX cell showing 12.5% holds 0.125; round away float noise from the scaling.
    value = def.percent && percentFormatted ? Number((cell * 100).toPrecision(12)) : cell;
  } else if (typeof cell === 'string') {
    let text = cell.trim();
    if (looksLikeFormula(text)) return formulaProblem(text, expected);
    const percent = text.endsWith('%');
    if (percent) {
      if (!def.percent) {
        return new CellProblem(
          `${show(text)} is a percentage, but this column takes a plain number.`,
          'a number, like 12.5, without a % sign',
        );
      }
      text = text.slice(0, -1).trimEnd();
    }
    const n = numberFromText(text);
    if (n === undefined) return new CellProblem(notA(cell.trim(), 'number'), expected);
    value = n;
  } else {
    return new CellProblem(`${show(cell)} is ${describe(cell)}, not a number.`, expected);
  }
  return checkRange(value, def, expected);
}

function checkRange(
  value: number,
  def: { nonNegative?: boolean; min?: number; max?: number },
  expected: string,
): number | CellProblem {
  if (def.nonNegative && value < 0) {
    return new CellProblem(`${value} is negative.`, `${expected}, not below 0`);
  }
  if (def.min !== undefined && value < def.min) {
    return new CellProblem(`${value} is less than ${def.min}.`, `${expected}, at least ${def.min}`);
  }
  if (def.max !== undefined && value > def.max) {
    return new CellProblem(`${value} is more than ${def.max}.`, `${expected}, at most ${def.max}`);
  }
  return value;
}
