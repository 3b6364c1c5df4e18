import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { KeyDateSource, RuleEvent, RuleUnit } from './key-dates.js';

export type KeyDateRow = {
  id: string;
  title: string;
  source: KeyDateSource;
  plan_id: string | null;
  plan_title: string | null;
  inspection_id: string | null;
  due_on: string | null;
  rule_count: number | null;
  rule_unit: RuleUnit | null;
  rule_event: RuleEvent | null;
  /** The latest date the rule's event happened, if it has. */
  event_on: string | null;
  met_on: string | null;
  met_note: string;
  replaces_rule: 'app_review' | null;
  version: number;
};

export type KeyDateFields = {
  title: string;
  source: KeyDateSource;
  planId: string | null;
  inspectionId: string | null;
  dueOn: string | null;
  ruleCount: number | null;
  ruleUnit: RuleUnit | null;
  ruleEvent: RuleEvent | null;
  /** Set only when Sendboard makes the date to stand in for a rule's (an APP's reviews). */
  replacesRule?: 'app_review' | null;
};

// Dates as ISO text: the same on PGlite and PostgreSQL, whatever the server's time zone. A
// request for more detail counts from the latest one (a second request restarts the count); a
// submission or judgement from the first (a review 6 months after submission does not move when
// a revised plan is sent).
const COLUMNS = `k.id, k.title, k.source, k.plan_id, p.title AS plan_title, k.inspection_id,
  k.due_on::text, k.rule_count, k.rule_unit, k.rule_event,
  CASE WHEN k.rule_event = 'published' THEN i.published_on::text
       WHEN k.rule_event = 'more_detail_requested' THEN (SELECT max(e.event_on)::text FROM plan_status_events e
         WHERE e.partnership_id = k.partnership_id AND e.plan_id = k.plan_id AND e.to_status = k.rule_event)
       WHEN k.rule_event IS NOT NULL THEN (SELECT min(e.event_on)::text FROM plan_status_events e
         WHERE e.partnership_id = k.partnership_id AND e.plan_id = k.plan_id AND e.to_status = k.rule_event)
  END AS event_on,
  k.met_on::text, k.met_note, k.replaces_rule, k.version`;
const FROM = `key_dates k
  LEFT JOIN plans p ON p.id = k.plan_id AND p.partnership_id = k.partnership_id
  LEFT JOIN inspections i ON i.id = k.inspection_id AND i.partnership_id = k.partnership_id`;

export async function listKeyDates(q: Queryable, tenant: Tenant): Promise<KeyDateRow[]> {
  return q.query<KeyDateRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE k.partnership_id = $1 ORDER BY k.due_on NULLS LAST, k.created_at`,
    [tenant.partnershipId],
  );
}

/** A plan's dates set by others: deleting the plan deletes them too (key_dates cascades). */
export async function listPlanKeyDates(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<KeyDateRow[]> {
  return q.query<KeyDateRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE k.partnership_id = $1 AND k.plan_id = $2
     ORDER BY k.due_on NULLS LAST, k.created_at`,
    [tenant.partnershipId, planId],
  );
}

export async function findKeyDate(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<KeyDateRow | undefined> {
  const rows = await q.query<KeyDateRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE k.partnership_id = $1 AND k.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

const values = (f: KeyDateFields) => [
  f.title,
  f.source,
  f.planId,
  f.inspectionId,
  f.dueOn,
  f.ruleCount,
  f.ruleUnit,
  f.ruleEvent,
];

export async function insertKeyDate(
  q: Queryable,
  tenant: Tenant,
  fields: KeyDateFields,
  createdBy: string | null,
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO key_dates (partnership_id, title, source, plan_id, inspection_id, due_on, rule_count, rule_unit, rule_event, created_by, replaces_rule)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [tenant.partnershipId, ...values(fields), createdBy, fields.replacesRule ?? null],
  );
  return rows[0]!;
}

export async function updateKeyDate(
  q: Queryable,
  tenant: Tenant,
  id: string,
  fields: KeyDateFields,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE key_dates SET title = $4, source = $5, plan_id = $6, inspection_id = $7, due_on = $8,
       rule_count = $9, rule_unit = $10, rule_event = $11, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $3 RETURNING 1`,
    [tenant.partnershipId, id, version, ...values(fields)],
  );
  return rows.length === 1;
}

export async function updateMet(
  q: Queryable,
  tenant: Tenant,
  id: string,
  met: { metOn: string | null; metNote: string },
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE key_dates SET met_on = $4, met_note = $5, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $3 RETURNING 1`,
    [tenant.partnershipId, id, version, met.metOn, met.metNote],
  );
  return rows.length === 1;
}

export async function deleteKeyDate(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await q.query('DELETE FROM key_dates WHERE partnership_id = $1 AND id = $2', [
    tenant.partnershipId,
    id,
  ]);
}

/** Which of these ids are this partnership's plans and inspections. */
export async function ownedIds(
  q: Queryable,
  tenant: Tenant,
  ids: { planId: string | null; inspectionId: string | null },
): Promise<{ plan: boolean; inspection: boolean }> {
  const rows = await q.query<{ plan: boolean; inspection: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM plans WHERE partnership_id = $1 AND id = $2) AS plan,
       EXISTS (SELECT 1 FROM inspections WHERE partnership_id = $1 AND id = $3) AS inspection`,
    [tenant.partnershipId, ids.planId, ids.inspectionId],
  );
  return rows[0]!;
}
