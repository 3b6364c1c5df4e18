// The only SQL of the census capability. Every query is filtered by the tenant's partnership.
import type { Queryable } from '../../platform/db/db.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import type { CensusSource } from './census-specs.js';
import type { StoredSchoolCounts } from './census-records.js';

export type CensusRow = {
  id: string;
  label: string;
  census_date: string;
  source: CensusSource;
  import_id: string | null;
  created_at: Date;
  /** England's figures for the census year, as percentages of all pupils; null until recorded. */
  england_sen_support: number | null;
  england_ehc_plan: number | null;
};

export type CensusListRow = CensusRow & {
  schools: number;
  pupils: number;
  sen_e: number;
  sen_k: number;
};

const CENSUS_COLUMNS = `c.id, c.label, c.census_date::text AS census_date, c.source, c.import_id, c.created_at,
            c.england_sen_support::float8 AS england_sen_support, c.england_ehc_plan::float8 AS england_ehc_plan`;

/** England's figures as percentages of all pupils (null: not recorded). */
export type EnglandFigures = { senSupport: number | null; ehcPlan: number | null };

/** Saved censuses, newest census date first, with their totals (one grouped query). */
export async function listCensuses(q: Queryable, tenant: Tenant): Promise<CensusListRow[]> {
  return q.query<CensusListRow>(
    `SELECT ${CENSUS_COLUMNS},
            count(s.school_urn)::int AS schools,
            COALESCE(sum(s.total_pupils), 0)::float8 AS pupils,
            COALESCE(sum(s.sen_e), 0)::float8 AS sen_e,
            COALESCE(sum(s.sen_k), 0)::float8 AS sen_k
     FROM censuses c
     LEFT JOIN census_school_counts s ON s.census_id = c.id AND s.partnership_id = c.partnership_id
     WHERE c.partnership_id = $1
     GROUP BY c.id
     ORDER BY c.census_date DESC`,
    [tenant.partnershipId],
  );
}

export async function findCensus(
  q: Queryable,
  tenant: Tenant,
  censusId: string,
): Promise<CensusRow | undefined> {
  const rows = await q.query<CensusRow>(
    `SELECT ${CENSUS_COLUMNS} FROM censuses c WHERE c.partnership_id = $1 AND c.id = $2`,
    [tenant.partnershipId, censusId],
  );
  return rows[0];
}

/** One census, its row locked until the transaction ends, so a change sees the values it replaces. */
export async function lockCensus(
  q: Queryable,
  tenant: Tenant,
  censusId: string,
): Promise<CensusRow | undefined> {
  const rows = await q.query<CensusRow>(
    `SELECT ${CENSUS_COLUMNS} FROM censuses c WHERE c.partnership_id = $1 AND c.id = $2 FOR UPDATE`,
    [tenant.partnershipId, censusId],
  );
  return rows[0];
}

export type CensusSummaryRow = CensusRow & { schools: number; pupils: number };

/** A census's schools and pupils, worked out from its counts. */
const TOTALS_COLUMNS = `(SELECT count(*)::int FROM census_school_counts s WHERE s.census_id = c.id AND s.partnership_id = c.partnership_id) AS schools,
            (SELECT COALESCE(sum(total_pupils), 0)::float8 FROM census_school_counts s WHERE s.census_id = c.id AND s.partnership_id = c.partnership_id) AS pupils`;

export async function findCensusByDate(
  q: Queryable,
  tenant: Tenant,
  censusDate: string,
): Promise<CensusSummaryRow | undefined> {
  const rows = await q.query<CensusSummaryRow>(
    `SELECT ${CENSUS_COLUMNS}, ${TOTALS_COLUMNS}
     FROM censuses c WHERE c.partnership_id = $1 AND c.census_date = $2::date`,
    [tenant.partnershipId, censusDate],
  );
  return rows[0];
}

/** One census with its schools and pupils, as the page that deletes it names them. */
export async function findCensusSummary(
  q: Queryable,
  tenant: Tenant,
  censusId: string,
): Promise<CensusSummaryRow | undefined> {
  const rows = await q.query<CensusSummaryRow>(
    `SELECT ${CENSUS_COLUMNS}, ${TOTALS_COLUMNS}
     FROM censuses c WHERE c.partnership_id = $1 AND c.id = $2`,
    [tenant.partnershipId, censusId],
  );
  return rows[0];
}

/** Deletes a census and its counts; false when the partnership has no such census (any more). */
export async function deleteCensus(
  q: Queryable,
  tenant: Tenant,
  censusId: string,
): Promise<boolean> {
  await q.query('DELETE FROM census_school_counts WHERE partnership_id = $1 AND census_id = $2', [
    tenant.partnershipId,
    censusId,
  ]);
  const deleted = await q.query(
    'DELETE FROM censuses WHERE partnership_id = $1 AND id = $2 RETURNING id',
    [tenant.partnershipId, censusId],
  );
  return deleted.length > 0;
}

export async function insertCensus(
  q: Queryable,
  tenant: Tenant,
  input: {
    label: string;
    censusDate: string;
    source: CensusSource;
    importId: string;
    england?: EnglandFigures;
  },
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO censuses
       (partnership_id, label, census_date, source, import_id, england_sen_support, england_ehc_plan)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      tenant.partnershipId,
      input.label,
      input.censusDate,
      input.source,
      input.importId,
      input.england?.senSupport ?? null,
      input.england?.ehcPlan ?? null,
    ],
  );
  return rows[0]!.id;
}

/** Sets England's figures of a census; false when the partnership has no such census. */
export async function updateEnglandFigures(
  q: Queryable,
  tenant: Tenant,
  censusId: string,
  figures: EnglandFigures,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE censuses SET england_sen_support = $3, england_ehc_plan = $4
     WHERE partnership_id = $1 AND id = $2 RETURNING id`,
    [tenant.partnershipId, censusId, figures.senSupport, figures.ehcPlan],
  );
  return rows.length > 0;
}

/** All of a census's schools in one statement per 5,000 (arrays, not one INSERT per school). */
export async function insertSchoolCounts(
  q: Queryable,
  tenant: Tenant,
  censusId: string,
  schools: readonly StoredSchoolCounts[],
): Promise<void> {
  const CHUNK = 5000;
  for (let start = 0; start < schools.length; start += CHUNK) {
    const chunk = schools.slice(start, start + CHUNK);
    await q.query(
      `INSERT INTO census_school_counts
         (partnership_id, census_id, school_urn, total_pupils, sen_e, sen_k, needs, not_recorded)
       SELECT $1, $2, s.urn, s.total, s.e, s.k, s.needs, s.not_recorded
       FROM unnest($3::text[], $4::int[], $5::int[], $6::int[], $7::jsonb[], $8::jsonb[])
         AS s (urn, total, e, k, needs, not_recorded)`,
      [
        tenant.partnershipId,
        censusId,
        chunk.map((s) => s.school_urn),
        chunk.map((s) => s.total_pupils),
        chunk.map((s) => s.sen_e),
        chunk.map((s) => s.sen_k),
        chunk.map((s) => JSON.stringify(s.needs)),
        chunk.map((s) => JSON.stringify(s.not_recorded)),
      ],
    );
  }
}

export async function listSchoolCounts(
  q: Queryable,
  tenant: Tenant,
  censusId: string,
): Promise<StoredSchoolCounts[]> {
  return q.query<StoredSchoolCounts>(
    `SELECT school_urn, total_pupils, sen_e, sen_k, needs, not_recorded
     FROM census_school_counts WHERE partnership_id = $1 AND census_id = $2
     ORDER BY school_urn`,
    [tenant.partnershipId, censusId],
  );
}

export type SchoolPlaceRow = {
  urn: string;
  name: string;
  district: string | null;
  locality: string | null;
};

/**
 * The partnership's schools with their district and locality. A school sits under a district
 * (itself under a locality) or straight under a locality.
 */
export async function listSchoolPlaces(q: Queryable, tenant: Tenant): Promise<SchoolPlaceRow[]> {
  return q.query<SchoolPlaceRow>(
    `SELECT s.code AS urn, s.name,
            CASE WHEN p1.kind = 'district' THEN p1.name END AS district,
            CASE WHEN p1.kind = 'locality' THEN p1.name
                 WHEN p2.kind = 'locality' THEN p2.name END AS locality
     FROM geography_units s
     LEFT JOIN geography_units p1 ON p1.id = s.parent_id AND p1.partnership_id = s.partnership_id
     LEFT JOIN geography_units p2 ON p2.id = p1.parent_id AND p2.partnership_id = s.partnership_id
     WHERE s.partnership_id = $1 AND s.kind = 'school'`,
    [tenant.partnershipId],
  );
}
