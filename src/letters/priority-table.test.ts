import { describe, expect, it } from 'vitest';
import { parseLetter } from './parse-letter.js';

// The "Areas for priority action" table in shapes the published reports do not happen to show.
const report = (table: string) =>
  `Area SEND inspection of Eastmoor Local Area Partnership\nInspection dates: 4 to 8 March 2024\n\nAreas for priority action\n\n${table}\n\nAreas for improvement\n\nLeaders should keep the local offer up to date.\n`;

const rows = (text: string) =>
  parseLetter(report(text))
    .findings.filter((f) => f.type === 'priority_action')
    .map((f) => [f.responsibleBody, f.text]);

describe('areas for priority action as a table', () => {
  it('never loses an action’s short opening line to the responsible-body column (pasted)', () => {
    const pasted = [
      'Responsible body Areas for priority action',
      'Eastmoor Council and',
      'NHS Eastmoor Integrated Care Board',
      'Leaders should act',
      'urgently to reduce the time children and young people wait for speech and language',
      'therapy, and support their families while they wait.',
      'Eastmoor Council',
      'Leaders must improve',
      'the quality of EHC plans. This includes:',
      '• contributions from health and social care',
      '• timely annual reviews.',
    ].join('\n');
    expect(rows(pasted)).toEqual([
      [
        'Eastmoor Council and NHS Eastmoor Integrated Care Board',
        'Leaders should act urgently to reduce the time children and young people wait for speech and language therapy, and support their families while they wait.',
      ],
      [
        'Eastmoor Council',
        'Leaders must improve the quality of EHC plans. This includes: • contributions from health and social care • timely annual reviews.',
      ],
    ]);
  });

  it('splits a line where the body ran into the action without a column mark (PDF)', () => {
    const extracted = [
      'Responsible body\tAreas for priority action',
      '',
      'Eastmoor Council and\tLeaders should reduce waiting times for',
      'NHS Eastmoor ICB\tspeech and language therapy.',
      '',
      // The extraction found no gap here: the body's words run into the action's.
      'Eastmoor Council and Leaders should improve the quality',
      'NHS Eastmoor ICB\tof EHC plans.',
      '\tThis should include health advice.',
    ].join('\n');
    expect(rows(extracted)).toEqual([
      [
        'Eastmoor Council and NHS Eastmoor ICB',
        'Leaders should reduce waiting times for speech and language therapy.',
      ],
      [
        'Eastmoor Council and NHS Eastmoor ICB',
        'Leaders should improve the quality of EHC plans. This should include health advice.',
      ],
    ]);
  });

  it('joins a row split by a page break, with the table header repeated', () => {
    const split = [
      'Responsible body\tAreas for priority action',
      '',
      'Eastmoor Council\tLeaders should improve support while families wait. This includes:',
      '\t• children waiting for an autism assessment',
      '\f',
      'Responsible body\tAreas for priority action',
      '\t• children waiting for speech and language therapy.',
      '',
      'Eastmoor Council\tLeaders should improve transitions to adult services.',
    ].join('\n');
    expect(rows(split)).toEqual([
      [
        'Eastmoor Council',
        'Leaders should improve support while families wait. This includes: • children waiting for an autism assessment • children waiting for speech and language therapy.',
      ],
      ['Eastmoor Council', 'Leaders should improve transitions to adult services.'],
    ]);
  });

  it('reads a plain list, without a responsible-body column, one finding per bullet', () => {
    expect(rows('• Leaders should act now.\n• Leaders should plan well.')).toEqual([
      ['', 'Leaders should act now.'],
      ['', 'Leaders should plan well.'],
    ]);
  });
});
