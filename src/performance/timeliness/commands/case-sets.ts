/**
 * Saving a file of EHC cases after its preview, cancelling it, and deleting a saved case set: for
 * the pages and a later API alike. What is no longer there (saved, cancelled or deleted meanwhile,
 * or another partnership's) is `not-found`.
 */
import { parseInput } from '../../../platform/commands/input.js';
import {
  invalid,
  notFound,
  ok,
  type CommandContext,
  type Result,
} from '../../../platform/commands/result.js';
import { CaseImportCancel, CaseImportSave } from '../inputs.js';
import type { CaseSetRow } from '../timeliness-repository.js';
import {
  cancelCaseImport,
  confirmCaseImport,
  deleteCaseSet,
  type SavedCaseSet,
} from '../timeliness-service.js';

/** Saves the staged file as a case set, replacing one with the same label. */
export async function saveCaseUpload(
  { db, actor, tenant }: CommandContext,
  raw: unknown,
): Promise<Result<SavedCaseSet>> {
  const parsed = parseInput(CaseImportSave, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const saved = await confirmCaseImport(db, actor, tenant, parsed.value.importId);
  return saved ? ok(saved) : notFound;
}

/** Drops the staged file: nothing is saved. */
export async function cancelCaseUpload(
  { db, tenant }: CommandContext,
  raw: unknown,
): Promise<Result<null>> {
  const parsed = parseInput(CaseImportCancel, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  return (await cancelCaseImport(db, tenant, parsed.value.importId)) ? ok(null) : notFound;
}

/**
 * Deletes a saved case set and its cases; the record of its import stays. It takes only the id in
 * its address: there is no other input.
 */
export async function deleteSavedCaseSet(
  { db, actor, tenant }: CommandContext,
  caseSetId: string,
): Promise<Result<CaseSetRow>> {
  const deleted = await deleteCaseSet(db, actor, tenant, caseSetId);
  return deleted ? ok(deleted) : notFound;
}
