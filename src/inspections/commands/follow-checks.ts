/**
 * The checks that need the database when a revisit or monitoring inspection says what it
 * follows, and when its findings say which earlier finding they judge: ids must be this
 * partnership's and of the right kind, or the field says why (never silently dropped). They run
 * inside the write's transaction and hold the rows they accept (FOR KEY SHARE), so a delete of
 * the followed inspection or a judged finding waits for the write and is then refused.
 */
import type { Queryable } from '../../platform/db/db.js';
import type { FieldProblem } from '../../platform/commands/result.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import * as repo from '../inspection-repository.js';
import { followProblem, judgementProblem } from '../inspection-rules.js';

/** The inspection's `followsInspectionId`, checked; `current` is the inspection being changed. */
export async function followsProblems(
  q: Queryable,
  tenant: Tenant,
  input: repo.InspectionInput,
  current?: repo.InspectionRow,
): Promise<FieldProblem[]> {
  const follows = input.followsInspectionId ?? null;
  if (
    current &&
    follows !== current.follows_inspection_id &&
    (await repo.countJudgements(q, tenant, current.id)) > 0
  )
    return [
      {
        field: 'followsInspectionId',
        text: 'Some of this inspection’s findings judge findings of the inspection it follows: change those findings first',
      },
    ];
  if (follows === null) return [];
  await repo.holdInspection(q, tenant, follows);
  const followed = await repo.findInspection(q, tenant, follows);
  const problem = followProblem(
    { kind: input.kind, ...(current ? { id: current.id } : {}) },
    followed,
  );
  return problem ? [{ field: 'followsInspectionId', text: problem }] : [];
}

/**
 * Each finding's `judgesFindingId`, checked against the inspection its inspection follows;
 * `prefix` names a finding in a list (`findings.2.`), as the letter import sends them.
 */
export async function judgementProblems(
  q: Queryable,
  tenant: Tenant,
  follows: string | null,
  findings: readonly { judgesFindingId?: string | null }[],
  prefix: (index: number) => string = () => '',
): Promise<FieldProblem[]> {
  const ids = findings.flatMap((f) => (f.judgesFindingId ? [f.judgesFindingId] : []));
  const judged = new Map((await repo.findFindingsByIds(q, tenant, ids)).map((f) => [f.id, f]));
  return findings.flatMap((f, i) => {
    if (!f.judgesFindingId) return [];
    const problem = judgementProblem(follows, judged.get(f.judgesFindingId));
    return problem ? [{ field: `${prefix(i)}judgesFindingId`, text: problem }] : [];
  });
}
