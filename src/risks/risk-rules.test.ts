import { describe, expect, it } from 'vitest';
import {
  escalationProblems,
  DEFAULT_MATRIX,
  heatMap,
  LETTER_MATRIX,
  levelCode,
  levelName,
  linesOf,
  matrixProblems,
  onMatrix,
  parseRatingLabel,
  rate,
  reviewOverdue,
  type RiskMatrix,
} from './risk-rules.js';

const NONE_USED = { likelihood: 0, impact: 0 };

describe('a scored matrix (default 5 × 5)', () => {
  it('scores likelihood × impact from 1 to 25 and names a rating by its score', () => {
    expect(rate(DEFAULT_MATRIX, 1, 1)).toMatchObject({ score: 1, label: '1' });
    expect(rate(DEFAULT_MATRIX, 4, 3)).toMatchObject({ score: 12, label: '12' });
    expect(rate(DEFAULT_MATRIX, 5, 5)).toMatchObject({ score: 25, label: '25' });
  });

  it('puts a score above the tolerance (12) outside it, and 12 itself inside', () => {
    expect(rate(DEFAULT_MATRIX, 4, 3).outsideTolerance).toBe(false);
    expect(rate(DEFAULT_MATRIX, 3, 5).outsideTolerance).toBe(true);
    expect(rate({ ...DEFAULT_MATRIX, tolerance: 20 }, 3, 5).outsideTolerance).toBe(false);
  });

  it('names levels by number and label', () => {
    expect(levelCode(DEFAULT_MATRIX, 'likelihood', 5)).toBe('5');
    expect(levelName(DEFAULT_MATRIX, 'impact', 1)).toBe('1 – Negligible');
    expect(parseRatingLabel(DEFAULT_MATRIX, 'D3')).toBeUndefined();
  });

  it('places each rating in its cell: the most likely row first, the least severe column first', () => {
    const map = heatMap(DEFAULT_MATRIX, [
      { likelihood: 5, impact: 1 },
      { likelihood: 5, impact: 1 },
      { likelihood: 1, impact: 5 },
      { likelihood: 3, impact: 4 },
    ]);
    expect(map.rows.map((r) => r.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(map.columns.map((c) => c.impact)).toEqual([1, 2, 3, 4, 5]);
    expect(map.rows[0]!.cells[0]).toMatchObject({ impact: 1, count: 2, label: '5' });
    expect(map.rows[4]!.cells[4]).toMatchObject({ count: 1, label: '5' });
    expect(map.rows[2]!.cells[3]).toMatchObject({ count: 1, label: '12', outsideTolerance: false });
    expect(map.rows[0]!.cells[4]).toMatchObject({ count: 0, outsideTolerance: true });
    const total = map.rows.flatMap((r) => r.cells).reduce((n, c) => n + c.count, 0);
    expect(total).toBe(4);
  });
});

describe('a letter-by-number matrix (A–F by 1–4, like Medway’s D3)', () => {
  it('names likelihood from A (most likely) and impact from 1 (most severe)', () => {
    expect(levelCode(LETTER_MATRIX, 'likelihood', 6)).toBe('A');
    expect(levelCode(LETTER_MATRIX, 'likelihood', 1)).toBe('F');
    expect(levelCode(LETTER_MATRIX, 'impact', 4)).toBe('1');
    expect(levelCode(LETTER_MATRIX, 'impact', 1)).toBe('4');
    expect(levelName(LETTER_MATRIX, 'likelihood', 3)).toBe('D – Low');
  });

  it('rates D3 as likelihood level 3 and impact level 2, scored 6, inside a tolerance of 8', () => {
    const d3 = rate(LETTER_MATRIX, 3, 2);
    expect(d3).toEqual({
      likelihood: 3,
      impact: 2,
      score: 6,
      label: 'D3',
      outsideTolerance: false,
    });
    expect(rate(LETTER_MATRIX, 6, 4)).toMatchObject({
      label: 'A1',
      score: 24,
      outsideTolerance: true,
    });
    expect(rate(LETTER_MATRIX, 3, 3)).toMatchObject({
      label: 'D2',
      score: 9,
      outsideTolerance: true,
    });
  });

  it('reads a rating back from its name, and refuses one off the matrix', () => {
    expect(parseRatingLabel(LETTER_MATRIX, 'D3')).toEqual({ likelihood: 3, impact: 2 });
    expect(parseRatingLabel(LETTER_MATRIX, 'a1')).toEqual({ likelihood: 6, impact: 4 });
    for (let l = 1; l <= 6; l++)
      for (let i = 1; i <= 4; i++)
        expect(parseRatingLabel(LETTER_MATRIX, rate(LETTER_MATRIX, l, i).label)).toEqual({
          likelihood: l,
          impact: i,
        });
    expect(parseRatingLabel(LETTER_MATRIX, 'G1')).toBeUndefined();
    expect(parseRatingLabel(LETTER_MATRIX, 'A5')).toBeUndefined();
    expect(parseRatingLabel(LETTER_MATRIX, 'A0')).toBeUndefined();
  });

  it('follows the partnership’s own size: A–D by 1–3', () => {
    const small: RiskMatrix = {
      kind: 'letter',
      likelihoodLabels: ['w', 'x', 'y', 'z'],
      impactLabels: ['p', 'q', 'r'],
      tolerance: 4,
    };
    expect(rate(small, 4, 3)).toMatchObject({ label: 'A1', score: 12, outsideTolerance: true });
    expect(rate(small, 1, 1)).toMatchObject({ label: 'D3', score: 1 });
    expect(onMatrix(small, 'likelihood', 5)).toBe(false);
    expect(onMatrix(small, 'impact', 3)).toBe(true);
  });

  it('draws its heat map with lettered rows from A and numbered columns from the least severe', () => {
    const map = heatMap(LETTER_MATRIX, [{ likelihood: 3, impact: 2 }]);
    expect(map.rows.map((r) => r.heading.charAt(0)).join('')).toBe('ABCDEF');
    expect(map.columns.map((c) => c.heading.charAt(0)).join('')).toBe('4321');
    const d = map.rows.find((r) => r.heading.startsWith('D'))!;
    expect(d.cells.find((c) => c.label === 'D3')).toMatchObject({
      count: 1,
      outsideTolerance: false,
    });
  });
});

describe('matrix settings', () => {
  it('accepts the defaults', () => {
    expect(matrixProblems(DEFAULT_MATRIX, NONE_USED)).toEqual([]);
    expect(matrixProblems(LETTER_MATRIX, NONE_USED)).toEqual([]);
  });

  it('refuses too few or too many levels, a tolerance the matrix cannot score, and shrinking below a rating in use', () => {
    expect(
      matrixProblems({ ...LETTER_MATRIX, likelihoodLabels: 'abcdefg'.split('') }, NONE_USED),
    ).toEqual([
      { field: 'likelihoodLabels', text: 'Enter from 2 to 6 likelihood levels, one a line' },
    ]);
    expect(matrixProblems({ ...DEFAULT_MATRIX, impactLabels: ['only'] }, NONE_USED)[0]!.field).toBe(
      'impactLabels',
    );
    expect(matrixProblems({ ...DEFAULT_MATRIX, tolerance: 26 }, NONE_USED)).toEqual([
      {
        field: 'tolerance',
        text: 'Enter a tolerance from 1 to 25, the highest score on this matrix',
      },
    ]);
    expect(
      matrixProblems(
        { ...DEFAULT_MATRIX, impactLabels: ['a', 'b', 'c'], tolerance: 5 },
        { likelihood: 2, impact: 4 },
      ),
    ).toEqual([
      {
        field: 'impactLabels',
        text: 'A risk is rated at impact level 4: keep at least 4 impact levels',
      },
    ]);
  });

  it('reads labels one a line, ignoring blank lines', () => {
    expect(linesOf(' Rare \r\n\nLikely\n')).toEqual(['Rare', 'Likely']);
  });
});

describe('overdue reviews', () => {
  it('are open risks whose review date has passed', () => {
    expect(reviewOverdue({ status: 'open', review_due: '2026-01-01' }, '2026-01-02')).toBe(true);
    expect(reviewOverdue({ status: 'open', review_due: '2026-01-02' }, '2026-01-02')).toBe(false);
    expect(reviewOverdue({ status: 'closed', review_due: '2026-01-01' }, '2026-01-02')).toBe(false);
    expect(reviewOverdue({ status: 'open', review_due: null }, '2026-01-02')).toBe(false);
  });
});

describe('escalation to a board', () => {
  const BOARD = '11111111-1111-4111-8111-111111111111';
  it('asks for a reason when a risk is escalated somewhere new', () => {
    expect(escalationProblems({ boardId: BOARD, to: '', reason: '' })).toEqual([
      { field: 'escalationReason', text: 'Enter the reason for escalation' },
    ]);
    expect(escalationProblems({ boardId: null, to: 'DfE', reason: '' })).toHaveLength(1);
    expect(escalationProblems({ boardId: BOARD, to: '', reason: 'Outside tolerance' })).toEqual([]);
    expect(escalationProblems({ boardId: null, to: '', reason: '' })).toEqual([]);
  });

  it('keeps an older escalation without a reason until it changes', () => {
    const before = { boardId: null, to: 'SEND Improvement Board' };
    expect(escalationProblems({ ...before, reason: '' }, before)).toEqual([]);
    expect(escalationProblems({ boardId: BOARD, to: '', reason: '' }, before)).toHaveLength(1);
  });

  it('takes a board or another body, not both', () => {
    expect(escalationProblems({ boardId: BOARD, to: 'DfE', reason: 'x' })).toEqual([
      {
        field: 'escalatedTo',
        text: 'Select a board or name another body it is escalated to, not both',
      },
    ]);
  });
});
