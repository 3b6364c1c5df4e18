/**
 * What a plan document is written from: the plan as it stands (frozen into the same shape as a
 * version) or one of its versions, with the findings it answers and the inspection's name.
 */
import { findInspection, inspectionTitle, type FindingType } from '../inspections/index.js';
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import * as repo from './plan-repository.js';
import type { PlanKind, PlanStatus } from './plan-rules.js';
import { loadPlan } from './plan-service.js';
import { buildSnapshot } from './plan-snapshot.js';

export type PlanDocumentSource = {
  plan: { id: string; kind: PlanKind; status: PlanStatus; title: string; ownerName: string | null };
  inspectionTitle: string | null;
  snapshot: repo.PlanSnapshot;
  /** The version the document shows; null for the plan as it is now. */
  version: { number: number; event: string; eventOn: string; note: string } | null;
  /** The inspection's findings the plan's priorities answer, in the inspection's order. */
  findings: { id: string; type: FindingType; text: string }[];
};

/** The plan (or its version `versionNumber`) as a document shows it; none when not found. */
export async function planDocumentSource(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  versionNumber?: number,
): Promise<PlanDocumentSource | undefined> {
  const [loaded, version] = await Promise.all([
    loadPlan(q, tenant, planId),
    versionNumber === undefined
      ? undefined
      : repo.findPlanVersion(q, tenant, planId, versionNumber),
  ]);
  if (!loaded || (versionNumber !== undefined && !version)) return undefined;
  const snapshot = version ? version.snapshot : buildSnapshot(loaded);
  const inspection = loaded.plan.inspection_id
    ? await findInspection(q, tenant, loaded.plan.inspection_id)
    : undefined;
  const answered = new Set(snapshot.priorities.flatMap((p) => p.findingIds));
  return {
    plan: {
      id: loaded.plan.id,
      kind: loaded.plan.kind,
      status: loaded.plan.status,
      title: snapshot.title,
      ownerName: loaded.plan.owner_name,
    },
    inspectionTitle: inspection ? inspectionTitle(inspection) : null,
    snapshot,
    version: version
      ? {
          number: version.number,
          event: version.event,
          eventOn: version.event_on,
          note: version.note,
        }
      : null,
    findings: loaded.findings
      .filter((f) => answered.has(f.id))
      .map((f) => ({ id: f.id, type: f.type, text: f.text })),
  };
}
