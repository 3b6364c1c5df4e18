/** The reports' store: board reports and monitoring packs, each kept as it was made. */
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { ReportFacts, ReportKind, Section, Typed } from './board-report-rules.js';
import type { DocumentModel } from './document-model.js';

export type ReportSummaryRow = {
  id: string;
  kind: ReportKind;
  title: string;
  plan_ids: string[];
  period_from: string;
  period_to: string;
  meeting_id: string | null;
  board_name: string | null;
  meets_on: string | null;
  previous_report_id: string | null;
  created_by_name: string | null;
  created_at: Date;
};

export type ReportRow = ReportSummaryRow & {
  sections: Section[];
  typed: Typed;
  model: DocumentModel;
  facts: ReportFacts;
  data_versions: DataVersions;
};

/** What the report was built from: the partnership's data version and each plan's saved versions. */
export type DataVersions = {
  partnership: string;
  plans: { id: string; title: string; latestVersion: number | null }[];
};

const SUMMARY = `r.id, r.kind, r.title, r.plan_ids::text[] AS plan_ids, r.period_from::text AS period_from,
  r.period_to::text AS period_to, r.meeting_id, b.name AS board_name, m.meets_on::text AS meets_on,
  r.previous_report_id, u.name AS created_by_name, r.created_at`;
const FROM = `board_reports r
  LEFT JOIN board_meetings m ON m.id = r.meeting_id AND m.partnership_id = r.partnership_id
  LEFT JOIN boards b ON b.id = m.board_id AND b.partnership_id = r.partnership_id
  LEFT JOIN users u ON u.id = r.created_by`;

export const REPORTS_PER_PAGE = 50;

/**
 * The partnership's reports, newest first, a page at a time (a page past the end gives the
 * last); optionally one meeting's.
 */
export async function listReports(
  q: Queryable,
  tenant: Tenant,
  options: { meetingId?: string | undefined; page: number },
): Promise<{ rows: ReportSummaryRow[]; total: number; page: number; pages: number }> {
  const params: unknown[] = [tenant.partnershipId];
  let where = 'r.partnership_id = $1';
  if (options.meetingId) {
    params.push(options.meetingId);
    where += ` AND r.meeting_id = $${params.length}`;
  }
  const count = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM board_reports r WHERE ${where}`,
    params,
  );
  const total = count[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / REPORTS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(options.page)), pages);
  const rows = await q.query<ReportSummaryRow>(
    `SELECT ${SUMMARY} FROM ${FROM} WHERE ${where} ORDER BY r.created_at DESC, r.id
     LIMIT ${REPORTS_PER_PAGE} OFFSET ${(page - 1) * REPORTS_PER_PAGE}`,
    params,
  );
  return { rows, total, page, pages };
}

export async function findReport(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<ReportRow | undefined> {
  const rows = await q.query<ReportRow>(
    `SELECT ${SUMMARY}, r.sections, r.typed, r.model, r.facts, r.data_versions
       FROM ${FROM} WHERE r.partnership_id = $1 AND r.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

/** The latest report of this kind on exactly these plans: the one a new report is compared with. */
export async function latestComparable(
  q: Queryable,
  tenant: Tenant,
  kind: ReportKind,
  planIds: readonly string[],
): Promise<ReportRow | undefined> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM board_reports WHERE partnership_id = $1 AND kind = $2
       AND plan_ids @> $3::uuid[] AND plan_ids <@ $3::uuid[]
     ORDER BY created_at DESC, id LIMIT 1`,
    [tenant.partnershipId, kind, [...planIds]],
  );
  return rows[0] ? findReport(q, tenant, rows[0].id) : undefined;
}

/** The newer reports made from this one (regenerated), newest first. */
export async function laterReports(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<{ id: string; title: string; created_at: Date }[]> {
  return q.query(
    `SELECT id, title, created_at FROM board_reports WHERE partnership_id = $1 AND previous_report_id = $2
     ORDER BY created_at DESC, id`,
    [tenant.partnershipId, id],
  );
}

export type NewReport = {
  kind: ReportKind;
  title: string;
  planIds: string[];
  periodFrom: string;
  periodTo: string;
  meetingId: string | null;
  sections: Section[];
  typed: Typed;
  model: DocumentModel;
  facts: ReportFacts;
  dataVersions: DataVersions;
  previousReportId: string | null;
  createdBy: string | null;
};

export async function insertReport(q: Queryable, tenant: Tenant, r: NewReport): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO board_reports (partnership_id, kind, title, plan_ids, period_from, period_to, meeting_id,
       sections, typed, model, facts, data_versions, previous_report_id, created_by)
     VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7, $8::text[], $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14)
     RETURNING id`,
    [
      tenant.partnershipId,
      r.kind,
      r.title,
      r.planIds,
      r.periodFrom,
      r.periodTo,
      r.meetingId,
      r.sections,
      JSON.stringify(r.typed),
      JSON.stringify(r.model),
      JSON.stringify(r.facts),
      JSON.stringify(r.dataVersions),
      r.previousReportId,
      r.createdBy,
    ],
  );
  return rows[0]!.id;
}

/** The plans of the partnership among `ids`, with their latest saved version, in the order given. */
export async function plansForReport(
  q: Queryable,
  tenant: Tenant,
  ids: readonly string[],
): Promise<{ id: string; title: string; latest_version: number | null }[]> {
  const rows = await q.query<{ id: string; title: string; latest_version: number | null }>(
    `SELECT p.id, p.title, (SELECT max(v.number) FROM plan_versions v WHERE v.plan_id = p.id) AS latest_version
       FROM plans p WHERE p.partnership_id = $1 AND p.id = ANY($2::uuid[])`,
    [tenant.partnershipId, [...ids]],
  );
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

export async function dataVersionOf(q: Queryable, tenant: Tenant): Promise<string> {
  const rows = await q.query<{ v: string }>(
    'SELECT data_version::text AS v FROM partnerships WHERE id = $1',
    [tenant.partnershipId],
  );
  return rows[0]?.v ?? '0';
}
