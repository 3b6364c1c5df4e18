/**
 * The "Areas for priority action" table of a 2023 report (responsible body | action): one row per
 * area for priority action, exactly as published, with its responsible body. Pure.
 */
import { endsSentence, matchBullet, type Line } from './layout.js';
import { blocksOf, headingKind, listItems, textOf, type Context } from './letter-sections.js';

export interface PriorityRow {
  text: string;
  /** The responsible body, '' when the table has no such column (a plain list). */
  body: string;
}

/** Words an organisation's name is made of besides capitalised ones ("and", "of", "area"). */
const NAME_WORDS = new Set(['and', 'of', 'the', 'for', 'area', 'upon', 'on', 'in', '&']);

/**
 * Whether a line reads like (part of) an organisation's name: its words capitalised, bar a few
 * joining words. An action's first line ("Leaders across the partnership should work") is not,
 * however short it is.
 */
function nameLike(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => w !== '');
  return (
    words.length > 0 &&
    !matchBullet(text) &&
    !endsSentence(text) &&
    words.every((w) => /^[A-Z0-9(]/.test(w) || NAME_WORDS.has(w.toLowerCase()))
  );
}

export function priorityRows(ctx: Context, lines: Line[]): PriorityRow[] {
  const content = lines.filter(
    (l) => !/^responsible bod(?:y|ies)\b/i.test(l.text) && headingKind(l.text) !== 'priority',
  );
  if (content.length === 0) return [];
  const rows = content.some((l) => l.indented || l.cells.length > 1)
    ? rowsByColumns(content)
    : rowsByNames(content);
  if (rows === null) return listItems(ctx, content).map((text) => ({ text, body: '' }));
  return rows
    .map((row) => ({
      text: blocksOf(ctx, row.action, 'paragraphs')
        .map((b) => textOf(ctx, b))
        .join(' ')
        .trim(),
      body: row.body.join(' ').replace(/\s+/g, ' ').trim(),
    }))
    .filter((r) => r.text !== '');
}

interface Row {
  body: string[];
  action: Line[];
}

/**
 * A PDF extraction marks the columns with tabs: a line in the action column only starts with a
 * tab, a line in both has the body's cell first. A body cell starts a row after action-only
 * lines or after the gap between rows; a row split by a page break simply carries on.
 */
function rowsByColumns(content: Line[]): Row[] {
  // The body column's lines, to tell a line whose columns ran together (no tab between them).
  const bodyCells = new Set(
    content.filter((l) => !l.indented && l.cells.length > 1).map((l) => l.cells[0]!),
  );
  const rows: Row[] = [];
  let row: Row | null = null;
  let prevHadBody = false;
  for (const l of content) {
    let cells = l.cells;
    if (!l.indented && cells.length === 1 && !nameLike(l.text)) {
      // No tab, yet not a name: the body's words run into the action's opening words.
      const known = [...bodyCells].find((b) => l.text.startsWith(b + ' '));
      cells = known ? [known, l.text.slice(known.length + 1)] : ['', l.text];
    }
    const body = l.indented ? null : cells[0] || null;
    const action = l.indented ? l.text : cells.length > 1 ? cells.slice(1).join(' ') : null;
    if ((body !== null && (!prevHadBody || l.blankBefore)) || row === null) {
      row = { body: [], action: [] };
      rows.push(row);
    }
    prevHadBody = body !== null;
    if (body !== null) row.body.push(body);
    if (action !== null) row.action.push({ ...l, text: action, cells: [action] });
  }
  return rows;
}

/**
 * Pasted text has each row's body lines (names, short, unfinished) before its action. Null when
 * no line reads like a body: a plain list.
 */
function rowsByNames(content: Line[]): Row[] | null {
  // A name may fill a pasted line ("… Integrated Care Board"): its words tell it, not its length.
  const bodyLike = (l: Line) => nameLike(l.text) && l.text.length <= 150;
  const rows: Row[] = [];
  let row: Row | null = null;
  let inBody = false;
  let prev = '';
  for (const l of content) {
    const startsRow = bodyLike(l) && (row === null || (!inBody && endsSentence(prev)));
    if (startsRow) {
      row = { body: [l.text], action: [] };
      rows.push(row);
      inBody = true;
    } else if (inBody && row && bodyLike(l)) {
      row.body.push(l.text);
    } else {
      inBody = false;
      if (row === null) return null;
      row.action.push(l);
    }
    prev = l.text;
  }
  return rows;
}
