/**
 * Adding, changing and deleting a finding of an inspection (with a revisit's judgement of
 * sufficient progress): the input checked against its schema, then written with its audit
 * entry, for the pages and the API alike.
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
  type Result,
} from '../../platform/commands/result.js';
import { recordAudit } from '../../platform/audit/record.js';
import { checkFinding, withoutVersion } from '../input-checks.js';
import { FindingChange, NewFinding } from '../inputs.js';
import * as repo from '../inspection-repository.js';
import { addFinding, editFinding, findingRemovalProblem } from '../inspection-service.js';
import { isStillReferenced } from '../removal-service.js';
import { judgementProblems } from './follow-checks.js';

export async function recordFinding(
  context: CommandContext,
  inspectionId: string,
  raw: unknown,
): Promise<Result<repo.FindingRow>> {
  const checked = checkFinding(NewFinding, raw);
  if (!checked.ok) return invalid(...checked.problems);
  const input = withoutVersion(checked.value);
  const { db, actor, tenant } = context;
  return settle(async () => {
    const created = await addFinding(db, actor, tenant, inspectionId, input, (tx, inspection) =>
      judgementProblems(tx, tenant, inspection.follows_inspection_id, [input]),
    );
    if (!created) return notFound;
    return ok((await repo.findFinding(db, tenant, inspectionId, created.id))!);
  });
}

/** The change as it was asked for, and the finding it was asked of: both go on a conflict page. */
export type FindingConflict = { current: repo.FindingRow; asked: repo.FindingInput };

export async function changeFinding(
  context: CommandContext,
  inspectionId: string,
  findingId: string,
  raw: unknown,
): Promise<Result<repo.FindingRow, FindingConflict>> {
  const checked = checkFinding(FindingChange, raw);
  if (!checked.ok) return invalid(...checked.problems);
  const { version, ...input } = checked.value;
  const { db, actor, tenant } = context;
  return settle(async () => {
    const edit = await editFinding(
      db,
      actor,
      tenant,
      inspectionId,
      findingId,
      input,
      version!,
      (tx, inspection) => judgementProblems(tx, tenant, inspection.follows_inspection_id, [input]),
    );
    if (edit.outcome === 'not-found') return notFound;
    if (edit.outcome === 'conflict') return conflict({ current: edit.current, asked: input });
    return ok((await repo.findFinding(db, tenant, inspectionId, findingId))!);
  });
}

/** A finding a plan already answers cannot be deleted: unlink it from the plan's priorities first. */
export async function removeFinding(
  context: CommandContext,
  inspectionId: string,
  findingId: string,
): Promise<Result<repo.FindingRow>> {
  const { db, actor, tenant } = context;
  try {
    return await settle(() =>
      db.transaction(async (tx) => {
        const current = await repo.findFinding(tx, tenant, inspectionId, findingId);
        if (!current) return notFound;
        const problem = findingRemovalProblem(current);
        if (problem) throw new RuleBroken(refused(problem));
        await repo.deleteFinding(tx, tenant, findingId);
        await recordAudit(tx, actor, {
          partnershipId: tenant.partnershipId,
          entityType: 'finding',
          entityId: findingId,
          action: 'delete',
          before: { type: current.type, text: current.text },
        });
        return ok(current);
      }),
    );
  } catch (error) {
    // A priority linked to it between the check and the delete: refused, not a server error.
    if (isStillReferenced(error)) return refused('A plan priority now answers this finding.');
    throw error;
  }
}
