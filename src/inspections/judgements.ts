/**
 * The chain from a finding to its judgement, read for pages and the API alike: what an
 * inspection follows and is followed by, what each of its findings judges, and how later
 * inspections judged each of its findings.
 */
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import * as repo from './inspection-repository.js';
import { FOLLOWS_KIND, inspectionTitle, JUDGED_TYPES } from './inspection-rules.js';

export type Followed = {
  inspection: repo.InspectionRow;
  title: string;
  /** The findings a judgement may point at: weaknesses and areas for priority action. */
  judgeable: repo.FindingRow[];
};

/** The inspection this one follows, with the findings it may judge; undefined if none. */
export async function followedInspection(
  q: Queryable,
  tenant: Tenant,
  inspection: Pick<repo.InspectionRow, 'follows_inspection_id'>,
): Promise<Followed | undefined> {
  const id = inspection.follows_inspection_id;
  if (!id) return undefined;
  const [followed, findings] = await Promise.all([
    repo.findInspection(q, tenant, id),
    repo.listFindings(q, tenant, id),
  ]);
  if (!followed) return undefined;
  return {
    inspection: followed,
    title: inspectionTitle(followed),
    judgeable: findings.filter((f) => JUDGED_TYPES.includes(f.type)),
  };
}

/** The inspections a revisit or monitoring inspection of this kind may follow, as choices. */
export async function followChoices(
  q: Queryable,
  tenant: Tenant,
  exceptId?: string,
): Promise<{ id: string; title: string; kind: repo.InspectionRow['kind'] }[]> {
  const followable = new Set(Object.values(FOLLOWS_KIND));
  return (await repo.listInspections(q, tenant))
    .filter((i) => i.id !== exceptId && followable.has(i.kind))
    .map((i) => ({ id: i.id, title: inspectionTitle(i), kind: i.kind }));
}

export type Judgement = repo.JudgementRow & { title: string };

/**
 * For each of an inspection's findings (with null, every finding of the partnership), how later
 * inspections judged it, oldest first.
 */
export async function judgementsOf(
  q: Queryable,
  tenant: Tenant,
  inspectionId: string | null,
): Promise<Map<string, Judgement[]>> {
  const byFinding = new Map<string, Judgement[]>();
  for (const row of await repo.listJudgementsOf(q, tenant, inspectionId)) {
    const list = byFinding.get(row.judges_finding_id) ?? [];
    list.push({ ...row, title: inspectionTitle(row) });
    byFinding.set(row.judges_finding_id, list);
  }
  return byFinding;
}

/** A finding's words cut to a length a select option can show. */
export const shortText = (text: string, max = 110) =>
  text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
