/** The risk register's store: the only SQL of risks, each function taking the Tenant. */
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { DEFAULT_MATRIX, type MatrixKind, type RiskMatrix, type RiskStatus } from './risk-rules.js';

export type RiskRow = {
  id: string;
  title: string;
  description: string;
  cause: string;
  consequence: string;
  owner_user_id: string | null;
  owner_name: string | null;
  plan_id: string | null;
  plan_title: string | null;
  priority_id: string | null;
  priority_title: string | null;
  finding_id: string | null;
  finding_text: string | null;
  action_id: string | null;
  action_title: string | null;
  inherent_likelihood: number;
  inherent_impact: number;
  current_likelihood: number;
  current_impact: number;
  target_likelihood: number | null;
  target_impact: number | null;
  review_due: string | null;
  status: RiskStatus;
  closed_on: string | null;
  /** The board it is escalated to, one of the partnership's. */
  escalated_to_board_id: string | null;
  escalated_to_board_name: string | null;
  /** Free text: a body that is not a board here, or an escalation recorded before boards were. */
  escalated_to: string;
  escalation_reason: string;
  escalated_on: string | null;
  version: number;
};

/** A risk's fields as a command writes them. */
export type RiskFields = {
  title: string;
  description: string;
  cause: string;
  consequence: string;
  ownerUserId: string;
  planId: string | null;
  priorityId: string | null;
  findingId: string | null;
  actionId: string | null;
  inherentLikelihood: number;
  inherentImpact: number;
  currentLikelihood: number;
  currentImpact: number;
  targetLikelihood: number | null;
  targetImpact: number | null;
  reviewDue: string | null;
  escalatedToBoardId: string | null;
  escalatedTo: string;
  escalationReason: string;
  escalatedOn: string | null;
};

export type MitigationRow = {
  id: string;
  risk_id: string;
  text: string;
  action_id: string | null;
  action_title: string | null;
};

export type ReviewRow = {
  id: string;
  risk_id: string;
  reviewed_on: string;
  likelihood: number;
  impact: number;
  note: string;
  reviewer_name: string | null;
};

// Dates as ISO text: the same on PGlite and PostgreSQL whatever the server's time zone.
const COLUMNS = `r.id, r.title, r.description, r.cause, r.consequence, r.owner_user_id, u.name AS owner_name,
  r.plan_id, p.title AS plan_title, r.priority_id, pr.title AS priority_title,
  r.finding_id, f.text AS finding_text, r.action_id, a.title AS action_title,
  r.inherent_likelihood, r.inherent_impact, r.current_likelihood, r.current_impact,
  r.target_likelihood, r.target_impact, r.review_due::text, r.status, r.closed_on::text,
  r.escalated_to_board_id, b.name AS escalated_to_board_name,
  r.escalated_to, r.escalation_reason, r.escalated_on::text, r.version`;
const FROM = `risks r
  LEFT JOIN users u ON u.id = r.owner_user_id
  LEFT JOIN plans p ON p.id = r.plan_id AND p.partnership_id = r.partnership_id
  LEFT JOIN priorities pr ON pr.id = r.priority_id AND pr.partnership_id = r.partnership_id
  LEFT JOIN findings f ON f.id = r.finding_id AND f.partnership_id = r.partnership_id
  LEFT JOIN actions a ON a.id = r.action_id AND a.partnership_id = r.partnership_id
  LEFT JOIN boards b ON b.id = r.escalated_to_board_id AND b.partnership_id = r.partnership_id`;
const ORDER = `ORDER BY r.status, r.current_likelihood * r.current_impact DESC, lower(r.title), r.id`;

/** Every risk, open ones first, the highest current score first. */
export async function listRisks(q: Queryable, tenant: Tenant): Promise<RiskRow[]> {
  return q.query<RiskRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.partnership_id = $1 ${ORDER}`, [
    tenant.partnershipId,
  ]);
}

/** The open risks with the highest current scores, for the Overview. */
export async function topRisks(q: Queryable, tenant: Tenant, limit: number): Promise<RiskRow[]> {
  return q.query<RiskRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.partnership_id = $1 AND r.status = 'open' ${ORDER} LIMIT $2`,
    [tenant.partnershipId, limit],
  );
}

/** How many risks are open: the Overview's "See all" link says it. */
export async function countOpenRisks(q: Queryable, tenant: Tenant): Promise<number> {
  const rows = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM risks WHERE partnership_id = $1 AND status = 'open'",
    [tenant.partnershipId],
  );
  return rows[0]?.n ?? 0;
}

/** Open risks whose review date has passed, the longest overdue first. */
export async function overdueReviews(
  q: Queryable,
  tenant: Tenant,
  today: string,
): Promise<RiskRow[]> {
  return q.query<RiskRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.partnership_id = $1 AND r.status = 'open' AND r.review_due < $2
     ORDER BY r.review_due, lower(r.title), r.id`,
    [tenant.partnershipId, today],
  );
}

export async function findRisk(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<RiskRow | undefined> {
  const rows = await q.query<RiskRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.partnership_id = $1 AND r.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

const values = (f: RiskFields) => [
  f.title,
  f.description,
  f.cause,
  f.consequence,
  f.ownerUserId,
  f.planId,
  f.priorityId,
  f.findingId,
  f.actionId,
  f.inherentLikelihood,
  f.inherentImpact,
  f.currentLikelihood,
  f.currentImpact,
  f.targetLikelihood,
  f.targetImpact,
  f.reviewDue,
  f.escalatedTo,
  f.escalationReason,
  f.escalatedOn,
  f.escalatedToBoardId,
];

export async function insertRisk(
  q: Queryable,
  tenant: Tenant,
  fields: RiskFields,
  createdBy: string | null,
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO risks (partnership_id, title, description, cause, consequence, owner_user_id, plan_id,
       priority_id, finding_id, action_id, inherent_likelihood, inherent_impact, current_likelihood,
       current_impact, target_likelihood, target_impact, review_due, escalated_to, escalation_reason,
       escalated_on, escalated_to_board_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     RETURNING id`,
    [tenant.partnershipId, ...values(fields), createdBy],
  );
  return rows[0]!;
}

/** Saves only if nobody changed the risk since `version` was read. */
export async function updateRisk(
  q: Queryable,
  tenant: Tenant,
  id: string,
  fields: RiskFields,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE risks SET title = $4, description = $5, cause = $6, consequence = $7, owner_user_id = $8,
       plan_id = $9, priority_id = $10, finding_id = $11, action_id = $12, inherent_likelihood = $13,
       inherent_impact = $14, current_likelihood = $15, current_impact = $16, target_likelihood = $17,
       target_impact = $18, review_due = $19, escalated_to = $20, escalation_reason = $21,
       escalated_on = $22, escalated_to_board_id = $23, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $3 RETURNING 1`,
    [tenant.partnershipId, id, version, ...values(fields)],
  );
  return rows.length === 1;
}

/** A review moves the current rating and the next review date, as of the version read. */
export async function applyReview(
  q: Queryable,
  tenant: Tenant,
  id: string,
  review: { likelihood: number; impact: number; nextReviewOn: string | null },
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE risks SET current_likelihood = $4, current_impact = $5, review_due = $6, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $3 RETURNING 1`,
    [tenant.partnershipId, id, version, review.likelihood, review.impact, review.nextReviewOn],
  );
  return rows.length === 1;
}

export async function insertReview(
  q: Queryable,
  tenant: Tenant,
  riskId: string,
  review: { reviewedOn: string; likelihood: number; impact: number; note: string },
  createdBy: string | null,
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO risk_reviews (partnership_id, risk_id, reviewed_on, likelihood, impact, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      tenant.partnershipId,
      riskId,
      review.reviewedOn,
      review.likelihood,
      review.impact,
      review.note,
      createdBy,
    ],
  );
  return rows[0]!;
}

export async function updateStatus(
  q: Queryable,
  tenant: Tenant,
  id: string,
  status: RiskStatus,
  closedOn: string | null,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE risks SET status = $4, closed_on = $5, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $3 RETURNING 1`,
    [tenant.partnershipId, id, version, status, closedOn],
  );
  return rows.length === 1;
}

export async function deleteRisk(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await q.query('DELETE FROM risks WHERE partnership_id = $1 AND id = $2', [
    tenant.partnershipId,
    id,
  ]);
}

export async function listReviews(
  q: Queryable,
  tenant: Tenant,
  riskId: string,
): Promise<ReviewRow[]> {
  return q.query<ReviewRow>(
    `SELECT v.id, v.risk_id, v.reviewed_on::text, v.likelihood, v.impact, v.note, u.name AS reviewer_name
     FROM risk_reviews v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.partnership_id = $1 AND v.risk_id = $2 ORDER BY v.reviewed_on DESC, v.created_at DESC`,
    [tenant.partnershipId, riskId],
  );
}

export async function listMitigations(
  q: Queryable,
  tenant: Tenant,
  riskId: string,
): Promise<MitigationRow[]> {
  return q.query<MitigationRow>(
    `SELECT m.id, m.risk_id, m.text, m.action_id, a.title AS action_title
     FROM risk_mitigations m LEFT JOIN actions a ON a.id = m.action_id AND a.partnership_id = m.partnership_id
     WHERE m.partnership_id = $1 AND m.risk_id = $2 ORDER BY m.created_at, m.id`,
    [tenant.partnershipId, riskId],
  );
}

export async function insertMitigation(
  q: Queryable,
  tenant: Tenant,
  riskId: string,
  mitigation: { text: string; actionId: string | null },
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO risk_mitigations (partnership_id, risk_id, text, action_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [tenant.partnershipId, riskId, mitigation.text, mitigation.actionId],
  );
  return rows[0]!;
}

export async function deleteMitigation(
  q: Queryable,
  tenant: Tenant,
  riskId: string,
  mitigationId: string,
): Promise<MitigationRow | undefined> {
  const rows = await q.query<MitigationRow>(
    `DELETE FROM risk_mitigations WHERE partnership_id = $1 AND risk_id = $2 AND id = $3
     RETURNING id, risk_id, text, action_id, NULL AS action_title`,
    [tenant.partnershipId, riskId, mitigationId],
  );
  return rows[0];
}

/** Which of these ids are this partnership's: a lead must be a current member. */
export async function ownedIds(
  q: Queryable,
  tenant: Tenant,
  ids: {
    ownerUserId?: string | null;
    planId?: string | null;
    priorityId?: string | null;
    findingId?: string | null;
    actionId?: string | null;
    escalatedToBoardId?: string | null;
  },
): Promise<{
  owner: boolean;
  plan: boolean;
  priority: boolean;
  finding: boolean;
  action: boolean;
  board: boolean;
}> {
  const rows = await q.query<{
    owner: boolean;
    plan: boolean;
    priority: boolean;
    finding: boolean;
    action: boolean;
    board: boolean;
  }>(
    `SELECT EXISTS (SELECT 1 FROM memberships WHERE partnership_id = $1 AND user_id = $2 AND disabled_at IS NULL) AS owner,
       EXISTS (SELECT 1 FROM plans WHERE partnership_id = $1 AND id = $3) AS plan,
       EXISTS (SELECT 1 FROM priorities WHERE partnership_id = $1 AND id = $4) AS priority,
       EXISTS (SELECT 1 FROM findings WHERE partnership_id = $1 AND id = $5) AS finding,
       EXISTS (SELECT 1 FROM actions WHERE partnership_id = $1 AND id = $6) AS action,
       EXISTS (SELECT 1 FROM boards WHERE partnership_id = $1 AND id = $7) AS board`,
    [
      tenant.partnershipId,
      ids.ownerUserId ?? null,
      ids.planId ?? null,
      ids.priorityId ?? null,
      ids.findingId ?? null,
      ids.actionId ?? null,
      ids.escalatedToBoardId ?? null,
    ],
  );
  return rows[0]!;
}

type MatrixRow = {
  kind: MatrixKind;
  likelihood_labels: string[] | string;
  impact_labels: string[] | string;
  tolerance: number;
  version: number;
};

const parsed = (value: string[] | string): string[] =>
  typeof value === 'string' ? (JSON.parse(value) as string[]) : value;

/** The partnership's matrix, or the default 5 × 5 one (version 0) until it saves its own. */
export async function loadMatrix(
  q: Queryable,
  tenant: Tenant,
): Promise<RiskMatrix & { version: number }> {
  const row = (
    await q.query<MatrixRow>(
      'SELECT kind, likelihood_labels, impact_labels, tolerance, version FROM risk_matrices WHERE partnership_id = $1',
      [tenant.partnershipId],
    )
  )[0];
  if (!row) return { ...DEFAULT_MATRIX, version: 0 };
  return {
    kind: row.kind,
    likelihoodLabels: parsed(row.likelihood_labels),
    impactLabels: parsed(row.impact_labels),
    tolerance: row.tolerance,
    version: row.version,
  };
}

/** Saves only if nobody changed the matrix since `version` (0: never saved) was read. */
export async function saveMatrix(
  q: Queryable,
  tenant: Tenant,
  matrix: RiskMatrix,
  version: number,
): Promise<boolean> {
  const params = [
    tenant.partnershipId,
    matrix.kind,
    JSON.stringify(matrix.likelihoodLabels),
    JSON.stringify(matrix.impactLabels),
    matrix.tolerance,
  ];
  const rows =
    version === 0
      ? await q.query(
          `INSERT INTO risk_matrices (partnership_id, kind, likelihood_labels, impact_labels, tolerance)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (partnership_id) DO NOTHING RETURNING 1`,
          params,
        )
      : await q.query(
          `UPDATE risk_matrices SET kind = $2, likelihood_labels = $3, impact_labels = $4, tolerance = $5,
             version = version + 1 WHERE partnership_id = $1 AND version = $6 RETURNING 1`,
          [...params, version],
        );
  return rows.length === 1;
}

/** The highest likelihood and impact levels any risk or review is rated at. */
export async function levelsInUse(
  q: Queryable,
  tenant: Tenant,
): Promise<{ likelihood: number; impact: number }> {
  const rows = await q.query<{ likelihood: number | null; impact: number | null }>(
    `SELECT max(GREATEST(inherent_likelihood, current_likelihood, COALESCE(target_likelihood, 0))) AS likelihood,
       max(GREATEST(inherent_impact, current_impact, COALESCE(target_impact, 0))) AS impact
     FROM (SELECT inherent_likelihood, current_likelihood, target_likelihood, inherent_impact,
             current_impact, target_impact FROM risks WHERE partnership_id = $1
           UNION ALL SELECT likelihood, likelihood, NULL, impact, impact, NULL
             FROM risk_reviews WHERE partnership_id = $1) levels`,
    [tenant.partnershipId],
  );
  return { likelihood: rows[0]?.likelihood ?? 0, impact: rows[0]?.impact ?? 0 };
}

export type LinkChoices = {
  plans: { id: string; title: string }[];
  priorities: { id: string; title: string; plan_title: string; position: number }[];
  findings: { id: string; text: string }[];
  actions: { id: string; title: string; plan_title: string }[];
};

/** What a risk may be linked to, for the form's lists: the partnership's plans and their parts. */
export async function linkChoices(q: Queryable, tenant: Tenant): Promise<LinkChoices> {
  const [plans, priorities, findings, actions] = await Promise.all([
    q.query<LinkChoices['plans'][number]>(
      'SELECT id, title FROM plans WHERE partnership_id = $1 ORDER BY lower(title), id',
      [tenant.partnershipId],
    ),
    q.query<LinkChoices['priorities'][number]>(
      `SELECT pr.id, pr.title, p.title AS plan_title, pr.position FROM priorities pr JOIN plans p ON p.id = pr.plan_id
       WHERE pr.partnership_id = $1 ORDER BY lower(p.title), p.id, pr.position`,
      [tenant.partnershipId],
    ),
    q.query<LinkChoices['findings'][number]>(
      `SELECT f.id, f.text FROM findings f JOIN inspections i ON i.id = f.inspection_id
       WHERE f.partnership_id = $1 ORDER BY i.published_on DESC NULLS LAST, f.position, f.id`,
      [tenant.partnershipId],
    ),
    q.query<LinkChoices['actions'][number]>(
      `SELECT a.id, a.title, p.title AS plan_title FROM actions a JOIN plans p ON p.id = a.plan_id
       WHERE a.partnership_id = $1 ORDER BY lower(p.title), p.id, a.created_at, a.position, a.id`,
      [tenant.partnershipId],
    ),
  ]);
  return { plans, priorities, findings, actions };
}
