import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import type { ActionCategory } from '../../plans/index.js';
import type { FindingType } from '../../inspections/index.js';
import type { InspectionKind } from '../../inspections/index.js';
import type { Frequency } from './periods.js';
import type { Polarity, Unit } from './rag.js';

export type IndicatorRow = {
  id: string;
  code: string;
  name: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  source: string;
  owner_user_id: string | null;
  owner_name: string | null;
  green_threshold: number | null;
  amber_threshold: number | null;
  /** The upper ends of the green and amber bands; only where neither is better. */
  green_upper: number | null;
  amber_upper: number | null;
  position: number;
  archived_at: Date | null;
  version: number;
};

const INDICATOR_COLUMNS = `i.id, i.code, i.name, i.definition, i.unit, i.polarity, i.frequency, i.source,
  i.owner_user_id, u.name AS owner_name, i.green_threshold::float8 AS green_threshold,
  i.amber_threshold::float8 AS amber_threshold, i.green_upper::float8 AS green_upper,
  i.amber_upper::float8 AS amber_upper, i.position, i.archived_at, i.version`;
const INDICATOR_FROM = 'indicators i LEFT JOIN users u ON u.id = i.owner_user_id';

export async function listIndicators(
  q: Queryable,
  tenant: Tenant,
  options: { archived?: boolean } = {},
): Promise<IndicatorRow[]> {
  const archived =
    options.archived === undefined
      ? ''
      : options.archived
        ? 'AND i.archived_at IS NOT NULL'
        : 'AND i.archived_at IS NULL';
  return q.query<IndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS} FROM ${INDICATOR_FROM} WHERE i.partnership_id = $1 ${archived} ORDER BY i.position`,
    [tenant.partnershipId],
  );
}

export async function findIndicator(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<IndicatorRow | undefined> {
  const rows = await q.query<IndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS} FROM ${INDICATOR_FROM} WHERE i.partnership_id = $1 AND i.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

export async function listCodes(q: Queryable, tenant: Tenant): Promise<Set<string>> {
  const rows = await q.query<{ code: string }>(
    'SELECT code FROM indicators WHERE partnership_id = $1',
    [tenant.partnershipId],
  );
  return new Set(rows.map((r) => r.code));
}

export async function codeTaken(
  q: Queryable,
  tenant: Tenant,
  code: string,
  exceptId: string | null,
): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM indicators WHERE partnership_id = $1 AND code = $2 AND id IS DISTINCT FROM $3::uuid',
    [tenant.partnershipId, code, exceptId],
  );
  return rows.length > 0;
}

export type IndicatorFields = {
  code: string;
  name: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  source: string;
  ownerUserId: string | null;
  green: number | null;
  amber: number | null;
  greenUpper: number | null;
  amberUpper: number | null;
};

/** The fields as query parameters, in the order insertIndicator and updateIndicator number them. */
const fieldValues = (input: IndicatorFields) => [
  input.code,
  input.name,
  input.definition,
  input.unit,
  input.polarity,
  input.frequency,
  input.source,
  input.ownerUserId,
  input.green,
  input.amber,
  input.greenUpper,
  input.amberUpper,
];

/**
 * Inserts at the end of the catalogue; undefined when the code is already used. Two inserts side
 * by side (READ COMMITTED) would take the same max(position) + 1, so they queue on a lock for the
 * partnership's catalogue, held to the end of the transaction. An advisory lock, not the
 * partnership's row: every change locks that row at commit (migration 005), and holding it from
 * here would deadlock with a change that holds a row this transaction goes on to link.
 */
export async function insertIndicator(
  q: Queryable,
  tenant: Tenant,
  input: IndicatorFields,
): Promise<{ id: string } | undefined> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtextextended('indicator order ' || $1, 0))`, [
    tenant.partnershipId,
  ]);
  const rows = await q.query<{ id: string }>(
    `INSERT INTO indicators (partnership_id, code, name, definition, unit, polarity, frequency, source,
       owner_user_id, green_threshold, amber_threshold, green_upper, amber_upper, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
       (SELECT user_id FROM memberships WHERE partnership_id = $1 AND user_id = $9::uuid), $10, $11, $12, $13,
       (SELECT coalesce(max(position), 0) + 1 FROM indicators WHERE partnership_id = $1))
     ON CONFLICT (partnership_id, code) DO NOTHING RETURNING id`,
    [tenant.partnershipId, ...fieldValues(input)],
  );
  return rows[0];
}

export async function updateIndicator(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: IndicatorFields,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE indicators SET code = $3, name = $4, definition = $5, unit = $6, polarity = $7, frequency = $8,
       source = $9, owner_user_id = (SELECT user_id FROM memberships WHERE partnership_id = $1 AND user_id = $10::uuid),
       green_threshold = $11, amber_threshold = $12, green_upper = $13, amber_upper = $14,
       version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND version = $15 RETURNING 1`,
    [tenant.partnershipId, id, ...fieldValues(input), version],
  );
  return rows.length === 1;
}

/** Archives or restores; false when it already was. */
export async function setArchived(
  q: Queryable,
  tenant: Tenant,
  id: string,
  archived: boolean,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE indicators SET archived_at = ${archived ? 'now()' : 'NULL'}, version = version + 1
     WHERE partnership_id = $1 AND id = $2 AND archived_at IS ${archived ? 'NULL' : 'NOT NULL'} RETURNING 1`,
    [tenant.partnershipId, id],
  );
  return rows.length === 1;
}

/**
 * Which of these ids the partnership holds: members (for the owner), actions and findings. The
 * API refuses any other id; the pages' lists only ever offer the partnership's own.
 */
export async function heldIds(
  q: Queryable,
  tenant: Tenant,
  ids: { userIds: string[]; actionIds: string[]; findingIds: string[] },
): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>(
    `SELECT user_id::text AS id FROM memberships WHERE partnership_id = $1 AND user_id = ANY($2::uuid[])
     UNION ALL SELECT id::text FROM actions WHERE partnership_id = $1 AND id = ANY($3::uuid[])
     UNION ALL SELECT id::text FROM findings WHERE partnership_id = $1 AND id = ANY($4::uuid[])`,
    [tenant.partnershipId, ids.userIds, ids.actionIds, ids.findingIds],
  );
  return new Set(rows.map((r) => r.id));
}

// Links: what the indicator evidences. Ids of another partnership are dropped here, in SQL.

export async function setIndicatorLinks(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
  links: { actionIds: string[]; findingIds: string[] },
): Promise<void> {
  const params = [tenant.partnershipId, indicatorId];
  await q.query(
    'DELETE FROM indicator_actions WHERE partnership_id = $1 AND indicator_id = $2',
    params,
  );
  await q.query(
    'DELETE FROM indicator_findings WHERE partnership_id = $1 AND indicator_id = $2',
    params,
  );
  if (links.actionIds.length) {
    await q.query(
      `INSERT INTO indicator_actions (partnership_id, indicator_id, action_id)
       SELECT $1, $2, a.id FROM actions a WHERE a.partnership_id = $1 AND a.id = ANY($3::uuid[])`,
      [...params, links.actionIds],
    );
  }
  if (links.findingIds.length) {
    await q.query(
      `INSERT INTO indicator_findings (partnership_id, indicator_id, finding_id)
       SELECT $1, $2, f.id FROM findings f WHERE f.partnership_id = $1 AND f.id = ANY($3::uuid[])`,
      [...params, links.findingIds],
    );
  }
}

export type LinkedAction = {
  id: string;
  plan_id: string;
  plan_title: string;
  priority_position: number;
  position: number;
  /** The position of the action it is part of; null for a top-level action. */
  parent_position: number | null;
  title: string;
  category: ActionCategory;
};

export type LinkedFinding = {
  id: string;
  inspection_id: string;
  inspection_kind: InspectionKind;
  published_on: string | null;
  on_site_start: string | null;
  type: FindingType;
  text: string;
  position: number;
};

const ACTION_CHOICE = `SELECT a.id, a.plan_id, p.title AS plan_title, pr.position AS priority_position, a.position,
    par.position AS parent_position, a.title, a.category
  FROM actions a JOIN priorities pr ON pr.id = a.priority_id JOIN plans p ON p.id = a.plan_id
  LEFT JOIN actions par ON par.id = a.parent_action_id`;
/** Plan order: priorities, then each action followed by its sub-actions. */
const ACTION_ORDER = `p.created_at DESC, p.id, pr.position, coalesce(par.position, a.position), a.parent_action_id IS NOT NULL, a.position`;
const FINDING_CHOICE = `SELECT f.id, f.inspection_id, i.kind AS inspection_kind, i.published_on::text, i.on_site_start::text, f.type, f.text, f.position
  FROM findings f JOIN inspections i ON i.id = f.inspection_id`;

/** Every action of the partnership, by plan (newest plan first) in plan order. */
export async function listActionChoices(q: Queryable, tenant: Tenant): Promise<LinkedAction[]> {
  return q.query<LinkedAction>(
    `${ACTION_CHOICE} WHERE a.partnership_id = $1 ORDER BY ${ACTION_ORDER}`,
    [tenant.partnershipId],
  );
}

/** Every finding of the partnership, by inspection (latest first) in letter order. */
export async function listFindingChoices(q: Queryable, tenant: Tenant): Promise<LinkedFinding[]> {
  return q.query<LinkedFinding>(
    `${FINDING_CHOICE} WHERE f.partnership_id = $1
     ORDER BY coalesce(i.published_on, i.on_site_start) DESC NULLS LAST, i.id, f.position`,
    [tenant.partnershipId],
  );
}

export async function listLinkedActions(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
): Promise<LinkedAction[]> {
  return q.query<LinkedAction>(
    `${ACTION_CHOICE} JOIN indicator_actions ia ON ia.action_id = a.id
     WHERE ia.partnership_id = $1 AND ia.indicator_id = $2 ORDER BY ${ACTION_ORDER}`,
    [tenant.partnershipId, indicatorId],
  );
}

export async function listLinkedFindings(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
): Promise<LinkedFinding[]> {
  return q.query<LinkedFinding>(
    `${FINDING_CHOICE} JOIN indicator_findings inf ON inf.finding_id = f.id
     WHERE inf.partnership_id = $1 AND inf.indicator_id = $2
     ORDER BY coalesce(i.published_on, i.on_site_start) DESC NULLS LAST, i.id, f.position`,
    [tenant.partnershipId, indicatorId],
  );
}

// Targets

export type TargetRow = {
  id: string;
  indicator_id: string;
  value: number;
  due_on: string;
  note: string;
};

const TARGET_SELECT =
  'SELECT id, indicator_id, value::float8 AS value, due_on::text AS due_on, note FROM indicator_targets';

export async function listTargets(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
): Promise<TargetRow[]> {
  return q.query<TargetRow>(
    `${TARGET_SELECT} WHERE partnership_id = $1 AND indicator_id = $2 ORDER BY due_on, id`,
    [tenant.partnershipId, indicatorId],
  );
}

/** The targets of every indicator of the partnership, for the dashboard. */
export async function listAllTargets(q: Queryable, tenant: Tenant): Promise<TargetRow[]> {
  return q.query<TargetRow>(
    `${TARGET_SELECT} WHERE partnership_id = $1 ORDER BY indicator_id, due_on, id`,
    [tenant.partnershipId],
  );
}

export async function insertTarget(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
  input: { value: number; dueOn: string; note: string },
): Promise<{ id: string }> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO indicator_targets (partnership_id, indicator_id, value, due_on, note)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tenant.partnershipId, indicatorId, input.value, input.dueOn, input.note],
  );
  return rows[0]!;
}

export async function deleteTarget(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
  targetId: string,
): Promise<TargetRow | undefined> {
  const rows = await q.query<TargetRow>(
    `DELETE FROM indicator_targets WHERE partnership_id = $1 AND indicator_id = $2 AND id = $3
     RETURNING id, indicator_id, value::float8 AS value, due_on::text AS due_on, note`,
    [tenant.partnershipId, indicatorId, targetId],
  );
  return rows[0];
}

// Values (written by imports; read here)

export type SeriesRow = {
  indicator_id: string;
  /** 'ours' for the partnership's own values, else the benchmark series. */
  series: 'ours' | 'england' | 'region' | 'statistical_neighbours';
  period_key: string;
  value: number | null;
};

/**
 * The partnership-wide values and every benchmark value of the given indicators (all active ones
 * when `indicatorId` is null), in one query: the dashboard reads every series at once.
 */
export async function listSeries(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string | null,
): Promise<SeriesRow[]> {
  const which = indicatorId === null ? 'AND i.archived_at IS NULL' : 'AND i.id = $2';
  return q.query<SeriesRow>(
    `SELECT v.indicator_id, 'ours' AS series, v.period_key, v.value::float8 AS value, v.period_start
       FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
      WHERE v.partnership_id = $1 AND i.partnership_id = $1 AND v.geography_unit_id IS NULL ${which}
     UNION ALL
     SELECT b.indicator_id, b.series, b.period_key, b.value::float8 AS value, b.period_start
       FROM benchmark_values b JOIN indicators i ON i.id = b.indicator_id
      WHERE b.partnership_id = $1 AND i.partnership_id = $1 ${which}
     ORDER BY 1, 2, 5`,
    indicatorId === null ? [tenant.partnershipId] : [tenant.partnershipId, indicatorId],
  );
}

export type BreakdownRow = {
  kind: 'locality' | 'district' | 'school';
  code: string;
  name: string;
  period_key: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

/** Values by locality, district and school for the latest period that has any. */
export async function listLatestBreakdown(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
): Promise<BreakdownRow[]> {
  return q.query<BreakdownRow>(
    `WITH latest AS (
       SELECT period_key FROM indicator_values
        WHERE partnership_id = $1 AND indicator_id = $2 AND geography_unit_id IS NOT NULL
        ORDER BY period_start DESC, period_end DESC LIMIT 1)
     SELECT g.kind, g.code, g.name, v.period_key, v.value::float8 AS value,
            v.numerator::float8 AS numerator, v.denominator::float8 AS denominator
       FROM indicator_values v JOIN geography_units g ON g.id = v.geography_unit_id
      WHERE v.partnership_id = $1 AND g.partnership_id = $1 AND v.indicator_id = $2
        AND v.period_key = (SELECT period_key FROM latest)
      ORDER BY g.kind, lower(g.name), g.code`,
    [tenant.partnershipId, indicatorId],
  );
}

// The starter set

export async function insertBenchmarkValues(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
  series: 'england' | 'region' | 'statistical_neighbours',
  values: readonly { key: string; start: string; end: string; value: number }[],
): Promise<void> {
  if (!values.length) return;
  await q.query(
    `INSERT INTO benchmark_values (partnership_id, indicator_id, series, period_key, period_start, period_end, value)
     SELECT $1, $2, $3, v.key, v.start_date, v.end_date, v.value
       FROM unnest($4::text[], $5::date[], $6::date[], $7::numeric[]) AS v(key, start_date, end_date, value)
     ON CONFLICT (indicator_id, series, period_key) DO NOTHING`,
    [
      tenant.partnershipId,
      indicatorId,
      series,
      values.map((v) => v.key),
      values.map((v) => v.start),
      values.map((v) => v.end),
      values.map((v) => v.value),
    ],
  );
}

export type ValueRow = {
  period_key: string;
  period_start: string;
  period_end: string;
  geography_kind: 'locality' | 'district' | 'school' | null;
  geography_code: string | null;
  geography_name: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

/** Every value of one indicator, the partnership's own first, then by place, oldest period first. */
export async function listValues(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
): Promise<ValueRow[]> {
  return q.query<ValueRow>(
    `SELECT v.period_key, v.period_start::text AS period_start, v.period_end::text AS period_end,
            g.kind AS geography_kind, g.code AS geography_code, g.name AS geography_name,
            v.value::float8 AS value, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator
       FROM indicator_values v LEFT JOIN geography_units g ON g.id = v.geography_unit_id
      WHERE v.partnership_id = $1 AND v.indicator_id = $2
      ORDER BY v.geography_unit_id IS NOT NULL, g.kind, g.code, v.period_start, v.period_end`,
    [tenant.partnershipId, indicatorId],
  );
}

export type BenchmarkRow = {
  series: 'england' | 'region' | 'statistical_neighbours';
  period_key: string;
  period_start: string;
  period_end: string;
  value: number;
};

export async function listBenchmarks(
  q: Queryable,
  tenant: Tenant,
  indicatorId: string,
): Promise<BenchmarkRow[]> {
  return q.query<BenchmarkRow>(
    `SELECT series, period_key, period_start::text AS period_start, period_end::text AS period_end, value::float8 AS value
       FROM benchmark_values WHERE partnership_id = $1 AND indicator_id = $2
      ORDER BY series, period_start`,
    [tenant.partnershipId, indicatorId],
  );
}
