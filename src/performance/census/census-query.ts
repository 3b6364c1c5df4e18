// The GET parameters of the identification-rate and funnel pages: what they mean, their defaults,
// and how to write them back into links. Pure.
import { Type } from 'typebox';
import { isNeedCode, NEED_CODES, needLabel } from './census.js';
import {
  type EnglandFigure,
  type IdentificationRateOptions,
  type NeedSelection,
  type ProvisionFilter,
  type RateDenominator,
} from './identification-rates.js';

export const PROVISION_PARAMS = { EK: 'E and K', E: 'E', K: 'K' } as const satisfies Record<
  string,
  ProvisionFilter
>;
export type ProvisionParam = keyof typeof PROVISION_PARAMS;

export const DENOMINATOR_PARAMS = {
  all: 'all pupils',
  sen: 'pupils with SEN',
} as const satisfies Record<string, RateDenominator>;
export type DenominatorParam = keyof typeof DENOMINATOR_PARAMS;

export const LEVELS = { school: 'schools', district: 'districts', locality: 'localities' } as const;
export type Level = keyof typeof LEVELS;

export const DEFAULT_MIN_PUPILS = 10;

/** A GET parameter as sent: once, or repeated (the first is read). */
const param = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));

/** The pages' GET parameters as Fastify checks them: all optional, unknown ones allowed. */
export const RATE_QUERY = Type.Object({
  need: param,
  provision: param,
  denominator: param,
  england: param,
  level: param,
  minPupils: param,
});

export interface RateQuery {
  need: string;
  provision: ProvisionParam;
  denominator: DenominatorParam;
  /** England's rate as typed (a percentage); '' when not given. */
  england: string;
  level: Level;
  minPupils: string;
}

export interface ReadRateQuery {
  query: RateQuery;
  options: IdentificationRateOptions;
  minPupils: number;
  problems: { field: string; text: string }[];
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : Array.isArray(value) ? text(value[0]) : '';

const own = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

/** Reads the page's GET parameters; anything unknown falls back to its default. */
export function readRateQuery(raw: Record<string, unknown> | undefined): ReadRateQuery {
  const input = raw ?? {};
  const problems: { field: string; text: string }[] = [];
  const needText = text(input.need);
  const need: NeedSelection = isNeedCode(needText) ? needText : 'any SEN';
  const provisionText = text(input.provision);
  const provision: ProvisionParam = own(PROVISION_PARAMS, provisionText)
    ? (provisionText as ProvisionParam)
    : 'EK';
  const denominatorText = text(input.denominator);
  const denominator: DenominatorParam = own(DENOMINATOR_PARAMS, denominatorText)
    ? (denominatorText as DenominatorParam)
    : 'all';
  const levelText = text(input.level);
  const level: Level = own(LEVELS, levelText) ? (levelText as Level) : 'school';

  const englandText = text(input.england).replace(/%$/, '').trim().slice(0, 20);
  let england: EnglandFigure | undefined;
  if (englandText !== '') {
    const value = /^\d{1,3}(\.\d+)?$/.test(englandText) ? Number(englandText) : NaN;
    if (!(value >= 0 && value <= 100))
      problems.push({
        field: 'england',
        text: 'England rate must be a percentage from 0 to 100, like 3.6',
      });
    else england = { rate: value / 100 };
  }

  const minText = text(input.minPupils).slice(0, 10);
  let minPupils = DEFAULT_MIN_PUPILS;
  if (minText !== '') {
    if (/^\d{1,7}$/.test(minText) && Number(minText) >= 1) minPupils = Number(minText);
    else
      problems.push({
        field: 'minPupils',
        text: 'Minimum pupils must be a whole number, 1 or more',
      });
  }

  return {
    query: {
      need: need === 'any SEN' ? 'any' : need,
      provision,
      denominator,
      england: englandText,
      level,
      minPupils: minText === '' ? String(DEFAULT_MIN_PUPILS) : minText,
    },
    options: {
      need,
      provision: PROVISION_PARAMS[provision],
      denominator: DENOMINATOR_PARAMS[denominator],
      ...(england ? { england } : {}),
    },
    minPupils,
    problems,
  };
}

/** The query as a URL query string (no leading ?), for links between the pages. */
export function queryString(query: RateQuery, include: readonly (keyof RateQuery)[]): string {
  const params = new URLSearchParams();
  for (const key of include) if (query[key] !== '') params.set(key, query[key]);
  return params.toString();
}

/** Words for what is being measured, e.g. "Pupils with MLD as primary need (E and K)". */
export function describeMeasure(options: IdentificationRateOptions): {
  numerator: string;
  denominator: string;
  short: string;
} {
  const provision =
    options.provision === 'E'
      ? 'with an EHC plan'
      : options.provision === 'K'
        ? 'on SEN support'
        : 'with an EHC plan or on SEN support';
  const numerator =
    options.need === 'any SEN'
      ? `Pupils ${provision}`
      : `Pupils ${provision} whose primary need is ${needLabel(options.need)}`;
  const denominator =
    options.denominator === 'all pupils' ? 'all pupils on roll' : `all pupils ${provision}`;
  const short = `${options.need === 'any SEN' ? 'SEN' : options.need} (${options.provision}) per ${
    options.denominator === 'all pupils' ? 'all pupils' : 'pupils with SEN'
  }`;
  return { numerator, denominator, short };
}

export const NEED_CHOICES: readonly { value: string; text: string }[] = [
  { value: 'any', text: 'Any SEN (all types of need)' },
  ...NEED_CODES.map((code) => ({ value: code, text: needLabel(code) })),
];

/** "12.3%"; "–" when there is no rate. */
export function percent(proportion: number | null | undefined, decimals = 1): string {
  if (proportion === null || proportion === undefined || !Number.isFinite(proportion)) return '–';
  return `${(proportion * 100).toFixed(decimals)}%`;
}

/** "+1.2 points" / "−0.4 points"; "–" when unknown. */
export function points(difference: number | null | undefined): string {
  if (difference === null || difference === undefined || !Number.isFinite(difference)) return '–';
  const value = (difference * 100).toFixed(1);
  if (value === '0.0' || value === '-0.0') return '0.0 points';
  return difference > 0 ? `+${value} points` : `−${value.slice(1)} points`;
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-GB');
}

/** England's figures as recorded with a census: percentages of all pupils, or null. */
export type RecordedEngland = {
  england_sen_support: number | null;
  england_ehc_plan: number | null;
};

/**
 * England's rate for the measure from the figures recorded with the census. They are shares of
 * all pupils with any type of need, so they fit only that measure: none for a single need or for
 * a share of pupils with SEN.
 */
export function recordedEnglandFigure(
  recorded: RecordedEngland,
  options: IdentificationRateOptions,
): EnglandFigure | undefined {
  if (options.need !== 'any SEN' || options.denominator !== 'all pupils') return undefined;
  const { england_sen_support: k, england_ehc_plan: e } = recorded;
  const percentage =
    options.provision === 'E'
      ? e
      : options.provision === 'K'
        ? k
        : e === null || k === null
          ? null
          : e + k;
  return percentage === null ? undefined : { rate: Math.min(percentage, 100) / 100 };
}

/** Reads an optional percentage typed in a form: null when blank, undefined when not valid. */
export function readPercentage(typed: string): number | null | undefined {
  const text = typed.replace(/%$/, '').trim();
  if (text === '') return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 100 ? value : undefined;
}
