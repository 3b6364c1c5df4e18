import {
  buildVocabulary,
  normaliseText,
  toLines,
  typicalWidth,
  usesBlankLines,
  usesHangingIndent,
} from './layout.js';
import type { Framework, LetterProposal } from './letter-model.js';
import { headingKind, type Context } from './letter-sections.js';
import { parse2016 } from './parse-2016.js';
import { parse2023 } from './parse-2023.js';

export {
  OUTCOMES_2023,
  type Finding,
  type FindingType,
  type Framework,
  type LetterKind,
  type LetterProposal,
  type ProgressJudgement,
  type Question,
} from './letter-model.js';

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
    outcomeWording: null,
    team: null,
    wsoaRequired: null,
    findings: [],
    progress: [],
    progressInAll: false,
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
  // A page or press release quoting a 2023 report's findings or outcome.
  if (/\bareas? for (?:improvement|priority action)\b[^.\n]*:\s*$/im.test(flat)) score2023 += 2;
  if (/\blocal area partnership\b/i.test(flat)) score2023 += 1;
  if (/joint local area (?:SEND|special educational needs)/i.test(flat)) score2016 += 3;
  if (/written statement of action/i.test(flat)) score2016 += 2;
  if (/significant weakness|areas? of significant\s+weakness/i.test(flat)) score2016 += 2;
  if (/effectiveness of the local area in/i.test(flat)) score2016 += 1;
  // A page or report on a revisit: "sufficient progress had been made in all four areas".
  if (/\bWSoA\b/i.test(flat)) score2016 += 2;
  if (/\bre-?visit/i.test(flat) && /\bsufficient progress\b/i.test(flat)) score2016 += 2;
  if (/^areas for development:?$/im.test(flat)) score2016 += 1;
  if (score2023 === 0 && score2016 === 0) return null;
  return score2023 >= score2016 ? '2023' : '2016';
}
