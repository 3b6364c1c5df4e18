// Text, yes/no and one-of-a-list cells.
import { CellProblem, isoDate, show } from './cell-problem.js';
import type { EnumColumn, TextColumn } from './column-spec.js';
import type { RawCell } from './types.js';

export function readText(cell: RawCell, def: TextColumn): string | CellProblem {
  let text: string;
  if (typeof cell === 'string') text = cell.trim();
  else if (cell instanceof Date) text = isoDate(cell);
  else if (typeof cell === 'boolean') text = cell ? 'TRUE' : 'FALSE';
  else text = String(cell);
  const max = def.maxLength ?? 1000;
  if (text.length > max) {
    return new CellProblem(
      `This text is ${text.length.toLocaleString('en-GB')} characters long; the most allowed is ${max.toLocaleString('en-GB')}.`,
      `text of at most ${max.toLocaleString('en-GB')} characters`,
    );
  }
  if (def.pattern && !def.pattern.test(text)) {
    return new CellProblem(
      `${show(text)} is not in the expected form.`,
      def.patternHint ?? `text matching ${def.pattern.source}`,
    );
  }
  return text;
}

/** A cell as text, untrimmed: a Date as YYYY-MM-DD, TRUE as true. */
function asText(cell: RawCell): string {
  return String(cell instanceof Date ? isoDate(cell) : cell);
}

const TRUE_WORDS = new Set(['y', 'yes', 'true', '1', 't']);
const FALSE_WORDS = new Set(['n', 'no', 'false', '0', 'f']);
export const BOOLEAN_EXPECTED = 'Y or N (yes/no, true/false and 1/0 are fine too)';

export function readBoolean(cell: RawCell): boolean | CellProblem {
  if (typeof cell === 'boolean') return cell;
  const word = asText(cell).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return new CellProblem(`${show(cell)} is not yes or no.`, BOOLEAN_EXPECTED);
}

interface EnumIndex {
  readonly lookup: Map<string, string>;
  readonly expected: string;
}

const enumIndexes = new WeakMap<EnumColumn, EnumIndex>();

const normaliseWord = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export function enumIndex(def: EnumColumn): EnumIndex {
  let index = enumIndexes.get(def);
  if (!index) {
    const lookup = new Map<string, string>();
    const shown: string[] = [];
    for (const v of def.values) {
      const entry = typeof v === 'string' ? { value: v } : v;
      shown.push(entry.value);
      for (const name of [entry.value, ...(entry.aliases ?? [])])
        lookup.set(normaliseWord(name), entry.value);
    }
    const list = shown.length > 20 ? `${shown.slice(0, 20).join(', ')}, …` : shown.join(', ');
    index = { lookup, expected: `one of ${list}` };
    enumIndexes.set(def, index);
  }
  return index;
}

export function readEnum(cell: RawCell, def: EnumColumn): string | CellProblem {
  const index = enumIndex(def);
  const text = asText(cell);
  const value = index.lookup.get(text.toLowerCase()) ?? index.lookup.get(normaliseWord(text));
  if (value !== undefined) return value;
  return new CellProblem(`${show(text.trim())} is not one of the allowed values.`, index.expected);
}
