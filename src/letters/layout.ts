/**
 * Turning messy letter text (PDF extractions, pasted web pages, Word exports) into lines, with
 * page furniture removed, and lines into paragraphs and bulleted items.
 */

export interface Line {
  /** Trimmed, whitespace collapsed, tabs turned into spaces. */
  text: string;
  /** The line split at tabs: a PDF extraction marks table cells with them. */
  cells: string[];
  /** The line started with a tab: it starts in a later table column. */
  indented: boolean;
  /** Leading spaces: how far the line is indented from the margin. */
  indent: number;
  /** A blank line or a page break comes before this line. */
  blankBefore: boolean;
  pageBreakBefore: boolean;
}

export interface Part {
  /** The sub-bullet's own marker ("•", "(a)"); null for the item's own text. */
  marker: string | null;
  /** Whether a bullet started the part, and the indent of that first line. */
  bulleted: boolean;
  indent: number;
  lines: string[];
}

export interface Block {
  kind: 'item' | 'para';
  /** Kind of bullet that started the item: "glyph:◼", "num", "alpha"... */
  markerType: string | null;
  parts: Part[];
}

/** Unify line endings and the odd spaces and invisible characters PDFs and web pages produce. */
export function normaliseText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
      .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      // A soft hyphen at a line end is a word broken by the layout; elsewhere it is invisible.
      .replace(/\u00AD[ \t]*\n[ \t]*/g, '')
      .replace(/\u00AD/g, '')
      .replace(/\v/g, '\n')
      // Markdown bold and headings from pages converted to text.
      .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
      .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, '$1')
      .replace(/^([ \t]*)\*\*(?=\S)/gm, '$1')
      .replace(/(\S)\*\*[ \t]*$/gm, '$1')
  );
}

const PAGE_NUMBER =
  /^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]$|^page\s+\d{1,4}\b/i;

function furnitureKey(line: string): string {
  return line.replace(/\s+/g, ' ').trim().toLowerCase().replace(/\d+/g, '#');
}

function headOrTail<T>(items: T[], n: number): T[] {
  return items.length <= 2 * n ? items : [...items.slice(0, n), ...items.slice(-n)];
}

/**
 * Split normalised text into lines and drop running headers, footers and page numbers. They are
 * found by repetition (the same line, give or take its numbers, at the top or bottom of many pages
 * or many times over), never by their wording, so unseen report layouts are handled too.
 */
export function toLines(text: string, isHeading: (line: string) => boolean): Line[] {
  const pages = text.split('\f').map((p) => p.split('\n'));
  const furniture = new Set<string>();

  // A sample line for each key, for asking whether it is a heading (which is never furniture).
  const sample = new Map<string, string>();
  for (const line of pages.flat()) {
    const t = line.trim();
    if (t !== '' && !sample.has(furnitureKey(t))) sample.set(furnitureKey(t), t);
  }
  // Sentences are content, however often they repeat ("The area has made sufficient progress…").
  const keep = (key: string) => {
    const line = sample.get(key) ?? key;
    return isHeading(line) || /[.!?]["'\u2019\u201D)]*$/.test(line);
  };

  if (pages.length >= 2) {
    const seenOn = new Map<string, number>();
    for (const page of pages) {
      const edge = headOrTail(
        page.map((l) => l.trim()).filter((l) => l !== ''),
        3,
      );
      for (const key of new Set(edge.map(furnitureKey))) {
        seenOn.set(key, (seenOn.get(key) ?? 0) + 1);
      }
    }
    const need = Math.max(2, Math.ceil(0.4 * (pages.length - 1)));
    for (const [key, count] of seenOn) {
      if (count >= need && !keep(key)) furniture.add(key);
    }
  }

  // Without page breaks (pasted text), a line repeated with a changing number is a running
  // header or footer ("Inspection report ... 2", "... 3"), and so is a long line repeated beside it.
  const all = pages.flat().map((l) => l.trim());
  const variants = new Map<string, Set<string>>();
  for (const line of all) {
    if (!/\d/.test(line) || line.length < 8) continue;
    const key = furnitureKey(line);
    const set = variants.get(key) ?? new Set<string>();
    set.add(line);
    variants.set(key, set);
  }
  const counters = new Set<string>();
  for (const [key, set] of variants) {
    if (set.size >= 3) counters.add(key);
  }
  const exactCount = new Map<string, number>();
  for (const line of all) exactCount.set(line, (exactCount.get(line) ?? 0) + 1);
  const bareNumber = (l: string | undefined) => l !== undefined && /^\d{1,3}$/.test(l);
  for (const [line, count] of exactCount) {
    if (count < 3 || keep(furnitureKey(line))) continue;
    // Repeated verbatim: a long line (table cells are narrow), or one naming a year.
    if (line.length >= 40 || (line.length >= 25 && /\b(19|20)\d\d\b/.test(line))) {
      furniture.add(furnitureKey(line));
    }
  }
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (
      line.length >= 20 &&
      (exactCount.get(line) ?? 0) >= 3 &&
      !keep(furnitureKey(line)) &&
      (bareNumber(all[i - 1]) || bareNumber(all[i + 1]))
    ) {
      furniture.add(furnitureKey(line));
    }
    if (!counters.has(furnitureKey(line)) || keep(furnitureKey(line))) continue;
    furniture.add(furnitureKey(line));
    for (const j of [i - 2, i - 1, i + 1, i + 2]) {
      const near = all[j];
      if (
        near &&
        near.length >= 25 &&
        (exactCount.get(near) ?? 0) >= 3 &&
        !keep(furnitureKey(near))
      ) {
        furniture.add(furnitureKey(near));
      }
    }
  }

  const lines: Line[] = [];
  let blank = false;
  let pageBreak = false;
  pages.forEach((page, p) => {
    if (p > 0) {
      blank = true;
      pageBreak = true;
    }
    const nonEmpty = page.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l !== '');
    const edges = new Set(headOrTail(nonEmpty, 3).map((x) => x.i));
    page.forEach((raw, i) => {
      const trimmed = raw.trim();
      if (trimmed === '') {
        blank = true;
        return;
      }
      const key = furnitureKey(trimmed);
      if (furniture.has(key) || (edges.has(i) && pages.length > 1 && PAGE_NUMBER.test(trimmed))) {
        blank = true;
        pageBreak = true;
        return;
      }
      if (/^page\s+\d{1,4}\s+of\s+\d{1,4}$/i.test(trimmed)) return;
      const indent = /^ */.exec(raw)![0].length;
      const indented = /^\t/.test(raw.slice(indent));
      const cells = trimmed
        .split(/\t+/)
        .map((c) => c.replace(/\s+/g, ' ').trim())
        .filter((c) => c !== '');
      lines.push({
        text: cells.join(' '),
        cells,
        indented,
        indent,
        blankBefore: blank,
        pageBreakBefore: pageBreak,
      });
      blank = false;
      pageBreak = false;
    });
  });
  return dropBareNumbers(lines);
}

/** Stand-alone increasing numbers in pasted text are page numbers. */
function dropBareNumbers(lines: Line[]): Line[] {
  const bare = lines.filter((l) => /^\d{1,3}$/.test(l.text));
  if (bare.length < 2) return lines;
  const values = bare.map((l) => Number(l.text));
  const increasing = values.every((v, i) => i === 0 || v > values[i - 1]!);
  if (!increasing) return lines;
  const out: Line[] = [];
  let carry = false;
  for (const line of lines) {
    if (/^\d{1,3}$/.test(line.text)) {
      carry = true;
      continue;
    }
    out.push(carry ? { ...line, blankBefore: true, pageBreakBefore: true } : line);
    carry = false;
  }
  return out;
}

const GLYPHS =
  '\u25FC\u25AA\u25A0\u25A1\u25CF\u25E6\u2022\u2023\u2043\u2219\u00B7\u27A4\u27A2\u25BA\u25B6\u2713\u2714\u2756\u25C6\u25C7\u2666\uF0B7\uF0A7\uF0D8\uF076\uF0FC\uF0E0';
const DASHES = '\\-\u2010-\u2015\u2212';
const BULLET = new RegExp(
  `^(?:([${GLYPHS}*${DASHES}])|(\\(?\\d{1,2}[.)])|(\\(?[a-h]\\))|(\\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\\)|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\\)))(?:\\s+|$)`,
);
const DASH_CHARS = new RegExp(`^[${DASHES}]$`);

export interface BulletMatch {
  marker: string;
  type: string;
  rest: string;
}

export function matchBullet(text: string): BulletMatch | null {
  const m = BULLET.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trim();
  if (m[1]) {
    // "-" alone, or "- " then text; not a negative number or a dash joining words.
    return { marker: m[1], type: `glyph:${DASH_CHARS.test(m[1]) ? '-' : m[1]}`, rest };
  }
  if (m[2]) return { marker: m[2], type: 'num', rest };
  if (m[3]) return { marker: m[3], type: 'alpha', rest };
  return { marker: m[4] ?? '', type: 'roman', rest };
}

/** Ends a sentence (a closing quote or bracket may follow the stop). */
export function endsSentence(text: string): boolean {
  return /[.!?;:]["'\u2019\u201D)\]]*$/.test(text.trim());
}

export interface BlockOptions {
  /** 'paragraphs': paragraphs are the items and any bullets belong to the paragraph before. */
  topLevel: 'auto' | 'paragraphs';
  /** A full line's usual length, to tell wrapped lines from paragraph ends without blank lines. */
  wrapWidth: number;
  /** The text separates paragraphs with blank lines, so lines without one are continuations. */
  blankLines: boolean;
  /** Bullets' text hangs indented under them, so a line back at the margin ends the bullet. */
  hanging: boolean;
  /** A list of bullets only: a paragraph after a bullet is that bullet's next paragraph. */
  absorb?: boolean;
}

/**
 * Group lines into bulleted items and paragraphs. A line continues the block before it unless it
 * starts a bullet or clearly starts a new paragraph (blank line or page break, previous text ending
 * a sentence, capital letter); so bullets broken by page breaks or pasted with hard line breaks
 * come out whole.
 */
export function splitBlocks(lines: Line[], options: BlockOptions): Block[] {
  const blocks: Block[] = [];
  const established = new Set<string>();
  let topType: string | null = null;
  let pending: BulletMatch | null = null;
  let cur: Block | null = null;
  let prevText = '';

  const startBlock = (kind: Block['kind'], markerType: string | null, text: string, line: Line) => {
    const part: Part = {
      marker: null,
      bulleted: kind === 'item',
      indent: line.indent,
      lines: text ? [text] : [],
    };
    cur = { kind, markerType, parts: [part] };
    blocks.push(cur);
  };

  for (const line of lines) {
    let bullet = matchBullet(line.text);
    const held = pending as BulletMatch | null;
    if (held) {
      bullet = bullet ?? { ...held, rest: line.text };
      pending = null;
    }
    if (bullet && bullet.rest === '') {
      // A bullet on a line of its own, beside its text.
      pending = bullet;
      continue;
    }
    const block = cur as Block | null;
    if (bullet && bullet.type === 'glyph:-' && !established.has('glyph:-') && block) {
      // A dash at the start of a wrapped line joins words; it is a bullet only after a lead-in.
      if (!endsSentence(prevText)) bullet = null;
    }
    if (bullet) {
      established.add(bullet.type);
      const sub =
        block !== null &&
        ((options.topLevel === 'paragraphs' && block.kind === 'para') ||
          (block.kind === 'item' &&
            topType !== null &&
            bullet.type !== topType &&
            (/:\s*$/.test(prevText) || block.parts.length > 1)) ||
          (block.kind === 'para' &&
            options.topLevel === 'auto' &&
            topType !== null &&
            bullet.type !== topType &&
            /:\s*$/.test(prevText)));
      if (sub && block) {
        block.parts.push({
          marker: bullet.marker,
          bulleted: true,
          indent: line.indent,
          lines: [bullet.rest],
        });
      } else {
        if (options.topLevel === 'auto' && topType === null) topType = bullet.type;
        startBlock('item', bullet.type, bullet.rest, line);
      }
      prevText = bullet.rest;
      continue;
    }
    const part = block?.parts[block.parts.length - 1];
    const absorbed =
      options.absorb === true &&
      block?.kind === 'item' &&
      !(options.hanging && line.indent <= (part?.indent ?? 0));
    if (block && part && (absorbed || continues(prevText, line, part, options))) {
      part.lines.push(line.text);
    } else {
      startBlock('para', null, line.text, line);
    }
    prevText = line.text;
  }
  return blocks.filter((b) => blockText(b) !== '');
}

function continues(prev: string, line: Line, part: Part, options: BlockOptions): boolean {
  if (options.hanging && part.bulleted) {
    // Indented under the bullet: its next line or paragraph, even after a page break.
    if (line.indent > part.indent) return true;
    if (endsSentence(prev) || /^[A-Z]/.test(line.text)) return false;
  }
  if (/^[a-z]/.test(line.text)) return true;
  if (!endsSentence(prev)) {
    if (!line.blankBefore) return true;
    // Across a blank line or page break only an unfinished phrase carries on ("pupils who have"
    // + "SEN and/or disabilities"); a list item without a full stop does not.
    return UNFINISHED.test(prev);
  }
  if (line.blankBefore) return false;
  if (options.blankLines) return true;
  // Hard line breaks everywhere: if the next line's first word would have fitted on a line that
  // ends a sentence, the line was not wrapped but ended its paragraph.
  const firstWord = /^\S+/.exec(line.text)?.[0] ?? '';
  return prev.length + 1 + firstWord.length >= 0.92 * options.wrapWidth;
}

const UNFINISHED =
  /(?:^|\s)(?:a|an|the|of|to|in|into|on|at|by|for|from|with|within|without|and|or|but|nor|as|than|that|which|who|whose|where|when|while|because|if|is|are|was|were|be|been|being|has|have|had|do|does|did|not|no|its|their|his|her|our|your|this|these|those|such|all|any|some|more|most|very|so|including|between|about|across|through|over|under|after|before)$|[,(\-\u2013\u2014/&]$/i;

/** Whether bullets' continuation lines are indented under them (as in a PDF extraction). */
export function usesHangingIndent(lines: Line[]): boolean {
  let hanging = 0;
  let flush = 0;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    if (!matchBullet(prev.text) || matchBullet(line.text) || line.blankBefore) continue;
    if (line.indent > prev.indent) hanging++;
    else flush++;
  }
  return hanging >= 3 && hanging > 2 * flush;
}

/** Whether the text marks paragraphs with blank lines (PDF extractions and most pages do). */
export function usesBlankLines(lines: Line[]): boolean {
  return lines.filter((l) => l.blankBefore).length >= 0.05 * lines.length;
}

/** A typical full line's length: longer lines are wrapped, shorter ones end paragraphs. */
export function typicalWidth(lines: Line[]): number {
  const lengths = lines
    .map((l) => l.text.length)
    .filter((n) => n >= 20)
    .sort((a, b) => a - b);
  if (lengths.length === 0) return 80;
  return lengths[Math.floor(0.9 * (lengths.length - 1))]!;
}

/** Word endings that are no words by themselves: "improve-" + "ment" was broken by the layout. */
const SUFFIX_FRAGMENT =
  /^(?:[a-z]{0,3}(?:ment|ments|tion|tions|sion|sions|ness|ity|ities|ance|ances|ence|ences|ally|ised|ized|ous|ual|ical|ively|ible|able|ably|ship|ships)|ing|ings|ed|er|ers|ly|al|ic|es|ise|ize|ive|ful|less|hood)$/;

/**
 * Join the lines of one item into one line. A hyphen at a line end is kept ("co-" + "produced"),
 * unless the piece after it is a bare word ending, not seen as a word of its own, and the document
 * spells the whole word elsewhere: only then was it surely the layout breaking the word.
 */
export function joinLines(lines: string[], vocabulary: Set<string>): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (out === '') {
      out = line;
      continue;
    }
    const hyphen = /([A-Za-z]+)[-\u2010]$/.exec(out);
    const next = /^([a-z]+)/.exec(line);
    if (hyphen && next) {
      const joined = (hyphen[1]! + next[1]!).toLowerCase();
      const hyphenated = `${hyphen[1]!}-${next[1]!}`.toLowerCase();
      // Only a fragment that is no word of its own ("ment") marks a word the layout broke;
      // "well-" + "being" or "co-" + "produced" keep their hyphen.
      const fragment = next[1]!.toLowerCase();
      const artifact =
        SUFFIX_FRAGMENT.test(fragment) &&
        vocabulary.has(joined) &&
        !vocabulary.has(hyphenated) &&
        !vocabulary.has(fragment);
      out = artifact ? out.slice(0, -1) + line : out + line;
    } else if (/[/]$/.test(out) && /^[\w.-]+\//.test(line)) {
      // A web address broken after a slash.
      out += line;
    } else {
      out += ' ' + line;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

export function blockText(block: Block, vocabulary: Set<string> = new Set()): string {
  return block.parts
    .map((p) => {
      const body = joinLines(p.lines, vocabulary);
      return p.marker ? `${p.marker} ${body}`.trim() : body;
    })
    .filter((t) => t !== '')
    .join(' ')
    .trim();
}

/**
 * Words seen whole in the document, for judging words broken at a line end. The word after a
 * line ending in a hyphen is left out: it may be only the end of a broken word ("ment").
 */
export function buildVocabulary(lines: Line[]): Set<string> {
  const words = new Set<string>();
  let prevBroken = false;
  for (const line of lines) {
    const tokens = line.text.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? [];
    tokens.forEach((w, i) => {
      if (i === 0 && prevBroken) return;
      words.add(w);
      const pieces = w.split('-');
      for (const piece of pieces) words.add(piece);
      for (let k = 0; k + 1 < pieces.length; k++) words.add(`${pieces[k]}-${pieces[k + 1]}`);
    });
    prevBroken = /[A-Za-z][-\u2010]$/.test(line.text);
  }
  return words;
}
