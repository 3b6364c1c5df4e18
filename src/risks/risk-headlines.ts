/**
 * The risks the Overview shows: the open risks with the highest current scores, and the reviews
 * overdue, each rated on the partnership's matrix, and how many are open (the register lists them
 * all). Four queries, however many risks there are.
 */
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import {
  countOpenRisks,
  loadMatrix,
  overdueReviews,
  topRisks,
  type RiskRow,
} from './risk-repository.js';
import { rate, type Rating } from './risk-rules.js';

export const TOP_RISKS = 5;

export type RiskHeadline = {
  id: string;
  title: string;
  owner_name: string | null;
  review_due: string | null;
  current: Rating;
};

export async function riskHeadlines(
  q: Queryable,
  tenant: Tenant,
  today: string,
): Promise<{
  top: RiskHeadline[];
  overdue: RiskHeadline[];
  tolerance: number;
  openCount: number;
}> {
  const [matrix, top, overdue, openCount] = await Promise.all([
    loadMatrix(q, tenant),
    topRisks(q, tenant, TOP_RISKS),
    overdueReviews(q, tenant, today),
    countOpenRisks(q, tenant),
  ]);
  const headline = (r: RiskRow): RiskHeadline => ({
    id: r.id,
    title: r.title,
    owner_name: r.owner_name,
    review_due: r.review_due,
    current: rate(matrix, r.current_likelihood, r.current_impact),
  });
  return {
    top: top.map(headline),
    overdue: overdue.map(headline),
    tolerance: matrix.tolerance,
    openCount,
  };
}
