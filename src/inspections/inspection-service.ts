import type { Db, Queryable } from '../platform/db/db.js';
import { invalid, RuleBroken, type FieldProblem } from '../platform/commands/result.js';
import { versionedEdit, type Edit } from '../platform/db/versioned.js';
import type { Actor } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import {
  findFinding,
  findInspection,
  insertFinding,
  insertInspection,
  moveFinding,
  updateFinding,
  updateInspection,
  type FindingInput,
  type FindingRow,
  type InspectionInput,
  type InspectionRow,
} from './inspection-repository.js';
import { recordAudit } from '../platform/audit/record.js';

export type { Edit };

/**
 * The checks of what an inspection follows and which earlier findings its findings judge, run
 * inside the write's transaction (with those rows held) so a delete cannot slip in between.
 */
export type LinkCheck<T = undefined> = (tx: Queryable, found: T) => Promise<FieldProblem[]>;

/** Problems found: the transaction rolls back and the command answers `invalid` (see settle). */
async function mustPass<T>(tx: Queryable, check: LinkCheck<T> | undefined, found: T) {
  const problems = check ? await check(tx, found) : [];
  if (problems.length) throw new RuleBroken(invalid(...problems));
}

/** Records an inspection, with any findings it already has (the letter import), in one transaction. */
export async function createInspection(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  input: InspectionInput,
  findings: FindingInput[] = [],
  check?: LinkCheck,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    await mustPass(tx, check, undefined);
    const created = await insertInspection(tx, tenant, input);
    for (const finding of findings) await insertFinding(tx, tenant, created.id, finding);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'inspection',
      entityId: created.id,
      action: 'create',
      after: { ...input, findings: findings.length },
    });
    return created;
  });
}

export async function editInspection(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  id: string,
  input: InspectionInput,
  version: number,
  check?: LinkCheck<InspectionRow>,
): Promise<Edit<InspectionRow>> {
  return db.transaction(async (tx) => {
    const current = await findInspection(tx, tenant, id);
    // A stale edit is a conflict first: the links are checked against the inspection as read.
    if (current?.version === version) await mustPass(tx, check, current);
    return versionedEdit(
      current,
      version,
      () => updateInspection(tx, tenant, id, input, version),
      async (current) => {
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: 'inspection',
          entityId: id,
          action: 'update',
          before: current,
          after: input,
        });
      },
    );
  });
}

export async function addFinding(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  inspectionId: string,
  input: FindingInput,
  check?: LinkCheck<InspectionRow>,
): Promise<{ id: string } | undefined> {
  return db.transaction(async (tx) => {
    const inspection = await findInspection(tx, tenant, inspectionId);
    if (!inspection) return undefined;
    await mustPass(tx, check, inspection);
    const created = await insertFinding(tx, tenant, inspectionId, input);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'finding',
      entityId: created.id,
      action: 'create',
      after: { inspection_id: inspectionId, ...input },
    });
    return created;
  });
}

export async function editFinding(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  inspectionId: string,
  id: string,
  input: FindingInput,
  version: number,
  check?: LinkCheck<InspectionRow>,
): Promise<Edit<FindingRow>> {
  return db.transaction(async (tx) => {
    const inspection = await findInspection(tx, tenant, inspectionId);
    if (inspection) await mustPass(tx, check, inspection);
    const current = await findFinding(tx, tenant, inspectionId, id);
    return versionedEdit(
      current,
      version,
      () => updateFinding(tx, tenant, id, input, version),
      async (current) => {
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: 'finding',
          entityId: id,
          action: 'update',
          before: {
            type: current.type,
            question: current.question,
            text: current.text,
            sufficient_progress: current.sufficient_progress,
          },
          after: input,
        });
      },
    );
  });
}

/** Why a finding cannot be deleted, or null: removeFinding (the command) refuses with the same words. */
export function findingRemovalProblem(
  finding: Pick<FindingRow, 'priority_count' | 'judgement_count'>,
): string | null {
  if (finding.priority_count > 0)
    return 'This finding is linked to a plan’s priority. Remove it from the priority first.';
  if (finding.judgement_count > 0)
    return 'A revisit or monitoring inspection judges this finding. Change that judgement first.';
  return null;
}

export async function reorderFinding(
  db: Db,
  actor: Actor,
  tenant: Tenant,
  inspectionId: string,
  id: string,
  direction: 'up' | 'down',
): Promise<void> {
  await db.transaction(async (tx) => {
    await moveFinding(tx, tenant, inspectionId, id, direction);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'finding',
      entityId: id,
      action: `move ${direction}`,
    });
  });
}
