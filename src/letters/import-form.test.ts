import { describe, expect, it } from 'vitest';
import { FormErrors } from '../platform/web/forms.js';
import { areaMatches, proposalValues, readImportForm } from './import-form.js';
import { OUTCOMES_2023, type LetterProposal } from './parse-letter.js';

const proposal: LetterProposal = {
  framework: '2023',
  kind: 'full',
  area: 'Eastmoor',
  onSiteStart: '2024-02-12',
  onSiteEnd: '2024-02-16',
  letterDate: null,
  outcome: OUTCOMES_2023.inconsistent,
  outcomeWording: null,
  team: null,
  wsoaRequired: null,
  progressInAll: false,
  findings: [
    { type: 'strength', question: null, text: 'Leaders know the area well.' },
    {
      type: 'area_for_improvement',
      question: null,
      text: 'Leaders should improve the local offer.',
    },
  ],
  progress: [],
};

/** The check page's fields for some values, as the page posts them. */
function posted(values: ReturnType<typeof proposalValues>): Record<string, string> {
  const body: Record<string, string> = {
    source: values.source,
    area: values.area,
    framework: values.framework,
    kind: values.kind,
    outcome: values.outcome,
    wsoaRequired: values.wsoaRequired,
    outcomeText: values.outcomeText,
    team: values.team,
    findingCount: String(values.findings.length),
  };
  for (const name of ['onSiteStart', 'onSiteEnd', 'publishedOn'] as const)
    for (const part of ['day', 'month', 'year'] as const)
      body[`${name}-${part}`] = values[name][part];
  values.findings.forEach((f, i) => {
    body[`finding-${i + 1}-type`] = f.type;
    body[`finding-${i + 1}-question`] = f.question;
    body[`finding-${i + 1}-text`] = f.text;
    body[`finding-${i + 1}-sufficientProgress`] = f.sufficientProgress;
    body[`finding-${i + 1}-responsibleBody`] = f.responsibleBody;
  });
  return body;
}

describe('proposalValues', () => {
  it('turns a 2023 outcome into its number and dates into date parts', () => {
    const values = proposalValues(proposal, 'eastmoor.pdf');
    expect(values).toMatchObject({
      source: 'eastmoor.pdf',
      framework: '2023',
      kind: 'full',
      outcome: '2',
      outcomeText: '',
      onSiteStart: { day: '12', month: '2', year: '2024' },
      publishedOn: { day: '', month: '', year: '' },
    });
    expect(values.findings).toHaveLength(2);
  });

  it('proposes the team, the outcome as published and each priority action’s responsible body', () => {
    const wording =
      'The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children and young people with special educational needs and/or disabilities (SEND). The local area partnership must work jointly to make improvements.';
    const values = proposalValues(
      {
        ...proposal,
        outcomeWording: wording,
        team: 'Ann Lee HMI, Ofsted lead inspector\nBo Ray, CQC inspector',
        findings: [
          {
            type: 'priority_action',
            question: null,
            text: 'Leaders should act.',
            responsibleBody: 'Eastmoor Council and NHS Eastmoor ICB',
          },
        ],
      },
      'eastmoor.pdf',
    );
    expect(values.outcome).toBe('2');
    expect(values.outcomeText).toBe(wording);
    expect(values.team).toBe('Ann Lee HMI, Ofsted lead inspector\nBo Ray, CQC inspector');
    expect(values.findings[0]!.responsibleBody).toBe('Eastmoor Council and NHS Eastmoor ICB');
    // Read back from the check page, changed there, and kept on the finding to save.
    const body = posted(values);
    body['finding-1-responsibleBody'] = '  NHS Eastmoor ICB\n';
    body['publishedOn-day'] = '1';
    body['publishedOn-month'] = '3';
    body['publishedOn-year'] = '2024';
    const errors = new FormErrors();
    const read = readImportForm(body, errors, 'save');
    expect(errors.list).toEqual([]);
    expect(read.findings![0]!.responsibleBody).toBe('NHS Eastmoor ICB');
    expect(read.input!.team).toContain('Bo Ray, CQC inspector');
    expect(read.input!.outcomeText).toBe(wording);
  });

  it('keeps an outcome it does not recognise in the letter’s words', () => {
    const values = proposalValues({ ...proposal, outcome: 'Something new.' }, 'x.pdf');
    expect(values.outcome).toBe('');
    expect(values.outcomeText).toBe('Something new.');
  });

  it('gives each weakness of a revisit its judgement', () => {
    const values = proposalValues(
      {
        ...proposal,
        framework: '2016',
        kind: 'revisit',
        outcome: null,
        findings: [
          { type: 'significant_weakness', question: null, text: 'A' },
          { type: 'significant_weakness', question: null, text: 'B' },
        ],
        progress: [
          { weakness: 'A', sufficientProgress: false },
          { weakness: 'B', sufficientProgress: true },
        ],
      },
      'pasted text',
    );
    expect(values.findings.map((f) => f.sufficientProgress)).toEqual(['no', 'yes']);
  });
});

describe('readImportForm', () => {
  const body = {
    ...posted(proposalValues(proposal, 'eastmoor.pdf')),
    'publishedOn-day': '1',
    'publishedOn-month': '4',
    'publishedOn-year': '2024',
  };

  it('returns the inspection and its findings when all is well', () => {
    const errors = new FormErrors();
    const { input, findings } = readImportForm(body, errors, 'save');
    expect(errors.list).toEqual([]);
    expect(input).toMatchObject({ framework: '2023', outcome: 2, publishedOn: '2024-04-01' });
    expect(findings?.map((f) => f.type)).toEqual(['strength', 'area_for_improvement']);
  });

  it('removes and adds findings, and only checks the list when updating', () => {
    const errors = new FormErrors();
    const { values, input } = readImportForm(
      {
        ...body,
        framework: '',
        'finding-1-remove': 'yes',
        'new-type': 'priority_action',
        'new-text': 'Leaders must act.',
      },
      errors,
      'update',
    );
    expect(errors.any).toBe(false);
    expect(input).toBeUndefined();
    expect(values.findings.map((f) => f.text)).toEqual([
      'Leaders should improve the local offer.',
      'Leaders must act.',
    ]);
    expect(values.newFinding).toEqual({ type: '', question: '', text: '' });
  });

  it('asks for the text of a finding to add', () => {
    const errors = new FormErrors();
    readImportForm({ ...body, 'new-type': 'strength' }, errors, 'update');
    expect(errors.list).toEqual([
      { field: 'new-text', text: 'Enter the text of the finding to add, or choose no type' },
    ]);
  });

  it('requires the outcome of a 2023 full inspection', () => {
    const errors = new FormErrors();
    readImportForm({ ...body, outcome: '' }, errors, 'save');
    expect(errors.list).toEqual([
      { field: 'outcome', text: 'Select the outcome the report gives' },
    ]);
  });
});

describe('areaMatches', () => {
  it.each([
    ['Medway', 'Medway Council', true],
    ['Bristol', 'Bristol City Council', true],
    ['Hillingdon', 'London Borough of Hillingdon', true],
    ['Windsor and Maidenhead', 'Royal Borough of Windsor & Maidenhead', true],
    ['Suffolk', 'Northshire County Council', false],
    ['', 'Northshire County Council', false],
  ])('%s and %s: %s', (area, la, expected) => {
    expect(areaMatches(area, la)).toBe(expected);
  });
});
