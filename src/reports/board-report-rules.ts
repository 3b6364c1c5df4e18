/**
 * What a board report or monitoring pack is made of: its kinds, its sections, what the author
 * types, and the figures kept with each report so the next one can say what changed.
 */
export const REPORT_KINDS = ['board', 'monitoring'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  board: 'Board report',
  monitoring: 'DfE and NHS England monitoring pack',
};

/** The title a new report starts with; the author may change it. */
export const DEFAULT_TITLES: Record<ReportKind, string> = {
  board: 'SEND improvement: progress report',
  monitoring: 'SEND improvement: monitoring pack',
};

export const SECTIONS = [
  'purpose',
  'recommendations',
  'summary',
  'priorities',
  'findings',
  'exceptions',
  'slippage',
  'indicators',
  'risks',
  'decisions',
  'next_steps',
  'implications',
] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_LABELS: Record<Section, string> = {
  purpose: 'Purpose of the report',
  recommendations: 'Recommendations',
  summary: 'Executive summary',
  priorities: 'Progress by priority',
  findings: 'Progress by finding',
  exceptions: 'Exceptions: off track, overdue and slipped actions',
  slippage: 'Slippage: actions whose due dates moved',
  indicators: 'Performance indicators',
  risks: 'Top risks',
  decisions: 'Decisions needed',
  next_steps: 'Next steps',
  implications: 'Implications',
};

/** The sections each kind starts with ticked; the author may tick any. */
export const DEFAULT_SECTIONS: Record<ReportKind, readonly Section[]> = {
  board: [
    'purpose',
    'recommendations',
    'summary',
    'priorities',
    'findings',
    'exceptions',
    'indicators',
    'risks',
    'decisions',
    'next_steps',
    'implications',
  ],
  // A monitoring meeting asks about each weakness, the data's movement, risks and slippage.
  monitoring: ['summary', 'findings', 'indicators', 'risks', 'slippage', 'next_steps'],
};

/** What the author writes; each is optional, and a section without words says so. */
export const TYPED_FIELDS = [
  'purpose',
  'recommendations',
  'decisions',
  'nextSteps',
  'financial',
  'legal',
  'equality',
  'riskImplications',
] as const;
export type TypedField = (typeof TYPED_FIELDS)[number];
export type Typed = Record<TypedField, string>;

export const IMPLICATIONS: readonly [TypedField, string][] = [
  ['financial', 'Financial implications'],
  ['legal', 'Legal implications'],
  ['equality', 'Equality implications'],
  ['riskImplications', 'Risk implications'],
];

export type RagOrNone = 'red' | 'amber' | 'green' | null;

/** The figures a report keeps, to compare the next report with. */
export type ReportFacts = {
  actions: Record<
    string,
    { number: string; title: string; status: string; rag: RagOrNone; dueDate: string | null }
  >;
  priorities: Record<
    string,
    { label: string; rag: RagOrNone; total: number; complete: number; red: number }
  >;
  indicators: Record<string, { name: string; latest: string | null }>;
  totals: { total: number; complete: number; red: number; amber: number; green: number };
};

export const RAG_WORDS: Record<'red' | 'amber' | 'green', string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
};
export const ragWord = (rag: RagOrNone) => (rag ? RAG_WORDS[rag] : 'No update');

const RAG_ORDER: Record<string, number> = { red: 0, amber: 1, green: 2 };

/** Whether a rating moved for the better (+1), the worse (−1), or not at all (0); unrated counts as neither. */
export function ragMovement(before: RagOrNone, after: RagOrNone): -1 | 0 | 1 {
  if (before === null || after === null || before === after) return 0;
  return RAG_ORDER[after]! > RAG_ORDER[before]! ? 1 : -1;
}

/** "Amber → Green, 2 more complete", "No change" or "New since the last report". */
export function priorityChange(
  before: ReportFacts['priorities'][string] | undefined,
  after: ReportFacts['priorities'][string],
): string {
  if (!before) return 'New since the last report';
  const parts: string[] = [];
  if (before.rag !== after.rag) parts.push(`${ragWord(before.rag)} → ${ragWord(after.rag)}`);
  const done = after.complete - before.complete;
  if (done !== 0) parts.push(`${Math.abs(done)} ${done > 0 ? 'more' : 'fewer'} complete`);
  return parts.join(', ') || 'No change';
}
