/**
 * The partnership's risk matrix, set by an admin: its kind, level labels and tolerance. Refused
 * field by field while it would leave a risk rated off the matrix (see matrixProblems).
 */
import { recordAudit } from '../../platform/audit/record.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  ok,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import { MatrixChange } from '../inputs.js';
import { levelsInUse, loadMatrix, saveMatrix } from '../risk-repository.js';
import { linesOf, matrixProblems, type RiskMatrix } from '../risk-rules.js';

export type SavedMatrix = RiskMatrix & { version: number };

export async function changeMatrix(
  context: CommandContext,
  raw: unknown,
): Promise<Result<SavedMatrix, { current: SavedMatrix }>> {
  const { db, tenant, actor } = context;
  const parsed = parseInput(MatrixChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const v = parsed.value;
  const matrix: RiskMatrix = {
    kind: v.kind,
    likelihoodLabels: linesOf(v.likelihoodLabels),
    impactLabels: linesOf(v.impactLabels),
    tolerance: v.tolerance,
  };
  return db.transaction(async (tx) => {
    const problems = matrixProblems(matrix, await levelsInUse(tx, tenant));
    if (problems.length) return invalid(...problems);
    const current = await loadMatrix(tx, tenant);
    if (!(await saveMatrix(tx, tenant, matrix, v.version))) return conflict({ current });
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'risk matrix',
      entityId: tenant.partnershipId,
      action: 'update',
      before: { ...current, version: undefined },
      after: matrix,
    });
    return ok(await loadMatrix(tx, tenant));
  });
}
