/**
 * Parts of a 2023-framework letter read beyond its findings lists: the inspection team, a
 * monitoring inspection's judgement of each area for priority action, and findings quoted in a
 * fragment (a council page or press release: "The inspectors identified the following areas for
 * improvement: …"). Pure.
 */
import type { Line } from './layout.js';
import type { Finding, FindingType, ProgressJudgement } from './letter-model.js';
import { blocksOf, sections, textOf, type Context } from './letter-sections.js';

/** "Name, Ofsted lead inspector" or "Name HMI, Ofsted": a name, then a role from either body. */
const TEAM_MEMBER =
  /([A-Z][^,\t]*?),\s*((?:Ofsted|CQC)(?:,?\s+(?:HMI|[Ll]ead|[Ss]enior|[Ii]nspector|[Ss]ocial [Cc]are|[Ee]ducation))*)(?=\s|$)/g;

/**
 * The inspectors under "Inspection team", one per line as "name, role": Ofsted's column first,
 * then the CQC's (the table has a column for each, and rows mix them).
 */
export function inspectionTeam(lines: Line[]): string | null {
  const members: { name: string; role: string }[] = [];
  for (const line of lines) {
    const found = [...line.cells.join('\t').matchAll(TEAM_MEMBER)].map((m) => ({
      name: m[1]!.trim(),
      role: m[2]!.trim(),
    }));
    // The table ends at the first line after it that names nobody ("If you are not happy…").
    if (
      found.length === 0 &&
      members.length > 0 &&
      !/^(?:ofsted|cqc|care quality)/i.test(line.text)
    )
      break;
    members.push(...found);
  }
  if (members.length === 0) return null;
  const ofsted = members.filter((m) => /^ofsted/i.test(m.role));
  const others = members.filter((m) => !/^ofsted/i.test(m.role));
  return [...ofsted, ...others].map((m) => `${m.name}, ${m.role}`).join('\n');
}

const AREA_MARKER = /^area for priority action\s*\d+\s*[:.]?\s*(.*)$/i;
const VERDICT = /\b(?:has|have|had)\s+(not\s+)?(?:yet\s+)?made\s+(in)?sufficient\s+progress\b/i;

/**
 * A monitoring inspection's judgement of each area for priority action: each area (numbered,
 * "Area for priority action 1", or quoted under the heading) and the verdict that follows it.
 */
export function monitoringProgress(ctx: Context): ProgressJudgement[] {
  const secs = sections(ctx);
  const from = secs.findIndex((s) => s.kind === 'priority');
  const lines = (from >= 0 ? secs.slice(from) : secs)
    .filter((s) => s.kind !== 'end' && s.kind !== 'other')
    .flatMap((s) => s.lines);
  const texts = blocksOf(ctx, lines, 'auto').map((b) => textOf(ctx, b));
  const out: ProgressJudgement[] = [];
  const numbered = texts.some((t) => AREA_MARKER.test(t));
  let area: string | null = null;
  let judged = false;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const marker = AREA_MARKER.exec(text);
    if (marker) {
      area = marker[1] || texts[++i] || null;
      judged = false;
      continue;
    }
    const verdict = VERDICT.exec(text);
    if (!numbered && !verdict && (area === null || judged)) {
      // Unnumbered: the first paragraph after the last verdict is the next area.
      area = text;
      judged = false;
      continue;
    }
    if (verdict && area && !judged) {
      out.push({ weakness: area, sufficientProgress: !verdict[1] && !verdict[2] });
      judged = true;
    }
  }
  return out;
}

const LEAD_INS: [RegExp, FindingType][] = [
  [/\bareas? for priority action\b/i, 'priority_action'],
  [/\bareas? for improvement\b/i, 'area_for_improvement'],
  [/\b(?:areas? for development|needs? to (?:do better|improve))\b/i, 'area_for_development'],
  [/\b(?:strengths|doing well|is effective|was effective)\b/i, 'strength'],
];

/**
 * Findings a fragment quotes as bullets after a lead-in that names them ("The inspectors
 * identified the following areas for improvement:"), for text with none of a report's headings.
 */
export function quotedFindings(ctx: Context): Finding[] {
  const findings: Finding[] = [];
  let type: FindingType | null = null;
  for (const block of blocksOf(ctx, ctx.lines, 'auto')) {
    const text = textOf(ctx, block);
    if (block.kind === 'para') {
      type = /:\s*$/.test(text) ? (LEAD_INS.find(([re]) => re.test(text))?.[1] ?? null) : null;
      continue;
    }
    if (type) findings.push({ type, question: null, text: text.replace(/[;,]$/, '') });
  }
  return findings;
}
