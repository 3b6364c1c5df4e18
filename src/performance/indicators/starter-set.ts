// The starter catalogue of indicators a partnership admin can add in one step. Definitions say
// what is counted so that analysts in different organisations compute the same thing. National
// figures are only those our domain sources give (DOMAIN.md); every other benchmark is left empty
// for the partnership to import, rather than typed in from memory.

import type { Frequency } from './periods.js';
import type { Polarity, RagThresholds, Unit } from './rag.js';

export const INDICATOR_THEMES = [
  'Assessment and EHC plans',
  'Health',
  'Attendance and inclusion',
  'Outcomes',
  'Preparing for adulthood',
  'Identification of need',
  'Disagreement resolution',
] as const;
export type IndicatorTheme = (typeof INDICATOR_THEMES)[number];

export interface BenchmarkValue {
  /** Canonical period key, read with the indicator's frequency. */
  period: string;
  value: number;
}

export interface StarterIndicator {
  /** Stable slug: imports and the API refer to indicators by it. */
  code: string;
  name: string;
  theme: IndicatorTheme;
  /** What is measured, in plain English, including what is left out. */
  definition: string;
  /** What is counted above the line, for proportions, rates and averages. */
  numerator: string | null;
  /** What it is divided by. */
  denominator: string | null;
  source: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  /** Suggested thresholds, to be agreed locally; null where no standard suggests any. */
  thresholds: RagThresholds | null;
  /** Why these thresholds (or why none). */
  thresholdsNote: string;
  /** England figures, oldest first. */
  england: readonly BenchmarkValue[];
}

/** New EHC plans issued within 20 weeks, excluding exceptions, England (DOMAIN.md). */
const ENGLAND_EHCP_WITHIN_20_WEEKS: readonly BenchmarkValue[] = [
  { period: '2016', value: 58.6 },
  { period: '2017', value: 64.9 },
  { period: '2019', value: 60.4 },
  { period: '2021', value: 59.9 },
  { period: '2022', value: 49.2 },
  { period: '2023', value: 50.3 },
  { period: '2024', value: 46.4 },
];

const NO_STANDARD =
  'No national standard suggests thresholds: agree them locally, for example from the England figure and statistical neighbours once imported.';

const CONTEXT_MEASURE =
  'A context measure: neither higher nor lower is better in itself, so no thresholds are suggested. Compare with England and statistical neighbours, and schools or districts with a funnel plot. To rate it, agree a band locally: green within a range around England, amber within a wider one.';

export const STARTER_INDICATORS: readonly StarterIndicator[] = [
  {
    code: 'ehcp-issued-within-20-weeks',
    name: 'New EHC plans issued within 20 weeks, excluding exceptions',
    theme: 'Assessment and EHC plans',
    definition:
      'The percentage of new education, health and care (EHC) plans issued in the calendar year that were issued within 20 weeks of the request for an EHC needs assessment. Plans where an exception to the time limit applied are left out: the school or college was closed for at least 4 weeks, exceptional personal circumstances of the child or family, or the child or parent was away from the area for at least 4 weeks (SEND Regulations 2014). Counts first plans issued by this local authority, not amended plans or plans transferred from another area.',
    numerator: 'New EHC plans issued within 20 weeks of the request, excluding exceptions',
    denominator: 'All new EHC plans issued in the calendar year, excluding exceptions',
    source: 'SEN2 statutory return (DfE)',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'annual',
    thresholds: { greenFrom: 60, amberFrom: 46.4 },
    thresholdsNote:
      'Suggested: green from 60%, about the England rate from 2016 to 2021 (58.6% to 64.9%); amber from 46.4%, the England rate in 2024. The law expects every plan within 20 weeks, so agree local thresholds.',
    england: ENGLAND_EHCP_WITHIN_20_WEEKS,
  },
  {
    code: 'autism-assessment-wait',
    name: 'Autism assessment: median wait from referral to first assessment appointment',
    theme: 'Health',
    definition:
      'The median time, in weeks, from the date a referral for an autism diagnostic assessment was received to the first appointment of the assessment, for children and young people whose assessment started in the month. Report the number still waiting and the longest wait beside it: the median of those seen can fall while the waiting list grows.',
    numerator: null,
    denominator: null,
    source: 'Local NHS provider data',
    unit: 'weeks',
    polarity: 'lower_is_better',
    frequency: 'monthly',
    thresholds: { greenTo: 13, amberTo: 18 },
    thresholdsNote:
      'Suggested: green up to 13 weeks, since NICE guideline CG128 recommends starting the autism diagnostic assessment within 3 months of referral; amber up to 18 weeks is a local choice to review.',
    england: [],
  },
  {
    code: 'speech-and-language-therapy-wait',
    name: 'Speech and language therapy: median wait from referral to first appointment',
    theme: 'Health',
    definition:
      "The median time, in weeks, from the date a referral to the children's speech and language therapy service was received to the first appointment (initial assessment), for children and young people seen for the first time in the month. Report the number still waiting and the longest wait beside it.",
    numerator: null,
    denominator: null,
    source: 'Local NHS provider data',
    unit: 'weeks',
    polarity: 'lower_is_better',
    frequency: 'monthly',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'persistent-absence-sen-support',
    name: 'Persistent absence: pupils with SEN support',
    theme: 'Attendance and inclusion',
    definition:
      'The percentage of pupils with SEN support (school census code K) who were persistently absent in the academic year: they missed 10% or more of their possible sessions (half-day registrations), for any reason, authorised or not. Covers pupils of compulsory school age in state-funded primary, secondary and special schools.',
    numerator: 'Pupils with SEN support who missed 10% or more of their possible sessions',
    denominator: 'Pupils with SEN support enrolled in the academic year',
    source: 'School census (DfE): pupil absence',
    unit: 'percent',
    polarity: 'lower_is_better',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'persistent-absence-ehc-plan',
    name: 'Persistent absence: pupils with an EHC plan',
    theme: 'Attendance and inclusion',
    definition:
      'The percentage of pupils with an EHC plan (school census code E) who were persistently absent in the academic year: they missed 10% or more of their possible sessions (half-day registrations), for any reason, authorised or not. Covers pupils of compulsory school age in state-funded primary, secondary and special schools.',
    numerator: 'Pupils with an EHC plan who missed 10% or more of their possible sessions',
    denominator: 'Pupils with an EHC plan enrolled in the academic year',
    source: 'School census (DfE): pupil absence',
    unit: 'percent',
    polarity: 'lower_is_better',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'suspensions-pupils-with-sen',
    name: 'Suspensions of pupils with SEN per 10,000 pupils with SEN',
    theme: 'Attendance and inclusion',
    definition:
      'The number of suspensions (formerly fixed-period exclusions) given to pupils with SEN support or an EHC plan in the academic year, per 10,000 pupils with SEN. Each suspension counts, so a pupil suspended three times counts three times. Covers state-funded primary, secondary and special schools.',
    numerator: 'Suspensions of pupils with SEN support or an EHC plan in the academic year',
    denominator:
      'Pupils with SEN support or an EHC plan on roll at the January school census, in 10,000s',
    source: 'School census (DfE): suspensions and permanent exclusions',
    unit: 'rate_per_10000',
    polarity: 'lower_is_better',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'permanent-exclusions-pupils-with-sen',
    name: 'Permanent exclusions of pupils with SEN per 10,000 pupils with SEN',
    theme: 'Attendance and inclusion',
    definition:
      'The number of permanent exclusions of pupils with SEN support or an EHC plan in the academic year, per 10,000 pupils with SEN. Covers state-funded primary, secondary and special schools. Numbers are small, so read a single year with care and look at the trend.',
    numerator:
      'Permanent exclusions of pupils with SEN support or an EHC plan in the academic year',
    denominator:
      'Pupils with SEN support or an EHC plan on roll at the January school census, in 10,000s',
    source: 'School census (DfE): suspensions and permanent exclusions',
    unit: 'rate_per_10000',
    polarity: 'lower_is_better',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'ks2-rwm-expected-sen-support',
    name: 'Key stage 2: pupils with SEN support meeting the expected standard in reading, writing and maths',
    theme: 'Outcomes',
    definition:
      'The percentage of pupils with SEN support at the end of key stage 2 (year 6) who met the expected standard in all three of reading, writing and maths: the reading and maths tests and the teacher assessment of writing. Covers pupils in state-funded schools; pupils working below the standard of the tests stay in the denominator.',
    numerator:
      'Pupils with SEN support who met the expected standard in reading, writing and maths',
    denominator: 'Pupils with SEN support at the end of key stage 2',
    source: 'Key stage 2 attainment statistics (DfE)',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'ks4-attainment-8-ehc-plan',
    name: 'Key stage 4: Attainment 8 average score for pupils with an EHC plan',
    theme: 'Outcomes',
    definition:
      "The average Attainment 8 score of pupils with an EHC plan at the end of key stage 4 (year 11) in state-funded schools. Attainment 8 adds the points of a pupil's best 8 qualifications: English and maths (each double-weighted), 3 further English Baccalaureate subjects and 3 other approved qualifications; the highest possible score is 90.",
    numerator: 'Total of the Attainment 8 scores of pupils with an EHC plan',
    denominator: 'Pupils with an EHC plan at the end of key stage 4',
    source: 'Key stage 4 performance statistics (DfE)',
    unit: 'number',
    polarity: 'higher_is_better',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'ks4-destinations-sen',
    name: 'Post-16 destinations: pupils with SEN in a sustained destination after key stage 4',
    theme: 'Preparing for adulthood',
    definition:
      'The percentage of pupils with SEN support or an EHC plan who finished key stage 4 in state-funded schools and were in sustained education, an apprenticeship or employment in the following year, sustained meaning throughout its first two terms (October to March). The period is the academic year of the destination; DfE publishes it about two years later.',
    numerator:
      'Pupils with SEN in sustained education, apprenticeship or employment after key stage 4',
    denominator: 'Pupils with SEN who finished key stage 4',
    source: 'Key stage 4 destination measures (DfE)',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'post-16-send-participation',
    name: '16 and 17 year olds with SEND in education or training',
    theme: 'Preparing for adulthood',
    definition:
      'The percentage of 16 and 17 year olds (school years 12 and 13) with SEND (an EHC plan, or SEN support when last at school) living in the area who are in education or training, as the law requires until 18: full-time education, an apprenticeship, or work or volunteering combined with part-time accredited training. Young people whose activity is not known to the local authority are left out of both counts; track them separately.',
    numerator: '16 and 17 year olds with SEND in education or training',
    denominator: '16 and 17 year olds with SEND whose activity is known to the local authority',
    source: 'National Client Caseload Information System (NCCIS), local authority tracking (DfE)',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'monthly',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'post-16-send-neet',
    name: '16 and 17 year olds with SEND not in education, employment or training (NEET)',
    theme: 'Preparing for adulthood',
    definition:
      "The percentage of 16 and 17 year olds (school years 12 and 13) with SEND (an EHC plan, or SEN support when last at school) living in the area who are not in education, employment or training. Young people whose activity is not known are left out of both counts: report the 'not known' percentage beside this one, because a high 'not known' can hide young people who are NEET.",
    numerator: '16 and 17 year olds with SEND who are NEET',
    denominator: '16 and 17 year olds with SEND whose activity is known to the local authority',
    source: 'National Client Caseload Information System (NCCIS), local authority tracking (DfE)',
    unit: 'percent',
    polarity: 'lower_is_better',
    frequency: 'monthly',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
  {
    code: 'pupils-with-sen-support',
    name: 'Pupils with SEN support',
    theme: 'Identification of need',
    definition:
      'Pupils with SEN support (school census code K) as a percentage of all pupils in state-funded nursery, primary, secondary and special schools and alternative provision in the area, at the January (spring term) school census of the academic year.',
    numerator: 'Pupils recorded with SEN support (code K)',
    denominator: 'All pupils on roll at the January school census',
    source: 'School census (DfE)',
    unit: 'percent',
    polarity: 'neither',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: CONTEXT_MEASURE,
    england: [],
  },
  {
    code: 'pupils-with-ehc-plan',
    name: 'Pupils with an EHC plan',
    theme: 'Identification of need',
    definition:
      'Pupils with an EHC plan (school census code E) as a percentage of all pupils in state-funded nursery, primary, secondary and special schools and alternative provision in the area, at the January (spring term) school census of the academic year. Children and young people with plans who are not in these schools (in colleges, independent schools or not in education) are not counted.',
    numerator: 'Pupils recorded with an EHC plan (code E)',
    denominator: 'All pupils on roll at the January school census',
    source: 'School census (DfE)',
    unit: 'percent',
    polarity: 'neither',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: CONTEXT_MEASURE,
    england: [],
  },
  {
    code: 'mld-share-of-sen',
    name: 'Moderate learning difficulty (MLD) as primary need: share of pupils with SEN',
    theme: 'Identification of need',
    definition:
      'Pupils whose primary type of need is moderate learning difficulty (MLD) as a percentage of all pupils with SEN support or an EHC plan, at the January (spring term) school census, which records need types ranked with 1 as primary. A high or rising share can signal over-identification rather than need.',
    numerator: 'Pupils with SEN whose primary need is MLD',
    denominator: 'All pupils with SEN support or an EHC plan',
    source: 'School census (DfE), spring term',
    unit: 'percent',
    polarity: 'neither',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: CONTEXT_MEASURE,
    england: [],
  },
  {
    code: 'send-tribunal-appeal-rate',
    name: 'SEND Tribunal appeal rate',
    theme: 'Disagreement resolution',
    definition:
      "Appeals registered with the First-tier Tribunal (Special Educational Needs and Disability) against the local authority's decisions, as a percentage of the decisions it made in the same academic year that could be appealed: refusals to carry out an EHC needs assessment, refusals to issue a plan, new and amended plans (their content or the school or college named) and decisions to cease a plan.",
    numerator: 'Appeals registered with the SEND Tribunal against the local authority',
    denominator: 'Appealable decisions made by the local authority',
    source: 'Tribunal statistics (Ministry of Justice); appealable decisions from SEN2 (DfE)',
    unit: 'percent',
    polarity: 'lower_is_better',
    frequency: 'academic_year',
    thresholds: null,
    thresholdsNote: NO_STANDARD,
    england: [],
  },
];

export function starterIndicator(code: string): StarterIndicator | undefined {
  return STARTER_INDICATORS.find((indicator) => indicator.code === code);
}
