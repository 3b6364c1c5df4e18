import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { LetterInputError, MAX_TEXT_BYTES } from './errors.js';
import { parseLetter, type LetterProposal } from './parse-letter.js';

/** One run of text as pdf.js reports it, in PDF user space (y grows upwards). */
interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface Line {
  y: number;
  size: number;
  x: number;
  /** Left edges of the cells after the first, where a wide gap split the line. */
  cellStarts: number[];
  runs: Run[];
}

/** A horizontal gap this many times the font size, with no space between, separates table cells. */
const CELL_GAP = 1.2;
/** A vertical step this many times the font size means a new paragraph (lines step ~1.2). */
const PARAGRAPH_STEP = 1.7;

const utf8 = new TextEncoder();

/**
 * Extract the text of a PDF with its layout kept as plain text: one text line per line, a blank
 * line between paragraphs, "\f" on a line of its own between pages. Table cells on one line are
 * separated by a tab, and a line that starts in a table's later column is indented with a tab, so
 * the parser can tell the "responsible body" column from the action column.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  options: { maxTextBytes?: number } = {},
): Promise<string> {
  if (!looksLikePdf(bytes)) {
    throw new LetterInputError('not_pdf', 'This file is not a PDF. Upload the report as a PDF.');
  }
  // pdf.js may detach the buffer it is given; work on a copy so the caller's bytes survive.
  const data = new Uint8Array(bytes);
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    doc = await getDocumentProxy(data, { verbosity: 0, isEvalSupported: false });
  } catch (err) {
    const name = (err as { name?: string } | null)?.name;
    if (name === 'PasswordException') {
      throw new LetterInputError(
        'encrypted',
        'This PDF is protected by a password. Remove the password, or download the report again from the Ofsted website, and upload it again.',
      );
    }
    throw new LetterInputError(
      'invalid_pdf',
      'This PDF could not be read. It may be damaged: download it again and upload it again.',
    );
  }
  try {
    const limit = options.maxTextBytes ?? MAX_TEXT_BYTES;
    const pages: Line[][] = [];
    let runCount = 0;
    let size = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const t = item.transform as number[];
        runs.push({
          str: item.str,
          x: t[4] ?? 0,
          y: t[5] ?? 0,
          width: item.width,
          size: Math.abs(t[3] ?? 0) || item.height || 10,
        });
      }
      runCount += runs.filter((r) => r.str.trim() !== '').length;
      // Stop early rather than lay out hundreds of megabytes.
      size += runs.reduce((n, r) => n + utf8.encode(r.str).length + 1, 0);
      if (size > limit) throw tooLarge();
      pages.push(buildLines(runs));
      page.cleanup();
    }
    if (runCount === 0) {
      if (!(await hasImages(doc))) {
        throw new LetterInputError('empty', 'This PDF is blank: it contains no text.');
      }
      throw new LetterInputError(
        'no_text_layer',
        'This PDF has no text layer: it looks like a scanned image. Upload the PDF published by Ofsted, or paste the text of the letter instead.',
      );
    }
    const text = renderPages(pages);
    if (utf8.encode(text).length > limit) {
      throw tooLarge();
    }
    return text;
  } finally {
    await doc.destroy();
  }
}

/** Whether any page paints an image: a PDF without text but with images is a scan. */
async function hasImages(doc: Awaited<ReturnType<typeof getDocumentProxy>>): Promise<boolean> {
  const { OPS } = await getResolvedPDFJS();
  const painting = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintInlineImageXObject,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintImageMaskXObject,
    OPS.paintImageMaskXObjectGroup,
    OPS.paintImageMaskXObjectRepeat,
  ]);
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    if (ops.fnArray.some((fn: number) => painting.has(fn))) return true;
  }
  return false;
}

/**
 * Read an uploaded outcome letter or report (.pdf, or .txt in UTF-8) and propose what it says.
 * Throws LetterInputError for anything the user must fix.
 */
export async function parseLetterFile(
  bytes: Uint8Array,
  filename: string,
): Promise<LetterProposal> {
  const ext = /\.([a-z0-9]+)$/i.exec(filename.trim())?.[1]?.toLowerCase();
  if (ext === 'pdf') return parseLetter(await extractPdfText(bytes));
  if (ext === 'txt' || ext === 'text') return parseLetter(decodeTextFile(bytes));
  throw new LetterInputError(
    'unsupported_type',
    'Upload the letter as a PDF (.pdf) or a plain text file (.txt).',
  );
}

/**
 * Decode a .txt upload: UTF-8 (or UTF-16 with a byte order mark, as Windows Notepad saves
 * "Unicode"), byte order mark dropped, size and emptiness checked.
 */
export function decodeTextFile(bytes: Uint8Array): string {
  if (bytes.length > MAX_TEXT_BYTES) throw tooLarge();
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  const text = new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new LetterInputError('empty', 'This file is empty.');
  return text;
}

function tooLarge(): LetterInputError {
  return new LetterInputError(
    'too_large',
    'This file has more than 10 MB of text, which is far more than an inspection letter or report. Check that you chose the right file.',
  );
}

/** The PDF header may follow a little junk, which readers tolerate within the first kilobyte. */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** Group runs into visual lines by baseline, left to right, splitting table cells with a tab. */
function buildLines(runs: Run[]): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Run[][] = [];
  for (const run of sorted) {
    const current = groups[groups.length - 1];
    const first = current?.[0];
    // Bullets and glyphs from other fonts sit a little off the baseline of the text they belong to.
    if (current && first && Math.abs(first.y - run.y) <= Math.max(2, 0.35 * first.size)) {
      current.push(run);
    } else {
      groups.push([run]);
    }
  }
  const lines: Line[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    const head = group[0];
    const { text, cellStarts } = joinRuns(group, []);
    if (!head || text.trim() === '') continue;
    // The baseline of the line's main text, not of a bullet or symbol set a little higher.
    const main = group.reduce((a, b) => (b.str.trim().length > a.str.trim().length ? b : a));
    lines.push({ y: main.y, size: main.size || 10, x: head.x, cellStarts, runs: group });
  }
  return lines;
}

/**
 * The text of a line, with a tab between table cells: where a wide gap separates two runs, or
 * where, after a smaller gap, a run starts at a column edge found on other lines of the table
 * (a long responsible body can come close to the action column).
 */
function joinRuns(runs: Run[], columns: number[]): { text: string; cellStarts: number[] } {
  let text = '';
  let end = runs[0]?.x ?? 0;
  const cellStarts: number[] = [];
  for (const run of runs) {
    if (text !== '' && run.str.trim() !== '') {
      const gap = run.x - end;
      const spaced = /\s$/.test(text) || /^\s/.test(run.str);
      const atColumn = gap > 0.5 * run.size && columns.some((c) => Math.abs(run.x - c) <= 2);
      if (
        (!spaced && gap > CELL_GAP * run.size) ||
        (spaced && gap > 2 * CELL_GAP * run.size) ||
        atColumn
      ) {
        text = text.replace(/\s+$/, '') + '\t';
        cellStarts.push(run.x);
      } else if (!spaced && gap > 0.2 * run.size) {
        text += ' ';
      }
    }
    text += run.str;
    // Measure gaps from the last visible text: pdf.js fills wide gaps with a space run.
    if (run.str.trim() !== '') end = Math.max(end, run.x + run.width);
  }
  return { text: text.replace(/[ \u00a0]+\t/g, '\t').replace(/\s+$/, ''), cellStarts };
}

function renderPages(pages: Line[][]): string {
  const all = pages.flat();
  const body = all.filter((l) => joinRuns(l.runs, []).text.length >= 20);
  // The text's left margin, for the document as a whole: pages of bullets alone keep their indent.
  const leftEdge = Math.min(...(body.length > 0 ? body : all).map((l) => l.x));
  const columns = tableColumns(all, leftEdge);
  const firstColumn = columns[0];
  return pages
    .map((lines) => {
      const gaps = paragraphGaps(lines);
      return lines
        .map((line, i) => {
          const { text } = joinRuns(line.runs, columns);
          const inLaterColumn = firstColumn !== undefined && line.x >= firstColumn - 3;
          // Indentation as spaces (about one per 4pt), so hanging bullet text can be told from
          // the paragraph after the list.
          const offset = line.x - leftEdge;
          const indent = inLaterColumn
            ? '\t'
            : offset >= 9
              ? ' '.repeat(Math.min(40, Math.round(offset / 4)))
              : '';
          return (gaps[i] ? '\n' : '') + indent + text;
        })
        .join('\n');
    })
    .join('\n\f\n');
}

/**
 * Left edges of table columns: where wide gaps split at least three lines at the same place,
 * anywhere in the document (a table continues across pages). A single wide gap is more likely a
 * justified line's stretched space.
 */
function tableColumns(lines: Line[], leftEdge: number): number[] {
  const starts = lines
    .flatMap((l) => l.cellStarts)
    .filter((c) => c > leftEdge + 72)
    .sort((a, b) => a - b);
  const columns: number[] = [];
  for (const c of starts) {
    if (columns.some((k) => Math.abs(k - c) <= 2)) continue;
    if (starts.filter((x) => Math.abs(x - c) <= 2).length >= 3) columns.push(c);
  }
  return columns;
}

/**
 * Which lines start a paragraph: after a clearly larger step than between lines or, where
 * paragraphs sit in table rows with almost no spacing, after a step a little over the line
 * pitch around it.
 */
function paragraphGaps(lines: Line[]): boolean[] {
  const steps = lines.map((line, i) => {
    const prev = lines[i - 1];
    if (!prev) return null;
    const step = prev.y - line.y;
    const sameSize = Math.abs(prev.size - line.size) < 0.5;
    return { step, lineLike: sameSize && step > 0 && step <= 1.5 * line.size };
  });
  return lines.map((line, i) => {
    const here = steps[i];
    const prev = lines[i - 1];
    if (!here || !prev) return false;
    if (here.step > PARAGRAPH_STEP * Math.min(prev.size, line.size)) return true;
    if (!here.lineLike) return false;
    const around: number[] = [];
    for (let j = i - 3; j <= i + 3; j++) {
      const s = steps[j];
      if (j !== i && s?.lineLike) around.push(s.step);
    }
    if (around.length < 2) return false;
    around.sort((a, b) => a - b);
    const pitch = around[Math.floor(around.length / 2)]!;
    return here.step > pitch + Math.max(0.35, 0.02 * pitch);
  });
}
