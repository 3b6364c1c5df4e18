// What an import reads, checks and answers: limits, sources, payloads, summaries and results.
import type { RowError } from '../../platform/tables/types.js';
import { type BenchmarkSeries, type DataImportKind } from './import-specs.js';
import { type GeographyPayload, type UnitKind } from '../geography/index.js';

export const MAX_ERRORS = 1000;
/** Rows a values or benchmarks file may hold: far more than any partnership's history. */
export const MAX_VALUE_ROWS = 1_000_000;
export const MAX_GEOGRAPHY_ROWS = 100_000;
/** Rows written per INSERT. */
export const INSERT_BATCH = 5000;
/** Sets and rows listed on a preview; the rest are counted. */
export const SHOWN = 200;
export const FIRST_ROWS = 10;

export type ImportSource = {
  /** A file path, or the file's bytes. */
  input: string | Uint8Array;
  fileName: string;
  /** XLSX: the worksheet to read; the first visible one when blank. */
  sheet?: string | undefined;
};

export type ImportFailure = {
  ok: false;
  rowsRead: number;
  errors: readonly RowError[];
  errorCount: number;
  notes: readonly string[];
};

export type ValuesPayload = {
  indicators: string[];
  periods: [key: string, start: string, end: string][];
  /** Geography unit ids; a row's unit index -1 is the whole partnership. */
  units: string[];
  rows: [
    indicator: number,
    period: number,
    unit: number,
    value: number | null,
    numerator: number | null,
    denominator: number | null,
  ][];
};

export type BenchmarksPayload = {
  rows: [
    indicatorId: string,
    series: BenchmarkSeries,
    periodKey: string,
    start: string,
    end: string,
    value: number,
  ][];
};

export type PayloadOf<K extends DataImportKind> = K extends 'indicator_values'
  ? ValuesPayload
  : K extends 'benchmarks'
    ? BenchmarksPayload
    : GeographyPayload;

export type ValueSetSummary = {
  indicator: string;
  indicatorName: string;
  period: string;
  periodLabel: string;
  rows: number;
  /** Values held now for this indicator and period, in any area: all are replaced. */
  replaces: number;
};

export type FirstRow = { row: number; cells: string[] };

export type ValuesSummary = {
  kind: 'indicator_values';
  rows: number;
  indicators: number;
  periods: number;
  sets: ValueSetSummary[];
  setCount: number;
  replacedSets: number;
  replacedRows: number;
  /** "code period" of each set replaced, for the audit entry. */
  replacedKeys: string[];
  first: FirstRow[];
};

export type BenchmarkSummary = {
  kind: 'benchmarks';
  rows: number;
  groups: { indicator: string; indicatorName: string; series: string; periods: string[] }[];
  replaced: {
    indicator: string;
    series: string;
    period: string;
    before: string;
    after: number;
  }[];
  replacedCount: number;
  first: FirstRow[];
};

export type GeographySummary = {
  kind: 'geography';
  rows: number;
  localities: number;
  districts: number;
  schools: number;
  added: Record<UnitKind, number>;
  updated: Record<UnitKind, number>;
  unchanged: Record<UnitKind, number>;
  removed: { kind: UnitKind; code: string; name: string }[];
  kept: { kind: UnitKind; code: string; name: string }[];
  first: FirstRow[];
};

export type ImportSummary = ValuesSummary | BenchmarkSummary | GeographySummary;

export type ImportChecked<K extends DataImportKind = DataImportKind> = {
  ok: true;
  kind: K;
  fileName: string;
  rowsRead: number;
  payload: PayloadOf<K>;
  summary: ImportSummary;
  notes: readonly string[];
};

export type ImportCheckResult<K extends DataImportKind = DataImportKind> =
  ImportChecked<K> | ImportFailure;

/** The preview was saved already, cancelled or too old. */
export class ImportGoneError extends Error {}
/** What the import refers to changed since it was checked (an indicator or area removed). */
export class ImportStaleError extends Error {}
