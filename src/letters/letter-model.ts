/** What reading a letter proposes: the shapes the parsers fill in, and the 2023 outcomes' words. */
export type Framework = '2016' | '2023';
export type LetterKind = 'initial' | 'revisit' | 'full' | 'monitoring';
export type FindingType =
  | 'strength'
  | 'area_for_development'
  | 'significant_weakness'
  | 'priority_action'
  | 'area_for_improvement';
export type Question = 'identify' | 'assess_meet' | 'outcomes';

export interface Finding {
  type: FindingType;
  question: Question | null;
  text: string;
  /** An area for priority action's responsible body, as the report's table names it. */
  responsibleBody?: string;
}

export interface ProgressJudgement {
  weakness: string;
  sufficientProgress: boolean;
}

/** What a letter or report says, for a person to check before it is saved. */
export interface LetterProposal {
  framework: Framework | null;
  kind: LetterKind | null;
  area: string | null;
  onSiteStart: string | null;
  onSiteEnd: string | null;
  letterDate: string | null;
  outcome: string | null;
  /** The outcome paragraph as published, where it differs from the canonical wording. */
  outcomeWording: string | null;
  /** The inspectors, one per line ("name, role"), when the report lists them. */
  team: string | null;
  wsoaRequired: boolean | null;
  findings: Finding[];
  progress: ProgressJudgement[];
  /** A revisit said to have made sufficient progress in every weakness, naming none of them. */
  progressInAll: boolean;
}

/** The three outcomes of the 2023 framework, worded exactly as Ofsted defines them. */
export const OUTCOMES_2023 = {
  positive:
    "The local area partnership's SEND arrangements typically lead to positive experiences and outcomes for children and young people with SEND. The local area partnership is taking action where improvements are needed.",
  inconsistent:
    "The local area partnership's arrangements lead to inconsistent experiences and outcomes for children and young people with SEND. The local area partnership must work jointly to make improvements.",
  failings:
    'There are widespread and/or systemic failings leading to significant concerns about the experiences and outcomes of children and young people with SEND, which the local area partnership must address urgently.',
} as const;
