/**
 * The check page of the letter import: a proposal read from a letter shown as form values, and
 * those values read back, with every field checked again. The proposal lives only in the page:
 * nothing is stored between the upload and "Save inspection", so whatever comes back is treated
 * as untrusted input and validated in full.
 */
import { readFindingForm, readInspectionForm, withoutVersion } from '../inspections/index.js';
import type { FindingInput, InspectionInput } from '../inspections/index.js';
import { FINDING_TYPE_PLURALS, type FindingType, type Framework } from '../inspections/index.js';
import {
  dateParts,
  field,
  FormErrors,
  type DateParts,
  type FormBody,
} from '../platform/web/forms.js';
import { OUTCOMES_2023, type LetterProposal } from './parse-letter.js';
import { matchJudged } from './judgement-links.js';

/** More findings than any letter holds: a longer list was not made by the check page. */
export const MAX_FINDINGS = 300;

export type FindingValues = {
  type: string;
  question: string;
  text: string;
  sufficientProgress: string;
  /** A revisit's finding: the earlier finding it judges (proposed by matching words). */
  judgesFindingId: string;
  /** An area for priority action: who must act, from the report's table. */
  responsibleBody: string;
};

export type ImportValues = {
  /** The file name, or "pasted text": shown only. */
  source: string;
  /** The area the letter names: shown only, never saved. */
  area: string;
  framework: string;
  kind: string;
  onSiteStart: DateParts;
  onSiteEnd: DateParts;
  publishedOn: DateParts;
  team: string;
  outcome: string;
  wsoaRequired: string;
  outcomeText: string;
  /** A revisit or monitoring inspection: the inspection it follows. */
  followsInspectionId: string;
  findings: FindingValues[];
  newFinding: { type: string; question: string; text: string };
};

/** Finding types each framework uses: a 2016 letter has no areas for priority action. */
export const TYPES_BY_FRAMEWORK: Record<Framework, readonly FindingType[]> = {
  '2016': ['strength', 'area_for_development', 'significant_weakness'],
  '2023': ['strength', 'area_for_development', 'priority_action', 'area_for_improvement'],
};

const OUTCOME_NUMBER: Record<keyof typeof OUTCOMES_2023, '1' | '2' | '3'> = {
  positive: '1',
  inconsistent: '2',
  failings: '3',
};

const yesNo = (value: boolean | null | undefined) =>
  value === true ? 'yes' : value === false ? 'no' : '';

/** The inspection a revisit letter most likely follows, with the findings it may judge. */
export type EarlierInspection = {
  id: string;
  findings: readonly { id: string; type: FindingType; text: string }[];
};

/**
 * What the letter says, as the check page's initial values. For a revisit, `earlier` is the
 * inspection it most likely follows: proposed as followed, and each finding linked to the
 * earlier finding it restates.
 */
export function proposalValues(
  proposal: LetterProposal,
  source: string,
  earlier?: EarlierInspection,
): ImportValues {
  const outcomeKey = (Object.keys(OUTCOMES_2023) as (keyof typeof OUTCOMES_2023)[]).find(
    (key) => OUTCOMES_2023[key] === proposal.outcome,
  );
  const outcome = proposal.framework === '2023' && outcomeKey ? OUTCOME_NUMBER[outcomeKey] : '';
  // A revisit (2016) or monitoring inspection (2023) judges the findings of the one it follows.
  const revisit = proposal.kind === 'revisit' || proposal.kind === 'monitoring';
  // "Sufficient progress in all four areas": the earlier inspection's findings, each judged.
  const allJudged =
    revisit && earlier !== undefined && proposal.findings.length === 0 && proposal.progressInAll;
  return {
    source,
    area: proposal.area ?? '',
    framework: proposal.framework ?? '',
    kind: proposal.kind ?? '',
    onSiteStart: dateParts(proposal.onSiteStart),
    onSiteEnd: dateParts(proposal.onSiteEnd),
    publishedOn: dateParts(proposal.letterDate),
    team: proposal.team ?? '',
    outcome,
    wsoaRequired: yesNo(proposal.wsoaRequired),
    // The outcome as published; a 2016 letter's (or an unknown wording) is its outcome itself.
    outcomeText: proposal.outcomeWording ?? (outcome ? '' : (proposal.outcome ?? '')),
    followsInspectionId: revisit && earlier ? earlier.id : '',
    findings: (allJudged ? allJudgedSufficient(earlier) : proposal.findings).map((f, i) => ({
      type: f.type,
      question: f.question ?? '',
      text: f.text,
      sufficientProgress: revisit
        ? yesNo(
            proposal.progressInAll
              ? true
              : proposal.progress.find((p) => p.weakness === f.text)?.sufficientProgress,
          )
        : '',
      judgesFindingId: allJudged
        ? earlier.findings[i]!.id
        : revisit && earlier
          ? matchJudged(f.text, earlier.findings)
          : '',
      responsibleBody: f.responsibleBody ?? '',
    })),
    newFinding: { type: '', question: '', text: '' },
  };
}

/**
 * "Sufficient progress had been made in all four areas": each finding the earlier inspection had
 * to answer, restated as judged sufficient, for the admin to check.
 */
function allJudgedSufficient(earlier: EarlierInspection): LetterProposal['findings'] {
  return earlier.findings.map((f) => ({ type: f.type, question: null, text: f.text }));
}

/** Page order of the inspection fields, so the error summary lists errors as the page shows them. */
const FIELD_ORDER = [
  'framework',
  'kind',
  'onSiteStart',
  'onSiteEnd',
  'publishedOn',
  'outcome',
  'wsoaRequired',
  'outcomeText',
  'team',
];

/**
 * Reads the check page. Findings marked for removal are dropped and a new finding with text is
 * added, in both modes. 'update' stops there (the list is shown again to check); 'save' checks
 * every field and, when all is well, returns the inspection and findings to record.
 */
export function readImportForm(
  body: FormBody,
  errors: FormErrors,
  mode: 'update' | 'save',
): { values: ImportValues; input?: InspectionInput; findings?: FindingInput[] } {
  // An outcome or a written-statement answer this page never offered is refused below in this
  // page's words; the inspection's own rules read it as not given.
  const outcome = field(body, 'outcome');
  const wsoaRequired = field(body, 'wsoaRequired');
  const {
    values: base,
    errors: inspectionErrors,
    input,
  } = readInspectionForm({
    ...body,
    outcome: ['1', '2', '3'].includes(outcome) ? outcome : '',
    wsoaRequired: ['yes', 'no'].includes(wsoaRequired) ? wsoaRequired : '',
  });
  const values: ImportValues = {
    source: field(body, 'source').slice(0, 255),
    area: field(body, 'area').slice(0, 200),
    framework: base.framework as string,
    kind: base.kind as string,
    onSiteStart: base.onSiteStart as DateParts,
    onSiteEnd: base.onSiteEnd as DateParts,
    publishedOn: base.publishedOn as DateParts,
    team: base.team as string,
    outcome,
    wsoaRequired,
    outcomeText: base.outcomeText as string,
    followsInspectionId: field(body, 'followsInspectionId'),
    findings: [],
    newFinding: {
      type: field(body, 'new-type'),
      question: field(body, 'new-question'),
      text: field(body, 'new-text'),
    },
  };

  // The list: what was posted, less what was marked for removal, plus the new finding.
  const listErrors = new FormErrors();
  const countText = field(body, 'findingCount');
  const count = /^\d{1,4}$/.test(countText) ? Number(countText) : NaN;
  if (!(count <= MAX_FINDINGS))
    listErrors.add(
      'findings',
      'The list of findings could not be read. Upload or paste the letter again.',
    );
  for (let n = 1; n <= (count <= MAX_FINDINGS ? count : 0); n++) {
    if (field(body, `finding-${n}-remove`) === 'yes') continue;
    values.findings.push({
      type: field(body, `finding-${n}-type`),
      question: field(body, `finding-${n}-question`),
      text: field(body, `finding-${n}-text`),
      sufficientProgress: field(body, `finding-${n}-sufficientProgress`),
      judgesFindingId: field(body, `finding-${n}-judgesFindingId`),
      responsibleBody: field(body, `finding-${n}-responsibleBody`),
    });
  }
  const added = values.newFinding;
  if (added.text !== '') {
    if (values.findings.length >= MAX_FINDINGS)
      listErrors.add('new-text', `An inspection can have at most ${MAX_FINDINGS} findings`);
    else {
      values.findings.push({
        ...added,
        sufficientProgress: '',
        judgesFindingId: '',
        responsibleBody: '',
      });
      values.newFinding = { type: '', question: '', text: '' };
    }
  } else if (added.type !== '') {
    listErrors.add('new-text', 'Enter the text of the finding to add, or choose no type');
  }

  if (mode === 'update') {
    for (const e of listErrors.list) errors.add(e.field, e.text);
    return { values };
  }

  // Everything the import needs beyond the inspection form's own rules.
  const framework = input?.framework;
  if (!input?.publishedOn && !inspectionErrors.list.some((e) => e.field.startsWith('publishedOn')))
    inspectionErrors.add('publishedOn-day', 'Enter the date the letter or report was published');
  if (
    !['', '1', '2', '3'].includes(values.outcome) ||
    (framework === '2023' && input?.kind === 'full' && input.outcome === null)
  )
    inspectionErrors.add('outcome', 'Select the outcome the report gives');
  if (
    !['', 'yes', 'no'].includes(values.wsoaRequired) ||
    (framework === '2016' && input?.kind === 'initial' && input.wsoaRequired === null)
  )
    inspectionErrors.add(
      'wsoaRequired',
      'Select whether the letter requires a written statement of action',
    );
  const rank = (name: string) => FIELD_ORDER.indexOf(name.replace(/-(day|month|year)$/, ''));
  for (const e of [...inspectionErrors.list].sort((a, b) => rank(a.field) - rank(b.field)))
    errors.add(e.field, e.text);
  for (const e of listErrors.list) if (e.field === 'findings') errors.add(e.field, e.text);

  const findings: FindingInput[] = [];
  const judging = input?.kind === 'revisit' || input?.kind === 'monitoring';
  values.findings.forEach((f, i) => {
    const read = readFinding(f, i + 1, framework, errors);
    if (read)
      findings.push({
        ...read,
        sufficientProgress: judging ? read.sufficientProgress : null,
        judgesFindingId: judging ? (read.judgesFindingId ?? null) : null,
      });
  });
  for (const e of listErrors.list) if (e.field !== 'findings') errors.add(e.field, e.text);

  if (errors.any || !input) return { values };
  // Only a revisit or monitoring inspection follows another: the page offers the choice only then.
  const inspection = withoutVersion(input);
  if (!judging) inspection.followsInspectionId = null;
  return { values, input: inspection, findings };
}

/** One finding of the list, by the rules of the finding form, with messages that say which. */
function readFinding(
  f: FindingValues,
  n: number,
  framework: Framework | undefined,
  errors: FormErrors,
): FindingInput | undefined {
  const { errors: own, input } = readFindingForm({ ...f });
  const at = (name: string) => `finding-${n}-${name}`;
  for (const e of own.list) {
    // The judgement is checked below, in this page's words.
    if (e.field === 'sufficientProgress') continue;
    if (e.field === 'judgesFindingId') {
      errors.add(at('judgesFindingId'), `Select the finding that finding ${n} judges, or none`);
      continue;
    }
    if (e.field === 'responsibleBody') {
      errors.add(
        at('responsibleBody'),
        `The responsible body of finding ${n} must be 1000 characters or fewer`,
      );
      continue;
    }
    if (e.field === 'type') errors.add(at('type'), `Select the type of finding ${n}`);
    else if (e.field === 'question')
      errors.add(at('question'), `Select the inspection question of finding ${n}, or none`);
    else if (f.text === '') errors.add(at('text'), `Enter the text of finding ${n}`);
    else errors.add(at('text'), `Finding ${n} must be 5000 characters or fewer`);
  }
  if (!['', 'yes', 'no'].includes(f.sufficientProgress))
    errors.add(at('sufficientProgress'), `Select whether finding ${n} made sufficient progress`);
  if (input && framework && !TYPES_BY_FRAMEWORK[framework].includes(input.type))
    errors.add(
      at('type'),
      `Finding ${n}: ${FINDING_TYPE_PLURALS[input.type].toLowerCase()} are not part of the ${framework} framework`,
    );
  if (!input) return undefined;
  return withoutVersion(input);
}

/**
 * Whether the area a letter names is the partnership's local authority: "Medway" and "Medway
 * Council", "Bristol" and "Bristol City Council" match.
 */
export function areaMatches(area: string, localAuthority: string): boolean {
  const core = (name: string) =>
    name
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, ' ')
      .replace(
        /\b(?:the|council|county|borough|city|metropolitan|district|royal|london|of|local|authority)\b/g,
        ' ',
      )
      .replace(/\s+/g, ' ')
      .trim();
  const a = core(area);
  const b = core(localAuthority);
  return a !== '' && b !== '' && (a === b || a.includes(b) || b.includes(a));
}
