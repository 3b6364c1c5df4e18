import type { FindingType } from '../inspections/index.js';
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { lockPlanNumbering } from './plan-lock.js';
import type { PlanKind, PlanStatus } from './plan-rules.js';

import { INCLUDED_ACTION_IDS } from './action-repository.js';

export { lockPlanNumbering } from './plan-lock.js';
export * from './action-repository.js';

export type PlanRow = {
  id: string;
  inspection_id: string | null;
  kind: PlanKind;
  title: string;
  owner_user_id: string | null;
  owner_name: string | null;
  status: PlanStatus;
  version: number;
  action_count: number;
  /** A post-inspection or strategic plan answering areas for development too. */
  covers_development: boolean;
};

const PLAN_COLUMNS = `p.id, p.inspection_id, p.kind, p.title, p.owner_user_id, u.name AS owner_name, p.status, p.version, p.covers_development,
  (SELECT count(*)::int FROM actions a WHERE a.plan_id = p.id OR a.id IN (${INCLUDED_ACTION_IDS('p.id')})) AS action_count`;

export async function listPlans(q: Queryable, tenant: Tenant): Promise<PlanRow[]> {
  return q.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM plans p LEFT JOIN users u ON u.id = p.owner_user_id WHERE p.partnership_id = $1 ORDER BY p.created_at DESC`,
    [tenant.partnershipId],
  );
}

export async function findPlan(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<PlanRow | undefined> {
  const rows = await q.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM plans p LEFT JOIN users u ON u.id = p.owner_user_id WHERE p.partnership_id = $1 AND p.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

export type PlanInput = {
  kind: PlanKind;
  inspectionId: string | null;
  title: string;
  ownerUserId: string | null;
  /** Absent means no: only post-inspection and strategic plans may answer them. */
  coversDevelopment?: boolean;
};

export async function insertPlan(
  q: Queryable,
  tenant: Tenant,
  input: PlanInput,
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO plans (partnership_id, kind, inspection_id, title, owner_user_id, covers_development)
     VALUES ($1, $2, (SELECT id FROM inspections WHERE partnership_id = $1 AND id = $3), $4,
             (SELECT user_id FROM memberships WHERE partnership_id = $1 AND user_id = $5), $6) RETURNING id`,
    [
      tenant.partnershipId,
      input.kind,
      input.inspectionId,
      input.title,
      input.ownerUserId,
      input.coversDevelopment ?? false,
    ],
  );
  return rows[0]!;
}

/** Title, kind, owner and inspection; the owner is kept only if a member of this partnership. */
export async function updatePlanDetails(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: PlanInput,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE plans SET kind = $3, title = $4,
       inspection_id = (SELECT id FROM inspections WHERE partnership_id = $1 AND id = $5),
       owner_user_id = (SELECT user_id FROM memberships WHERE partnership_id = $1 AND user_id = $6),
       covers_development = $8, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    [
      tenant.partnershipId,
      id,
      input.kind,
      input.title,
      input.inspectionId,
      input.ownerUserId,
      version,
      input.coversDevelopment ?? false,
    ],
  );
  return rows.length === 1;
}

/**
 * Removes links from the plan's priorities to findings that are not of the plan's inspection
 * (after the inspection changed). Returns how many went.
 */
export async function unlinkOtherFindings(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<number> {
  const rows = await q.query(
    `DELETE FROM priority_findings pf USING priorities pr, plans p, findings f
     WHERE pf.partnership_id = $1 AND pr.id = pf.priority_id AND pr.plan_id = $2 AND p.id = pr.plan_id AND f.id = pf.finding_id
       AND f.inspection_id IS DISTINCT FROM p.inspection_id
     RETURNING 1`,
    [tenant.partnershipId, planId],
  );
  return rows.length;
}

export async function updatePlanStatus(
  q: Queryable,
  tenant: Tenant,
  id: string,
  status: PlanStatus,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    'UPDATE plans SET status = $3, version = version + 1 WHERE partnership_id = $1 AND id = $2 AND version = $4 RETURNING 1',
    [tenant.partnershipId, id, status, version],
  );
  return rows.length === 1;
}

export type PriorityRow = {
  id: string;
  position: number;
  title: string;
  description: string;
  version: number;
  finding_ids: string[];
};

export async function listPriorities(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<PriorityRow[]> {
  return q.query<PriorityRow>(
    `SELECT pr.id, pr.position, pr.title, pr.description, pr.version,
       COALESCE(array_agg(pf.finding_id::text) FILTER (WHERE pf.finding_id IS NOT NULL), '{}') AS finding_ids
     FROM priorities pr LEFT JOIN priority_findings pf ON pf.priority_id = pr.id
     WHERE pr.partnership_id = $1 AND pr.plan_id = $2 GROUP BY pr.id ORDER BY pr.position`,
    [tenant.partnershipId, planId],
  );
}

export async function insertPriority(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  input: { title: string; description: string },
): Promise<{ id: string; position: number }> {
  await lockPlanNumbering(q, tenant, planId);
  const rows = await q.query<{ id: string; position: number }>(
    `INSERT INTO priorities (partnership_id, plan_id, title, description, position)
     VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), 0) + 1 FROM priorities WHERE plan_id = $2)) RETURNING id, position`,
    [tenant.partnershipId, planId, input.title, input.description],
  );
  return rows[0]!;
}

export async function updatePriority(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: { title: string; description: string },
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    'UPDATE priorities SET title = $3, description = $4, version = version + 1 WHERE partnership_id = $1 AND id = $2 AND version = $5 RETURNING 1',
    [tenant.partnershipId, id, input.title, input.description, version],
  );
  return rows.length === 1;
}

export async function setPriorityFindings(
  q: Queryable,
  tenant: Tenant,
  priorityId: string,
  findingIds: string[],
): Promise<void> {
  await q.query('DELETE FROM priority_findings WHERE partnership_id = $1 AND priority_id = $2', [
    tenant.partnershipId,
    priorityId,
  ]);
  if (findingIds.length) {
    await q.query(
      `INSERT INTO priority_findings (partnership_id, priority_id, finding_id)
       SELECT $1, $2, f.id FROM findings f
       WHERE f.partnership_id = $1 AND f.id = ANY($3::uuid[])
         AND f.inspection_id = (SELECT p.inspection_id FROM priorities pr JOIN plans p ON p.id = pr.plan_id WHERE pr.id = $2)`,
      [tenant.partnershipId, priorityId, findingIds],
    );
  }
}

export type PlanFindingRow = {
  id: string;
  type: FindingType;
  text: string;
  position: number;
  sufficient_progress: boolean | null;
  /** A revisit's judgement: what the inspectors said about progress. */
  judgement_text: string;
};

export async function listPlanFindings(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string | null,
): Promise<PlanFindingRow[]> {
  if (!inspectionId) return [];
  return q.query<PlanFindingRow>(
    'SELECT id, type, text, position, sufficient_progress, judgement_text FROM findings WHERE partnership_id = $1 AND inspection_id = $2 ORDER BY position',
    [tenant.partnershipId, inspectionId],
  );
}

/** The findings of the plan's inspection, found from the plan id so it runs beside the plan's other queries. */
export async function listFindingsOfPlan(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<PlanFindingRow[]> {
  return q.query<PlanFindingRow>(
    `SELECT f.id, f.type, f.text, f.position, f.sufficient_progress, f.judgement_text FROM findings f
     WHERE f.partnership_id = $1 AND f.inspection_id = (SELECT p.inspection_id FROM plans p WHERE p.partnership_id = $1 AND p.id = $2)
     ORDER BY f.position`,
    [tenant.partnershipId, planId],
  );
}

export type PlanVersionRow = {
  number: number;
  event: string;
  note: string;
  event_on: string;
  created_at: Date;
  created_by_name: string | null;
  snapshot: PlanSnapshot;
};
export type PlanSnapshot = {
  title: string;
  status: string;
  priorities: {
    id: string;
    number: number;
    title: string;
    description: string;
    findingIds: string[];
    /** A priority of another plan, included whole: that plan's title. */
    includedFrom?: string;
  }[];
  actions: SnapshotAction[];
};
export type SnapshotAction = {
  id: string;
  number: string;
  title: string;
  description: string;
  category: string;
  lead: string | null;
  leadOrganisation: string | null;
  startDate: string | null;
  dueDate: string | null;
  measures: string[];
  /** An action of another plan, included by reference: that plan's title (its number is there). */
  includedFrom?: string;
  /** The position of this plan's priority an included action sits under. */
  underPriority?: number;
};

export async function insertPlanVersion(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  v: {
    event: string;
    note: string;
    eventOn: string;
    snapshot: PlanSnapshot;
    createdBy: string | null;
  },
): Promise<number> {
  const rows = await q.query<{ number: number }>(
    `INSERT INTO plan_versions (partnership_id, plan_id, number, event, note, event_on, snapshot, created_by)
     VALUES ($1, $2, (SELECT coalesce(max(number), 0) + 1 FROM plan_versions WHERE plan_id = $2), $3, $4, $5, $6, $7) RETURNING number`,
    [
      tenant.partnershipId,
      planId,
      v.event,
      v.note,
      v.eventOn,
      JSON.stringify(v.snapshot),
      v.createdBy,
    ],
  );
  return rows[0]!.number;
}

export async function listPlanVersions(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<Omit<PlanVersionRow, 'snapshot'>[]> {
  return q.query(
    `SELECT v.number, v.event, v.note, v.event_on::text, v.created_at, u.name AS created_by_name FROM plan_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.partnership_id = $1 AND v.plan_id = $2 ORDER BY v.number DESC`,
    [tenant.partnershipId, planId],
  );
}

export async function findPlanVersion(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  number: number,
): Promise<PlanVersionRow | undefined> {
  const rows = await q.query<PlanVersionRow>(
    `SELECT v.number, v.event, v.note, v.event_on::text, v.created_at, u.name AS created_by_name, v.snapshot FROM plan_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.partnership_id = $1 AND v.plan_id = $2 AND v.number = $3`,
    [tenant.partnershipId, planId, number],
  );
  const row = rows[0];
  if (row && typeof row.snapshot === 'string') row.snapshot = JSON.parse(row.snapshot);
  return row;
}

export async function insertStatusEvent(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  e: { from: PlanStatus; to: PlanStatus; eventOn: string; note: string; createdBy: string | null },
): Promise<void> {
  await q.query(
    'INSERT INTO plan_status_events (partnership_id, plan_id, from_status, to_status, event_on, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [tenant.partnershipId, planId, e.from, e.to, e.eventOn, e.note, e.createdBy],
  );
}

/**
 * The partnership a plan belongs to, found from the plan alone: for the command line, which acts
 * on the server's own authority and is given only a plan's id.
 */
export async function partnershipOfPlan(
  q: Queryable,
  planId: string,
): Promise<{ id: string; slug: string; name: string } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(planId)) return undefined;
  const rows = await q.query<{ id: string; slug: string; name: string }>(
    'SELECT pa.id, pa.slug, pa.name FROM plans p JOIN partnerships pa ON pa.id = p.partnership_id WHERE p.id = $1',
    [planId],
  );
  return rows[0];
}
