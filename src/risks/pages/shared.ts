/** What the risk pages share: who may change risks, the URLs, and a risk as a page shows it. */
import type { FastifyRequest } from 'fastify';
import { tenantOf } from '../../platform/web/request.js';
import type { RiskRow } from '../risk-repository.js';
import {
  levelName,
  rate,
  reviewOverdue,
  RISK_STATUS_LABELS,
  type Rating,
  type RiskMatrix,
} from '../risk-rules.js';

export const ADMIN = { roles: ['admin'] as const };

/** The partnership's risk register: the other risk pages start here. */
export const risksUrl = (request: FastifyRequest) => `/p/${tenantOf(request).slug}/risks`;

/** "D3 (score 6)" or "12 (likelihood 4, impact 3)": a rating in words, outside tolerance said. */
export function ratingText(matrix: RiskMatrix, rating: Rating): string {
  return matrix.kind === 'letter'
    ? `${rating.label} (score ${rating.score})`
    : `${rating.label} (likelihood ${rating.likelihood} × impact ${rating.impact})`;
}

export type RiskView = ReturnType<typeof riskView>;

/** A risk with its ratings named on the matrix, for lists and its own page. */
export function riskView(matrix: RiskMatrix, row: RiskRow, today: string) {
  const named = (likelihood: number, impact: number) => {
    const rating = rate(matrix, likelihood, impact);
    return {
      ...rating,
      text: ratingText(matrix, rating),
      likelihoodName: levelName(matrix, 'likelihood', likelihood),
      impactName: levelName(matrix, 'impact', impact),
    };
  };
  return {
    ...row,
    statusLabel: RISK_STATUS_LABELS[row.status],
    inherent: named(row.inherent_likelihood, row.inherent_impact),
    current: named(row.current_likelihood, row.current_impact),
    target:
      row.target_likelihood !== null && row.target_impact !== null
        ? named(row.target_likelihood, row.target_impact)
        : null,
    overdue: reviewOverdue(row, today),
    /** The board it is escalated to, or the other body named; '' when not escalated. */
    escalatedToName: row.escalated_to_board_name ?? row.escalated_to,
  };
}

/** The matrix's levels as select items, highest first, with an empty "Choose" at the top. */
export function levelItems(matrix: RiskMatrix, axis: 'likelihood' | 'impact', chosen: unknown) {
  const count = axis === 'likelihood' ? matrix.likelihoodLabels.length : matrix.impactLabels.length;
  const items = [{ value: '', text: 'Choose', selected: chosen === '' || chosen === undefined }];
  for (let level = count; level >= 1; level--)
    items.push({
      value: String(level),
      text: levelName(matrix, axis, level),
      selected: String(chosen) === String(level),
    });
  return items;
}
