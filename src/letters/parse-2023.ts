/** Reading a 2023-framework area SEND inspection report: its area, dates, outcome and findings. */
import { findDateRange } from './dates.js';
import { matchBullet, type Line } from './layout.js';
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
import { inspectionTeam, monitoringProgress, quotedFindings } from './letter-fragments.js';
import { priorityRows } from './priority-table.js';

// ---------------------------------------------------------------------------------------------
// 2023 framework: area SEND inspection reports

export function parse2023(ctx: Context): LetterProposal {
  const secs = sections(ctx);
  const findings: Finding[] = [];
  let outcome: string | null = null;
  let wording: string | null = null;
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
        for (const row of priorityRows(ctx, sec.lines)) {
          findings.push({
            type: 'priority_action',
            question: null,
            text: row.text,
            responsibleBody: row.body,
          });
        }
        break;
      case 'improvement':
        for (const text of improvementItems(ctx, sec.lines)) {
          findings.push({ type: 'area_for_improvement', question: null, text });
        }
        break;
      case 'outcome':
        outcome ??= outcome2023(ctx, sec.lines);
        wording ??= outcomeWording(ctx, sec.lines);
        break;
      default:
        break;
    }
  }
  outcome ??= outcomeByKeywords(ctx);
  // Headings of the same kind run together as one section: find the team by its own heading.
  const teamAt = ctx.lines.findIndex((l) => /^(?:the )?inspection team:?$/i.test(l.text));
  const team = teamAt >= 0 ? inspectionTeam(ctx.lines.slice(teamAt + 1, teamAt + 30)) : null;
  // The title names a monitoring inspection; a full report only says one will follow.
  const monitoring = /\bmonitoring inspection of\b|^(?:area SEND )?monitoring inspection\b/im.test(
    ctx.flat.slice(0, 600),
  );
  const progress = monitoring ? monitoringProgress(ctx) : [];
  if (monitoring) {
    // A monitoring inspection's findings are the areas for priority action it judges.
    findings.length = 0;
    for (const p of progress)
      findings.push({ type: 'priority_action', question: null, text: p.weakness });
  } else if (findings.length === 0) {
    findings.push(...quotedFindings(ctx));
  }
  const dates = inspectionDates2023(ctx);
  return {
    framework: '2023',
    kind: monitoring ? 'monitoring' : 'full',
    area: area2023(ctx),
    onSiteStart: dates?.start ?? null,
    onSiteEnd: dates?.end ?? null,
    letterDate: publicationDate(ctx),
    outcome: monitoring ? null : outcome,
    outcomeWording: wording,
    team,
    wsoaRequired: null,
    findings,
    progress,
    progressInAll: false,
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
    // A page or press release: "… inspected the Eastmoor local area partnership".
    /\b(?:inspected|inspection of)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+local\s+area\s+partnership\b/.exec(
      ctx.flat.replace(/\s+/g, ' '),
    ) ??
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
  const flat = ctx.flat.replace(/\n/g, ' ');
  const m = /inspection (?:took place|was carried out)[^.]*/i.exec(flat);
  if (m) return findDateRange(m[0]);
  // A page or press release: "Inspectors visited the area between 9 and 13 September 2024."
  for (const s of sentences(flat)) {
    if (!/\b(?:inspect|visited|on site)/i.test(s) || /previous|last full/i.test(s)) continue;
    const range = findDateRange(s);
    if (range && range.start !== range.end) return range;
  }
  return null;
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

/** The outcome paragraph as published: its sentences up to what comes next (monitoring, plans). */
function outcomeWording(ctx: Context, lines: Line[]): string | null {
  const paras = blocksOf(ctx, lines, 'paragraphs').map((b) => textOf(ctx, b));
  const kept: string[] = [];
  for (const s of sentences(paras.join(' '))) {
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

// ---------------------------------------------------------------------------------------------
// 2016 framework: joint local area SEND inspection and revisit letters, and pages quoting them
