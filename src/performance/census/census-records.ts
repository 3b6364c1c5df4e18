// Per-school census counts in the shapes they travel in: compact (a pending import's payload),
// stored (a census_school_counts row) and full (census.ts's SchoolCensusCounts). Pure.
import {
  NEED_CODES,
  type NeedCode,
  type ProvisionCounts,
  type SchoolCensusCounts,
} from './census.js';
import type { CensusSource } from './census-specs.js';

/**
 * One school, compactly: `e` and `k` hold the pupils with an EHC plan and on SEN support by
 * primary need in NEED_CODES order, then those with no primary need recorded (15 numbers each).
 */
export interface CompactSchool {
  u: string;
  t: number;
  e: number[];
  k: number[];
}

/** What a checked census file leaves waiting for confirmation: counts per school, no pupils. */
export interface PendingCensusPayload {
  label: string;
  censusDate: string;
  source: CensusSource;
  schools: CompactSchool[];
}

export interface CensusTotals {
  schools: number;
  pupils: number;
  E: number;
  K: number;
}

export function compactSchool(school: SchoolCensusCounts): CompactSchool {
  const e: number[] = [];
  const k: number[] = [];
  for (const code of NEED_CODES) {
    e.push(school.needs[code].E);
    k.push(school.needs[code].K);
  }
  e.push(school.notRecorded.E);
  k.push(school.notRecorded.K);
  return { u: school.schoolUrn, t: school.totalPupils, e, k };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function expandSchool(school: CompactSchool): SchoolCensusCounts {
  const needs = {} as Record<NeedCode, ProvisionCounts>;
  NEED_CODES.forEach((code, i) => {
    needs[code] = { E: school.e[i] ?? 0, K: school.k[i] ?? 0 };
  });
  return {
    schoolUrn: school.u,
    totalPupils: school.t,
    sen: { E: sum(school.e), K: sum(school.k) },
    needs,
    notRecorded: { E: school.e[NEED_CODES.length] ?? 0, K: school.k[NEED_CODES.length] ?? 0 },
  };
}

export function compactTotals(schools: readonly CompactSchool[]): CensusTotals {
  let pupils = 0;
  let E = 0;
  let K = 0;
  for (const school of schools) {
    pupils += school.t;
    E += sum(school.e);
    K += sum(school.k);
  }
  return { schools: schools.length, pupils, E, K };
}

/** A stored row's jsonb: only needs with pupils, so a small school's row stays small. */
export type StoredNeeds = Partial<Record<NeedCode, Partial<ProvisionCounts>>>;

export interface StoredSchoolCounts {
  school_urn: string;
  total_pupils: number;
  sen_e: number;
  sen_k: number;
  needs: StoredNeeds;
  not_recorded: Partial<ProvisionCounts>;
}

export function toStored(school: CompactSchool): StoredSchoolCounts {
  const needs: StoredNeeds = {};
  NEED_CODES.forEach((code, i) => {
    const E = school.e[i] ?? 0;
    const K = school.k[i] ?? 0;
    if (E > 0 || K > 0) needs[code] = { E, K };
  });
  const n = NEED_CODES.length;
  return {
    school_urn: school.u,
    total_pupils: school.t,
    sen_e: sum(school.e),
    sen_k: sum(school.k),
    needs,
    not_recorded: { E: school.e[n] ?? 0, K: school.k[n] ?? 0 },
  };
}

export function fromStored(row: StoredSchoolCounts): SchoolCensusCounts {
  const needs = {} as Record<NeedCode, ProvisionCounts>;
  for (const code of NEED_CODES) {
    const stored = row.needs[code];
    needs[code] = { E: Number(stored?.E ?? 0), K: Number(stored?.K ?? 0) };
  }
  return {
    schoolUrn: row.school_urn,
    totalPupils: Number(row.total_pupils),
    sen: { E: Number(row.sen_e), K: Number(row.sen_k) },
    needs,
    notRecorded: { E: Number(row.not_recorded.E ?? 0), K: Number(row.not_recorded.K ?? 0) },
  };
}
