// A declarative column specification: what each column holds, and the typed record it gives.
import { normaliseHeader } from './header-names.js';

interface ColumnBase {
  /** The record's property name. */
  readonly key: string;
  /** The header Sendboard asks for. */
  readonly label: string;
  /** Other headers seen in the wild. Matching ignores case, spaces, punctuation and a BOM. */
  readonly aliases?: readonly string[];
  /** The column must be in the file, and each row must have a value (unless allowBlank). */
  readonly required?: boolean;
  /** A blank cell is read as null. Default: false for required columns, true for optional ones. */
  readonly allowBlank?: boolean;
  /**
   * A suppression marker ("c", "x", "z", "..", as DfE statistics use) is read as null, and the
   * record's info lists the column as suppressed. `true` takes SUPPRESSED_MARKERS.
   */
  readonly suppressed?: boolean | readonly string[];
}

export interface TextColumn extends ColumnBase {
  readonly kind: 'text';
  /** Default 1,000. */
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** Says what the pattern wants, e.g. "6 digits, like 100001". */
  readonly patternHint?: string;
}

export interface IntegerColumn extends ColumnBase {
  readonly kind: 'integer';
  readonly nonNegative?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface NumberColumn extends ColumnBase {
  readonly kind: 'number';
  /**
   * The column holds percentages: "12.5%" and 12.5 both read as 12.5, and so does an XLSX cell
   * formatted as a percentage (which holds 0.125).
   */
  readonly percent?: boolean;
  readonly nonNegative?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface DateColumn extends ColumnBase {
  readonly kind: 'date';
  /** Earliest and latest dates allowed, as YYYY-MM-DD. */
  readonly min?: string;
  readonly max?: string;
}

export type PeriodKind =
  'calendar-year' | 'academic-year' | 'financial-year' | 'month' | 'quarter' | 'financial-quarter';

export interface PeriodColumn extends ColumnBase {
  readonly kind: 'period';
  /** The kinds of period allowed; default all. */
  readonly accept?: readonly PeriodKind[];
  /** What "2024-25" means when nothing says: academic (default) or financial year. */
  readonly years?: 'academic' | 'financial';
}

export interface EnumValue {
  readonly value: string;
  readonly aliases?: readonly string[];
}

export interface EnumColumn extends ColumnBase {
  readonly kind: 'enum';
  /** Allowed values, matched ignoring case and surrounding spaces; the record holds `value`. */
  readonly values: readonly (string | EnumValue)[];
}

export interface BooleanColumn extends ColumnBase {
  readonly kind: 'boolean';
}

export type ColumnDef =
  | TextColumn
  | IntegerColumn
  | NumberColumn
  | DateColumn
  | PeriodColumn
  | EnumColumn
  | BooleanColumn;

export interface Period {
  readonly kind: PeriodKind;
  /** Canonical: "2024", "2024-25", "2024-03", "2024 Q1", "2024-25 Q1". */
  readonly label: string;
  /** First and last day, YYYY-MM-DD. */
  readonly start: string;
  readonly end: string;
}

type EnumOf<V> = V extends string ? V : V extends { readonly value: infer X } ? X : never;

export type ValueOf<C> = C extends { readonly kind: 'text' }
  ? string
  : C extends { readonly kind: 'integer' | 'number' }
    ? number
    : C extends { readonly kind: 'date' }
      ? string
      : C extends { readonly kind: 'period' }
        ? Period
        : C extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
          ? EnumOf<V>
          : C extends { readonly kind: 'boolean' }
            ? boolean
            : never;

type Nullable<C> = C extends { readonly required: true }
  ? C extends { readonly allowBlank: true } | { readonly suppressed: true | readonly string[] }
    ? null
    : never
  : null;

/** The typed record a spec produces: one property per column, keyed by `key`. */
export type RecordOf<C extends readonly ColumnDef[]> = {
  -readonly [D in C[number] as D['key']]: ValueOf<D> | Nullable<D>;
};

export interface ColumnSpec<C extends readonly ColumnDef[] = readonly ColumnDef[]> {
  readonly columns: C;
  /** Errors kept in a report; more are counted, not kept. */
  readonly maxErrors: number;
}

/** Markers meaning suppressed or not available, as DfE and ONS tables use them. */
export const SUPPRESSED_MARKERS: readonly string[] = [
  'c',
  'x',
  'z',
  'u',
  'low',
  '*',
  '..',
  ':',
  '~',
  '[c]',
  '[x]',
  '[z]',
  '[u]',
  '[low]',
  'supp',
  'suppressed',
];

/** SUPPRESSED_MARKERS as a set, for looking up. */
export const defaultMarkers: ReadonlySet<string> = new Set(SUPPRESSED_MARKERS);

/**
 * Define a spec; `const` keeps the literal keys and enum values, so records are typed. Throws on a
 * spec that contradicts itself (two columns with one key, or one header that fits two columns).
 */
export function defineColumns<const C extends readonly ColumnDef[]>(
  columns: C,
  options: { maxErrors?: number } = {},
): ColumnSpec<C> {
  const keys = new Set<string>();
  const headers = new Map<string, string>();
  for (const column of columns) {
    if (keys.has(column.key)) throw new Error(`Column key ${column.key} is used twice`);
    keys.add(column.key);
    for (const name of [column.label, ...(column.aliases ?? [])]) {
      const norm = normaliseHeader(name);
      const other = headers.get(norm);
      if (other !== undefined && other !== column.key) {
        throw new Error(`Header ${name} fits both ${other} and ${column.key}`);
      }
      headers.set(norm, column.key);
    }
  }
  return { columns, maxErrors: options.maxErrors ?? 1000 };
}
