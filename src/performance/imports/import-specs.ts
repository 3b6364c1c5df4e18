// The columns of each file the performance framework imports (indicator values, benchmarks, and
// the partnership's localities, districts and schools), with the headers seen in the wild, an
// example for the page and a CSV template to download. Pure: no I/O.
import { defineColumns } from '../../platform/tables/columns.js';

/**
 * Periods are read as text and parsed with the indicator's frequency (indicators/periods.ts), so
 * that a value lands under the same period key the indicator pages use, terms included.
 */
export const indicatorValueColumns = defineColumns([
  {
    key: 'indicator',
    label: 'indicator',
    aliases: ['indicator code', 'indicator name', 'measure', 'code', 'kpi'],
    kind: 'text',
    required: true,
    maxLength: 300,
  },
  {
    key: 'period',
    label: 'period',
    aliases: ['time period', 'reporting period', 'month', 'year', 'date'],
    kind: 'text',
    required: true,
    maxLength: 60,
  },
  {
    key: 'area',
    label: 'area',
    aliases: ['geography', 'area code', 'area name', 'unit', 'level', 'locality or district'],
    kind: 'text',
    maxLength: 300,
  },
  {
    key: 'value',
    label: 'value',
    aliases: ['figure', 'result', 'rate', 'percentage', 'percent'],
    kind: 'number',
    percent: true,
    suppressed: true,
  },
  {
    key: 'numerator',
    label: 'numerator',
    aliases: ['num', 'count'],
    kind: 'number',
    nonNegative: true,
    suppressed: true,
  },
  {
    key: 'denominator',
    label: 'denominator',
    aliases: ['den', 'denom', 'base', 'cohort'],
    kind: 'number',
    nonNegative: true,
    suppressed: true,
  },
] as const);

export const BENCHMARK_SERIES = ['england', 'region', 'statistical_neighbours'] as const;
export type BenchmarkSeries = (typeof BENCHMARK_SERIES)[number];
export const BENCHMARK_SERIES_LABELS: Record<BenchmarkSeries, string> = {
  england: 'England',
  region: 'Region',
  statistical_neighbours: 'Statistical neighbours',
};

export const benchmarkColumns = defineColumns([
  indicatorValueColumns.columns[0],
  indicatorValueColumns.columns[1],
  {
    key: 'series',
    label: 'series',
    aliases: ['benchmark', 'comparator', 'comparison'],
    kind: 'enum',
    required: true,
    values: [
      { value: 'england', aliases: ['England', 'England average', 'National', 'Eng', 'E92000001'] },
      {
        value: 'region',
        aliases: ['Region', 'Regional', 'Regional average', 'Region average'],
      },
      {
        value: 'statistical_neighbours',
        aliases: [
          'Statistical neighbours',
          'Statistical neighbour',
          'Statistical neighbour average',
          'Statistical neighbours average',
          'Stat neighbours',
          'Stat neighbour',
          'Stat neighbours average',
          'Stat neighbour average',
          'SN',
          'SN average',
          'SNs',
          'Statistical_neighbours',
        ],
      },
    ],
  },
  {
    key: 'value',
    label: 'value',
    aliases: ['figure', 'result', 'rate', 'percentage', 'percent'],
    kind: 'number',
    percent: true,
    required: true,
  },
] as const);

export const geographyColumns = defineColumns([
  {
    key: 'urn',
    label: 'URN',
    aliases: ['unique reference number', 'school URN', 'establishment URN'],
    kind: 'text',
    required: true,
    pattern: /^\d{6,7}$/,
    patternHint: 'a URN of 6 digits, like 100001',
  },
  {
    key: 'name',
    label: 'school name',
    aliases: ['establishment name', 'school', 'name', 'establishmentname', 'setting'],
    kind: 'text',
    required: true,
    maxLength: 200,
  },
  {
    key: 'phase',
    label: 'phase',
    aliases: ['phase of education', 'phaseofeducation (name)', 'school phase', 'type'],
    kind: 'text',
    maxLength: 100,
  },
  {
    key: 'district',
    label: 'district',
    aliases: ['district name', 'area', 'borough'],
    kind: 'text',
    required: true,
    maxLength: 200,
  },
  {
    key: 'districtCode',
    label: 'district code',
    kind: 'text',
    maxLength: 60,
  },
  {
    key: 'locality',
    label: 'locality',
    aliases: ['quadrant', 'locality name', 'quadrant name', 'zone'],
    kind: 'text',
    required: true,
    maxLength: 200,
  },
  {
    key: 'localityCode',
    label: 'locality code',
    aliases: ['quadrant code'],
    kind: 'text',
    maxLength: 60,
  },
] as const);

export const IMPORT_KINDS = ['indicator_values', 'benchmarks', 'geography'] as const;
export type DataImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnHelp = { name: string; required: boolean; what: string; also: string };

export type KindHelp = {
  kind: DataImportKind;
  label: string;
  hint: string;
  /** Path segment of its CSV template. */
  slug: string;
  columns: ColumnHelp[];
  example: string[][];
};

/** What each kind of file needs, for the imports page and the CSV templates. */
export const KIND_HELP: readonly KindHelp[] = [
  {
    kind: 'indicator_values',
    label: 'Indicator values',
    hint: 'Figures for the partnership’s indicators, period by period, for the whole partnership or a locality, district or school.',
    slug: 'indicator-values',
    columns: [
      {
        name: 'indicator',
        required: true,
        what: 'The indicator’s code, or its name exactly as on the indicators page',
        also: 'indicator code, measure',
      },
      {
        name: 'period',
        required: true,
        what: 'A period of the indicator’s frequency: 2024-03 or Mar 2024 (monthly), 2024 Q1 (quarterly), Autumn term 2024 (termly), 2024 (annual), 2024-25 (academic or financial year)',
        also: 'time period',
      },
      {
        name: 'area',
        required: false,
        what: 'Blank or “partnership” for the whole partnership; otherwise a locality’s or district’s code or name, or a school’s URN',
        also: 'geography',
      },
      {
        name: 'value',
        required: false,
        what: 'The figure in the indicator’s unit. Leave it blank to have it worked out from the numerator and denominator; c, x or .. for a suppressed figure',
        also: 'figure',
      },
      {
        name: 'numerator',
        required: false,
        what: 'What is counted, for percentages, rates and averages',
        also: 'count',
      },
      {
        name: 'denominator',
        required: false,
        what: 'What it is divided by',
        also: 'base, cohort',
      },
    ],
    example: [
      ['indicator', 'period', 'area', 'value', 'numerator', 'denominator'],
      ['ehcp-issued-within-20-weeks', '2024', '', '52.5', '210', '400'],
      ['ehcp-issued-within-20-weeks', '2024', 'North East', '', '48', '100'],
      ['ehcp-issued-within-20-weeks', '2024', '100001', '60', '', ''],
    ],
  },
  {
    kind: 'benchmarks',
    label: 'Benchmarks',
    hint: 'England, regional and statistical neighbour figures to compare the partnership with.',
    slug: 'benchmarks',
    columns: [
      {
        name: 'indicator',
        required: true,
        what: 'The indicator’s code, or its name exactly as on the indicators page',
        also: 'indicator code',
      },
      {
        name: 'period',
        required: true,
        what: 'A period of the indicator’s frequency, as for indicator values',
        also: 'time period',
      },
      {
        name: 'series',
        required: true,
        what: 'England, Region or Statistical neighbours',
        also: 'National; Regional; Stat neighbours, SN average',
      },
      {
        name: 'value',
        required: true,
        what: 'The comparator’s figure in the indicator’s unit',
        also: 'figure',
      },
    ],
    example: [
      ['indicator', 'period', 'series', 'value'],
      ['ehcp-issued-within-20-weeks', '2024', 'England', '46.4'],
      ['ehcp-issued-within-20-weeks', '2024', 'Region', '51.2'],
      ['ehcp-issued-within-20-weeks', '2024', 'Statistical neighbours', '49.8'],
    ],
  },
  {
    kind: 'geography',
    label: 'Localities, districts and schools',
    hint: 'The partnership’s schools with the district and locality (or quadrant) each belongs to. Replaces the list held now.',
    slug: 'geography',
    columns: [
      {
        name: 'URN',
        required: true,
        what: 'The school’s unique reference number, 6 digits',
        also: 'unique reference number',
      },
      {
        name: 'school name',
        required: true,
        what: 'The school’s name',
        also: 'establishment name, school',
      },
      {
        name: 'phase',
        required: false,
        what: 'Phase of education, like Primary, Secondary, Special or All-through',
        also: 'phase of education',
      },
      {
        name: 'district',
        required: true,
        what: 'The district the school is in',
        also: 'district name',
      },
      {
        name: 'district code',
        required: false,
        what: 'A short code for the district; made from its name when blank',
        also: '',
      },
      {
        name: 'locality',
        required: true,
        what: 'The locality or quadrant the district is in',
        also: 'quadrant',
      },
      {
        name: 'locality code',
        required: false,
        what: 'A short code for the locality; made from its name when blank',
        also: 'quadrant code',
      },
    ],
    example: [
      ['URN', 'school name', 'phase', 'district', 'locality'],
      ['100001', 'Hillside Primary School', 'Primary', 'Ashford', 'North East'],
      ['100002', 'Ashford Academy', 'Secondary', 'Ashford', 'North East'],
      ['100003', 'Riverside Special School', 'Special', 'Brookdale', 'South'],
    ],
  },
];

export function kindHelp(kind: DataImportKind): KindHelp {
  const help = KIND_HELP.find((k) => k.kind === kind);
  if (!help) throw new Error(`No help for ${kind}`);
  return help;
}

export const KIND_LABELS: Record<string, string> = {
  indicator_values: 'Indicator values',
  benchmarks: 'Benchmarks',
  geography: 'Localities, districts and schools',
  census: 'School census SEN',
  ehc_cases: 'EHC cases',
};

/** A CSV template: the header and example rows, quoted where needed, with CRLF line ends. */
export function templateCsv(kind: DataImportKind): string {
  return (
    kindHelp(kind)
      .example.map((row) =>
        row
          .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
          .join(','),
      )
      .join('\r\n') + '\r\n'
  );
}
