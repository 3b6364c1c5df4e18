/**
 * Recording, changing and deleting an inspection: the input checked against its schema and the
 * rules between its fields, then written with its audit entry, for the pages, the API and the
 * letter import alike.
 */
import {
  conflict,
  invalid,
  notFound,
  ok,
  refused,
  RuleBroken,
  settle,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { recordAudit, recordCascadedDeletes } from '../../platform/audit/record.js';
import { checkFinding, checkInspection, withoutVersion } from '../input-checks.js';
import { InspectionChange, NewFinding, NewInspection } from '../inputs.js';
import * as repo from '../inspection-repository.js';
import { createInspection, editInspection } from '../inspection-service.js';
import {
  deleteInspection,
  inspectionKeyDates,
  lockInspectionForDelete,
} from '../removal-repository.js';
import { inspectionRemovalProblem, isStillReferenced } from '../removal-service.js';
import { followsProblems, judgementProblems } from './follow-checks.js';

/**
 * Records an inspection with any findings it already has (the letter import), in one
 * transaction. A finding's problem names it: `findings.2.text`.
 */
export async function recordInspection(
  context: CommandContext,
  raw: unknown,
  findings: readonly unknown[] = [],
): Promise<Result<repo.InspectionRow>> {
  const checked = checkInspection(NewInspection, raw);
  const problems: FieldProblem[] = checked.ok ? [] : checked.problems;
  const list: repo.FindingInput[] = [];
  findings.forEach((finding, i) => {
    const read = checkFinding(NewFinding, finding);
    if (read.ok) list.push(read.value);
    else problems.push(...read.problems.map((p) => ({ ...p, field: `findings.${i}.${p.field}` })));
  });
  if (!checked.ok || problems.length) return invalid(...problems);
  const input = withoutVersion(checked.value);
  const { db, actor, tenant } = context;
  return settle(async () => {
    const created = await createInspection(db, actor, tenant, input, list, async (tx) => [
      ...(await followsProblems(tx, tenant, input)),
      ...(await judgementProblems(
        tx,
        tenant,
        input.followsInspectionId ?? null,
        list,
        (i) => `findings.${i}.`,
      )),
    ]);
    return ok((await repo.findInspection(db, tenant, created.id))!);
  });
}

/** The change as it was asked for, and the inspection it was asked of: both go on a conflict page. */
export type InspectionConflict = { current: repo.InspectionRow; asked: repo.InspectionInput };

export async function changeInspection(
  context: CommandContext,
  inspectionId: string,
  raw: unknown,
): Promise<Result<repo.InspectionRow, InspectionConflict>> {
  const checked = checkInspection(InspectionChange, raw);
  if (!checked.ok) return invalid(...checked.problems);
  const { version, ...input } = checked.value;
  const { db, actor, tenant } = context;
  return settle(async () => {
    const edit = await editInspection(
      db,
      actor,
      tenant,
      inspectionId,
      input,
      version!,
      (tx, current) => followsProblems(tx, tenant, input, current),
    );
    if (edit.outcome === 'not-found') return notFound;
    if (edit.outcome === 'conflict') return conflict({ current: edit.current, asked: input });
    return ok((await repo.findInspection(db, tenant, inspectionId))!);
  });
}

/**
 * Deletes an inspection recorded by mistake. Nothing is cascaded: an inspection with findings or
 * a plan is refused, so the history a plan answers can never disappear with it.
 */
export async function removeInspection(
  context: CommandContext,
  inspectionId: string,
): Promise<Result<repo.InspectionRow>> {
  const { db, actor, tenant } = context;
  try {
    return await settle(() =>
      db.transaction(async (tx) => {
        await lockInspectionForDelete(tx, tenant, inspectionId);
        const current = await repo.findInspection(tx, tenant, inspectionId);
        if (!current) return notFound;
        const problem = await inspectionRemovalProblem(tx, tenant, inspectionId);
        if (problem) throw new RuleBroken(refused(problem));
        // Its dates set by others go with it (the table cascades): each is audited as deleted.
        const keyDates = await inspectionKeyDates(tx, tenant, inspectionId);
        await deleteInspection(tx, tenant, inspectionId);
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: 'inspection',
          entityId: inspectionId,
          action: 'delete',
          before: current,
        });
        await recordCascadedDeletes(tx, actor, tenant.partnershipId, 'key date', keyDates);
        return ok(current);
      }),
    );
  } catch (error) {
    if (isStillReferenced(error)) return refused('Other records still refer to this inspection.');
    throw error;
  }
}
