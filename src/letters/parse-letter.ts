import { dateOnlyLine, findDate, findDateRange } from './dates.js';
import {
  blockText,
  buildVocabulary,
  endsSentence,
  matchBullet,
  normaliseText,
  splitBlocks,
  toLines,
  typicalWidth,
  usesBlankLines,
  usesHangingIndent,
  type Block,
  type Line,
} from './layout.js';

export type Framework = '2016' | '2023';
export type LetterKind = 'initial' | 'revisit' | 'full';
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
  wsoaRequired: boolean | null;
  findings: Finding[];
  progress: ProgressJudgement[];
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

type HeadingKind =
  | 'main_findings'
  | 'question'
  | 'strengths'
  | 'development'
  | 'weaknesses'
  | 'effective'
  | 'better'
  | 'experience'
  | 'priority'
  | 'improvement'
  | 'outcome'
  | 'other'
  | 'end';

const HEADINGS: [RegExp, HeadingKind][] = [
  [/^main findings$/i, 'main_findings'],
  [/^(?:key )?strengths$/i, 'strengths'],
  [/^(?:key )?areas? for (?:further )?development$/i, 'development'],
  [
    /^(?:the )?(?:areas?|aspects?) of (?:significant )?weakness(?:es)?$|^(?:areas of )?significant weakness(?:es)?$/i,
    'weaknesses',
  ],
  [/^what is the (?:local )?area partnership doing that is effective$/i, 'effective'],
  [/^what does the (?:local )?area partnership need to do better$/i, 'better'],
  [/^what is it like to be a child or young person with send in (?:this|the) area$/i, 'experience'],
  [/^areas? for priority action$/i, 'priority'],
  [/^areas? for improvement$/i, 'improvement'],
  [/^inspection outcome$/i, 'outcome'],
  [
    /^(?:local area partnership details|information about (?:this inspection|the local area partnership)|inspection team|the inspection team|next steps|inspection activity)$/i,
    'other',
  ],
  [/^yours (?:sincerely|faithfully)\b/i, 'end'],
];

const QUESTION_START =
  /^(?:the )?effectiveness of the (?:local )?area in\b|^how effective(?:ly)? (?:is )?the (?:local )?area\b/i;

function headingKind(text: string): HeadingKind | null {
  const t = text
    .trim()
    .replace(/[:.?]+$/, '')
    .replace(/\s+/g, ' ');
  // Headings start with a capital: "strengths" at the start of a wrapped line is no heading.
  if (t.length > 220 || !/^[A-Z]/.test(t)) return null;
  for (const [re, kind] of HEADINGS) if (re.test(t)) return kind;
  if (QUESTION_START.test(t) && !endsSentence(text)) return 'question';
  return null;
}

function questionOf(heading: string): Question | null {
  if (/identif/i.test(heading)) return 'identify';
  if (/outcome/i.test(heading)) return 'outcomes';
  if (/assess|meet/i.test(heading)) return 'assess_meet';
  return null;
}

interface Context {
  lines: Line[];
  vocabulary: Set<string>;
  wrapWidth: number;
  blankLines: boolean;
  hanging: boolean;
  /** The lines joined, one per line, for searching. */
  flat: string;
}

interface Section {
  kind: HeadingKind | 'preamble';
  heading: string;
  lines: Line[];
}

/**
 * Read the text of an Ofsted/CQC outcome letter or area SEND inspection report (or a web page
 * quoting one) and propose its framework, dates, outcome and findings. Pure: no I/O. Fields it
 * cannot find are null, for a person to fill in.
 */
export function parseLetter(text: string): LetterProposal {
  const lines = toLines(normaliseText(text), (l) => headingKind(l) !== null);
  const ctx: Context = {
    lines,
    vocabulary: buildVocabulary(lines),
    wrapWidth: typicalWidth(lines),
    blankLines: usesBlankLines(lines),
    hanging: usesHangingIndent(lines),
    flat: lines.map((l) => l.text).join('\n'),
  };
  const framework = detectFramework(ctx.flat);
  if (framework === null) return emptyProposal();
  return framework === '2023' ? parse2023(ctx) : parse2016(ctx);
}

/** Nothing recognisable: better to propose nothing than dates from unrelated text. */
function emptyProposal(): LetterProposal {
  return {
    framework: null,
    kind: null,
    area: null,
    onSiteStart: null,
    onSiteEnd: null,
    letterDate: null,
    outcome: null,
    wsoaRequired: null,
    findings: [],
    progress: [],
  };
}

function detectFramework(flat: string): Framework | null {
  let score2023 = 0;
  let score2016 = 0;
  if (/\barea SEND (?:full |monitoring )?inspection of\b/i.test(flat)) score2023 += 3;
  if (/what is the (?:local )?area partnership doing that is effective/i.test(flat)) score2023 += 2;
  if (/what does the (?:local )?area partnership need to do better/i.test(flat)) score2023 += 2;
  if (/^inspection outcome:?$/im.test(flat) && /local area partnership/i.test(flat)) score2023 += 2;
  if (/^areas? for priority action$/im.test(flat)) score2023 += 1;
  if (/joint local area (?:SEND|special educational needs)/i.test(flat)) score2016 += 3;
  if (/written statement of action/i.test(flat)) score2016 += 2;
  if (/significant weakness|areas? of significant\s+weakness/i.test(flat)) score2016 += 2;
  if (/effectiveness of the local area in/i.test(flat)) score2016 += 1;
  if (/^areas for development:?$/im.test(flat)) score2016 += 1;
  if (score2023 === 0 && score2016 === 0) return null;
  return score2023 >= score2016 ? '2023' : '2016';
}

function sections(ctx: Context): Section[] {
  const out: Section[] = [{ kind: 'preamble', heading: '', lines: [] }];
  const { lines } = ctx;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let kind = headingKind(line.text);
    let heading = line.text;
    const prev = lines[i - 1];
    const startsBlock = !prev || line.blankBefore || endsSentence(prev.text);
    if (
      startsBlock &&
      /^[A-Z]/.test(line.text) &&
      QUESTION_START.test(line.text) &&
      !endsSentence(line.text)
    ) {
      // The question headings of 2016 letters wrap onto a second or third line.
      let joined = line.text;
      let j = i + 1;
      while (
        !/disabilit(?:y|ies)$|\bSEND$/i.test(joined) &&
        j < lines.length &&
        j <= i + 2 &&
        !lines[j]!.blankBefore &&
        !matchBullet(lines[j]!.text)
      ) {
        joined += ' ' + lines[j]!.text;
        j++;
      }
      if (headingKind(joined) === 'question') {
        kind = 'question';
        heading = joined;
        i = j - 1;
      }
    }
    if (kind === null) {
      out[out.length - 1]!.lines.push(line);
      continue;
    }
    const current = out[out.length - 1]!;
    // A heading repeated straight away, or as a table header, continues its section.
    if (kind === current.kind && kind !== 'question') continue;
    out.push({ kind, heading, lines: [] });
  }
  return out;
}

function blocksOf(
  ctx: Context,
  lines: Line[],
  topLevel: 'auto' | 'paragraphs',
  absorb = false,
): Block[] {
  return splitBlocks(lines, {
    topLevel,
    absorb,
    wrapWidth: ctx.wrapWidth,
    blankLines: ctx.blankLines,
    hanging: ctx.hanging,
  });
}

function textOf(ctx: Context, block: Block): string {
  return blockText(block, ctx.vocabulary);
}

/**
 * The items of a findings list: its bullets, or its paragraphs when it has no bullets. With
 * `absorb`, the list holds nothing but bullets, so a paragraph after one belongs to it.
 */
function listItems(ctx: Context, lines: Line[], absorb = false): string[] {
  const blocks = blocksOf(ctx, lines, 'auto', absorb);
  const items = blocks.filter((b) => b.kind === 'item');
  return (items.length > 0 ? items : blocks).map((b) => textOf(ctx, b)).filter((t) => t !== '');
}

// ---------------------------------------------------------------------------------------------
// 2023 framework: area SEND inspection reports

function parse2023(ctx: Context): LetterProposal {
  const secs = sections(ctx);
  const findings: Finding[] = [];
  let outcome: string | null = null;
  for (const sec of secs) {
    switch (sec.kind) {
      case 'effective':
        for (const text of listItems(ctx, sec.lines, true)) {
          findings.push({ type: 'strength', question: null, text });
        }
        break;
      case 'better':
        for (const text of listItems(ctx, sec.lines, true)) {
          findings.push({ type: 'area_for_development', question: null, text });
        }
        break;
      case 'priority':
        for (const text of priorityActions(ctx, sec.lines)) {
          findings.push({ type: 'priority_action', question: null, text });
        }
        break;
      case 'improvement':
        for (const text of improvementItems(ctx, sec.lines)) {
          findings.push({ type: 'area_for_improvement', question: null, text });
        }
        break;
      case 'outcome':
        outcome ??= outcome2023(ctx, sec.lines);
        break;
      default:
        break;
    }
  }
  outcome ??= outcomeByKeywords(ctx);
  const dates = inspectionDates2023(ctx);
  return {
    framework: '2023',
    kind: /\bmonitoring inspection of\b/i.test(ctx.flat.slice(0, 600)) ? null : 'full',
    area: area2023(ctx),
    onSiteStart: dates?.start ?? null,
    onSiteEnd: dates?.end ?? null,
    letterDate: publicationDate(ctx),
    outcome,
    wsoaRequired: null,
    findings,
    progress: [],
  };
}

function area2023(ctx: Context): string | null {
  const head = ctx.lines
    .slice(0, 15)
    .map((l) => l.text)
    .join(' ');
  const m =
    /\barea SEND (?:full )?(?:monitoring )?inspection of\s+(?:the\s+)?(.+?)\s+local\s+area\s+partnership\b/i.exec(
      head,
    ) ??
    /\binspection report:\s*(?:the\s+)?(.+?)\s+local\s+area\s+partnership\b/i.exec(ctx.flat) ??
    /\barea SEND (?:full )?inspection of\s+(?:the\s+)?([^\n]+)/i.exec(ctx.flat);
  return m ? cleanArea(m[1]!) : null;
}

function cleanArea(raw: string): string | null {
  const area = raw
    .replace(/\s+/g, ' ')
    .replace(/[.,:;]+$/, '')
    .trim();
  return area === '' ? null : area;
}

function inspectionDates2023(ctx: Context): { start: string; end: string } | null {
  const label = /^(?:inspection dates?|dates? of (?:the )?inspection)\b\s*:?\s*/i;
  const { lines } = ctx;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text;
    if (!label.test(line) || /previous/i.test(line)) continue;
    let candidate = line.replace(label, '');
    // The dates may sit on the line after the label.
    for (let j = i + 1; j <= i + 2 && !findDateRange(candidate) && j < lines.length; j++) {
      const next = lines[j]!.text;
      if (/previous/i.test(next) || headingKind(next)) break;
      candidate += ' ' + next;
    }
    const range = findDateRange(candidate);
    if (range) return range;
  }
  const m = /inspection (?:took place|was carried out)[^.]*/i.exec(ctx.flat.replace(/\n/g, ' '));
  return m ? findDateRange(m[0]) : null;
}

function publicationDate(ctx: Context): string | null {
  const m =
    /\b(?:publication date|date of publication|published(?: on)?|date published)\s*:?\s*([^\n]{0,40})/i.exec(
      ctx.flat,
    );
  if (m) {
    const d = findDate(m[1]!);
    if (d && d.index < 5) return d.date;
  }
  const m2 = /^(?:report )?date(?: of report)?\s*:\s*(.{0,40})$/im.exec(ctx.flat);
  return m2 ? (findDate(m2[1]!)?.date ?? null) : null;
}

function comparable(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC`]/g, "'")
    .replace(/special educational needs and\/or disabilities(?: \(send\))?/g, 'send')
    .replace(/special educational needs and disabilities(?: \(send\))?/g, 'send')
    .replace(/[^a-z0-9'/ ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
}

/** 2·LCS / (|a| + |b|) over words: 1 for the same wording, high for small variations. */
function similarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    prev = row;
  }
  return (2 * prev[b.length]!) / (a.length + b.length);
}

function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?]["'\u2019\u201D)]*)\s+(?=["'\u2018\u201C(]*[A-Z])/)
    .filter((s) => s !== '');
}

/** The canonical outcome sentence the text states, allowing small wording variations. */
function canonicalOutcome(text: string): string | null {
  const said = sentences(text);
  let best: { score: number; outcome: string } | null = null;
  for (const outcome of Object.values(OUTCOMES_2023)) {
    const target = comparable(outcome);
    for (let k = 1; k <= Math.min(3, said.length); k++) {
      const score = similarity(comparable(said.slice(0, k).join(' ')), target);
      if (!best || score > best.score) best = { score, outcome };
    }
  }
  return best && best.score >= 0.8 ? best.outcome : null;
}

const AFTER_OUTCOME =
  /^(?:the next|a monitoring|ofsted|as a result|hmci|his majesty|her majesty|the local area partnership should|this inspection)/i;

function outcome2023(ctx: Context, lines: Line[]): string | null {
  const paras = blocksOf(ctx, lines, 'paragraphs').map((b) => textOf(ctx, b));
  const all = paras.join(' ');
  if (all.trim() === '') return null;
  const canonical = canonicalOutcome(all);
  if (canonical) return canonical;
  // An outcome we do not recognise (a new framework's wording): the paragraph as written.
  const kept: string[] = [];
  for (const s of sentences(paras[0] ?? all)) {
    if (kept.length > 0 && AFTER_OUTCOME.test(s)) break;
    kept.push(s);
  }
  return kept.join(' ') || null;
}

function outcomeByKeywords(ctx: Context): string | null {
  const flat = ctx.flat.replace(/\s+/g, ' ');
  const m =
    /(?:The local area partnership|There are widespread)[^.]*(?:typically lead to positive|inconsistent experiences|systemic failings)[^.]*\.(?:\s+The local area partnership (?:is taking|must work)[^.]*\.)?/i.exec(
      flat,
    );
  return m ? canonicalOutcome(m[0]) : null;
}

function improvementItems(ctx: Context, lines: Line[]): string[] {
  const first = lines[0];
  if (!first) return [];
  // Paragraphs, each with any sub-bullets; unless the list is bulleted from the start.
  const topLevel = matchBullet(first.text) ? 'auto' : 'paragraphs';
  return blocksOf(ctx, lines, topLevel)
    .map((b) => textOf(ctx, b))
    .filter((t) => t !== '');
}

/**
 * The rows of the "Areas for priority action" table (responsible body | action), as the action
 * text. A PDF extraction marks the columns with tabs; pasted text has the body's short lines
 * before each action instead.
 */
function priorityActions(ctx: Context, lines: Line[]): string[] {
  const content = lines.filter(
    (l) => !/^responsible bod(?:y|ies)\b/i.test(l.text) && headingKind(l.text) !== 'priority',
  );
  if (content.length === 0) return [];
  const rows: Line[][] = [];
  if (content.some((l) => l.indented || l.cells.length > 1)) {
    let row: Line[] | null = null;
    let prevHadBody = false;
    for (const l of content) {
      const body = l.indented ? null : (l.cells[0] ?? null);
      const action = l.indented ? l.text : l.cells.length > 1 ? l.cells.slice(1).join(' ') : null;
      // A body cell starts a row after an action-only line, or after the gap between rows.
      if ((body !== null && (!prevHadBody || l.blankBefore)) || row === null) {
        row = [];
        rows.push(row);
      }
      prevHadBody = body !== null;
      if (action !== null) row.push({ ...l, text: action, cells: [action] });
    }
  } else {
    const width = typicalWidth(content);
    const bodyLike = (l: Line) =>
      !matchBullet(l.text) && l.text.length <= 0.6 * width && !endsSentence(l.text);
    let row: Line[] | null = null;
    let inBody = false;
    let prev = '';
    for (const l of content) {
      const startsRow = bodyLike(l) && (row === null || (!inBody && endsSentence(prev)));
      if (startsRow) {
        row = [];
        rows.push(row);
        inBody = true;
      } else if (inBody && bodyLike(l)) {
        // Still the responsible body.
      } else {
        inBody = false;
        if (row === null) {
          // No responsible-body column at all: a plain list.
          return listItems(ctx, content);
        }
        row.push(l);
      }
      prev = l.text;
    }
  }
  return rows
    .map((row) =>
      blocksOf(ctx, row, 'paragraphs')
        .map((b) => textOf(ctx, b))
        .join(' ')
        .trim(),
    )
    .filter((t) => t !== '');
}

// ---------------------------------------------------------------------------------------------
// 2016 framework: joint local area SEND inspection and revisit letters, and pages quoting them

const WEAKNESS_LEAD_IN =
  /\b(?:areas?|aspects?) of (?:significant )?weakness(?:es)?\b[^.]*:\s*$|\bsignificant weakness(?:es)?\b[^.]*:\s*$/i;
const PER_WEAKNESS_VERDICT =
  /\b(?:has|have)\s+(not\s+)?made\s+sufficient\s+progress\s+(?:in\s+)?(?:addressing|to\s+address|against|on|tackling|in\s+tackling|improving)?\s*(?:this|that|the\s+above)\s+(?:area\s+of\s+)?(?:significant\s+)?(?:weakness|area)/i;
const LIST_VERDICT =
  /\b(?:has|have)\s+(not\s+)?made\s+sufficient\s+progress\b[^.]*\bfollowing\b[^.]*:\s*$/i;

function parse2016(ctx: Context): LetterProposal {
  const { flat } = ctx;
  const isRevisit =
    /joint local area (?:SEND|special educational needs[^\n]*?) re-?visit\b/i.test(flat) ||
    /^[^\n]*\bre-?visit (?:in|of)\b[^\n]*$/im.test(flat.slice(0, 2000)) ||
    /\brevisited the (?:local )?area\b/i.test(flat);
  const isLetter =
    /joint local area (?:SEND|special educational needs)[^\n]*? (?:inspection|re-?visit)\b/i.test(
      flat,
    ) || /^dear\b/im.test(flat);
  const kind: LetterKind | null = isRevisit ? 'revisit' : isLetter ? 'initial' : null;

  const findings: Finding[] = [];
  const progress: ProgressJudgement[] = [];
  if (kind === 'revisit') {
    for (const p of revisitProgress(ctx)) {
      progress.push(p);
      findings.push({ type: 'significant_weakness', question: null, text: p.weakness });
    }
  } else {
    findings.push(...findings2016(ctx));
  }

  const requirement = requirementSentence(ctx);
  const wsoaRequired =
    kind === 'revisit'
      ? null
      : requirement
        ? !/\bnot\b/i.test(requirement)
        : kind === 'initial'
          ? false
          : null;
  const dates = inspectionDates2016(flat);
  return {
    framework: '2016',
    kind,
    area: area2016(ctx),
    onSiteStart: dates?.start ?? null,
    onSiteEnd: dates?.end ?? null,
    letterDate: letterDate2016(ctx),
    outcome: kind === 'revisit' ? revisitOutcome(ctx) : shortenRequirement(requirement),
    wsoaRequired,
    findings: dedupe(findings),
    progress,
  };
}

function findings2016(ctx: Context): Finding[] {
  const findings: Finding[] = [];
  let question: Question | null = null;
  for (const sec of sections(ctx)) {
    if (sec.kind === 'end') break;
    if (sec.kind === 'question') question = questionOf(sec.heading);
    if (sec.kind === 'main_findings' || sec.kind === 'weaknesses') question = null;
    const base: FindingType | null =
      sec.kind === 'strengths'
        ? 'strength'
        : sec.kind === 'development' || sec.kind === 'improvement'
          ? 'area_for_development'
          : sec.kind === 'weaknesses'
            ? 'significant_weakness'
            : null;
    const blocks = blocksOf(ctx, sec.lines, 'auto');
    const bulleted = blocks.some((b) => b.kind === 'item');
    let mode: FindingType | null = base;
    let listed = 0;
    for (const block of blocks) {
      const text = textOf(ctx, block);
      if (block.kind === 'para') {
        if (WEAKNESS_LEAD_IN.test(text)) {
          mode = 'significant_weakness';
          listed = 0;
          continue;
        }
        if (mode === 'significant_weakness' && listed > 0) {
          // The list of weaknesses has ended.
          mode = null;
          continue;
        }
        if (bulleted || mode === null) continue;
      }
      if (mode === null) continue;
      findings.push({
        type: mode,
        question: mode === 'significant_weakness' ? null : question,
        text: text.replace(/[;,]$/, ''),
      });
      if (mode === 'significant_weakness') listed++;
    }
  }
  return findings;
}

/** Each weakness of a revisit letter with the judgement that follows its findings. */
function revisitProgress(ctx: Context): ProgressJudgement[] {
  const secs = sections(ctx);
  const start = Math.max(
    0,
    secs.findIndex((s) => s.kind === 'main_findings'),
  );
  const lines: Line[] = [];
  for (const sec of secs.slice(start)) {
    if (sec.kind === 'end') break;
    lines.push(...sec.lines);
  }
  const blocks = blocksOf(ctx, lines, 'auto');
  const out: ProgressJudgement[] = [];
  let since: string[] = [];
  let listVerdict: boolean | null = null;
  for (const block of blocks) {
    const text = textOf(ctx, block);
    const list = LIST_VERDICT.exec(text);
    if (list) {
      listVerdict = !list[1];
      since = [];
      continue;
    }
    if (listVerdict !== null) {
      if (block.kind === 'item') {
        out.push({ weakness: cleanWeakness(text), sufficientProgress: listVerdict });
        continue;
      }
      listVerdict = null;
    }
    const verdict = PER_WEAKNESS_VERDICT.exec(text);
    if (!verdict) {
      since.push(text);
      continue;
    }
    let weakness = since.find((t) => !/[.]["'\u2019)]*$/.test(t)) ?? since[0];
    if (!weakness) {
      // The weakness and the verdict in one paragraph: the text before the verdict sentence.
      const before = text
        .slice(0, verdict.index)
        .replace(/\b(?:the|this)\s+(?:local\s+)?area\s*$/i, '');
      weakness = sentences(before)[0];
    }
    if (weakness) {
      out.push({ weakness: cleanWeakness(weakness), sufficientProgress: !verdict[1] });
    }
    since = [];
  }
  return out;
}

function cleanWeakness(text: string): string {
  return text
    .replace(/^(?:significant\s+)?weakness\s*\d*\s*[:.-]\s*/i, '')
    .replace(/[:;,]$/, '')
    .trim();
}

function revisitOutcome(ctx: Context): string | null {
  for (const block of blocksOf(ctx, ctx.lines, 'auto')) {
    const text = textOf(ctx, block);
    if (!/sufficient progress/i.test(text) || PER_WEAKNESS_VERDICT.test(text)) continue;
    const kept = sentences(text).filter(
      (s) => /made sufficient progress/i.test(s) && !/\bwhether\b/i.test(s),
    );
    if (kept.length > 0) return kept.join(' ');
  }
  return null;
}

function requirementSentence(ctx: Context): string | null {
  const said = blocksOf(ctx, ctx.lines, 'auto').flatMap((b) => sentences(textOf(ctx, b)));
  for (const s of said) {
    if (
      /written statement of action[^.]*\b(?:is|was|will be)\s+(?:not\s+)?required\b/i.test(s) ||
      /\b(?:is|are)\s+required\s+to\s+(?:produce|submit|prepare)[^.]*written statement of action/i.test(
        s,
      )
    ) {
      return s.trim();
    }
  }
  return null;
}

/** "As a result of …, HMCI has determined that …" → "HMCI has determined that …". */
function shortenRequirement(sentence: string | null): string | null {
  if (!sentence) return null;
  const at = sentence.search(/\b(?:Her|His) Majesty['\u2019]s Chief Inspector\b|\bHMCI\b/);
  if (at > 0 && /,\s*$/.test(sentence.slice(0, at))) return sentence.slice(at);
  return sentence;
}

function inspectionDates2016(flat: string): { start: string; end: string } | null {
  const text = flat.replace(/\s+/g, ' ');
  const m = /\b(?:between|from)\s+\d{1,2}(?:st|nd|rd|th)?\b[^.]{0,60}\d{4}/i.exec(text);
  if (m) {
    const range = findDateRange(m[0]);
    if (range && range.start !== range.end) return range;
  }
  for (const s of sentences(text)) {
    if (/\b(?:inspect|revisit|on site)/i.test(s)) {
      const range = findDateRange(s);
      if (range && range.start !== range.end) return range;
    }
  }
  return null;
}

function letterDate2016(ctx: Context): string | null {
  const { lines } = ctx;
  const dear = lines.findIndex((l) => /^dear\b/i.test(l.text));
  const limit = dear >= 0 ? dear : Math.min(lines.length, 40);
  for (let i = limit - 1; i >= 0; i--) {
    const d = dateOnlyLine(lines[i]!.text);
    if (d) return d;
  }
  return publicationDate(ctx);
}

function area2016(ctx: Context): string | null {
  const { lines } = ctx;
  const title =
    /joint local area (?:SEND|special educational needs and(?:\/or)? disabilit(?:y|ies)(?: \(SEND\))?) (?:inspection|re-?visit) (?:in|of)\b\s*(?:the\s+)?(.*)$/i;
  for (let i = 0; i < lines.length; i++) {
    const m = title.exec(lines[i]!.text);
    if (!m) continue;
    const rest = m[1]!.trim() || lines[i + 1]?.text || '';
    // Drop what follows the name: " – 2018", " (revisit)"; keep "Southend-on-Sea".
    const area = cleanArea(rest.replace(/\s+[-\u2013\u2014]\s.*$|\s*\(.*$/, ''));
    if (area) return area;
  }
  const name =
    "([A-Z][\\w'\u2019-]*(?:\\s+(?:and\\s+|of\\s+|upon\\s+|on\\s+|the\\s+)?[A-Z][\\w'\u2019-]*)*)";
  const flat = ctx.flat.replace(/\s+/g, ' ');
  const m =
    new RegExp(`\\b(?:revisited|inspection of|inspected) the (?:local )?area of ${name}`).exec(
      flat,
    ) ??
    new RegExp(`\\blocal area of ${name}`).exec(flat) ??
    new RegExp(`\\b${name} (?:local area|Local Area) (?:SEND )?(?:inspection|was inspected)`).exec(
      flat,
    );
  return m ? cleanArea(m[1]!) : null;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.type}|${f.question}|${f.text.toLowerCase().replace(/\W+/g, '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
