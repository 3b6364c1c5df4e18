import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractPdfText, parseLetterFile } from './extract-pdf.js';
import {
  OUTCOMES_2023,
  parseLetter,
  type FindingType,
  type LetterProposal,
} from './parse-letter.js';

// The 15 published 2023-framework reports beside the project (../shared from the project root).
const REPORTS = fileURLToPath(new URL('../../../shared/data/area-send-reports/', import.meta.url));

interface Expected {
  file: string;
  area: string;
  onSiteStart: string;
  onSiteEnd: string;
  outcome: keyof typeof OUTCOMES_2023;
  findings: Record<FindingType, { count: number; first: string | null; last: string | null }>;
  /** Reports with the third outcome: every area for priority action, read from the PDF's table. */
  priorityActions?: { responsibleBody: string; text: string }[];
  team?: string[];
  outcomeWording?: string;
}

// Expected values were read from the reports' text (pdf.js's own extraction, joined by hand
// rules), not taken from this parser's output.
const expected = JSON.parse(
  readFileSync(new URL('./fixtures/area-send-reports.expected.json', import.meta.url), 'utf8'),
) as Expected[];

// Each report is read once and shared by the tests below.
const parsed = new Map<string, Promise<LetterProposal>>();
function parseReport(file: string): Promise<LetterProposal> {
  let p = parsed.get(file);
  if (!p) {
    p = parseLetterFile(new Uint8Array(readFileSync(REPORTS + file)), file);
    parsed.set(file, p);
  }
  return p;
}

describe.skipIf(!existsSync(REPORTS))('the 15 published area SEND inspection reports', () => {
  it.each(expected.map((e) => [e.file, e] as const))('%s', async (file, want) => {
    const got = await parseReport(file);

    expect(got.framework).toBe('2023');
    expect(got.kind).toBe('full');
    expect(got.area).toBe(want.area);
    expect(got.onSiteStart).toBe(want.onSiteStart);
    expect(got.onSiteEnd).toBe(want.onSiteEnd);
    expect(got.letterDate).toBeNull(); // none of these reports prints a publication date
    expect(got.outcome).toBe(OUTCOMES_2023[want.outcome]);
    expect(got.wsoaRequired).toBeNull();
    expect(got.progress).toEqual([]);

    for (const [type, w] of Object.entries(want.findings)) {
      const texts = got.findings.filter((f) => f.type === type).map((f) => f.text);
      expect(texts.length, `${type} count`).toBe(w.count);
      if (w.count === 0) continue;
      expect(texts[0], `first ${type}`).toBe(w.first);
      expect(texts[texts.length - 1], `last ${type}`).toBe(w.last);
    }
    expect(got.findings.every((f) => f.question === null)).toBe(true);
    expect(got.findings.length).toBe(Object.values(want.findings).reduce((n, w) => n + w.count, 0));
  });

  const withTable = expected.filter((e) => e.priorityActions);

  it.each(withTable.map((e) => [e.file, e] as const))(
    '%s: every area for priority action one for one, with its responsible body, team and outcome',
    async (file, want) => {
      const got = await parseReport(file);
      const actions = got.findings
        .filter((f) => f.type === 'priority_action')
        .map((f) => ({ responsibleBody: f.responsibleBody, text: f.text }));
      expect(actions).toEqual(want.priorityActions);
      expect(got.team?.split('\n')).toEqual(want.team);
      expect(got.outcomeWording).toBe(want.outcomeWording);
    },
  );

  it.each(withTable.map((e) => [e.file, e] as const))(
    '%s: the same areas for priority action from text pasted without columns',
    async (file, want) => {
      // pdf.js's plain extraction: each row's body lines, then its action's, pages run together.
      const { extractText, getDocumentProxy } = await import('unpdf');
      const bytes = new Uint8Array(readFileSync(REPORTS + file));
      const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: false });
      const got = parseLetter(text.join('\n'));
      const actions = got.findings
        .filter((f) => f.type === 'priority_action')
        .map((f) => ({ responsibleBody: f.responsibleBody, text: f.text }));
      expect(actions).toEqual(want.priorityActions);
    },
  );

  it('reads the inspection team of every report', async () => {
    for (const { file } of expected) {
      const team = (await parseReport(file)).team?.split('\n') ?? [];
      expect(team.length, file).toBeGreaterThanOrEqual(5);
      for (const member of team) expect(member, file).toMatch(/^[A-Z][^,]+, (?:Ofsted|CQC)\b/);
    }
  });

  it('keeps the text clean: no page furniture, stray whitespace or leading bullet', async () => {
    for (const { file } of expected) {
      const got = await parseReport(file);
      for (const f of got.findings) {
        expect(f.text).not.toMatch(/inspection report|\s{2}|\t|^\W|\s$/i);
      }
    }
  });

  it('lays out a report as lines, paragraphs, pages and table columns', async () => {
    const text = await extractPdfText(new Uint8Array(readFileSync(REPORTS + 'bury.pdf')));
    const lines = text.split('\n');
    // One line per printed line, not one per page or per word.
    expect(lines).toContain('Inspection dates: 12 to 16 February 2024');
    expect(text.split('\f').length).toBe(12);
    // Paragraphs in table rows with almost no spacing are still separated.
    expect(text).toMatch(/sufficiently accurate information\.\n\nLeaders across the partnership/);
    // Responsible body | action, and the action column alone, marked with tabs.
    expect(lines).toContain(
      'Bury Metropolitan Borough\tLeaders across the partnership should ensure that the',
    );
    expect(lines).toContain('\tmaintained.');
  });

  it('reads the same findings from text pasted without page breaks or blank lines', async () => {
    // What copying from a PDF viewer gives: pdf.js's plain extraction, pages run together.
    const { extractText, getDocumentProxy } = await import('unpdf');
    const bytes = new Uint8Array(readFileSync(REPORTS + 'suffolk.pdf'));
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: false });
    const got = parseLetter(text.join('\n'));
    const want = expected.find((e) => e.file === 'suffolk.pdf')!;
    expect(got.area).toBe('Suffolk');
    expect(got.onSiteStart).toBe('2023-11-13');
    for (const type of ['strength', 'area_for_development', 'priority_action'] as const) {
      const texts = got.findings.filter((f) => f.type === type).map((f) => f.text);
      expect(texts.length).toBe(want.findings[type].count);
      expect(texts[0]).toBe(want.findings[type].first);
      expect(texts[texts.length - 1]).toBe(want.findings[type].last);
    }
  });
});
