import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { FindingType, Framework, InspectionKind, Question } from './inspection-rules.js';

export type InspectionRow = {
  id: string;
  framework: Framework;
  kind: InspectionKind;
  on_site_start: string | null;
  on_site_end: string | null;
  published_on: string | null;
  team: string;
  outcome: 1 | 2 | 3 | null;
  wsoa_required: boolean | null;
  outcome_text: string;
  /** The inspection a revisit or monitoring inspection follows and judges. */
  follows_inspection_id: string | null;
  version: number;
  finding_count: number;
};

export type InspectionInput = {
  framework: Framework;
  kind: InspectionKind;
  onSiteStart: string | null;
  onSiteEnd: string | null;
  publishedOn: string | null;
  team: string;
  outcome: 1 | 2 | 3 | null;
  wsoaRequired: boolean | null;
  outcomeText: string;
  /** Absent means none: most inspections follow nothing. */
  followsInspectionId?: string | null;
};

// Dates as ISO text: the same on PGlite and PostgreSQL, whatever the server's time zone.
const INSPECTION_COLUMNS = `i.id, i.framework, i.kind, i.on_site_start::text, i.on_site_end::text, i.published_on::text, i.team,
  i.outcome, i.wsoa_required, i.outcome_text, i.follows_inspection_id, i.version,
  (SELECT count(*)::int FROM findings f WHERE f.inspection_id = i.id) AS finding_count`;

export async function listInspections(q: Queryable, tenant: Tenant): Promise<InspectionRow[]> {
  return q.query<InspectionRow>(
    `SELECT ${INSPECTION_COLUMNS} FROM inspections i WHERE i.partnership_id = $1 ORDER BY i.published_on DESC NULLS LAST, i.created_at DESC`,
    [tenant.partnershipId],
  );
}

export async function findInspection(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<InspectionRow | undefined> {
  const rows = await q.query<InspectionRow>(
    `SELECT ${INSPECTION_COLUMNS} FROM inspections i WHERE i.partnership_id = $1 AND i.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

export async function insertInspection(
  q: Queryable,
  tenant: Tenant,
  input: InspectionInput,
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO inspections (partnership_id, framework, kind, on_site_start, on_site_end, published_on, team, outcome, wsoa_required, outcome_text, follows_inspection_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      tenant.partnershipId,
      input.framework,
      input.kind,
      input.onSiteStart,
      input.onSiteEnd,
      input.publishedOn,
      input.team,
      input.outcome,
      input.wsoaRequired,
      input.outcomeText,
      input.followsInspectionId ?? null,
    ],
  );
  return rows[0]!;
}

export async function updateInspection(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: InspectionInput,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE inspections SET framework = $3, kind = $4, on_site_start = $5, on_site_end = $6, published_on = $7, team = $8, outcome = $9,
       wsoa_required = $10, outcome_text = $11, follows_inspection_id = $13, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $12 RETURNING 1`,
    [
      tenant.partnershipId,
      id,
      input.framework,
      input.kind,
      input.onSiteStart,
      input.onSiteEnd,
      input.publishedOn,
      input.team,
      input.outcome,
      input.wsoaRequired,
      input.outcomeText,
      version,
      input.followsInspectionId ?? null,
    ],
  );
  return rows.length === 1;
}

export type FindingRow = {
  id: string;
  inspection_id: string;
  type: FindingType;
  question: Question | null;
  text: string;
  position: number;
  sufficient_progress: boolean | null;
  /** A revisit's judgement: the finding of the followed inspection it judges, and how. */
  judges_finding_id: string | null;
  judgement_text: string;
  /** An area for priority action's responsible body, as the report names it; '' if none. */
  responsible_body: string;
  version: number;
  priority_count: number;
  /** How many later findings (a revisit's) judge this one. */
  judgement_count: number;
};

const FINDING_COLUMNS = `f.id, f.inspection_id, f.type, f.question, f.text, f.position, f.sufficient_progress, f.judges_finding_id, f.judgement_text, f.responsible_body, f.version,
  (SELECT count(*)::int FROM priority_findings pf WHERE pf.finding_id = f.id) AS priority_count,
  (SELECT count(*)::int FROM findings j WHERE j.partnership_id = f.partnership_id AND j.judges_finding_id = f.id) AS judgement_count`;

export async function listFindings(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string,
): Promise<FindingRow[]> {
  return q.query<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM findings f WHERE f.partnership_id = $1 AND f.inspection_id = $2 ORDER BY f.position`,
    [tenant.partnershipId, inspectionId],
  );
}

export async function findFinding(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string,
  id: string,
): Promise<FindingRow | undefined> {
  const rows = await q.query<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM findings f WHERE f.partnership_id = $1 AND f.inspection_id = $2 AND f.id = $3`,
    [tenant.partnershipId, inspectionId, id],
  );
  return rows[0];
}

export type FindingInput = {
  type: FindingType;
  question: Question | null;
  text: string;
  sufficientProgress: boolean | null;
  /** Absent means none: only a revisit's findings judge another. */
  judgesFindingId?: string | null;
  judgementText?: string;
  /** Areas for priority action: who must act, as the report's table names them. */
  responsibleBody?: string;
};

/**
 * Findings are numbered max(position) + 1 within their inspection. Two inserts side by side (READ
 * COMMITTED) would not see each other's row and take the same number, so changes to the order
 * lock the inspection's row first and run one after another; each statement after the lock sees
 * the rows of the one before. NO KEY UPDATE leaves reads and other inserts that refer to the
 * inspection free to go on.
 */
async function lockFindingOrder(q: Queryable, tenant: Tenant, inspectionId: string): Promise<void> {
  await q.query(
    'SELECT 1 FROM inspections WHERE partnership_id = $1 AND id = $2 FOR NO KEY UPDATE',
    [tenant.partnershipId, inspectionId],
  );
}

export async function insertFinding(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string,
  input: FindingInput,
): Promise<{ id: string }> {
  await lockFindingOrder(q, tenant, inspectionId);
  const rows = await q.query<{ id: string }>(
    `INSERT INTO findings (partnership_id, inspection_id, type, question, text, sufficient_progress, judges_finding_id, judgement_text, responsible_body, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT coalesce(max(position), 0) + 1 FROM findings WHERE inspection_id = $2)) RETURNING id`,
    [
      tenant.partnershipId,
      inspectionId,
      input.type,
      input.question,
      input.text,
      input.sufficientProgress,
      input.judgesFindingId ?? null,
      input.judgementText ?? '',
      input.responsibleBody ?? '',
    ],
  );
  return rows[0]!;
}

export async function updateFinding(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: FindingInput,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE findings SET type = $3, question = $4, text = $5, sufficient_progress = $6,
       judges_finding_id = $8, judgement_text = $9,
       responsible_body = $10, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    [
      tenant.partnershipId,
      id,
      input.type,
      input.question,
      input.text,
      input.sufficientProgress,
      version,
      input.judgesFindingId ?? null,
      input.judgementText ?? '',
      input.responsibleBody ?? '',
    ],
  );
  return rows.length === 1;
}

export async function deleteFinding(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await q.query('DELETE FROM findings WHERE partnership_id = $1 AND id = $2', [
    tenant.partnershipId,
    id,
  ]);
}

/** Swaps a finding with its neighbour, keeping the order of the others. */
export async function moveFinding(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string,
  id: string,
  direction: 'up' | 'down',
): Promise<void> {
  await lockFindingOrder(q, tenant, inspectionId);
  const all = await q.query<{ id: string; position: number; type: string }>(
    'SELECT id, position, type FROM findings WHERE partnership_id = $1 AND inspection_id = $2 ORDER BY position',
    [tenant.partnershipId, inspectionId],
  );
  // Pages list findings by type: a finding swaps with the next one of its own type, never with a
  // neighbour of another type (which would look like nothing happened).
  const type = all.find((r) => r.id === id)?.type;
  const rows = all.filter((r) => r.type === type);
  const index = rows.findIndex((r) => r.id === id);
  const other = rows[direction === 'up' ? index - 1 : index + 1];
  const self = rows[index];
  if (!self || !other) return;
  await q.query(
    'UPDATE findings SET position = CASE WHEN id = $2 THEN $4::int WHEN id = $3 THEN $5::int END, version = version + 1 WHERE partnership_id = $1 AND id IN ($2, $3)',
    [tenant.partnershipId, self.id, other.id, other.position, self.position],
  );
}

/** A plan's priority that answers a finding, with how many actions it has. */
export type FindingAnswer = {
  finding_id: string;
  plan_id: string;
  plan_title: string;
  priority_id: string;
  priority_position: number;
  priority_title: string;
  actions: number;
};

/** For each finding of an inspection, the plans' priorities that answer it: findings lead to actions. */
export async function listFindingAnswers(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string,
): Promise<FindingAnswer[]> {
  return q.query<FindingAnswer>(
    `SELECT pf.finding_id, p.id AS plan_id, p.title AS plan_title, pr.id AS priority_id,
       pr.position AS priority_position, pr.title AS priority_title,
       (SELECT count(*)::int FROM actions a WHERE a.partnership_id = $1 AND a.priority_id = pr.id) AS actions
     FROM findings f
     JOIN priority_findings pf ON pf.finding_id = f.id
     JOIN priorities pr ON pr.id = pf.priority_id AND pr.partnership_id = $1
     JOIN plans p ON p.id = pr.plan_id AND p.partnership_id = $1
     WHERE f.partnership_id = $1 AND f.inspection_id = $2
     ORDER BY p.created_at, pr.position`,
    [tenant.partnershipId, inspectionId],
  );
}

/** Findings by id, wherever they are in the partnership: what a revisit's judgements point at. */
/** The findings judged, held (FOR KEY SHARE) until the caller's transaction ends. */
export async function findFindingsByIds(
  q: Queryable,
  tenant: Tenant,
  ids: readonly string[],
): Promise<{ id: string; inspection_id: string; type: FindingType }[]> {
  if (ids.length === 0) return [];
  return q.query(
    'SELECT id, inspection_id, type FROM findings WHERE partnership_id = $1 AND id = ANY($2::uuid[]) FOR KEY SHARE',
    [tenant.partnershipId, ids],
  );
}

/** Holds an inspection (FOR KEY SHARE) until the caller's transaction ends: it cannot be deleted. */
export async function holdInspection(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await q.query('SELECT 1 FROM inspections WHERE partnership_id = $1 AND id = $2 FOR KEY SHARE', [
    tenant.partnershipId,
    id,
  ]);
}

/** How many of an inspection's findings judge a finding of the inspection it follows. */
export async function countJudgements(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string,
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM findings WHERE partnership_id = $1 AND inspection_id = $2 AND judges_finding_id IS NOT NULL',
    [tenant.partnershipId, inspectionId],
  );
  return rows[0]?.n ?? 0;
}

/** A later inspection's judgement of one of this inspection's findings. */
export type JudgementRow = {
  /** The finding judged (this inspection's). */
  judges_finding_id: string;
  /** The later finding that judges it. */
  id: string;
  sufficient_progress: boolean | null;
  judgement_text: string;
  inspection_id: string;
  kind: InspectionKind;
  published_on: string | null;
  on_site_start: string | null;
};

/** Every judgement later inspections made of an inspection's findings, oldest first. */
/** Later judgements of an inspection's findings, or with null of every finding in the partnership. */
export async function listJudgementsOf(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string | null,
): Promise<JudgementRow[]> {
  return q.query<JudgementRow>(
    `SELECT j.judges_finding_id, j.id, j.sufficient_progress, j.judgement_text, i.id AS inspection_id,
       i.kind, i.published_on::text, i.on_site_start::text
     FROM findings j
     JOIN findings f ON f.id = j.judges_finding_id AND f.partnership_id = $1
     JOIN inspections i ON i.id = j.inspection_id AND i.partnership_id = $1
     WHERE j.partnership_id = $1 AND ($2::uuid IS NULL OR f.inspection_id = $2)
     ORDER BY i.published_on NULLS LAST, i.created_at, j.position`,
    [tenant.partnershipId, inspectionId],
  );
}

/** The inspections that follow (and judge) this one. */
export async function listFollowers(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string,
): Promise<InspectionRow[]> {
  return q.query<InspectionRow>(
    `SELECT ${INSPECTION_COLUMNS} FROM inspections i WHERE i.partnership_id = $1 AND i.follows_inspection_id = $2
     ORDER BY i.published_on NULLS LAST, i.created_at`,
    [tenant.partnershipId, inspectionId],
  );
}
