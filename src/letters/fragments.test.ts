import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proposalValues } from './import-form.js';
import { readPastedLetter } from './import-service.js';
import { OUTCOMES_2023, parseLetter, type LetterProposal } from './parse-letter.js';

// Fragments a partnership may paste instead of the letter: a council page or press release
// quoting the findings, a board report saying which weaknesses made sufficient progress. Written
// for these tests in the words of the council reports in ../shared/seeds.
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const judgements = (p: LetterProposal) =>
  p.progress.map((j) => [j.weakness, j.sufficientProgress] as const);

describe('pasted fragments still give a proposal to check', () => {
  it('a press release quoting a 2023 report’s areas for improvement as bullets', () => {
    const p = readPastedLetter(fixture('press-release-2023.txt'));
    expect(p).toMatchObject({
      framework: '2023',
      kind: 'full',
      area: 'Eastmoor',
      onSiteStart: '2024-09-09',
      onSiteEnd: '2024-09-13',
      // The report's publication, not the press release's own date.
      letterDate: '2024-10-31',
      outcome: OUTCOMES_2023.inconsistent,
    });
    expect(p.findings).toEqual([
      {
        type: 'area_for_improvement',
        question: null,
        text: 'Leaders should improve the timeliness of EHC needs assessments, so that children and young people receive the support they need without delay.',
      },
      {
        type: 'area_for_improvement',
        question: null,
        text: 'Leaders should make sure that children and young people waiting for speech and language therapy, and their families, are supported while they wait.',
      },
      {
        type: 'area_for_improvement',
        question: null,
        text: 'Leaders should strengthen how they check the quality of EHC plans, including the contributions from health and social care.',
      },
    ]);
  });

  it('a paragraph saying which weaknesses made sufficient progress at a revisit, and which not', () => {
    const p = readPastedLetter(fixture('revisit-fragment.txt'));
    expect(p).toMatchObject({
      framework: '2016',
      kind: 'revisit',
      onSiteStart: '2023-03-14',
      onSiteEnd: '2023-03-16',
    });
    expect(judgements(p)).toEqual([
      ['the inconsistent quality of EHC plans', true],
      ['the lack of a joint commissioning strategy', true],
      ['the poor communication with parents and carers', true],
      ['the weak oversight of children and young people who are not attending school', true],
      ['the long waits for assessment by the neurodevelopmental service', false],
      ['the variable support for young people moving into adult services', false],
    ]);
    expect(p.findings.map((f) => f.type)).toEqual(Array(6).fill('significant_weakness'));
  });

  it('a board report on a revisit: seven of nine concerns improved, the other two not (Cumbria)', () => {
    const p = readPastedLetter(fixture('cumbria-report.txt'));
    expect(p).toMatchObject({ framework: '2016', kind: 'revisit', onSiteStart: '2022-12-05' });
    const got = judgements(p);
    expect(got).toHaveLength(9);
    expect(got.filter(([, sufficient]) => sufficient)).toHaveLength(7);
    expect(got[0]).toEqual([
      'A lack of a deep understanding of the needs of the SEND population in the local area',
      true,
    ]);
    expect(got.slice(7)).toEqual([
      [
        "A lack of trust and faith in the local area's work from too many parents and carers",
        false,
      ],
      [
        'Weaknesses in the approach to supporting the emotional health and well-being of children and young people with SEND, particularly those with autism spectrum disorder (ASD) who face challenges in relation to their social, emotional and mental health',
        false,
      ],
    ]);
    // The inspectors' words quoted under a weakness are not weaknesses of their own.
    expect(p.findings.some((f) => /^'/.test(f.text))).toBe(false);
  });

  it('a board report saying sufficient progress was made in all four areas (Durham)', () => {
    const p = readPastedLetter(fixture('durham-report.txt'));
    expect(p).toMatchObject({
      framework: '2016',
      kind: 'revisit',
      onSiteStart: '2020-01-22',
      onSiteEnd: '2020-01-24',
      findings: [],
      progressInAll: true,
    });
    // With the inspection it follows, every weakness is proposed as judged sufficient.
    const earlier = {
      id: 'e0000000-0000-4000-8000-000000000001',
      findings: ['A', 'B', 'C', 'D'].map((x, i) => ({
        id: `f0000000-0000-4000-8000-00000000000${i}`,
        type: 'significant_weakness' as const,
        text: `Weakness ${x}`,
      })),
    };
    const values = proposalValues(p, 'pasted text', earlier);
    expect(values.followsInspectionId).toBe(earlier.id);
    expect(values.findings.map((f) => [f.text, f.sufficientProgress, f.judgesFindingId])).toEqual(
      earlier.findings.map((f) => [f.text, 'yes', f.id]),
    );
  });

  it('refuses text with neither dates nor findings, in words that say so', () => {
    for (const text of [
      'Minutes of the SEND board. The written statement of action was discussed.',
      'Our local area partnership meets monthly.',
    ]) {
      expect(() => readPastedLetter(text)).toThrow(
        'This text does not look like an area SEND inspection letter or report: no inspection dates or findings were found.',
      );
    }
    // What the parser makes of them: a framework at most, nothing to check.
    expect(parseLetter('Our local area partnership meets monthly.').findings).toEqual([]);
  });
});
