// The only SQL of EHC plan timeliness: case sets and their pseudonymous cases.
import type { Queryable } from '../../platform/db/db.js';
import type { NeedCode } from '../census/index.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import type { CheckedCase } from './timeliness-specs.js';

export type CaseSetRow = {
  id: string;
  label: string;
  created_at: Date;
  import_id: string | null;
  file_name: string | null;
  created_by_name: string | null;
  case_count: number;
};

const CASE_SET_COLUMNS = `s.id, s.label, s.created_at, s.import_id, d.file_name, u.name AS created_by_name,
  (SELECT count(*)::int FROM ehc_cases c WHERE c.partnership_id = s.partnership_id AND c.case_set_id = s.id) AS case_count`;

const CASE_SET_FROM = `ehc_case_sets s
  LEFT JOIN data_imports d ON d.id = s.import_id
  LEFT JOIN users u ON u.id = d.created_by`;

/** The partnership's case sets, newest first. */
export async function listCaseSets(q: Queryable, tenant: Tenant): Promise<CaseSetRow[]> {
  return q.query<CaseSetRow>(
    `SELECT ${CASE_SET_COLUMNS} FROM ${CASE_SET_FROM}
     WHERE s.partnership_id = $1 ORDER BY s.created_at DESC, s.label LIMIT 200`,
    [tenant.partnershipId],
  );
}

/** Case sets with this label (ignoring case and surrounding spaces): the ones a save replaces. */
export async function findCaseSetsByLabel(
  q: Queryable,
  tenant: Tenant,
  label: string,
): Promise<CaseSetRow[]> {
  return q.query<CaseSetRow>(
    `SELECT ${CASE_SET_COLUMNS} FROM ${CASE_SET_FROM}
     WHERE s.partnership_id = $1 AND lower(btrim(s.label)) = lower(btrim($2))
     ORDER BY s.created_at DESC`,
    [tenant.partnershipId, label],
  );
}

/**
 * Serialises saves of case sets in one partnership until the transaction ends, so two saves of
 * the same label cannot both find nothing to replace and both insert.
 */
export async function lockCaseSets(tx: Queryable, tenant: Tenant): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `ehc_case_sets:${tenant.partnershipId}`,
  ]);
}

/** One case set of the partnership, or undefined. */
export async function findCaseSet(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<CaseSetRow | undefined> {
  const rows = await q.query<CaseSetRow>(
    `SELECT ${CASE_SET_COLUMNS} FROM ${CASE_SET_FROM} WHERE s.partnership_id = $1 AND s.id = $2`,
    [tenant.partnershipId, id],
  );
  return rows[0];
}

/** Deletes case sets (their cases go with them); returns how many the partnership had. */
export async function deleteCaseSets(
  tx: Queryable,
  tenant: Tenant,
  ids: string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const deleted = await tx.query(
    `DELETE FROM ehc_case_sets WHERE partnership_id = $1 AND id = ANY($2::uuid[]) RETURNING id`,
    [tenant.partnershipId, ids],
  );
  return deleted.length;
}

export async function insertCaseSet(
  tx: Queryable,
  tenant: Tenant,
  input: { label: string; importId: string },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO ehc_case_sets (partnership_id, label, import_id) VALUES ($1, $2, $3) RETURNING id`,
    [tenant.partnershipId, input.label, input.importId],
  );
  return rows[0]!.id;
}

/** Rows per INSERT: five arrays of this length travel as five parameters. */
const BATCH = 5000;

/** Writes the cases of a set in a few statements, whatever their number. */
export async function insertCases(
  tx: Queryable,
  tenant: Tenant,
  caseSetId: string,
  cases: readonly CheckedCase[],
): Promise<void> {
  for (let start = 0; start < cases.length; start += BATCH) {
    const batch = cases.slice(start, start + BATCH);
    await tx.query(
      `INSERT INTO ehc_cases (partnership_id, case_set_id, case_ref, request_date, issue_date, exception, primary_need)
       SELECT $1, $2, t.case_ref, t.request_date, t.issue_date, t.exception, t.primary_need
       FROM unnest($3::text[], $4::date[], $5::date[], $6::boolean[], $7::text[])
         AS t (case_ref, request_date, issue_date, exception, primary_need)`,
      [
        tenant.partnershipId,
        caseSetId,
        batch.map((c) => c.caseRef),
        batch.map((c) => c.requestDate),
        batch.map((c) => c.issueDate),
        batch.map((c) => c.exception),
        batch.map((c) => c.primaryNeed),
      ],
    );
  }
}

/** The cases of one set, as the analysis reads them (dates as YYYY-MM-DD text). */
export async function listCases(
  q: Queryable,
  tenant: Tenant,
  caseSetId: string,
): Promise<CheckedCase[]> {
  const rows = await q.query<{
    case_ref: string;
    request_date: string;
    issue_date: string | null;
    exception: boolean;
    primary_need: NeedCode | null;
  }>(
    `SELECT case_ref, to_char(request_date, 'YYYY-MM-DD') AS request_date,
       to_char(issue_date, 'YYYY-MM-DD') AS issue_date, exception, primary_need
     FROM ehc_cases WHERE partnership_id = $1 AND case_set_id = $2
     ORDER BY request_date, case_ref`,
    [tenant.partnershipId, caseSetId],
  );
  return rows.map((r) => ({
    caseRef: r.case_ref,
    requestDate: r.request_date,
    issueDate: r.issue_date,
    exception: r.exception,
    primaryNeed: r.primary_need,
  }));
}
