/**
 * Reading a 2016-framework outcome letter (an inspection or a revisit): its area, dates, the
 * written statement of action, findings by question, and a revisit's judgement of each weakness.
 */
import { dateOnlyLine, findDateRange } from './dates.js';
import type { Line } from './layout.js';
import type {
  Finding,
  FindingType,
  LetterKind,
  LetterProposal,
  ProgressJudgement,
  Question,
} from './letter-model.js';
import {
  blocksOf,
  cleanArea,
  publicationDate,
  questionOf,
  sections,
  sentences,
  textOf,
  type Context,
} from './letter-sections.js';

const WEAKNESS_LEAD_IN =
  /\b(?:areas?|aspects?) of (?:significant )?weakness(?:es)?\b[^.]*:\s*$|\bsignificant weakness(?:es)?\b[^.]*:\s*$/i;
const PER_WEAKNESS_VERDICT =
  /\b(?:has|have)\s+(not\s+)?made\s+sufficient\s+progress\s+(?:in\s+)?(?:addressing|to\s+address|against|on|tackling|in\s+tackling|improving)?\s*(?:this|that|the\s+above)\s+(?:area\s+of\s+)?(?:significant\s+)?(?:weakness|area)/i;
/**
 * A lead-in to a list of weaknesses sharing one judgement, as letters and the pages quoting them
 * word it: "has made sufficient progress in addressing the following …:", "The seven concerns
 * where sufficient progress has been made are:", "It has not made sufficient progress in:",
 * "In the two remaining areas there is further work to do:". The verdict, or null.
 */
function listVerdict(text: string): boolean | null {
  if (!/:\s*$/.test(text)) return null;
  const last = sentences(text).pop() ?? '';
  if (!/sufficient progress|further work to do/i.test(last)) return null;
  return !/\bnot\b[^:]*sufficient progress|insufficient progress|further work to do|sufficient progress[^:]*\bnot\b/i.test(
    last,
  );
}

/** "Sufficient progress had been made in all four areas": every weakness judged, none named. */
const ALL_SUFFICIENT =
  /\bsufficient progress (?:had|has|have) been made (?:in|against|on) all\b|\bmade sufficient progress (?:in|against|on|with) all\b/i;

export function parse2016(ctx: Context): LetterProposal {
  const { flat } = ctx;
  const isRevisit =
    /joint local area (?:SEND|special educational needs[^\n]*?) re-?visit\b/i.test(flat) ||
    /^[^\n]*\bre-?visit (?:in|of)\b[^\n]*$/im.test(flat.slice(0, 2000)) ||
    /\brevisited the (?:local )?area\b/i.test(flat) ||
    // A page reporting a revisit's outcome: "Following the revisit, … sufficient progress".
    (/\bre-?visit/i.test(flat) && /\bsufficient progress\b/i.test(flat));
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
    outcomeWording: null,
    team: null,
    progressInAll:
      kind === 'revisit' && progress.length === 0 && ALL_SUFFICIENT.test(flat.replace(/\s+/g, ' ')),
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
  let verdict: boolean | null = null;
  for (const block of blocks) {
    const text = textOf(ctx, block);
    const list = listVerdict(text);
    if (list !== null) {
      verdict = list;
      since = [];
      continue;
    }
    if (verdict !== null) {
      if (block.kind === 'item') {
        out.push({ weakness: cleanWeakness(text), sufficientProgress: verdict });
        continue;
      }
      // The inspectors' words quoted under a weakness keep the list going.
      if (/^['\u2018\u201C"]/.test(text)) continue;
      verdict = null;
    }
    const judged = PER_WEAKNESS_VERDICT.exec(text);
    if (!judged) {
      since.push(text);
      continue;
    }
    let weakness = since.find((t) => !/[.]["'\u2019)]*$/.test(t)) ?? since[0];
    if (!weakness) {
      // The weakness and the verdict in one paragraph: the text before the verdict sentence.
      const before = text
        .slice(0, judged.index)
        .replace(/\b(?:the|this)\s+(?:local\s+)?area\s*$/i, '');
      weakness = sentences(before)[0];
    }
    if (weakness) {
      out.push({ weakness: cleanWeakness(weakness), sufficientProgress: !judged[1] });
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
      (s) =>
        /made sufficient progress|sufficient progress (?:had|has|have) been made/i.test(s) &&
        !/\bwhether\b/i.test(s),
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
