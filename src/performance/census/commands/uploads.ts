/**
 * Saving a census upload after its preview, cancelling it, and deleting a saved census: for the
 * pages and a later API alike. Each takes only the id in its address: there is no other input.
 * What is no longer there (saved, cancelled or deleted meanwhile, or another partnership's) is
 * `not-found`.
 */
import {
  notFound,
  ok,
  type CommandContext,
  type Result,
} from '../../../platform/commands/result.js';
import type { CensusSummaryRow } from '../census-repository.js';
import { cancelCensus, confirmCensus, deleteCensus } from '../census-service.js';

export type CensusSaved = { censusId: string; label: string; replaced: boolean };

/** Saves a staged census, replacing one with the same date. */
export async function saveCensusUpload(
  { db, actor, tenant }: CommandContext,
  pendingId: string,
): Promise<Result<CensusSaved>> {
  const result = await confirmCensus(db, actor, tenant, pendingId);
  if (result.status === 'gone') return notFound;
  return ok({ censusId: result.censusId, label: result.label, replaced: result.replaced });
}

/** Drops a staged census: nothing is saved. */
export async function cancelCensusUpload(
  { db, tenant }: CommandContext,
  pendingId: string,
): Promise<Result<null>> {
  return (await cancelCensus(db, tenant, pendingId)) ? ok(null) : notFound;
}

/** Deletes a saved census and its counts; the record of its import stays. */
export async function deleteSavedCensus(
  { db, actor, tenant }: CommandContext,
  censusId: string,
): Promise<Result<CensusSummaryRow>> {
  const result = await deleteCensus(db, actor, tenant, censusId);
  return result.status === 'gone' ? notFound : ok(result.census);
}
