/** Reading a 2023-framework area SEND inspection report: its area, dates, outcome and findings. */
import { findDateRange } from './dates.js';
import { endsSentence, matchBullet, typicalWidth, type Line } from './layout.js';
import { OUTCOMES_2023, type Finding, type LetterProposal } from './letter-model.js';
import {
  blocksOf,
  cleanArea,
  headingKind,
  listItems,
  publicationDate,
  sections,
  sentences,
  textOf,
  type Context,
} from './letter-sections.js';

// ---------------------------------------------------------------------------------------------
// 2023 framework: area SEND inspection reports

export function parse2023(ctx: Context): LetterProposal {
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
