import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES_2023, parseLetter, type Finding, type LetterProposal } from './parse-letter.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const MEDWAY = fixture('medway-2018.txt');

function count(p: LetterProposal, type: Finding['type'], question?: Finding['question']): number {
  return p.findings.filter(
    (f) => f.type === type && (question === undefined || f.question === question),
  ).length;
}

function texts(p: LetterProposal, type: Finding['type']): string[] {
  return p.findings.filter((f) => f.type === type).map((f) => f.text);
}

describe('2016 framework: the Medway outcome letter (2018)', () => {
  const p = parseLetter(MEDWAY);

  it('reads the letter details', () => {
    expect(p).toMatchObject({
      framework: '2016',
      kind: 'initial',
      area: 'Medway',
      onSiteStart: '2017-12-04',
      onSiteEnd: '2017-12-08',
      letterDate: '2018-01-31',
      wsoaRequired: true,
      outcome:
        "Her Majesty's Chief Inspector (HMCI) has determined that a Written Statement of Action is required because of significant areas of weakness in the local area's practice.",
      progress: [],
    });
  });

  it('files strengths and areas for development under the three questions', () => {
    expect(count(p, 'strength', 'identify')).toBe(4);
    expect(count(p, 'area_for_development', 'identify')).toBe(9);
    expect(count(p, 'strength', 'assess_meet')).toBe(7);
    expect(count(p, 'area_for_development', 'assess_meet')).toBe(19);
    expect(count(p, 'strength', 'outcomes')).toBe(5);
    expect(count(p, 'area_for_development', 'outcomes')).toBe(10);
    expect(p.findings).toHaveLength(16 + 38 + 8);
    // The main findings are a summary, not findings to track.
    expect(texts(p, 'strength').some((t) => t.startsWith('Effective joint working'))).toBe(false);
  });

  it('keeps each bullet whole, across the page breaks the council copy left in', () => {
    const strengths = texts(p, 'strength');
    expect(strengths[0]).toBe(
      "The local area's approach to identifying needs in the early years is effective. When a baby is identified as, or suspected of having, SEN and/or disabilities at or prior to birth, a joint visit to the family by the health visitor and therapist takes place within 10 to 14 days of the infant's birth. This helps to ensure clear communication and a shared understanding of the infant's needs. This also leads to timely referral and access to services.",
    );
    expect(strengths[strengths.length - 1]).toBe(
      'The proportion of young people with SEN and/or disabilities without an EHC plan reaching level 2, including in English and mathematics by the age of 19, although still lower than that of similar young people nationally, has increased notably in recent years. The proportion of young people with a statement of special educational needs or an EHC plan reaching this measure was also in line with the national figure in the last set of published data.',
    );
    const asd = p.findings.find((f) => f.text.includes('autistic spectrum disorder'));
    expect(asd).toEqual({
      type: 'area_for_development',
      question: 'identify',
      text: "The local area's approach to identifying and assessing children who have autistic spectrum disorder (ASD) does not meet national requirements. Children are assessed and diagnosed by community paediatrics or CAMHS depending on their age. However, due to long waiting times of six to nine months, children are not consistently assessed and diagnosed through the Autism Diagnosis Observation Schedule. This does not comply with National Institute for Health and Care Excellence (NICE) guidelines.",
    });
    // "… for pupils who have" + page break + "SEN and/or disabilities."
    expect(
      strengths.find((t) => t.startsWith('Effective school leadership of provision for SEN')),
    ).toMatch(/including for pupils who have SEN and\/or disabilities\.$/);
    const development = texts(p, 'area_for_development');
    expect(development[development.length - 1]).toMatch(
      /^Joint commissioning arrangements have taken time to develop\..* It is too early to evaluate the effectiveness of this work\.$/,
    );
  });

  it('lists the areas of significant weakness, without a question', () => {
    const weaknesses = p.findings.filter((f) => f.type === 'significant_weakness');
    expect(weaknesses).toHaveLength(8);
    expect(weaknesses.every((f) => f.question === null)).toBe(true);
    expect(weaknesses[0]!.text).toBe(
      'the lack of joint strategic leadership across the area between the council, the CCG and education providers',
    );
    expect(weaknesses[6]!.text).toBe('the quality of EHC plans');
    expect(weaknesses[7]!.text).toBe('the lack of effective co-production at all levels.');
  });
});

describe('2016 framework: a revisit letter', () => {
  const p = parseLetter(fixture('revisit-letter.txt'));

  it('reads the details and judges each weakness', () => {
    expect(p).toMatchObject({
      framework: '2016',
      kind: 'revisit',
      area: 'Thornbury and Vale',
      onSiteStart: '2020-01-13',
      onSiteEnd: '2020-01-15',
      letterDate: '2020-02-14',
      wsoaRequired: null,
      outcome:
        'The area has made sufficient progress in addressing two of the three significant weaknesses identified at the initial inspection. The area has not made sufficient progress in addressing one significant weakness.',
    });
    expect(p.progress).toEqual([
      {
        weakness:
          'The inconsistent quality of education, health and care (EHC) plans, including the weak contributions from health and social care',
        sufficientProgress: true,
      },
      {
        weakness:
          'The lack of a coherent strategy for co-production with parents and carers at a strategic level',
        sufficientProgress: true,
      },
      {
        weakness:
          'Weak joint commissioning arrangements, including the long waits for assessment by the speech and language therapy service',
        sufficientProgress: false,
      },
    ]);
    expect(p.findings).toEqual(
      p.progress.map((x) => ({ type: 'significant_weakness', question: null, text: x.weakness })),
    );
  });

  it('keeps judgements worded the same each time, even at page ends', () => {
    const allMet = fixture('revisit-letter.txt')
      .replace(
        'has not made sufficient progress in addressing this',
        'has made sufficient progress in addressing this',
      )
      .replace(/(in addressing this significant weakness\.\n)/g, '$1\fPage break\n');
    const q = parseLetter(allMet);
    expect(q.progress.map((x) => x.sufficientProgress)).toEqual([true, true, true]);
  });

  it('keeps a hyphenated area name whole', () => {
    const q = parseLetter(
      fixture('revisit-letter.txt').replaceAll('Thornbury and Vale', 'Southend-on-Sea'),
    );
    expect(q.area).toBe('Southend-on-Sea');
  });

  it('reads a revisit that lists the weaknesses under each judgement', () => {
    const q = parseLetter(
      [
        'Joint local area SEND revisit in Example Borough',
        '',
        'Between 2 and 4 March 2021, Ofsted and the CQC revisited the area of Example Borough.',
        '',
        'The area has made sufficient progress in addressing the following significant weaknesses:',
        '',
        '- the quality of EHC plans',
        '- the waiting times for autism assessment',
        '',
        'The area has not made sufficient progress in addressing the following significant weakness:',
        '',
        '- the lack of co-production with families',
        '',
        'Yours sincerely',
      ].join('\n'),
    );
    expect(q.kind).toBe('revisit');
    expect(q.area).toBe('Example Borough');
    expect(q.onSiteStart).toBe('2021-03-02');
    expect(q.onSiteEnd).toBe('2021-03-04');
    expect(q.progress).toEqual([
      { weakness: 'the quality of EHC plans', sufficientProgress: true },
      { weakness: 'the waiting times for autism assessment', sufficientProgress: true },
      { weakness: 'the lack of co-production with families', sufficientProgress: false },
    ]);
  });
});

describe('2016 framework: a council web page quoting the weaknesses', () => {
  const p = parseLetter(fixture('council-page.txt'));

  it('reads the weaknesses and leaves what it cannot know empty', () => {
    expect(p).toMatchObject({
      framework: '2016',
      kind: null,
      area: 'Kestrel Bay',
      onSiteStart: '2019-06-03',
      onSiteEnd: '2019-06-07',
      letterDate: '2019-07-24',
      wsoaRequired: true,
      outcome:
        'The council and the clinical commissioning group are required to produce and submit a Written Statement of Action to Ofsted explaining how they will tackle these weaknesses.',
      progress: [],
    });
    expect(p.findings).toEqual([
      {
        type: 'significant_weakness',
        question: null,
        text: 'the poor quality of EHC plans, and the lack of timely contributions to them from health and social care',
      },
      {
        type: 'significant_weakness',
        question: null,
        text: 'the weak joint commissioning of services between the council and the clinical commissioning group',
      },
      {
        type: 'significant_weakness',
        question: null,
        text: 'the lack of co-production with parents and carers, and of communication with them',
      },
      {
        type: 'significant_weakness',
        question: null,
        text: 'the high rates of exclusion and absence of pupils with SEND',
      },
    ]);
  });

  it('reads a bare list of weaknesses pasted on its own', () => {
    const q = parseLetter(
      'Ofsted and CQC identified the following areas of significant weakness:\n* slow EHC plans\n* poor co-production\n',
    );
    expect(q.framework).toBe('2016');
    expect(q.kind).toBeNull();
    expect(q.area).toBeNull();
    expect(q.wsoaRequired).toBeNull();
    expect(texts(q, 'significant_weakness')).toEqual(['slow EHC plans', 'poor co-production']);
  });
});

describe('2016 framework: a letter that does not require a written statement', () => {
  const letter = [
    '12 June 2017',
    '',
    'Dear Mr Example',
    '',
    'Joint local area SEND inspection in Eastmoor',
    '',
    'Between 15 May 2017 and 19 May 2017, Ofsted and the CQC conducted a joint inspection of the local area of Eastmoor.',
    '',
    'Main findings',
    '',
    '- Leaders know the area well.',
    '',
    'The effectiveness of the local area in identifying children and young people who have',
    'special educational needs and/or disabilities',
    '',
    'Strengths',
    '',
    '- Health visitors identify needs early.',
    '',
    'Areas for development',
    '',
    '- Some schools identify needs late.',
    '',
    'The effectiveness of the local area in assessing and meeting the needs of children and young people who have special educational needs and/or disabilities',
    '',
    'Strengths',
    '',
    '- Plans are written on time.',
    '',
    'The effectiveness of the local area in improving outcomes for children and young people who have special educational needs and/or disabilities',
    '',
    'Areas for development',
    '',
    '- Too many pupils with SEND are excluded.',
    '',
    'Yours sincerely',
  ].join('\n');

  it('says no statement is required and reads a question heading broken over two lines', () => {
    const p = parseLetter(letter);
    expect(p).toMatchObject({
      framework: '2016',
      kind: 'initial',
      area: 'Eastmoor',
      onSiteStart: '2017-05-15',
      onSiteEnd: '2017-05-19',
      letterDate: '2017-06-12',
      wsoaRequired: false,
      outcome: null,
    });
    expect(p.findings).toEqual([
      { type: 'strength', question: 'identify', text: 'Health visitors identify needs early.' },
      {
        type: 'area_for_development',
        question: 'identify',
        text: 'Some schools identify needs late.',
      },
      { type: 'strength', question: 'assess_meet', text: 'Plans are written on time.' },
      {
        type: 'area_for_development',
        question: 'outcomes',
        text: 'Too many pupils with SEND are excluded.',
      },
    ]);
  });

  it('takes paragraphs as findings when a letter has lost its bullets', () => {
    const p = parseLetter(letter.replace(/^- /gm, ''));
    expect(p.findings.map((f) => f.text)).toEqual([
      'Health visitors identify needs early.',
      'Some schools identify needs late.',
      'Plans are written on time.',
      'Too many pupils with SEND are excluded.',
    ]);
  });
});

describe('messy copies of the Medway letter read the same', () => {
  const base = parseLetter(MEDWAY);
  const plain = (p: LetterProposal) =>
    p.findings.map((f) => ({ ...f, text: f.text.replace(/[\u2018\u2019]/g, "'") }));

  it('Windows line endings, non-breaking spaces, curly quotes and a byte order mark', () => {
    const messy =
      '\uFEFF' +
      MEDWAY.replace(/\n/g, '\r\n')
        .replace(/'/g, '\u2019')
        .replace(/ and /g, ' and\u00A0')
        .replace(/ EHC /g, '\u00A0EHC\u00A0');
    const p = parseLetter(messy);
    expect({ ...p, findings: [], outcome: null }).toEqual({ ...base, findings: [], outcome: null });
    expect(plain(p)).toEqual(plain(base));
  });

  it.each([
    ['•', '• '],
    ['➤', '➤ '],
    ['*', '* '],
    ['◼ on a line of its own', '◼\n'],
    ['', '\uF0B7 '],
  ])('bullets written as %s', (_name, bullet) => {
    const p = parseLetter(MEDWAY.replace(/^- /gm, bullet));
    expect(p.findings).toEqual(base.findings);
  });

  it('numbered and lettered lists', () => {
    let n = 0;
    const numbered = MEDWAY.replace(/^- /gm, () => `${(n++ % 9) + 1}. `);
    expect(parseLetter(numbered).findings).toEqual(base.findings);
    let a = 0;
    const lettered = MEDWAY.replace(/^- /gm, () => `(${'abcdefgh'[a++ % 8]}) `);
    expect(parseLetter(lettered).findings).toEqual(base.findings);
  });

  it('lines hard-wrapped mid-sentence', () => {
    const wrapped = MEDWAY.split('\n')
      .map((line) => line.replace(/(.{1,72})(?:\s+|$)/g, '$1\n').replace(/\n$/, ''))
      .join('\n');
    expect(wrapped.split('\n').length).toBeGreaterThan(MEDWAY.split('\n').length + 200);
    const p = parseLetter(wrapped);
    expect(p.findings).toEqual(base.findings);
    expect(p.outcome).toBe(base.outcome);
  });

  it('page breaks with running headers and footers', () => {
    const lines = MEDWAY.split('\n');
    const pages: string[] = [];
    for (let i = 0; i < lines.length; i += 23) pages.push(lines.slice(i, i + 23).join('\n'));
    const paged = pages
      .map(
        (page, i) =>
          `Joint local area SEND inspection: Medway\n${page}\nPage ${i + 1} of ${pages.length}\n`,
      )
      .join('\f');
    const p = parseLetter(paged);
    expect(p.findings).toEqual(base.findings);
    expect(p.area).toBe('Medway');
  });
});

// A made-up report in the 2023 layout, as text pasted from a PDF viewer.
function report2023(options: { outcome?: string; footers?: 'pages' | 'inline' } = {}): string {
  const outcome =
    options.outcome ??
    'The local area partnership’s arrangements lead to inconsistent experiences and outcomes\nfor children and young people with special educational needs and/or disabilities (SEND).\nThe local area partnership must work jointly to make improvements.';
  const pages = [
    `Local area partnership report
Area SEND inspection of Larkfield
Local Area Partnership
Inspection dates:
27 November to 1 December 2023
Dates of previous inspection: 1 to 5 May 2017
Inspection outcome
${outcome}
The next full area SEND inspection will be within approximately three years.
Information about the local area partnership
Larkfield Council and NHS Example Integrated Care Board (ICB) are jointly responsible for
services for children and young people with SEND in Larkfield.`,
    `What is the area partnership doing that is effective?
▪
Leaders know the area well. They use information about children and young people’s needs
to plan services, and they check that these services make a difference.
▪ Children’s needs are identified early. Health visitors and early years settings work
together well.
▪ Young people are well prepared for adult life. Many take part in supported
internships.
What does the area partnership need to do better?
▪ Children wait too long for speech and language therapy. Some children wait more than
a year, and their families receive little help while they wait.
▪ The quality of EHC plans is too variable. Some plans are out of date and do not
reflect children’s current needs.`,
    `Areas for priority action
Responsible body Areas for priority action
Larkfield Council and
NHS Example Integrated
Care Board
Leaders should urgently reduce the time children and young people wait for an
assessment of their speech and language needs, and make sure that families are
supported while they wait.
Larkfield Council
Leaders should improve the quality of EHC plans so that they set out precisely what
help each child or young person will receive. This includes:
• contributions from health and social care
• timely annual reviews.
Areas for improvement
Leaders should improve how they share information between services, including:
- when children start school
- when young people move to adult health services.
Leaders should make sure that the local offer is kept up to date.`,
  ];
  const footer = (n: number) =>
    `Area SEND inspection report: Larkfield Local Area Partnership\n27 November to 1 December 2023 ${n}`;
  return pages
    .map((page, i) => `${page}\n${footer(i + 1)}`)
    .join(options.footers === 'inline' ? '\n' : '\n\f\n');
}

describe('2023 framework: layouts and wordings not seen in the fixtures', () => {
  it.each([
    ['with page breaks', report2023()],
    ['without page breaks', report2023({ footers: 'inline' })],
    ['with Windows line endings', report2023().replace(/\n/g, '\r\n')],
  ])('reads a report %s', (_name, text) => {
    const p = parseLetter(text);
    expect(p).toMatchObject({
      framework: '2023',
      kind: 'full',
      area: 'Larkfield',
      onSiteStart: '2023-11-27',
      onSiteEnd: '2023-12-01',
      letterDate: null,
      outcome: OUTCOMES_2023.inconsistent,
      wsoaRequired: null,
      progress: [],
    });
    expect(p.findings).toEqual([
      {
        type: 'strength',
        question: null,
        text: 'Leaders know the area well. They use information about children and young people’s needs to plan services, and they check that these services make a difference.',
      },
      {
        type: 'strength',
        question: null,
        text: 'Children’s needs are identified early. Health visitors and early years settings work together well.',
      },
      {
        type: 'strength',
        question: null,
        text: 'Young people are well prepared for adult life. Many take part in supported internships.',
      },
      {
        type: 'area_for_development',
        question: null,
        text: 'Children wait too long for speech and language therapy. Some children wait more than a year, and their families receive little help while they wait.',
      },
      {
        type: 'area_for_development',
        question: null,
        text: 'The quality of EHC plans is too variable. Some plans are out of date and do not reflect children’s current needs.',
      },
      {
        type: 'priority_action',
        question: null,
        text: 'Leaders should urgently reduce the time children and young people wait for an assessment of their speech and language needs, and make sure that families are supported while they wait.',
        responsibleBody: 'Larkfield Council and NHS Example Integrated Care Board',
      },
      {
        type: 'priority_action',
        question: null,
        text: 'Leaders should improve the quality of EHC plans so that they set out precisely what help each child or young person will receive. This includes: • contributions from health and social care • timely annual reviews.',
        responsibleBody: 'Larkfield Council',
      },
      {
        type: 'area_for_improvement',
        question: null,
        text: 'Leaders should improve how they share information between services, including: - when children start school - when young people move to adult health services.',
      },
      {
        type: 'area_for_improvement',
        question: null,
        text: 'Leaders should make sure that the local offer is kept up to date.',
      },
    ]);
  });

  it.each([
    [
      'positive, in the words of the framework',
      "The local area partnership's SEND arrangements typically lead to positive experiences and outcomes for children and young people with SEND. The local area partnership is taking action where improvements are needed.",
      OUTCOMES_2023.positive,
    ],
    [
      'positive, with SEND spelled out',
      'The local area partnership’s special educational needs and/or disabilities (SEND)\narrangements typically lead to positive experiences and outcomes for children and young\npeople with SEND. The local area partnership is taking action where improvements are\nneeded.',
      OUTCOMES_2023.positive,
    ],
    [
      'failings',
      'There are widespread and/or systemic failings leading to significant concerns about the\nexperiences and outcomes of children and young people with special educational needs\nand/or disabilities (SEND), which the local area partnership must address urgently.\nA monitoring inspection will be carried out within approximately 18 months.',
      OUTCOMES_2023.failings,
    ],
    [
      'an outcome worded differently from all three',
      'The local area partnership’s arrangements are exceptional.\nThe next full area SEND inspection will be within approximately five years.',
      'The local area partnership’s arrangements are exceptional.',
    ],
  ])('outcome: %s', (_name, outcome, want) => {
    expect(parseLetter(report2023({ outcome })).outcome).toBe(want);
  });

  it.each([
    ['Inspection dates: 25 to 29 September 2023', '2023-09-25', '2023-09-29'],
    ['Inspection dates: 4 December 2023 to 8 December 2023', '2023-12-04', '2023-12-08'],
    ['Inspection dates:\n29 April 2024 to 3 May 2024', '2024-04-29', '2024-05-03'],
    ['Inspection dates: 30 December 2024 to 3 January 2025', '2024-12-30', '2025-01-03'],
    ['Inspection dates: 11–15 March 2024', '2024-03-11', '2024-03-15'],
  ])('dates: %j', (line, start, end) => {
    const text = report2023().replace('Inspection dates:\n27 November to 1 December 2023', line);
    const p = parseLetter(text);
    expect([p.onSiteStart, p.onSiteEnd]).toEqual([start, end]);
  });

  it('does not take the previous inspection’s dates', () => {
    const text = report2023().replace('Inspection dates:\n27 November to 1 December 2023\n', '');
    expect(parseLetter(text).onSiteStart).toBeNull();
  });

  it('reads a publication date when the report shows one', () => {
    const text = report2023().replace(
      'Inspection outcome',
      'Publication date: 19 January 2024\nInspection outcome',
    );
    expect(parseLetter(text).letterDate).toBe('2024-01-19');
  });
});

describe('line breaks and hyphens', () => {
  const letter = (afd: string) =>
    `Joint local area SEND inspection in Eastmoor\n\nThe effectiveness of the local area in identifying children and young people's special educational needs and/or disabilities\n\nAreas for development\n\n${afd}\n\nYours sincerely\n`;

  it('keeps hyphens that are part of the words', () => {
    const p = parseLetter(
      letter(
        '- Plans are not co-\n  produced with families, and their well-\n  being is not considered. Parents value wellbeing work.',
      ),
    );
    expect(p.findings[0]!.text).toBe(
      'Plans are not co-produced with families, and their well-being is not considered. Parents value wellbeing work.',
    );
  });

  it('rejoins a word the layout broke, when the document spells it whole elsewhere', () => {
    const p = parseLetter(
      letter(
        '- Improvement is slow. Leaders have not planned the improve-\nment of services well.',
      ),
    );
    expect(p.findings[0]!.text).toBe(
      'Improvement is slow. Leaders have not planned the improvement of services well.',
    );
  });

  it('does not take a dash starting a wrapped line for a bullet', () => {
    const p = parseLetter(
      letter('• Families wait too long for help from the service\n– and some give up.'),
    );
    expect(texts(p, 'area_for_development')).toEqual([
      'Families wait too long for help from the service – and some give up.',
    ]);
  });
});

describe('text that is no letter', () => {
  it.each([
    ['empty', ''],
    ['blank', ' \n\n\t\r\n '],
    ['unrelated', 'Minutes of the meeting held on 3 March 2022.\n\nApologies were received.'],
  ])('%s text gives an empty proposal', (_name, text) => {
    expect(parseLetter(text)).toEqual({
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
    });
  });

  it('never throws, and always returns the same shape, whatever the text', () => {
    const pieces = [...MEDWAY.split('\n'), ...report2023().split('\n'), '\f', '', '\t', '◼', '-'];
    const shape = Object.keys(parseLetter('')).sort();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string()), { maxLength: 80 }),
        (parts) => {
          const p = parseLetter(parts.join('\n'));
          expect(Object.keys(p).sort()).toEqual(shape);
          for (const f of p.findings) expect(f.text.trim()).not.toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('copes with a long input quickly', () => {
    const big = MEDWAY.repeat(40);
    const started = Date.now();
    const p = parseLetter(big);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(p.framework).toBe('2016');
  });
});
