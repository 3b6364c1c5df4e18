/** Words and rules of inspections and findings, shared by pages, API and the letter import. */

import { MONTH_NAMES } from '../platform/calendar/iso-date.js';

export const FRAMEWORKS = ['2016', '2023'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export const FRAMEWORK_LABELS: Record<Framework, string> = {
  '2016': 'Local area SEND inspection (Ofsted and CQC, 2016 to 2022)',
  '2023': 'Area SEND inspection (Ofsted and CQC, from 2023)',
};

export const INSPECTION_KINDS = ['initial', 'revisit', 'full', 'monitoring'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  initial: 'Inspection (2016 framework)',
  revisit: 'Revisit (2016 framework)',
  full: 'Full inspection (2023 framework)',
  monitoring: 'Monitoring inspection (2023 framework)',
};
export const KINDS_BY_FRAMEWORK: Record<Framework, readonly InspectionKind[]> = {
  '2016': ['initial', 'revisit'],
  '2023': ['full', 'monitoring'],
};

/** The three outcomes of the 2023 framework, in Ofsted's exact words. */
export const OUTCOME_TEXT: Record<1 | 2 | 3, string> = {
  1: 'The local area partnership’s SEND arrangements typically lead to positive experiences and outcomes for children and young people with SEND. The local area partnership is taking action where improvements are needed.',
  2: 'The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children and young people with SEND. The local area partnership must work jointly to make improvements.',
  3: 'There are widespread and/or systemic failings leading to significant concerns about the experiences and outcomes of children and young people with SEND, which the local area partnership must address urgently.',
};
export const OUTCOME_SHORT: Record<1 | 2 | 3, string> = {
  1: 'Typically positive experiences and outcomes',
  2: 'Inconsistent experiences and outcomes',
  3: 'Widespread and/or systemic failings',
};

export const FINDING_TYPES = [
  'strength',
  'area_for_development',
  'significant_weakness',
  'priority_action',
  'area_for_improvement',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];
export const FINDING_TYPE_LABELS: Record<FindingType, string> = {
  strength: 'Strength',
  area_for_development: 'Area for development',
  significant_weakness: 'Area of significant weakness',
  priority_action: 'Area for priority action',
  area_for_improvement: 'Area for improvement',
};
export const FINDING_TYPE_PLURALS: Record<FindingType, string> = {
  strength: 'Strengths',
  area_for_development: 'Areas for development',
  significant_weakness: 'Areas of significant weakness',
  priority_action: 'Areas for priority action',
  area_for_improvement: 'Areas for improvement',
};

export const QUESTIONS = ['identify', 'assess_meet', 'outcomes'] as const;
export type Question = (typeof QUESTIONS)[number];
export const QUESTION_LABELS: Record<Question, string> = {
  identify: 'Identifying children and young people’s needs',
  assess_meet: 'Assessing and meeting needs',
  outcomes: 'Improving outcomes',
};

/** What each kind of inspection is called in titles: the framework's name, then the kind. */
const TITLE_BY_KIND: Record<InspectionKind, string> = {
  initial: 'Local area SEND inspection',
  revisit: 'Local area SEND inspection (revisit)',
  full: 'Area SEND inspection',
  monitoring: 'Area SEND inspection (monitoring)',
};

/**
 * "Local area SEND inspection, May 2025": the framework and kind (the kind says which framework),
 * then the month inspectors were on site, or failing that the month it was published.
 */
export function inspectionTitle(i: {
  kind: InspectionKind;
  published_on?: Date | string | null;
  on_site_start?: Date | string | null;
}): string {
  const when = i.on_site_start ?? i.published_on;
  const date = when ? new Date(when) : undefined;
  const month =
    date && !Number.isNaN(date.getTime())
      ? `, ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`
      : '';
  return `${TITLE_BY_KIND[i.kind]}${month}`;
}

/** What a kind of inspection the framework does not have says. */
export function kindProblem(framework: Framework): string {
  return framework === '2016'
    ? 'A 2016-framework inspection is an inspection or a revisit'
    : 'A 2023-framework inspection is a full inspection or a monitoring inspection';
}

const isOneOf = <V extends string>(values: readonly V[], value: unknown): value is V =>
  typeof value === 'string' && (values as readonly string[]).includes(value);
const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The rules between an inspection's fields, on whatever of them are well formed: the kind must be
 * the framework's, the dates in order, an outcome only for 2023 and a written statement only for
 * 2016. Field by field, in the form's order.
 */
export function inspectionProblems(
  input: Record<string, unknown>,
): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = [];
  const { framework, kind, onSiteStart: start, onSiteEnd: end, publishedOn: published } = input;
  if (
    isOneOf(FRAMEWORKS, framework) &&
    isOneOf(INSPECTION_KINDS, kind) &&
    !KINDS_BY_FRAMEWORK[framework].includes(kind)
  )
    problems.push({ field: 'kind', text: kindProblem(framework) });
  if (isIsoDate(start) && isIsoDate(end) && end < start)
    problems.push({
      field: 'onSiteEnd',
      text: 'The last day on site must be the same as or after the first day',
    });
  if (isIsoDate(start) && isIsoDate(published) && published < start)
    problems.push({
      field: 'publishedOn',
      text: 'The publication date must be after the inspection started',
    });
  if (isOneOf(FRAMEWORKS, framework) && framework !== '2023' && input.outcome != null)
    problems.push({
      field: 'outcome',
      text: 'An outcome is given by 2023-framework inspections only',
    });
  if (isOneOf(FRAMEWORKS, framework) && framework !== '2016' && input.wsoaRequired != null)
    problems.push({
      field: 'wsoaRequired',
      text: 'Whether a written statement of action is required is for 2016-framework only',
    });
  return problems;
}

/**
 * Which kind of inspection each kind follows and judges: a revisit (2016) judges the weaknesses
 * of the inspection before it, a monitoring inspection (2023) the areas for priority action of
 * the full inspection. Initial and full inspections follow nothing.
 */
export const FOLLOWS_KIND: Record<InspectionKind, InspectionKind | null> = {
  initial: null,
  revisit: 'initial',
  full: null,
  monitoring: 'full',
};

/** The findings a revisit or monitoring inspection judges. */
export const JUDGED_TYPES: readonly FindingType[] = ['significant_weakness', 'priority_action'];

/**
 * Why an inspection cannot follow the one chosen, or null. `followed` is undefined when the id
 * is not one of the partnership's inspections. Pure.
 */
export function followProblem(
  self: { id?: string; kind: InspectionKind },
  followed: { id: string; kind: InspectionKind } | undefined,
): string | null {
  const wanted = FOLLOWS_KIND[self.kind];
  if (wanted === null)
    return 'Only a revisit or a monitoring inspection follows an earlier inspection';
  if (!followed || followed.id === self.id)
    return 'Select the inspection this one follows from the list';
  if (followed.kind !== wanted)
    return self.kind === 'revisit'
      ? 'A revisit follows a local area SEND inspection (2016 framework), not another revisit'
      : 'A monitoring inspection follows a full area SEND inspection (2023 framework)';
  return null;
}

/**
 * Why a finding cannot be a judgement of the one chosen, or null: the judged finding must be a
 * weakness or area for priority action of the inspection this one follows. Pure.
 */
export function judgementProblem(
  follows: string | null,
  judged: { inspection_id: string; type: FindingType } | undefined,
): string | null {
  if (follows === null)
    return 'Say which inspection this one follows (change its details) before linking its findings to that inspection’s';
  if (!judged || judged.inspection_id !== follows || !JUDGED_TYPES.includes(judged.type))
    return 'Select the weakness or area for priority action this judges from the list';
  return null;
}
