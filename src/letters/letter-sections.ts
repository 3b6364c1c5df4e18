/**
 * What both frameworks' parsers share: a letter's lines with what was learnt of its layout, its
 * headings and the sections they open, the blocks and list items of a section, and a few
 * sentences and dates read the same way in either framework.
 */
import { findDate } from './dates.js';
import {
  blockText,
  endsSentence,
  matchBullet,
  splitBlocks,
  type Block,
  type Line,
} from './layout.js';
import type { Question } from './letter-model.js';

export type HeadingKind =
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

export const HEADINGS: [RegExp, HeadingKind][] = [
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

export const QUESTION_START =
  /^(?:the )?effectiveness of the (?:local )?area in\b|^how effective(?:ly)? (?:is )?the (?:local )?area\b/i;

export function headingKind(text: string): HeadingKind | null {
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

export function questionOf(heading: string): Question | null {
  if (/identif/i.test(heading)) return 'identify';
  if (/outcome/i.test(heading)) return 'outcomes';
  if (/assess|meet/i.test(heading)) return 'assess_meet';
  return null;
}

export interface Context {
  lines: Line[];
  vocabulary: Set<string>;
  wrapWidth: number;
  blankLines: boolean;
  hanging: boolean;
  /** The lines joined, one per line, for searching. */
  flat: string;
}

export interface Section {
  kind: HeadingKind | 'preamble';
  heading: string;
  lines: Line[];
}

export function sections(ctx: Context): Section[] {
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

export function blocksOf(
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

export function textOf(ctx: Context, block: Block): string {
  return blockText(block, ctx.vocabulary);
}

/**
 * The items of a findings list: its bullets, or its paragraphs when it has no bullets. With
 * `absorb`, the list holds nothing but bullets, so a paragraph after one belongs to it.
 */
export function listItems(ctx: Context, lines: Line[], absorb = false): string[] {
  const blocks = blocksOf(ctx, lines, 'auto', absorb);
  const items = blocks.filter((b) => b.kind === 'item');
  return (items.length > 0 ? items : blocks).map((b) => textOf(ctx, b)).filter((t) => t !== '');
}

export function cleanArea(raw: string): string | null {
  const area = raw
    .replace(/\s+/g, ' ')
    .replace(/[.,:;]+$/, '')
    .trim();
  return area === '' ? null : area;
}

export function publicationDate(ctx: Context): string | null {
  // A page quoting the report: the report's date, not the page's own.
  const said = /\b(?:report|letter) was published on\s+([^\n.]{0,40})/i.exec(ctx.flat);
  const saidDate = said ? findDate(said[1]!) : null;
  if (saidDate && saidDate.index < 5) return saidDate.date;
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

export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?]["'\u2019\u201D)]*)\s+(?=["'\u2018\u201C(]*[A-Z])/)
    .filter((s) => s !== '');
}
