/**
 * The risk register's rules: the partnership's matrix, how a likelihood and impact are scored and
 * named on it, tolerance, the heat map's cells, and when a review is overdue. Pure: no I/O.
 *
 * Levels count from 1, the least likely and the least severe, whatever the matrix calls them. A
 * score matrix names a rating by its score (likelihood × impact, 1–25 on 5 × 5). A letter matrix,
 * as many councils use (Medway's "D3"), names likelihood with letters from A, the most likely, and
 * impact with numbers from 1, the most severe; its score is still likelihood × impact, which is
 * what the tolerance is compared with.
 */

export const MATRIX_KINDS = ['score', 'letter'] as const;
export type MatrixKind = (typeof MATRIX_KINDS)[number];
export const MATRIX_KIND_LABELS: Record<MatrixKind, string> = {
  score: 'Scored: likelihood × impact (for example 5 × 5, scored 1 to 25)',
  letter: 'Letter by number: likelihood A, B, C… by impact 1, 2, 3… (for example D3)',
};

export const RISK_STATUSES = ['open', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = { open: 'Open', closed: 'Closed' };

/** The most levels an axis may have: letters stop at F, a scored matrix at 10. */
export const MAX_LEVELS: Record<MatrixKind, number> = { score: 10, letter: 6 };
export const MIN_LEVELS = 2;
const LETTERS = 'ABCDEFGHIJ';

export type RiskMatrix = {
  kind: MatrixKind;
  /** Names of the likelihood levels, least likely first. */
  likelihoodLabels: string[];
  /** Names of the impact levels, least severe first. */
  impactLabels: string[];
  /** A score above this is outside tolerance. */
  tolerance: number;
};

export const DEFAULT_MATRIX: RiskMatrix = {
  kind: 'score',
  likelihoodLabels: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
  impactLabels: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  tolerance: 12,
};

/** A common council matrix: likelihood A (very high) to F, impact 1 (catastrophic) to 4. */
export const LETTER_MATRIX: RiskMatrix = {
  kind: 'letter',
  likelihoodLabels: ['Almost impossible', 'Very low', 'Low', 'Significant', 'High', 'Very high'],
  impactLabels: ['Negligible', 'Marginal', 'Critical', 'Catastrophic'],
  tolerance: 8,
};

export type Axis = 'likelihood' | 'impact';

const levelsOf = (matrix: RiskMatrix, axis: Axis) =>
  axis === 'likelihood' ? matrix.likelihoodLabels.length : matrix.impactLabels.length;

/** The short code of a level: its number on a score matrix; a letter or number (1 the worst) on a letter matrix. */
export function levelCode(matrix: RiskMatrix, axis: Axis, level: number): string {
  if (matrix.kind === 'score') return String(level);
  const count = levelsOf(matrix, axis);
  return axis === 'likelihood' ? LETTERS.charAt(count - level) : String(count - level + 1);
}

/** "C – Significant", "4 – Likely": a level as a list or table heading shows it. */
export function levelName(matrix: RiskMatrix, axis: Axis, level: number): string {
  const labels = axis === 'likelihood' ? matrix.likelihoodLabels : matrix.impactLabels;
  return `${levelCode(matrix, axis, level)} – ${labels[level - 1] ?? ''}`;
}

export type Rating = {
  likelihood: number;
  impact: number;
  score: number;
  /** "D3" on a letter matrix, the score ("12") on a score matrix. */
  label: string;
  outsideTolerance: boolean;
};

export function rate(matrix: RiskMatrix, likelihood: number, impact: number): Rating {
  const score = likelihood * impact;
  const label =
    matrix.kind === 'letter'
      ? `${levelCode(matrix, 'likelihood', likelihood)}${levelCode(matrix, 'impact', impact)}`
      : String(score);
  return { likelihood, impact, score, label, outsideTolerance: score > matrix.tolerance };
}

/** A letter matrix's rating read back from its name ("d3" or "D3"); undefined if not on the matrix. */
export function parseRatingLabel(
  matrix: RiskMatrix,
  text: string,
): { likelihood: number; impact: number } | undefined {
  if (matrix.kind !== 'letter') return undefined;
  const match = /^([A-Ja-j])\s*(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const likelihood = levelsOf(matrix, 'likelihood') - LETTERS.indexOf(match[1]!.toUpperCase());
  const impact = levelsOf(matrix, 'impact') - Number(match[2]) + 1;
  if (likelihood < 1 || impact < 1 || impact > levelsOf(matrix, 'impact')) return undefined;
  return { likelihood, impact };
}

/** Whether a level is on the matrix's axis. */
export const onMatrix = (matrix: RiskMatrix, axis: Axis, level: number) =>
  Number.isInteger(level) && level >= 1 && level <= levelsOf(matrix, axis);

export type HeatMapCell = {
  impact: number;
  count: number;
  outsideTolerance: boolean;
  label: string;
};
export type HeatMapRow = { likelihood: number; heading: string; cells: HeatMapCell[] };
export type HeatMap = { columns: { impact: number; heading: string }[]; rows: HeatMapRow[] };

/**
 * The heat map: a row per likelihood, the most likely at the top, and a column per impact, the
 * least severe first; each cell counts the ratings that fall in it. Ratings off the matrix are
 * not counted (a matrix is never made smaller than the ratings it holds).
 */
export function heatMap(
  matrix: RiskMatrix,
  ratings: readonly { likelihood: number; impact: number }[],
): HeatMap {
  const counts = new Map<string, number>();
  for (const r of ratings)
    counts.set(`${r.likelihood}:${r.impact}`, (counts.get(`${r.likelihood}:${r.impact}`) ?? 0) + 1);
  const impacts = matrix.impactLabels.map((_, i) => i + 1);
  const likelihoods = matrix.likelihoodLabels.map((_, i) => i + 1).reverse();
  return {
    columns: impacts.map((impact) => ({ impact, heading: levelName(matrix, 'impact', impact) })),
    rows: likelihoods.map((likelihood) => ({
      likelihood,
      heading: levelName(matrix, 'likelihood', likelihood),
      cells: impacts.map((impact) => {
        const rating = rate(matrix, likelihood, impact);
        return {
          impact,
          count: counts.get(`${likelihood}:${impact}`) ?? 0,
          outsideTolerance: rating.outsideTolerance,
          label: rating.label,
        };
      }),
    })),
  };
}

/** A review is overdue once its date has passed while the risk is open. */
export const reviewOverdue = (
  risk: { status: RiskStatus; review_due: string | null },
  today: string,
): boolean => risk.status === 'open' && risk.review_due !== null && risk.review_due < today;

/** Labels typed one per line: blank lines dropped, each trimmed. */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * What is wrong with a matrix an admin sets, field by field: each axis needs 2 to 6 levels
 * (letters) or 2 to 10 (scores), each label short; the tolerance must be a score the matrix can
 * give; and it cannot be made smaller than the largest level a risk is rated at.
 */
export function matrixProblems(
  matrix: RiskMatrix,
  used: { likelihood: number; impact: number },
): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = [];
  const max = MAX_LEVELS[matrix.kind];
  const axes = [
    ['likelihoodLabels', 'likelihood', matrix.likelihoodLabels, used.likelihood],
    ['impactLabels', 'impact', matrix.impactLabels, used.impact],
  ] as const;
  for (const [field, name, labels, inUse] of axes) {
    if (labels.length < MIN_LEVELS || labels.length > max)
      problems.push({
        field,
        text: `Enter from ${MIN_LEVELS} to ${max} ${name} levels, one a line`,
      });
    else if (labels.some((l) => l.length > 60))
      problems.push({ field, text: `Each ${name} level must be 60 characters or fewer` });
    else if (labels.length < inUse)
      problems.push({
        field,
        text: `A risk is rated at ${name} level ${inUse}: keep at least ${inUse} ${name} levels`,
      });
  }
  const highest = matrix.likelihoodLabels.length * matrix.impactLabels.length;
  if (!problems.length && (matrix.tolerance < 1 || matrix.tolerance > highest))
    problems.push({
      field: 'tolerance',
      text: `Enter a tolerance from 1 to ${highest}, the highest score on this matrix`,
    });
  return problems;
}

/** Where a risk is escalated: one of the partnership's boards, or another body named in text. */
export type Escalation = { boardId: string | null; to: string; reason: string };

/**
 * What is wrong with an escalation: a board or another body named, not both; and a reason
 * whenever it is escalated somewhere new (a risk escalated before reasons were asked for keeps
 * its escalation without one until it changes).
 */
export function escalationProblems(
  asked: Escalation,
  before?: Pick<Escalation, 'boardId' | 'to'>,
): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = [];
  if (asked.boardId && asked.to)
    problems.push({
      field: 'escalatedTo',
      text: 'Select a board or name another body it is escalated to, not both',
    });
  const escalated = asked.boardId !== null || asked.to !== '';
  const unchanged =
    before !== undefined && before.boardId === asked.boardId && before.to === asked.to;
  if (escalated && !unchanged && !asked.reason)
    problems.push({ field: 'escalationReason', text: 'Enter the reason for escalation' });
  return problems;
}
