/**
 * Archiving an indicator (off the dashboard, its values kept) and restoring it. The route says
 * which; there is no other input.
 */
import {
  notFound,
  ok,
  type CommandContext,
  type Result,
} from '../../../platform/commands/result.js';
import * as repo from '../indicator-repository.js';
import { setIndicatorArchived } from '../indicator-service.js';

/** `changed` is false when it already was as asked (archived twice, or restored when active). */
export async function archiveIndicator(
  { db, actor, tenant }: CommandContext,
  indicatorId: string,
  archived: boolean,
): Promise<Result<{ changed: boolean }>> {
  if (!(await repo.findIndicator(db, tenant, indicatorId))) return notFound;
  return ok({ changed: await setIndicatorArchived(db, actor, tenant, indicatorId, archived) });
}
