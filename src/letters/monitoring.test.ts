import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proposalValues } from './import-form.js';
import { parseLetter } from './parse-letter.js';

// A 2023-framework monitoring inspection letter, written in the shape Ofsted uses: each area for
// priority action of the full inspection restated, the inspectors' evaluation, then the verdict.
const MONITORING = readFileSync(new URL('./fixtures/monitoring-2023.txt', import.meta.url), 'utf8');

const SPEECH =
  'Leaders should urgently reduce the time children and young people wait for an assessment of their speech and language needs, and make sure that families are supported while they wait.';
const PLANS =
  'Leaders should improve the quality of EHC plans so that they set out precisely what help each child or young person will receive.';

describe('a 2023 monitoring inspection letter', () => {
  const p = parseLetter(MONITORING);

  it('reads a monitoring inspection and its verdict on each area for priority action', () => {
    expect(p).toMatchObject({
      framework: '2023',
      kind: 'monitoring',
      area: 'Larkfield',
      // The monitoring visit's dates, not the previous full inspection's.
      onSiteStart: '2025-06-10',
      onSiteEnd: '2025-06-12',
      outcome: null,
    });
    expect(p.findings).toEqual([
      { type: 'priority_action', question: null, text: SPEECH },
      { type: 'priority_action', question: null, text: PLANS },
    ]);
    expect(p.progress).toEqual([
      { weakness: SPEECH, sufficientProgress: true },
      { weakness: PLANS, sufficientProgress: false },
    ]);
  });

  it('proposes the full inspection it follows and the area for priority action each judges', () => {
    // The full inspection's areas for priority action, worded a little differently in the report.
    const earlier = {
      id: 'a0000000-0000-4000-8000-000000000001',
      findings: [
        {
          id: 'b0000000-0000-4000-8000-000000000001',
          type: 'priority_action' as const,
          text: 'Leaders should improve the quality of EHC plans so that they set out precisely what help each child or young person will receive. This includes: • contributions from health and social care • timely annual reviews.',
        },
        {
          id: 'b0000000-0000-4000-8000-000000000002',
          type: 'priority_action' as const,
          text: SPEECH,
        },
      ],
    };
    const values = proposalValues(p, 'monitoring.txt', earlier);
    expect(values.kind).toBe('monitoring');
    expect(values.followsInspectionId).toBe(earlier.id);
    expect(values.findings.map((f) => [f.type, f.sufficientProgress, f.judgesFindingId])).toEqual([
      ['priority_action', 'yes', 'b0000000-0000-4000-8000-000000000002'],
      ['priority_action', 'no', 'b0000000-0000-4000-8000-000000000001'],
    ]);
  });

  it('reads the areas quoted under the heading without numbers, too', () => {
    const plain = parseLetter(MONITORING.replace(/^Area for priority action \d\n\n/gm, ''));
    expect(plain.progress).toEqual([
      { weakness: SPEECH, sufficientProgress: true },
      { weakness: PLANS, sufficientProgress: false },
    ]);
  });

  it('is not taken for a monitoring inspection when a full report only announces one', () => {
    const full = parseLetter(
      'Area SEND inspection of Larkfield Local Area Partnership\nInspection dates: 4 to 8 March 2024\n\nInspection outcome\n\nThere are widespread and/or systemic failings leading to significant concerns about the experiences and outcomes of children and young people with SEND, which the local area partnership must address urgently.\n\nA monitoring inspection will be carried out within approximately 18 months.\n',
    );
    expect(full.kind).toBe('full');
  });
});
