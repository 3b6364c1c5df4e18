import type { MemberRow } from '../../../platform/directory/directory.js';
import { actionNumber } from '../../action-numbers.js';
import type * as repo from '../../plan-repository.js';
import * as rules from '../../plan-rules.js';

/**
 * Who may be chosen as an action's lead: current members whose role can record updates
 * (rules.LEAD_ROLES). The action's current lead stays listed, marked, if they no longer qualify.
 */
export function leadChoices(people: readonly MemberRow[], currentLead: string | null) {
  return people.flatMap((p) => {
    if (!p.disabled_at && rules.LEAD_ROLES.includes(p.role)) return [{ id: p.id, text: p.name }];
    if (p.id === currentLead) return [{ id: p.id, text: `${p.name} (cannot record updates)` }];
    return [];
  });
}

/**
 * "Part of action": the top-level actions of the chosen priority (all of the plan's until one is
 * chosen), never the action itself; an action with sub-actions cannot become one.
 */
export function parentChoices(
  loaded: { priorities: readonly repo.PriorityRow[]; actions: readonly repo.ActionRow[] },
  priorityId: string,
  actionId: string | undefined,
  hasSubActions: boolean,
) {
  if (hasSubActions) return [];
  return loaded.actions
    .filter(
      (a) =>
        a.parent_action_id === null &&
        a.id !== actionId &&
        (!priorityId ||
          !loaded.priorities.some((p) => p.id === priorityId) ||
          a.priority_id === priorityId),
    )
    .map((a) => ({ id: a.id, text: `${actionNumber(a)} ${a.title}` }));
}
